using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Cli;

/// <summary>
/// Passes everything through and remembers the non-terminating (per-item) errors, so a run that printed its
/// results can still end with the exit code of the first item that failed.
/// </summary>
internal sealed class ErrorCountingHost : IOperationHost
{
    private readonly IOperationHost inner;

    public ErrorCountingHost(IOperationHost inner) => this.inner = inner;

    public int ErrorCount { get; private set; }

    /// <summary>The kind of the first per-item error, or null when every item succeeded.</summary>
    public ErrorKind? FirstErrorKind { get; private set; }

    /// <summary>Success, or the exit code of the first per-item error.</summary>
    public int ExitCode => FirstErrorKind is { } kind ? ExitCodes.For(kind) : ExitCodes.Success;

    public void WriteVerbose(string message) => inner.WriteVerbose(message);

    public void WriteDebug(string message) => inner.WriteDebug(message);

    public void WriteWarning(string message) => inner.WriteWarning(message);

    public void WriteError(VsphereK8sException error)
    {
        ErrorCount++;
        FirstErrorKind ??= error.Kind;
        inner.WriteError(error);
    }

    public void WriteProgress(ProgressReport progress) => inner.WriteProgress(progress);

    /// <summary>How many actions the host declined (--what-if): an empty result then means nothing was changed, not nothing matched.</summary>
    public int Declined { get; private set; }

    public bool ShouldProcess(string target, string action) => Count(inner.ShouldProcess(target, action));

    public bool ShouldProcess(string target, string action, ActionImpact impact) => Count(inner.ShouldProcess(target, action, impact));

    private bool Count(bool agreed)
    {
        if (!agreed)
        {
            Declined++;
        }

        return agreed;
    }

    public bool ShouldContinue(string query, string caption) => inner.ShouldContinue(query, caption);
}
