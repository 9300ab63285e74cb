using System.Management.Automation;
using VsphereK8sStorage.Errors;

namespace VsphereK8sStorage.Hosting;

/// <summary>The core's host inside a cmdlet. Called only from the pipeline thread (see HostMessagePump).</summary>
internal sealed class CmdletHost : IOperationHost
{
    private readonly PSCmdlet cmdlet;

    public CmdletHost(PSCmdlet cmdlet) => this.cmdlet = cmdlet;

    public void WriteVerbose(string message) => cmdlet.WriteVerbose(message);

    public void WriteDebug(string message) => cmdlet.WriteDebug(message);

    public void WriteWarning(string message) => cmdlet.WriteWarning(message);

    public void WriteError(VsphereK8sException error) => cmdlet.WriteError(ErrorMapping.ToErrorRecord(error));

    public void WriteProgress(ProgressReport progress) =>
        cmdlet.WriteProgress(new ProgressRecord(progress.ActivityId, progress.Activity, progress.Status)
        {
            PercentComplete = progress.PercentComplete,
            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        });

    public bool ShouldProcess(string target, string action) => cmdlet.ShouldProcess(target, action);

    public bool ShouldContinue(string query, string caption) => cmdlet.ShouldContinue(query, caption);
}
