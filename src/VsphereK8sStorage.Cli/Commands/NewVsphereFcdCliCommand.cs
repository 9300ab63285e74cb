using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s new-vsphere-fcd: the twin of New-VsphereFcd.</summary>
internal sealed class NewVsphereFcdCliCommand : ICliCommand
{
    public string CmdletName => "New-VsphereFcd";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var name = VsphereCli.Many("--name", "Disk names (unique per datastore).");
        name.Required = true;
        var capacity = new Option<string>("--capacity") { Description = "The size, 1 MiB to 62 TB: 2Gi, 500Mi, 10G (Kubernetes' units), 10GB (powers of 1024, as PowerShell and govc count), or bytes; rounded up to whole MiB.", Required = true };
        var datastore = new Option<string>("--datastore") { Description = "The datastore to create the disks on.", Required = true };
        var diskType = VsphereCli.Choice("--disk-type", "How space is allocated.", VsphereDiskType.Thin);
        var policy = new Option<string?>("--storage-policy-name") { Description = "A storage policy to attach (a name get-vsphere-storage-policy lists)." };
        var datacenter = new Option<string?>("--datacenter") { Description = "The datacenter whose datastore is meant, when the name exists in several." };
        return VsphereCli.CreateStreaming<VsphereFcd>(
            "new-vsphere-fcd",
            "Create first-class disks for CSI static provisioning; prints the volume handle a CSI PersistentVolume takes.",
            io, globals, new Option[] { name, capacity, datastore, diskType, policy, datacenter, VsphereCli.WhatIf() }, "No disks were created.",
            (parseResult, connection, host, emit, ct) =>
            {
                var disks = VsphereCli.Values(parseResult, name).Select(n => new FcdSpec
                {
                    Name = n,
                    Capacity = parseResult.GetValue(capacity)!,
                    Datastore = parseResult.GetValue(datastore)!,
                    DiskType = parseResult.GetValue(diskType),
                }).ToList();
                return NewVsphereFcd.RunAsync(
                    new NewVsphereFcdRequest { Connection = connection, Disks = disks, Datacenter = parseResult.GetValue(datacenter), StoragePolicyName = parseResult.GetValue(policy) },
                    host,
                    emit,
                    ct);
            });
    }
}
