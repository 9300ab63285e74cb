using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Remove-VsphereVmdk: deletes VMDK files that nothing uses. Takes paths, New-VsphereVmdk output (VolumePath) and
/// the storage map's rows (Get-VsphereK8sStorageMap | Where-Object Status -eq OrphanDisk). Never deletes the file
/// under a first-class disk.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "VsphereVmdk", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ParameterSets.InputObject, HelpUri = HelpLinks.Help + "Remove-VsphereVmdk.md")]
[OutputType(typeof(VsphereDiskRemoval))]
public sealed class RemoveVsphereVmdkCommand : RemoveVsphereDiskCmdlet
{
    public static class ParameterSets
    {
        public const string Path = "Path";
        public const string InputObject = InputObjectSet;
    }

    /// <summary>VMDK files, '[datastore1] kubevols/disk.vmdk' (the VolumePath of New-VsphereVmdk, a PV's volumePath).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ParameterSets.Path)]
    [Alias("VolumePath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = null!;

    /// <summary>The datacenter whose datastore is meant, when the name exists in several.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Datacenter { get; set; }

    protected override IEnumerable<DiskToRemove> Named() => Path.Select(path => new DiskToRemove { Path = path });

    protected override Task RemoveAsync(RemoveVsphereDiskRequest request, IOperationHost host, Action<VsphereDiskRemoval> emit, CancellationToken ct) =>
        RemoveVsphereVmdk.RunAsync(request with { Datacenter = Datacenter }, host, emit, ct);
}
