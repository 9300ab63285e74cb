using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>The core's host inside a cmdlet. Called only from the pipeline thread (see HostMessagePump).</summary>
internal sealed class CmdletHost : IOperationHost
{
    private readonly PSCmdlet cmdlet;
    private bool yesToAll;
    private bool noToAll;

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

    /// <summary>
    /// A high-impact action inside a cmdlet declared at the default (Medium) impact: PowerShell's ShouldProcess
    /// handles -WhatIf, -Confirm and a $ConfirmPreference of Medium or Low; at the default High preference it would
    /// not ask, so this asks as a ConfirmImpact=High cmdlet would, unless -Confirm:$false or $ConfirmPreference None
    /// says not to.
    /// </summary>
    public bool ShouldProcess(string target, string action, ActionImpact impact)
    {
        var (renderedTarget, renderedAction) = (Render(target), Render(action));
        if (!cmdlet.ShouldProcess(renderedTarget, renderedAction))
        {
            return false;
        }

        if (impact != ActionImpact.High || cmdlet.MyInvocation.BoundParameters.ContainsKey("Confirm") || yesToAll)
        {
            return true;
        }

        var preference = cmdlet.SessionState.PSVariable.GetValue("ConfirmPreference") is { } value
            && LanguagePrimitives.TryConvertTo<ConfirmImpact>(value, out var level) ? level : ConfirmImpact.High;
        if (preference != ConfirmImpact.High)
        {
            // None: never ask; Medium or Low: ShouldProcess has just asked.
            return true;
        }

        return cmdlet.ShouldContinue($"Performing the operation \"{renderedAction}\" on target \"{renderedTarget}\".", "Confirm", ref yesToAll, ref noToAll) && !noToAll;
    }

    private static string Render(string text) => Param.Render(text, ParameterSyntax.PowerShell);
}
