using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.PowerShell.Hosting;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Remove-K8sNodeTaint: removes a taint from nodes (kubectl taint nodes NAME key:Effect-), chosen by name (wildcards) or label selector. Nodes without it are reported NotPresent, not as errors.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "K8sNodeTaint", SupportsShouldProcess = true, HelpUri = HelpLinks.Help + "Remove-K8sNodeTaint.md")]
[OutputType(typeof(NodeTaintResult))]
public sealed class RemoveK8sNodeTaintCommand : NodeTaintCmdlet
{
    /// <summary>Without it, the key is removed whatever its effect.</summary>
    [Parameter]
    [ValidateSet(nameof(TaintEffect.NoSchedule), nameof(TaintEffect.PreferNoSchedule), nameof(TaintEffect.NoExecute))]
    public string? Effect { get; set; }

    protected override void ProcessRecord() => RunTaint(Effect, false, K8sNodeTaint.RemoveAsync);
}
