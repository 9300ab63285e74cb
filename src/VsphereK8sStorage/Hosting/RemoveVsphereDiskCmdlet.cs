using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// Base of Remove-VsphereFcd and Remove-VsphereVmdk: the storage map's rows (the default parameter set, so a piped
/// row binds whole, its kind and status kept), -Force, and one run over every disk the pipeline gave.
/// </summary>
public abstract class RemoveVsphereDiskCmdlet : VsphereKubernetesCmdlet
{
    /// <summary>The parameter set of piped storage map rows.</summary>
    public const string InputObjectSet = "InputObject";

    private readonly List<DiskToRemove> disks = new();

    /// <summary>Rows of Get-VsphereK8sStorageMap.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public StorageMapRow[] InputObject { get; set; } = null!;

    /// <summary>Delete despite the refusals that may be overridden; a warning says what each overrides.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The disks the command's own key parameter names (-Id or -Path) for this pipeline item.</summary>
    protected abstract IEnumerable<DiskToRemove> Named();

    /// <summary>Runs the command's delete, adding what only it takes (a cluster id, a datacenter) to the request.</summary>
    protected abstract Task RemoveAsync(RemoveVsphereDiskRequest request, IOperationHost host, Action<VsphereDiskRemoval> emit, CancellationToken ct);

    protected override void ProcessRecord()
    {
        if (ParameterSetName != InputObjectSet)
        {
            disks.AddRange(Named());
            return;
        }

        foreach (var row in InputObject)
        {
            disks.Add(new DiskToRemove { Id = row.VolumeId, Path = row.Path, Kind = row.DiskKind, MapStatus = row.Status, Pv = row.Pv, MapClusterId = row.MapClusterId });
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
            await RemoveAsync(new RemoveVsphereDiskRequest { Connection = connection, Session = Session, Disks = disks, Force = Force }, host, emit, ct).ConfigureAwait(false);
            return true;
        });
    }
}
