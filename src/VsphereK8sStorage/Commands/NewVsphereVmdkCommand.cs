using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Completers;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// New-VsphereVmdk: creates virtual disk files for in-tree vSphere PersistentVolumes, with their folder when
/// missing. An existing file is an error; nothing is overwritten. Output pipes into New-K8sPersistentVolume.
/// </summary>
[Cmdlet(VerbsCommon.New, "VsphereVmdk", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Path, HelpUri = HelpLinks.Help + "New-VsphereVmdk.md")]
[OutputType(typeof(VsphereVmdk))]
public sealed class NewVsphereVmdkCommand : VsphereCmdlet
{
    private readonly List<VmdkSpec> disks = new();

    public static class ParameterSets
    {
        public const string Path = "Path";
        public const string Name = "Name";
    }

    /// <summary>Datastore paths such as "[datastore1] volumes/myDisk.vmdk".</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.Path, ValueFromPipeline = true)]
    [ObjectName(nameof(Path))]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = null!;

    /// <summary>The datastore, with -Name: a name, or a datastore from Get-VsphereDatastore (also piped).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Name, ValueFromPipeline = true)]
    [ObjectName(nameof(Datastore), typeof(VsphereDatastore))]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VsphereNameCompleter))]
    public string Datastore { get; set; } = null!;

    /// <summary>Disk file names or paths inside -Datastore (volumes/myDisk); .vmdk is added when missing.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Name, ValueFromPipeline = true)]
    [ObjectName(nameof(Name))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = null!;

    /// <summary>The size, 1 MiB to 62 TB: 10GB (PowerShell's units, powers of 1024), 2Gi, 500Mi, 10G (Kubernetes'), or bytes.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Capacity { get; set; } = null!;

    /// <summary>Thin (default), Thick (lazily zeroed) or EagerZeroedThick.</summary>
    /// <remarks>A string, not the core's enum: an enum-typed field would make PowerShell load the engine before the module's load context is set up.</remarks>
    [Parameter]
    [ValidateSet(nameof(VsphereDiskType.Thin), nameof(VsphereDiskType.Thick), nameof(VsphereDiskType.EagerZeroedThick))]
    public string DiskType { get; set; } = nameof(VsphereDiskType.Thin);

    /// <summary>The controller type written in the disk's descriptor: LsiLogic (default), BusLogic or Ide.</summary>
    [Parameter]
    [ValidateSet(nameof(VmdkAdapterType.LsiLogic), nameof(VmdkAdapterType.BusLogic), nameof(VmdkAdapterType.Ide))]
    public string AdapterType { get; set; } = nameof(VmdkAdapterType.LsiLogic);

    /// <summary>The datacenter whose datastore is meant, when the name exists in several.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Datacenter { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var path in ParameterSetName == ParameterSets.Path ? Path : Name)
        {
            try
            {
                var full = ParameterSetName == ParameterSets.Path ? path : NewVsphereVmdk.DiskPath(Datastore, path);
                disks.Add(new VmdkSpec { Path = full, Capacity = Capacity, DiskType = Enum.Parse<VsphereDiskType>(DiskType, ignoreCase: true), AdapterType = Enum.Parse<VmdkAdapterType>(AdapterType, ignoreCase: true) });
            }
            catch (VsphereK8sException ex)
            {
                WriteError(ErrorMapping.ToErrorRecord(ex));
            }
        }
    }

    protected override void EndProcessing()
    {
        if (InputWasRefused && disks.Count == 0)
        {
            return;
        }

        RunVsphere<bool, VsphereVmdk>(async (connection, host, emit, ct) =>
        {
            await NewVsphereVmdk.RunAsync(new NewVsphereVmdkRequest { Connection = connection, Disks = disks, Datacenter = Datacenter }, host, emit, ct).ConfigureAwait(false);
            return true;
        });
    }
}
