namespace VsphereK8sStorage.Hosting;

/// <summary>
/// Lets an operation whose items finish on several threads talk to a host that must be called from one flow at a
/// time (<see cref="IOperationHost"/>'s contract): every call is made under one lock.
/// </summary>
public sealed class SerializedHost : IOperationHost
{
    private readonly IOperationHost inner;
    private readonly object gate = new();

    public SerializedHost(IOperationHost inner) => this.inner = inner is SerializedHost serialized ? serialized.inner : inner;

    public void WriteVerbose(string message)
    {
        lock (gate)
        {
            inner.WriteVerbose(message);
        }
    }

    public void WriteDebug(string message)
    {
        lock (gate)
        {
            inner.WriteDebug(message);
        }
    }

    public void WriteWarning(string message)
    {
        lock (gate)
        {
            inner.WriteWarning(message);
        }
    }

    public void WriteError(VsphereK8sException error)
    {
        lock (gate)
        {
            inner.WriteError(error);
        }
    }

    public void WriteProgress(ProgressReport progress)
    {
        lock (gate)
        {
            inner.WriteProgress(progress);
        }
    }

    public bool ShouldProcess(string target, string action)
    {
        lock (gate)
        {
            return inner.ShouldProcess(target, action);
        }
    }

    public bool ShouldContinue(string query, string caption)
    {
        lock (gate)
        {
            return inner.ShouldContinue(query, caption);
        }
    }
}
