using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s remove-vsphere-fcd and remove-vsphere-vmdk: the twins of Remove-VsphereFcd and Remove-VsphereVmdk.</summary>
internal sealed class RemoveVsphereDiskCliCommand : ICliCommand
{
    private readonly bool files;

    private RemoveVsphereDiskCliCommand(bool files) => this.files = files;

    public static RemoveVsphereDiskCliCommand Fcd { get; } = new(files: false);

    public static RemoveVsphereDiskCliCommand Vmdk { get; } = new(files: true);

    public string CmdletName => files ? "Remove-VsphereVmdk" : "Remove-VsphereFcd";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var paths = VsphereCli.Many("--path", files
            ? "VMDK files, '[datastore1] kubevols/disk.vmdk' (a PersistentVolume's volumePath); '-' reads the storage map's JSON rows (vk8s get-storage-map -o json) from standard input."
            : "'-' reads the storage map's JSON rows (vk8s get-storage-map -o json, filtered) from standard input.");
        var ids = VsphereCli.Many("--id", "First-class disk or CNS volume ids (volume handles).");
        var clusterId = new Option<string?>("--cluster-id") { Description = "This cluster's id (csi-vsphere.conf's cluster-id): a CNS volume that names another cluster is refused." };
        var datacenter = new Option<string?>("--datacenter") { Description = "The datacenter whose datastore is meant, when the name exists in several." };
        var force = new Option<bool>("--force")
        {
            Description = files
                ? "Delete even a file a PersistentVolume names, a VM has attached, or whose cluster was not read (a warning says what each overrides); never the file under a first-class disk."
                : "Delete even a disk a PersistentVolume names, a VM has attached, another cluster owns, or whose cluster was not read (a warning says what each overrides).",
        };
        var kubernetes = new KubernetesCliOptions();
        var options = new List<Option> { paths, force, VsphereCli.WhatIf() };
        options.AddRange(files ? new Option[] { datacenter } : new Option[] { ids, clusterId });
        options.AddRange(kubernetes.All);
        return VsphereCli.CreateStreaming<VsphereDiskRemoval>(
            files ? "remove-vsphere-vmdk" : "remove-vsphere-fcd",
            files
                ? "Delete VMDK files that no PersistentVolume names and no VM has attached; prints each as it is deleted."
                : "Delete first-class disks and CNS volumes that no PersistentVolume names, no VM has attached and no other cluster owns; prints each as it is deleted.",
            io, globals, options, "No disks were deleted.",
            async (parseResult, connection, host, emit, ct) =>
            {
                using var session = kubernetes.Session(parseResult);
                var request = new RemoveVsphereDiskRequest
                {
                    Connection = connection,
                    Session = session,
                    ClusterId = files ? null : parseResult.GetValue(clusterId),
                    Datacenter = files ? parseResult.GetValue(datacenter) : null,
                    Disks = Disks(parseResult, ids, paths, io),
                    Force = parseResult.GetValue(force),
                };
                if (files)
                {
                    await RemoveVsphereVmdk.RunAsync(request, host, emit, ct).ConfigureAwait(false);
                }
                else
                {
                    await RemoveVsphereFcd.RunAsync(request, host, emit, ct).ConfigureAwait(false);
                }
            });
    }

    /// <summary>The ids and paths given, and for '-' the rows on standard input, in the order given.</summary>
    private List<DiskToRemove> Disks(ParseResult parseResult, Option<string[]> ids, Option<string[]> paths, ConsoleIO io)
    {
        var disks = VsphereCli.Values(parseResult, ids).Select(id => new DiskToRemove { Id = id }).ToList();
        foreach (var path in VsphereCli.Values(parseResult, paths))
        {
            if (path == "-")
            {
                disks.AddRange(StorageMapRowReader.Read(io.In, "standard input"));
            }
            else
            {
                disks.Add(files ? new DiskToRemove { Path = path } : new DiskToRemove { Path = path, Kind = "Vmdk" });
            }
        }

        return disks;
    }
}
