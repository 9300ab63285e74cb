using VsphereK8sStorage.Operations.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s get-vsphere-fcd: the twin of Get-VsphereFcd.</summary>
internal sealed class GetVsphereFcdCliCommand : ICliCommand
{
    public string CmdletName => "Get-VsphereFcd";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var name = VsphereCli.Many("--name", "Disk names; wildcards allowed. All when no selector is given.");
        var id = VsphereCli.Many("--id", "Disk ids (CSI volume handles).");
        var datastore = VsphereCli.Many("--datastore", "Only these datastores (names, wildcards allowed).");
        return VsphereCli.Create(
            "get-vsphere-fcd",
            "List first-class disks (for CSI static provisioning) with their volume handle, capacity, datastore and backing file.",
            io, globals, new Option[] { name, id, datastore }, "No first-class disks matched.",
            (parseResult, connection, host, ct) => GetVsphereFcd.RunAsync(
                new GetVsphereFcdRequest
                {
                    Connection = connection,
                    Names = VsphereCli.Values(parseResult, name),
                    Ids = VsphereCli.Values(parseResult, id),
                    Datastores = VsphereCli.Values(parseResult, datastore),
                },
                host,
                ct));
    }
}
