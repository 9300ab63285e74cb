using System.Collections.Generic;
using System.Management.Automation;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;

namespace VsphereK8sStorage.Commands;

/// <summary>
/// Enable-DiskUuid: sets disk.enableUUID=TRUE on VMs (names, paths, wildcards, folders, or VM objects from
/// Get-VsphereVm or PowerCLI's Get-VM). VMs already enabled are skipped; the rest are reconfigured concurrently.
/// </summary>
[Cmdlet(VerbsLifecycle.Enable, "DiskUuid", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Name)]
[OutputType(typeof(DiskUuidResult))]
public sealed class EnableDiskUuidCommand : VsphereCmdlet
{
    private readonly VmSelectionBuilder selector = new();

    public static class ParameterSets
    {
        public const string Name = "Name";
        public const string Id = "Id";
    }

    /// <summary>VM names or inventory paths; wildcards allowed (-VM * for every VM).</summary>
    [Parameter(Position = 0, ParameterSetName = ParameterSets.Name, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? VM { get; set; }

    /// <summary>VM ids (VirtualMachine-vm-42 or vm-42); binds the Id of VM objects from Get-VsphereVm or PowerCLI's Get-VM.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Id, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Folders (inventory paths or names); every VM anywhere below them.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Folder { get; set; }

    /// <summary>How many reconfigure calls may be in flight at once (default 16).</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = EnableDiskUuid.DefaultThrottleLimit;

    protected override void ProcessRecord() => selector.Add(VM, Id);

    protected override void EndProcessing()
    {
        var selection = selector.Build(Folder);
        if (selection.SelectsAll)
        {
            ThrowTerminatingError(ErrorMapping.ToErrorRecord(new InvalidParameterException(
                "EnableDiskUuidNoVm", "VM",
                "Say which VMs to change: -VM (names, paths, wildcards; -VM * for all), -Id, -Folder, or VM objects from the pipeline.")));
        }

        var results = RunVsphere((connection, host, ct) =>
            EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = selection, ThrottleLimit = ThrottleLimit }, host, ct));
        foreach (var result in results)
        {
            WriteObject(result);
        }
    }
}
