namespace VsphereK8sStorage.Hosting;

/// <summary>
/// How the core talks to whoever runs it. The cmdlets implement it on top of PSCmdlet, vk8s on
/// top of the console, tests with a recording host. Results are return values; this interface
/// carries everything else. Implementations are called from one thread at a time
/// (see <see cref="HostMessagePump"/> for running core work on worker threads).
/// </summary>
public interface IOperationHost
{
    void WriteVerbose(string message);

    void WriteDebug(string message);

    void WriteWarning(string message);

    /// <summary>A non-terminating error about one item; the operation goes on with the others.</summary>
    void WriteError(VsphereK8sException error);

    void WriteProgress(ProgressReport progress);

    /// <summary>Asked once per target right before its side effect. <paramref name="target"/> is what a person recognises.</summary>
    bool ShouldProcess(string target, string action);

    /// <summary>
    /// <see cref="ShouldProcess(string, string)"/> for an action of a stated impact. A <see cref="ActionImpact.High"/>
    /// action (one that evicts, deletes or destroys) is confirmed even at PowerShell's default $ConfirmPreference;
    /// hosts without confirmation levels ask as for any other action.
    /// </summary>
    bool ShouldProcess(string target, string action, ActionImpact impact) => ShouldProcess(target, action);

    /// <summary>A second confirmation for destructive actions, skipped by the hosts' -Force / --force.</summary>
    bool ShouldContinue(string query, string caption);
}

/// <summary>How much an action can hurt, as PowerShell's ConfirmImpact says it.</summary>
public enum ActionImpact
{
    /// <summary>Changes something that can be changed back (most actions).</summary>
    Medium,

    /// <summary>Evicts, deletes or destroys: confirmed unless the user said not to.</summary>
    High,
}

/// <summary>One progress update. <see cref="PercentComplete"/> is -1 when unknown.</summary>
public sealed record ProgressReport(int ActivityId, string Activity, string Status, int PercentComplete = -1, bool Completed = false);

/// <summary>A host that prints nothing and agrees to everything; for callers that want only the results.</summary>
public sealed class SilentHost : IOperationHost
{
    public static readonly SilentHost Instance = new();

    private SilentHost()
    {
    }

    public void WriteVerbose(string message)
    {
    }

    public void WriteDebug(string message)
    {
    }

    public void WriteWarning(string message)
    {
    }

    public void WriteError(VsphereK8sException error)
    {
    }

    public void WriteProgress(ProgressReport progress)
    {
    }

    public bool ShouldProcess(string target, string action) => true;

    public bool ShouldContinue(string query, string caption) => true;
}
