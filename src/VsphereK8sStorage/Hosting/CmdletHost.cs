using System.Management.Automation;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>The core's host inside a cmdlet. Called only from the pipeline thread (see HostMessagePump).</summary>
internal sealed class CmdletHost : IOperationHost
{
    private readonly PSCmdlet cmdlet;

    public CmdletHost(PSCmdlet cmdlet) => this.cmdlet = cmdlet;

    public void WriteVerbose(string message) => cmdlet.WriteVerbose(Render(message));

    public void WriteDebug(string message) => cmdlet.WriteDebug(Render(message));

    public void WriteWarning(string message) => cmdlet.WriteWarning(Render(message));

    public void WriteError(VsphereK8sException error) => cmdlet.WriteError(ErrorMapping.ToErrorRecord(error));

    public void WriteProgress(ProgressReport progress) =>
        cmdlet.WriteProgress(new ProgressRecord(progress.ActivityId, progress.Activity, progress.Status)
        {
            PercentComplete = progress.PercentComplete,
            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        });

    public bool ShouldProcess(string target, string action) => cmdlet.ShouldProcess(Render(target), Render(action));

    public bool ShouldContinue(string query, string caption) => cmdlet.ShouldContinue(Render(query), Render(caption));

    private static string Render(string text) => Param.Render(text, ParameterSyntax.PowerShell);
}
