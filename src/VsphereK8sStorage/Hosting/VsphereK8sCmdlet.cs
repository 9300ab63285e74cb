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
    protected T RunCore<T>(Func<IOperationHost, CancellationToken, Task<T>> operation) =>
        Guard(() => HostMessagePump.Run(new CmdletHost(this), operation, stopping.Token, WriteSummaryPastPipeline));

    /// <summary>
    /// Runs a core operation that emits each result as it finishes: each is written to the pipeline at once, so the
    /// next command sees the finished ones even when the run stops early. A run stopped early ends with the core's
    /// summary (what was changed, failed, not attempted): a terminating error, or after Ctrl+C a warning line on the
    /// console, as a stopped pipeline takes nothing more.
    /// </summary>
    protected T RunCore<T, TItem>(Func<IOperationHost, Action<TItem>, CancellationToken, Task<T>> operation)
        where TItem : notnull =>
        Guard(() => HostMessagePump.Run(new CmdletHost(this), operation, item => WriteObject(item), stopping.Token, WriteSummaryPastPipeline));

    protected override void StopProcessing() => stopping.Cancel();

    private T Guard<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (RunInterruptedException interrupted) when (stopping.IsCancellationRequested)
        {
            WriteSummaryPastPipeline(interrupted);
            throw new PipelineStoppedException();
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

    /// <summary>The summary of a run the user stopped, straight to the host's console: the stopped pipeline takes no records.</summary>
    private void WriteSummaryPastPipeline(RunInterruptedException interrupted)
    {
        try
        {
            Host?.UI?.WriteWarningLine(Param.Render(interrupted.Message, ParameterSyntax.PowerShell));
        }
        catch (Exception ex) when (ex is PipelineStoppedException or NotImplementedException or System.Management.Automation.Host.HostException)
        {
            // A host without a console: the objects already written are what remains.
        }
    }

}
