using VsphereK8sStorage.Operations.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s get-vsphere-vm: the twin of Get-VsphereVm.</summary>
internal sealed class GetVsphereVmCliCommand : ICliCommand
{
    public string CmdletName => "Get-VsphereVm";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var name = VsphereCli.Many("--name", "VM names; wildcards allowed (quote them from the shell). All VMs when no selector is given.");
        var path = VsphereCli.Many("--path", "Inventory paths such as /DC0/vm/k8s/*; wildcards match within one path segment.");
        var folder = VsphereCli.Many("--folder", "Folders (inventory paths or names); every VM anywhere below them, or with names or ids only the VMs they name below them.");
        var id = VsphereCli.Many("--id", "VM ids: VirtualMachine-vm-42 or vm-42.");
        return VsphereCli.Create(
            "get-vsphere-vm",
            "List virtual machines with their inventory path, UUIDs, power state, hardware version, guest name and addresses, disk.enableUUID, host and datastores (one PropertyCollector read).",
            io, globals, new Option[] { name, path, folder, id }, "No virtual machines matched.",
            (parseResult, connection, host, ct) =>
            {
                var selection = new VmSelection
                {
                    Patterns = [.. VsphereCli.Values(parseResult, name), .. VsphereCli.Values(parseResult, path)],
                    Ids = VsphereCli.Values(parseResult, id),
                    Folders = VsphereCli.Values(parseResult, folder),
                };
                return GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection, Selection = selection }, host, ct);
            });
    }
}
