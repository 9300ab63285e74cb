using System.Collections.Generic;
using System.Management.Automation;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Remove-VsphereFcd: deletes first-class disks and CNS volumes that nothing uses. Takes ids, Get-VsphereFcd and
/// Get-CnsVolume output, and the storage map's rows (Get-VsphereK8sStorageMap | Where-Object Status -eq OrphanDisk).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "VsphereFcd", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ParameterSets.InputObject, HelpUri = HelpLinks.Help + "Remove-VsphereFcd.md")]
[OutputType(typeof(VsphereDiskRemoval))]
public sealed class RemoveVsphereFcdCommand : VsphereKubernetesCmdlet
{
    public static class ParameterSets
    {
        public const string Id = "Id";
        public const string InputObject = "InputObject";
    }

    private readonly List<DiskToRemove> disks = new();

    /// <summary>First-class disk or CNS volume ids (the VolumeHandle of Get-VsphereFcd, the VolumeId of Get-CnsVolume).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ParameterSets.Id)]
    [Alias("VolumeHandle", "VolumeId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = null!;

    /// <summary>Rows of Get-VsphereK8sStorageMap. The default set, so PowerShell binds a piped row here whole (its kind and status kept), not by its VolumeId.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ParameterSets.InputObject)]
    [ValidateNotNull]
    public StorageMapRow[] InputObject { get; set; } = null!;

    /// <summary>This cluster's id (csi-vsphere.conf's cluster-id); taken from piped storage map rows when not given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClusterId { get; set; }

    /// <summary>Delete even a disk a PersistentVolume names, a VM has attached, another cluster owns, or whose cluster was not read; a warning says what each overrides.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ParameterSets.InputObject)
        {
            foreach (var row in InputObject)
            {
                disks.Add(new DiskToRemove { Id = row.VolumeId, Path = row.Path, Kind = row.DiskKind, MapStatus = row.Status, Pv = row.Pv, MapClusterId = row.MapClusterId });
            }
        }
        else
        {
            foreach (var id in Id)
            {
                disks.Add(new DiskToRemove { Id = id });
            }
        }
    }

    protected override void Run()
    {
        if (disks.Count == 0)
        {
            return;
        }

        RunVsphere<bool, VsphereDiskRemoval>(async (connection, host, emit, ct) =>
        {
            await RemoveVsphereFcd.RunAsync(new RemoveVsphereDiskRequest { Connection = connection, Session = Session, ClusterId = ClusterId, Disks = disks, Force = Force }, host, emit, ct).ConfigureAwait(false);
            return true;
        });
    }
}
