using System.Management.Automation;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;

namespace VsphereK8sStorage.Commands;

/// <summary>Test-DiskUuid: whether disk.enableUUID is on for VMs; changes nothing.</summary>
[Cmdlet(VerbsDiagnostic.Test, "DiskUuid", DefaultParameterSetName = ParameterSets.Name)]
[OutputType(typeof(DiskUuidResult))]
public sealed class TestDiskUuidCommand : VsphereCmdlet
{
    private readonly VmSelectionBuilder selector = new();

    public static class ParameterSets
    {
        public const string Name = "Name";
        public const string Id = "Id";
    }

    /// <summary>VM names or inventory paths; wildcards allowed. Every VM when no selector is given.</summary>
    [Parameter(Position = 0, ParameterSetName = ParameterSets.Name, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? VM { get; set; }

    /// <summary>VM ids (VirtualMachine-vm-42 or vm-42); binds the Id of piped VM objects.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Id, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Folders (inventory paths or names); every VM anywhere below them.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Folder { get; set; }

    protected override void ProcessRecord() => selector.Add(VM, Id);

    protected override void EndProcessing()
    {
        var selection = selector.Build(Folder);
        var results = RunVsphere((connection, host, ct) => TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = selection }, host, ct));
        foreach (var result in results)
        {
            WriteObject(result);
        }
    }
}
