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

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument or ErrorKind.InvalidData or ErrorKind.ObjectNotFound => InvalidInput,
        ErrorKind.OperationStopped => Cancelled,
        _ => Failure,
    };
}
