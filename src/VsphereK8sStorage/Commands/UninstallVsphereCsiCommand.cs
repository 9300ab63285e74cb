using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Rollout;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Uninstall-VsphereCsi: removes exactly the objects Install-VsphereCsi applied (found by its labels), the namespace
/// last; refuses while PersistentVolumes of csi.vsphere.vmware.com exist unless -Force.
/// </summary>
[Cmdlet(VerbsLifecycle.Uninstall, "VsphereCsi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Help + "Uninstall-VsphereCsi.md")]
[OutputType(typeof(RolloutObjectResult))]
public sealed class UninstallVsphereCsiCommand : UninstallVsphereDriverCmdlet
{
    protected override void EndProcessing() => Uninstall(UninstallVsphereCsi.RunAsync);
}
