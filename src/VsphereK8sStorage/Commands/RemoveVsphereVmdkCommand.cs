using System.Collections.Generic;
using System.Management.Automation;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Remove-VsphereVmdk: deletes VMDK files that nothing uses. Takes paths, New-VsphereVmdk output (VolumePath) and
/// the storage map's rows (Get-VsphereK8sStorageMap | Where-Object Status -eq OrphanDisk).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "VsphereVmdk", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ParameterSets.InputObject, HelpUri = HelpLinks.Help + "Remove-VsphereVmdk.md")]
[OutputType(typeof(VsphereDiskRemoval))]
public sealed class RemoveVsphereVmdkCommand : VsphereKubernetesCmdlet
{
    public static class ParameterSets
    {
        public const string Path = "Path";
        public const string InputObject = "InputObject";
    }

    private readonly List<DiskToRemove> disks = new();

    /// <summary>VMDK files, '[datastore1] kubevols/disk.vmdk' (the VolumePath of New-VsphereVmdk, a PV's volumePath).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ParameterSets.Path)]
    [Alias("VolumePath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = null!;

    /// <summary>Rows of Get-VsphereK8sStorageMap. The default set, so PowerShell binds a piped row here whole (its kind and status kept), not by its Path.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ParameterSets.InputObject)]
    [ValidateNotNull]
    public StorageMapRow[] InputObject { get; set; } = null!;

    /// <summary>The datacenter whose datastore is meant, when the name exists in several.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Datacenter { get; set; }

    /// <summary>Delete even a file a PersistentVolume names, a VM has attached, or whose cluster was not read; a warning says what each overrides. Never deletes the file under a first-class disk.</summary>
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
            foreach (var path in Path)
            {
                disks.Add(new DiskToRemove { Path = path });
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
            await RemoveVsphereVmdk.RunAsync(new RemoveVsphereDiskRequest { Connection = connection, Session = Session, Disks = disks, Force = Force, Datacenter = Datacenter }, host, emit, ct).ConfigureAwait(false);
            return true;
        });
    }
}
