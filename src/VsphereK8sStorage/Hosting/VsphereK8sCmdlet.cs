using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// Base of every cmdlet: runs core operations on a worker thread while this thread delivers their
/// messages, cancels them on Ctrl+C, and turns core errors into terminating ErrorRecords.
/// </summary>
public abstract class VsphereK8sCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource stopping = new();
    private int refusalsBefore;

    /// <summary>
    /// True when [ObjectName] refused a piped object since this command began (in this pipeline). A command that then
    /// gathered nothing does nothing: the refusal is the one message, not "everything" or "say which".
    /// </summary>
    protected bool InputWasRefused => ObjectNameAttribute.Refusals != refusalsBefore;

    protected override void BeginProcessing() => refusalsBefore = ObjectNameAttribute.Refusals;

    /// <summary>Runs a core operation; a core error becomes a terminating error with its specific id and category.</summary>
    protected T RunCore<T>(Func<IOperationHost, CancellationToken, Task<T>> operation)
    {
        try
        {
            return HostMessagePump.Run(new CmdletHost(this), operation, stopping.Token);
        }
        catch (VsphereK8sException ex)
        {
            ThrowTerminatingError(ErrorMapping.ToErrorRecord(ex));
            throw; // not reached: ThrowTerminatingError always throws
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    protected override void StopProcessing() => stopping.Cancel();
}
