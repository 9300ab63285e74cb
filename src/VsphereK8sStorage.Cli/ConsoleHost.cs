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

    /// <summary>The command's --what-if was given: say what would be done, do nothing.</summary>
    public bool WhatIf { get; init; }

    /// <summary>The command's --force was given: destructive actions need no second confirmation.</summary>
    public bool Force { get; init; }

    /// <summary>The option that confirms a destructive action on this command ("--force"), or null when it has none.</summary>
    public string? ForceOption { get; init; }

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
        if (WhatIf)
        {
            WriteLine($"vk8s: what if: would {action} {target} (--what-if: nothing was changed)");
            return false;
        }

        return true;
    }

    /// <summary>vk8s never prompts (it runs in scripts): without the command's confirming option the action is not done.</summary>
    public bool ShouldContinue(string query, string caption)
    {
        if (Force)
        {
            return true;
        }

        WriteLine(ForceOption is null
            ? $"vk8s: {caption}: {query} Not done: this command has no option to confirm it."
            : $"vk8s: {caption}: {query} Not done; pass {ForceOption} to confirm.");
        return false;
    }

    private void WriteLine(string line)
    {
        line = Param.Render(line, ParameterSyntax.Cli);
        if (progressShown)
        {
            io.Error.Write("\r\u001b[2K");
            progressShown = false;
        }

        io.Error.WriteLine(line);
    }
}
