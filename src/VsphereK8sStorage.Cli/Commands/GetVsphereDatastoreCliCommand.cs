using VsphereK8sStorage.Operations.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s get-vsphere-datastore: the twin of Get-VsphereDatastore.</summary>
internal sealed class GetVsphereDatastoreCliCommand : ICliCommand
{
    public string CmdletName => "Get-VsphereDatastore";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var name = VsphereCli.Many("--name", "Datastore names or inventory paths; wildcards allowed. All when left out.");
        var vm = VsphereCli.Many("--vm", "Only the datastores these VMs use: VM names or inventory paths; wildcards allowed.");
        return VsphereCli.Create(
            "get-vsphere-datastore",
            "List datastores like govc datastore.info: type, URL (a StorageClass's datastoreurl), capacity, free space, hosts and datastore cluster.",
            io, globals, new Option[] { name, vm }, "No datastores matched.",
            (parseResult, connection, host, ct) =>
                GetVsphereDatastore.RunAsync(new GetVsphereDatastoreRequest
                {
                    Connection = connection,
                    Names = VsphereCli.Values(parseResult, name),
                    Vms = VsphereCli.Values(parseResult, vm) is { Count: > 0 } vms ? new VmSelection { Patterns = vms } : null,
                }, host, ct));
    }
}
