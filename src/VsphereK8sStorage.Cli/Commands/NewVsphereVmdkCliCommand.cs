using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s new-vsphere-vmdk: the twin of New-VsphereVmdk.</summary>
internal sealed class NewVsphereVmdkCliCommand : ICliCommand
{
    public string CmdletName => "New-VsphereVmdk";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var path = VsphereCli.Many("--path", "Datastore paths: \"[datastore1] volumes/myDisk.vmdk\" (quote them: they hold a space).");
        var datastore = new Option<string?>("--datastore") { Description = "The datastore, with --name instead of --path." };
        var name = VsphereCli.Many("--name", "Disk file names or paths inside --datastore (volumes/myDisk); .vmdk is added when missing.");
        var capacity = new Option<string>("--capacity") { Description = "The size, 1 MiB to 62 TB: 2Gi, 500Mi, 10G (Kubernetes' units), 10GB (powers of 1024, as PowerShell and govc count), or bytes.", Required = true };
        var diskType = VsphereCli.Choice("--disk-type", "How space is allocated.", VsphereDiskType.Thin);
        var adapterType = VsphereCli.Choice("--adapter-type", "The controller type written in the disk's descriptor.", VmdkAdapterType.LsiLogic);
        var datacenter = new Option<string?>("--datacenter") { Description = "The datacenter whose datastore is meant, when the name exists in several." };
        return VsphereCli.CreateStreaming<VsphereVmdk>(
            "new-vsphere-vmdk",
            "Create VMDK files for in-tree vSphere PersistentVolumes, with their folder when missing; an existing file is an error and is never overwritten. Prints the volume path a PersistentVolume takes.",
            io, globals, new Option[] { path, datastore, name, capacity, diskType, adapterType, datacenter, VsphereCli.WhatIf() }, "No disks were created.",
            (parseResult, connection, host, emit, ct) =>
            {
                var paths = VsphereCli.Values(parseResult, path);
                var names = VsphereCli.Values(parseResult, name);
                var store = parseResult.GetValue(datastore);
                var targets = NewVsphereVmdk.DiskPaths(paths, store, names);
                var disks = targets.Select(t => new VmdkSpec
                {
                    Path = t,
                    Capacity = parseResult.GetValue(capacity)!,
                    DiskType = parseResult.GetValue(diskType),
                    AdapterType = parseResult.GetValue(adapterType),
                }).ToList();
                return NewVsphereVmdk.RunAsync(new NewVsphereVmdkRequest { Connection = connection, Disks = disks, Datacenter = parseResult.GetValue(datacenter) }, host, emit, ct);
            });
    }
}
