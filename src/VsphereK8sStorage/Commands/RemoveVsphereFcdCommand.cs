using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Remove-VsphereFcd: deletes first-class disks and CNS volumes that nothing uses. Takes ids, Get-VsphereFcd and
/// Get-CnsVolume output, and the storage map's rows (Get-VsphereK8sStorageMap | Where-Object Status -eq OrphanDisk).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "VsphereFcd", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ParameterSets.InputObject, HelpUri = HelpLinks.Help + "Remove-VsphereFcd.md")]
[OutputType(typeof(VsphereDiskRemoval))]
public sealed class RemoveVsphereFcdCommand : RemoveVsphereDiskCmdlet
{
    public static class ParameterSets
    {
        public const string Id = "Id";
        public const string InputObject = InputObjectSet;
    }

    /// <summary>First-class disk or CNS volume ids (the VolumeHandle of Get-VsphereFcd, the VolumeId of Get-CnsVolume).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ParameterSets.Id)]
    [Alias("VolumeHandle", "VolumeId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = null!;

    /// <summary>This cluster's id (csi-vsphere.conf's cluster-id); taken from piped storage map rows when not given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClusterId { get; set; }

    protected override IEnumerable<DiskToRemove> Named() => Id.Select(id => new DiskToRemove { Id = id });

    protected override Task RemoveAsync(RemoveVsphereDiskRequest request, IOperationHost host, Action<VsphereDiskRemoval> emit, CancellationToken ct) =>
        RemoveVsphereFcd.RunAsync(request with { ClusterId = ClusterId }, host, emit, ct);
}
