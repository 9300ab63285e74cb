using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>Test-DiskUuid: whether disk.enableUUID is on for VMs (every VM when no selector is given); changes nothing.</summary>
[Cmdlet(VerbsDiagnostic.Test, "DiskUuid", DefaultParameterSetName = ParameterSets.Name, HelpUri = HelpLinks.Help + "Test-DiskUuid.md")]
[OutputType(typeof(DiskUuidStatus))]
public sealed class TestDiskUuidCommand : DiskUuidCmdlet
{
    public static class ParameterSets
    {
        public const string Name = NameSet;
        public const string Id = IdSet;
    }

    protected override void EndProcessing()
    {
        if (NothingSelected)
        {
            return;
        }

        var selection = Selection();
        WriteVsphereResults<IReadOnlyDictionary<string, int>, DiskUuidStatus>((connection, host, emit, ct) =>
            TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = selection }, host, emit, ct));
    }
}
