using VsphereK8sStorage.Operations.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s get-cns-volume: the twin of Get-CnsVolume.</summary>
internal sealed class GetCnsVolumeCliCommand : ICliCommand
{
    public string CmdletName => "Get-CnsVolume";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var name = VsphereCli.Many("--name", "Volume names; wildcards allowed.");
        var id = VsphereCli.Many("--id", "Volume ids (CSI volume handles).");
        var clusterId = VsphereCli.Many("--cluster-id", "Only volumes of these container clusters (csi-vsphere.conf's cluster-id); wildcards allowed.");
        var datastore = VsphereCli.Many("--datastore", "Only volumes on these datastores (names, wildcards allowed).");
        var pv = VsphereCli.Many("--pv-name", "Only volumes the driver recorded for these PersistentVolumes (names, wildcards allowed).");
        pv.Aliases.Add("--pv");
        return VsphereCli.Create(
            "get-cns-volume",
            "List vCenter's CNS (Container Volumes) with their id, capacity, datastore, health and the Kubernetes cluster, PersistentVolume, claim and pods the CSI driver recorded.",
            io, globals, new Option[] { name, id, clusterId, datastore, pv }, "No CNS volumes matched.",
            (parseResult, connection, host, ct) => GetCnsVolume.RunAsync(
                new GetCnsVolumeRequest
                {
                    Connection = connection,
                    Names = VsphereCli.Values(parseResult, name),
                    VolumeIds = VsphereCli.Values(parseResult, id),
                    ClusterIds = VsphereCli.Values(parseResult, clusterId),
                    Datastores = VsphereCli.Values(parseResult, datastore),
                    PvNames = VsphereCli.Values(parseResult, pv),
                },
                host,
                ct));
    }
}
