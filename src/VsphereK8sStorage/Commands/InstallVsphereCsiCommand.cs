using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Rollout;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Install-VsphereCsi: installs the vSphere CSI driver from its release manifest: checks readiness first and changes
/// nothing on a failing check, writes csi-vsphere.conf into the Secret vsphere-config-secret from the connection, sets
/// the controller's replicas to the control-plane nodes, applies every object by server-side apply and waits for the
/// driver to run. Re-runs change nothing.
/// </summary>
[Cmdlet(VerbsLifecycle.Install, "VsphereCsi", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.ManifestPath, HelpUri = HelpLinks.Help + "Install-VsphereCsi.md")]
[OutputType(typeof(RolloutObjectResult))]
public sealed class InstallVsphereCsiCommand : InstallVsphereDriverCmdlet
{
    public static class ParameterSets
    {
        public const string ManifestPath = ManifestSet;
        public const string Version = VersionSet;
    }

    /// <summary>[Global] cluster-id in csi-vsphere.conf: a name unique among the clusters of this vCenter.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClusterId { get; set; }

    /// <summary>The controller Deployment's replicas; the number of control-plane nodes, at most 3, when left out.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int? Replicas { get; set; }

    protected override void Run() => Install(InstallVsphereCsi.RunAsync, Replicas, ClusterId);
}
