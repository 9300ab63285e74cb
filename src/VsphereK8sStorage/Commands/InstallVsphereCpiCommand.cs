using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Rollout;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Install-VsphereCpi: installs the vSphere cloud controller manager from its release manifest: checks readiness
/// first, replaces the manifest's example Secret vsphere-cloud-secret and ConfigMap vsphere-cloud-config with ones
/// rendered from the connection, applies every object by server-side apply and waits until the nodes are initialised.
/// </summary>
[Cmdlet(VerbsLifecycle.Install, "VsphereCpi", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.ManifestPath, HelpUri = HelpLinks.Help + "Install-VsphereCpi.md")]
[OutputType(typeof(RolloutObjectResult))]
public sealed class InstallVsphereCpiCommand : InstallVsphereDriverCmdlet
{
    public static class ParameterSets
    {
        public const string ManifestPath = ManifestSet;
        public const string Version = VersionSet;
    }

    protected override void Run() => Install(InstallVsphereCpi.RunAsync, null, null);
}
