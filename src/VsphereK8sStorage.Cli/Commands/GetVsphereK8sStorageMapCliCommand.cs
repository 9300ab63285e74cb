using System.Text;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.StorageMap;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s get-storage-map (get-vsphere-k8s-storage-map): the twin of Get-VsphereK8sStorageMap.</summary>
internal sealed class GetVsphereK8sStorageMapCliCommand : ICliCommand
{
    public string CmdletName => "Get-VsphereK8sStorageMap";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var clusterId = new Option<string>("--cluster-id") { Description = "This cluster's id (csi-vsphere.conf's cluster-id): CNS volumes that name it are this cluster's disks.", Required = true };
        var folder = VsphereCli.Many("--folder", "Folders ('[ds] kubevols') whose VMDKs belong to this cluster; every datastore's kubevols is searched too.");
        var html = new Option<string?>("--html") { Description = "Also write the map as one self-contained HTML page (sortable, filterable, no network fetches) to this file." };
        var kubernetes = new KubernetesCliOptions();
        var options = new List<Option> { clusterId, folder, html };
        options.AddRange(kubernetes.All);
        var command = VsphereCli.Create(
            "get-vsphere-k8s-storage-map",
            "Join vCenter's disks (CNS volumes, first-class disks, VMDKs) with the cluster's PersistentVolumes, claims and pods, one row per volume with its status: InUse, Bound, Available, Released, OrphanDisk, MissingDisk or UnknownOwner.",
            io, globals, options, "No volumes on vSphere.",
            async (parseResult, connection, host, ct) =>
            {
                using var session = kubernetes.Session(parseResult);
                var id = parseResult.GetValue(clusterId)!;
                var map = await GetVsphereK8sStorageMap.RunAsync(
                    new GetStorageMapRequest { Connection = connection, Session = session, ClusterId = id, Folders = VsphereCli.Values(parseResult, folder) },
                    host,
                    ct).ConfigureAwait(false);
                if (parseResult.GetValue(html) is { Length: > 0 } file)
                {
                    using var writer = new StreamWriter(Path.GetFullPath(file), append: false, new UTF8Encoding(false));
                    StorageMapPage.Write(writer, map.Rows, map.Datastores, id, connection.Name, DateTimeOffset.UtcNow);
                }

                return map.Rows;
            });
        command.Aliases.Add("get-storage-map");
        return command;
    }
}
