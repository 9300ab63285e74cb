using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Completers;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// New-VsphereFcd: creates first-class disks for CSI static provisioning. The output's VolumeHandle is what a
/// CSI PersistentVolume's volumeHandle wants; it pipes into New-K8sPersistentVolume.
/// </summary>
[Cmdlet(VerbsCommon.New, "VsphereFcd", SupportsShouldProcess = true, HelpUri = HelpLinks.Help + "New-VsphereFcd.md")]
[OutputType(typeof(VsphereFcd))]
public sealed class NewVsphereFcdCommand : VsphereCmdlet
{
    private readonly List<FcdSpec> disks = new();

    /// <summary>Disk names (unique per datastore).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ObjectName(nameof(Name))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = null!;

    /// <summary>The size, 1 MiB to 62 TB: 10GB (PowerShell's units, powers of 1024), 2Gi, 500Mi, 10G (Kubernetes'), or bytes; rounded up to whole MiB.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Capacity { get; set; } = null!;

    /// <summary>The datastore to create the disks on: a name, or a datastore from Get-VsphereDatastore (also piped).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ObjectName(nameof(Datastore), typeof(VsphereDatastore))]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VsphereNameCompleter))]
    public string Datastore { get; set; } = null!;

    /// <summary>Thin (default), Thick (lazily zeroed) or EagerZeroedThick.</summary>
    /// <remarks>A string, not the core's enum: an enum-typed field would make PowerShell load the engine before the module's load context is set up.</remarks>
    [Parameter]
    [ValidateSet(nameof(VsphereDiskType.Thin), nameof(VsphereDiskType.Thick), nameof(VsphereDiskType.EagerZeroedThick))]
    public string DiskType { get; set; } = nameof(VsphereDiskType.Thin);

    /// <summary>A storage policy to attach (a name Get-VsphereStoragePolicy lists).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VsphereNameCompleter))]
    public string? StoragePolicyName { get; set; }

    /// <summary>The datacenter whose datastore is meant, when the name exists in several.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Datacenter { get; set; }

    protected override void ProcessRecord() =>
        disks.AddRange(Name.Select(n => new FcdSpec { Name = n, Capacity = Capacity, Datastore = Datastore, DiskType = Enum.Parse<VsphereDiskType>(DiskType, ignoreCase: true) }));

    protected override void EndProcessing()
    {
        if (InputWasRefused && disks.Count == 0)
        {
            return;
        }

        RunVsphere<bool, VsphereFcd>(async (connection, host, emit, ct) =>
        {
            await NewVsphereFcd.RunAsync(new NewVsphereFcdRequest { Connection = connection, Disks = disks, Datacenter = Datacenter, StoragePolicyName = StoragePolicyName }, host, emit, ct).ConfigureAwait(false);
            return true;
        });
    }
}
