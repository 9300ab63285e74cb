using VsphereK8sStorage.Cli.Commands;
using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Cli;

/// <summary>
/// vk8s's command tree. Every cmdlet has a subcommand named after it in kebab case
/// (Get-PvcBinding → get-pvc-binding) whose options are its parameters in kebab case.
/// </summary>
public static class CliApp
{
    /// <summary>
    /// True when this run is the vk8s executable's own process (Program.cs), which it may shape for one command; false
    /// when CliApp runs inside another host (tests), whose process it must leave as it found it.
    /// </summary>
    internal static bool OwnsProcess { get; set; }

    /// <summary>The subcommands, one per cmdlet.</summary>
    internal static IReadOnlyList<ICliCommand> Commands { get; } = new ICliCommand[]
    {
        new GetPvcBindingCliCommand(),
        new ConnectVsphereServerCliCommand(),
        new DisconnectVsphereServerCliCommand(),
        new GetVsphereVmCliCommand(),
        new GetVsphereDatastoreCliCommand(),
        new NewVsphereVmdkCliCommand(),
        new NewVsphereFcdCliCommand(),
        new GetVsphereFcdCliCommand(),
        new GetCnsVolumeCliCommand(),
        new GetVsphereK8sStorageMapCliCommand(),
        RemoveVsphereDiskCliCommand.Fcd,
        RemoveVsphereDiskCliCommand.Vmdk,
        new EnableDiskUuidCliCommand(),
        new TestDiskUuidCliCommand(),
        new GetVsphereStoragePolicyCliCommand(),
        new NewK8sPersistentVolumeCliCommand(),
        new NewK8sPersistentVolumeClaimCliCommand(),
        new NewK8sStorageClassCliCommand(),
        K8sNodeTaintCliCommand.Add,
        K8sNodeTaintCliCommand.Remove,
        new TestVsphereK8sReadinessCliCommand(),
        InstallVsphereDriverCliCommand.Cpi,
        InstallVsphereDriverCliCommand.Csi,
        UninstallVsphereDriverCliCommand.Cpi,
        UninstallVsphereDriverCliCommand.Csi,
    };

    /// <summary>Builds a fresh tree: System.CommandLine options belong to one tree, so nothing here is shared.</summary>
    public static RootCommand BuildRootCommand(ConsoleIO io)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand(
            "vk8s: Kubernetes persistent storage on VMware vSphere, scripted end to end.\n" + ExitCodes.Help);
        root.Options.Add(globals.Output);
        root.Options.Add(globals.Verbose);
        root.Options.Add(globals.Debug);
        foreach (var command in Commands)
        {
            root.Subcommands.Add(command.Build(io, globals));
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, ConsoleIO io)
    {
        // Exception messages name options as vk8s spells them (--fs-type) for the rest of this run.
        Param.Use(ParameterSyntax.Cli);
        var root = BuildRootCommand(io);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
        {
            var command = parseResult.CommandResult.Command;
            var usage = command == root ? "vk8s --help" : $"vk8s {command.Name} --help";
            var message = command == root && parseResult.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-')) is { } typed
                ? Param.Render(CommandSuggestion.UnknownCommand(typed, Commands.Select(c => c.CmdletName)), ParameterSyntax.Cli)
                : parseResult.Errors[0].Message;
            io.Error.WriteLine($"vk8s: error: {message} Run '{usage}' for usage.");
            return ExitCodes.InvalidInput;
        }

        // vk8s handles SIGINT and SIGTERM itself: a run over many items finishes what is in flight and says what it
        // changed, which can take longer than System.CommandLine's default wait before it forces the exit.
        using var signals = new Interruption();
        var configuration = new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return await parseResult.InvokeAsync(configuration, signals.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one subcommand's work and turns failures into one line on stderr and an exit code;
    /// the stack trace only with --debug.
    /// </summary>
    internal static async Task<int> Execute(ParseResult parseResult, ConsoleIO io, GlobalOptions globals, CancellationToken cancellationToken, Func<ConsoleHost, CancellationToken, Task<int>> work)
    {
        var debug = parseResult.GetValue(globals.Debug);
        var host = new ConsoleHost(io, parseResult.GetValue(globals.Verbose), debug)
        {
            WhatIf = Flag(parseResult, WhatIfOption),
            Force = Flag(parseResult, ForceOption),
            ForceOption = HasOption(parseResult, ForceOption) ? ForceOption : null,
        };
        try
        {
            return await work(host, cancellationToken).ConfigureAwait(false);
        }
        catch (RunInterruptedException ex)
        {
            // The summary of a run over many items stopped early: what it changed, failed and did not attempt.
            io.Error.WriteLine($"vk8s: {ex.Message}");
            return ex.Summary.Cancelled ? Interruption.ExitCode : ExitCodes.Incomplete;
        }
        catch (VsphereK8sException ex)
        {
            io.Error.WriteLine($"vk8s: error: {ex.Message}");
            if (debug)
            {
                io.Error.WriteLine(ex.ToString());
            }

            return ex.Kind == ErrorKind.OperationStopped ? Interruption.ExitCode : ExitCodes.For(ex.Kind);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            io.Error.WriteLine("vk8s: interrupted; nothing more was done.");
            return Interruption.ExitCode;
        }
        catch (Exception ex)
        {
            io.Error.WriteLine(debug
                ? $"vk8s: error: unexpected {ex.GetType().Name}: {ex}"
                : $"vk8s: error: unexpected {ex.GetType().Name}: {MessageText.FirstLine(ex.Message)} (run with --debug for the stack trace)");
            return ExitCodes.Failure;
        }
    }

    // The twins of -WhatIf and -Force, where a command has them; the host's messages name only options that exist.
    private const string WhatIfOption = "--what-if";
    private const string ForceOption = "--force";

    private static bool HasOption(ParseResult parseResult, string name) =>
        parseResult.CommandResult.Command.Options.Any(o => o.Name == name);

    private static bool Flag(ParseResult parseResult, string name) =>
        parseResult.CommandResult.Command.Options.FirstOrDefault(o => o.Name == name) is Option<bool> option && parseResult.GetValue(option);
}

/// <summary>One vk8s subcommand: the twin of one cmdlet.</summary>
internal interface ICliCommand
{
    /// <summary>The cmdlet this command mirrors, such as "Get-PvcBinding".</summary>
    string CmdletName { get; }

    Command Build(ConsoleIO io, GlobalOptions globals);
}

/// <summary>Options every subcommand takes (--output, --verbose, --debug), one set per command tree.</summary>
internal sealed class GlobalOptions
{
    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "Output format: table (default), json or yaml.",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "table" : result.Tokens[0].Value;
            if (Enum.TryParse<OutputFormat>(text, ignoreCase: true, out var format) && Enum.IsDefined(typeof(OutputFormat), format) && !int.TryParse(text, out _))
            {
                return format;
            }

            result.AddError($"--output '{text}' is not a format vk8s knows; use table, json or yaml.");
            return OutputFormat.Table;
        },
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print what vk8s does, on standard error.",
        Recursive = true,
    };

    public Option<bool> Debug { get; } = new("--debug")
    {
        Description = "Print debug messages and, on failure, the stack trace.",
        Recursive = true,
    };
}
