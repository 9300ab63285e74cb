using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s test-disk-uuid: the twin of Test-DiskUuid.</summary>
internal sealed class TestDiskUuidCliCommand : ICliCommand
{
    public string CmdletName => "Test-DiskUuid";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var selection = new VmSelectionOptions();
        return VsphereCli.CreateStreaming<DiskUuidStatus>(
            "test-disk-uuid",
            "Show whether disk.enableUUID is on for VMs (all VMs when no selector is given); changes nothing.",
            io, globals, selection.Options, "No virtual machines matched.",
            (parseResult, connection, host, emit, ct) =>
                TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = selection.Read(parseResult) }, host, emit, ct));
    }
}
