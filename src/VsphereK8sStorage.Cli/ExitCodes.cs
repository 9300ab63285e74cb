using VsphereK8sStorage.Errors;

namespace VsphereK8sStorage.Cli;

/// <summary>vk8s exit codes, one table, documented in README and in --help.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The operation failed (a peer refused, a wait timed out, a file could not be written).</summary>
    public const int Failure = 1;

    /// <summary>The command line or the input is wrong: bad option, malformed manifest, unknown name.</summary>
    public const int InvalidInput = 2;

    /// <summary>
    /// A run over many items stopped part-way by a failure (vCenter went away): some items may have been changed.
    /// The results finished before the stop are on stdout, and stderr ends with a summary naming every item changed.
    /// </summary>
    public const int Incomplete = 3;

    /// <summary>Interrupted (Ctrl+C, SIGINT); a run over many items says on stderr what it changed before it stopped.</summary>
    public const int Cancelled = 130;

    /// <summary>Terminated (SIGTERM); as <see cref="Cancelled"/>.</summary>
    public const int Terminated = 143;

    /// <summary>The help text's list of exit codes.</summary>
    public const string Help = "Exit codes: 0 success, 1 operation failed, 2 invalid command line or input, 3 stopped part-way by a failure (stderr ends with what was changed), 130 interrupted (SIGINT), 143 terminated (SIGTERM).";

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument or ErrorKind.InvalidData or ErrorKind.ObjectNotFound => InvalidInput,
        ErrorKind.OperationStopped => Cancelled,
        _ => Failure,
    };
}
