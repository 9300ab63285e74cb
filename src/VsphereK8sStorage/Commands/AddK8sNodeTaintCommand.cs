using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.PowerShell.Hosting;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Add-K8sNodeTaint: taints nodes (kubectl taint nodes NAME key=value:Effect), chosen by name (wildcards) or label selector. A node that already has the taint is left alone; one with the same key and effect but another value is changed only with -Overwrite.
/// </summary>
[Cmdlet(VerbsCommon.Add, "K8sNodeTaint", SupportsShouldProcess = true, HelpUri = HelpLinks.Help + "Add-K8sNodeTaint.md")]
[OutputType(typeof(NodeTaintResult))]
public sealed class AddK8sNodeTaintCommand : NodeTaintCmdlet
{
    /// <summary>A taint needs one: NoSchedule, PreferNoSchedule or NoExecute.</summary>
    [Parameter(Mandatory = true)]
    [ValidateSet(nameof(TaintEffect.NoSchedule), nameof(TaintEffect.PreferNoSchedule), nameof(TaintEffect.NoExecute))]
    public string? Effect { get; set; }

    /// <summary>Change the value of a taint the node has with the same key and effect.</summary>
    [Parameter]
    public SwitchParameter Overwrite { get; set; }

    protected override void ProcessRecord() => RunTaint(Effect, Overwrite, K8sNodeTaint.AddAsync);
}
