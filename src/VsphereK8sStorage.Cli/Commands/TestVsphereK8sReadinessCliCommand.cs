using VsphereK8sStorage.Operations.Rollout;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s test-vsphere-k8s-readiness: the twin of Test-VsphereK8sReadiness.</summary>
internal sealed class TestVsphereK8sReadinessCliCommand : ICliCommand
{
    public string CmdletName => "Test-VsphereK8sReadiness";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var kube = new KubernetesCliOptions();
        var node = VsphereCli.Many("--node", "Only these nodes (wildcards); every node when left out.");
        var storageClass = new Option<string?>("--storage-class") { Description = "The StorageClass whose datastores to check (default: every StorageClass of csi.vsphere.vmware.com)." };
        var csiVersion = new Option<string?>("--csi-version") { Description = "The CSI release to hold the cluster to, such as v3.3.1 (default: the newest in the support matrix)." };
        var cpiVersion = new Option<string?>("--cpi-version") { Description = "The CPI release, such as v1.30 (default: the one for the cluster's Kubernetes minor)." };
        var driverUser = new Option<string?>("--driver-user") { Description = "The vCenter user the drivers will use (default: the connected user)." };
        var skipVersion = new Option<bool>("--skip-version-check") { Description = "Leave out the Kubernetes and vCenter version rows." };
        return VsphereCli.Create(
            "test-vsphere-k8s-readiness",
            "Check whether the vSphere CPI and CSI driver will work on this cluster and vCenter: one row per node and check, each failing row with its fix. Changes nothing.",
            io, globals, [node, storageClass, csiVersion, cpiVersion, driverUser, skipVersion, .. kube.All], "No rows: the cluster has no nodes.",
            async (parseResult, connection, host, ct) =>
            {
                using var session = kube.Session(parseResult);
                return await TestVsphereK8sReadiness.RunAsync(new ReadinessRequest
                {
                    Connection = connection,
                    Session = session,
                    Nodes = parseResult.GetValue(node) ?? Array.Empty<string>(),
                    StorageClassName = parseResult.GetValue(storageClass),
                    CsiVersion = parseResult.GetValue(csiVersion),
                    CpiVersion = parseResult.GetValue(cpiVersion),
                    DriverUser = parseResult.GetValue(driverUser),
                    SkipVersionCheck = parseResult.GetValue(skipVersion),
                }, host, ct).ConfigureAwait(false);
            });
    }
}
