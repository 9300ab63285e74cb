using System;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Cli;

/// <summary>
/// The core's host on a console: results go to stdout, everything else to stderr, one line each,
/// so stdout stays clean for pipes (| jq, | grep).
/// </summary>
internal sealed class ConsoleHost : IOperationHost
{
    private readonly ConsoleIO io;
    private readonly bool verbose;
    private readonly bool debug;
    private bool progressShown;

    public ConsoleHost(ConsoleIO io, bool verbose, bool debug)
    {
        this.io = io;
        this.verbose = verbose || debug;
        this.debug = debug;
    }

    public bool DryRun { get; init; }

    public bool AssumeYes { get; init; }

    public void WriteVerbose(string message)
    {
        if (verbose)
        {
            WriteLine($"vk8s: {message}");
        }
    }

    public void WriteDebug(string message)
    {
        if (debug)
        {
            WriteLine($"vk8s: debug: {message}");
        }
    }

    public void WriteWarning(string message) => WriteLine($"vk8s: warning: {message}");

    public void WriteError(VsphereK8sException error) => WriteLine($"vk8s: error: {error.Message}");

    /// <summary>A single self-overwriting line, and only on a terminal: logs of runbooks stay clean.</summary>
    public void WriteProgress(ProgressReport progress)
    {
        if (!io.ErrorIsTerminal)
        {
            return;
        }

        var percent = progress.PercentComplete >= 0 ? $" {progress.PercentComplete,3}%" : string.Empty;
        var text = progress.Completed ? string.Empty : $"{progress.Activity}:{percent} {progress.Status}";
        io.Error.Write("\r\u001b[2K" + text);
        progressShown = !progress.Completed;
    }

    public bool ShouldProcess(string target, string action)
    {
        if (DryRun)
        {
            WriteLine($"vk8s: dry run: would {action} {target}");
            return false;
        }

        return true;
    }

    public bool ShouldContinue(string query, string caption)
    {
        if (AssumeYes)
        {
            return true;
        }

        WriteLine($"vk8s: {caption}: {query} Not done; pass --force to confirm.");
        return false;
    }

    private void WriteLine(string line)
    {
        if (progressShown)
        {
            io.Error.Write("\r\u001b[2K");
            progressShown = false;
        }

        io.Error.WriteLine(line);
    }
}
