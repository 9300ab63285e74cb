using VsphereK8sStorage.Operations.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>--vm, --id and --folder, shared by the disk-UUID twins.</summary>
internal sealed class VmSelectionOptions
{
    private readonly Option<string[]> vm = VsphereCli.Many("--vm", "VM names or inventory paths; wildcards allowed (quote them from the shell).");
    private readonly Option<string[]> id = VsphereCli.Many("--id", "VM ids: VirtualMachine-vm-42 or vm-42.");
    private readonly Option<string[]> folder = VsphereCli.Many("--folder", "Folders (inventory paths or names); every VM anywhere below them, or with names or ids only the VMs they name below them.");

    public Option[] Options => new Option[] { vm, id, folder };

    public VmSelection Read(ParseResult parseResult) => new()
    {
        Patterns = VsphereCli.Values(parseResult, vm),
        Ids = VsphereCli.Values(parseResult, id),
        Folders = VsphereCli.Values(parseResult, folder),
    };
}
