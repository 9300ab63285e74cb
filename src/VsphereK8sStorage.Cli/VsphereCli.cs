using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli;

/// <summary>Builds the vSphere subcommands the same way: connection options, the command's own, the run, the output and the exit code.</summary>
internal static class VsphereCli
{
    /// <summary>The twin of -WhatIf on state-changing commands (CliApp gives it to the console host).</summary>
    public static Option<bool> WhatIf() => new("--what-if") { Description = "Say what would change, and change nothing." };

    public static Command Create<T>(
        string name,
        string description,
        ConsoleIO io,
        GlobalOptions globals,
        IEnumerable<Option> options,
        string emptyMessage,
        Func<ParseResult, VsphereConnection, IOperationHost, CancellationToken, Task<IReadOnlyList<T>>> run)
    {
        var connection = new VsphereCliConnection();
        return Build(name, description, io, globals, options, connection, async (parseResult, counting, ct) =>
        {
            var results = await connection.RunAsync(parseResult, io, counting, ct, c => run(parseResult, c, counting, ct)).ConfigureAwait(false);
            ResultView.Write(io.Out, results, parseResult.GetValue(globals.Output), new ResultViewOptions { EmptyMessage = counting.Declined > 0 ? null : emptyMessage });
            return counting.ExitCode;
        });
    }

    /// <summary>
    /// A vSphere subcommand whose operation emits each result as it finishes: each is printed at once (table row, JSON
    /// array element, YAML item), and the output is completed (the JSON array closed) however the run ends, before any
    /// summary of an interrupted run goes to stderr.
    /// </summary>
    public static Command CreateStreaming<T>(
        string name,
        string description,
        ConsoleIO io,
        GlobalOptions globals,
        IEnumerable<Option> options,
        string emptyMessage,
        Func<ParseResult, VsphereConnection, IOperationHost, Action<T>, CancellationToken, Task> run)
        where T : notnull
    {
        var connection = new VsphereCliConnection();
        return Build(name, description, io, globals, options, connection, async (parseResult, counting, ct) =>
        {
            var stream = new ResultStream<T>(io.Out, parseResult.GetValue(globals.Output), new ResultViewOptions { EmptyMessage = emptyMessage });
            try
            {
                await connection.RunAsync(parseResult, io, counting, ct, async c =>
                {
                    await run(parseResult, c, counting, stream.Write, ct).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
            }
            finally
            {
                stream.Complete(declined: counting.Declined > 0);
            }

            return counting.ExitCode;
        });
    }

    /// <summary>The command with its own options, then the connection's, running the body with a host that counts errors and declines.</summary>
    private static Command Build(
        string name,
        string description,
        ConsoleIO io,
        GlobalOptions globals,
        IEnumerable<Option> options,
        VsphereCliConnection connection,
        Func<ParseResult, ErrorCountingHost, CancellationToken, Task<int>> body)
    {
        var command = new Command(name, description);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, (host, ct) => body(parseResult, new ErrorCountingHost(host), ct)));
        return command;
    }

    /// <summary>Splits repeated or comma-free multi-value options into one list.</summary>
    public static IReadOnlyList<string> Values(ParseResult parseResult, Option<string[]> option) => parseResult.GetValue(option) ?? Array.Empty<string>();

    public static Option<string[]> Many(string name, string description) => new(name) { Description = description, AllowMultipleArgumentsPerToken = true };

    /// <summary>A case-insensitive enum option that lists the allowed values when given another.</summary>
    public static Option<TEnum> Choice<TEnum>(string name, string description, TEnum defaultValue)
        where TEnum : struct, Enum => new(name)
        {
            Description = $"{description} One of: {string.Join(", ", Enum.GetNames<TEnum>())}.",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
                if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _))
                {
                    return value;
                }

                result.AddError($"{name} '{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
                return defaultValue;
            },
        };
}
