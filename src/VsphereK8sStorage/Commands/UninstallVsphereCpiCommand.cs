using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Rollout;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>Uninstall-VsphereCpi: removes exactly the objects Install-VsphereCpi applied (found by its labels).</summary>
[Cmdlet(VerbsLifecycle.Uninstall, "VsphereCpi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Help + "Uninstall-VsphereCpi.md")]
[OutputType(typeof(RolloutObjectResult))]
public sealed class UninstallVsphereCpiCommand : UninstallVsphereDriverCmdlet
{
    protected override void EndProcessing() => Uninstall(UninstallVsphereCpi.RunAsync);
}
