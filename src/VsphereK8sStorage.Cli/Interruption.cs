using System.Runtime.InteropServices;

namespace VsphereK8sStorage.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM for one run: the first asks the command to stop (its token is cancelled; work in
/// flight finishes and the command says what it did), a second of either ends the process at once.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private static int exitCode = ExitCodes.Cancelled;

    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration? sigint;
    private readonly PosixSignalRegistration? sigterm;

    public Interruption()
    {
        try
        {
            sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        }
        catch (PlatformNotSupportedException)
        {
            // No signals here: the run cannot be interrupted gracefully, only ended.
        }
    }

    /// <summary>The exit code of an interrupted run: 130 after SIGINT, 143 after SIGTERM.</summary>
    public static int ExitCode => Volatile.Read(ref exitCode);

    public CancellationToken Token => stop.Token;

    public void Dispose()
    {
        sigint?.Dispose();
        sigterm?.Dispose();
        stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (stop.IsCancellationRequested)
        {
            return; // the second signal: the default action ends the process
        }

        context.Cancel = true;
        Volatile.Write(ref exitCode, context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Cancelled);
        stop.Cancel();
    }
}
