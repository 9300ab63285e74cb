using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.PowerShell.Hosting;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// New-K8sPersistentVolume: a PersistentVolume for an existing disk (a VMDK, a first-class disk through the
/// vSphere CSI driver, a host path, a local disk or an NFS export), created or updated by server-side apply,
/// or rendered as YAML with -Offline. Takes VolumePath (New-VsphereVmdk) and VolumeHandle (New-VsphereFcd) from the pipeline.
/// </summary>
[Cmdlet(VerbsCommon.New, "K8sPersistentVolume", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Vsphere, HelpUri = HelpLinks.Help + "New-K8sPersistentVolume.md")]
[OutputType(typeof(PersistentVolumeResult), typeof(string))]
public sealed class NewK8sPersistentVolumeCommand : NewK8sVolumeObjectCmdlet
{
    /// <summary>
    /// The volume source. -VolumePath and -VolumeHandle share one set, neither mandatory, so a piped disk picks its
    /// source by the property it has (PowerShell would otherwise settle on the default set and ask for the other);
    /// the core says so when neither or both are given.
    /// </summary>
    public static class ParameterSets
    {
        public const string Vsphere = "Vsphere";
        public const string HostPath = "HostPath";
        public const string Local = "Local";
        public const string Nfs = "Nfs";
    }

    /// <summary>The size, as a Kubernetes quantity such as 2Gi or 500M.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Capacity { get; set; } = null!;

    [Parameter]
    [ValidateSet(nameof(PersistentVolumeReclaimPolicy.Retain), nameof(PersistentVolumeReclaimPolicy.Delete), nameof(PersistentVolumeReclaimPolicy.Recycle))]
    public string? ReclaimPolicy { get; set; }

    /// <summary>The class the volume belongs to; claims of that class can bind it.</summary>
    [Parameter]
    public string? StorageClassName { get; set; }

    [Parameter]
    public string[]? MountOption { get; set; }

    /// <summary>Node selector terms, such as 'kubernetes.io/hostname=worker-1'; a node must match one. Required with -LocalPath.</summary>
    [Parameter]
    public string[]? NodeAffinity { get; set; }

    /// <summary>The VMDK, as "[datastore1] volumes/myDisk.vmdk" (an in-tree vsphereVolume).</summary>
    [Parameter(ParameterSetName = ParameterSets.Vsphere, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? VolumePath { get; set; }

    /// <summary>The file system to mount (ext4, xfs).</summary>
    [Parameter(ParameterSetName = ParameterSets.Vsphere)]
    [Parameter(ParameterSetName = ParameterSets.Local)]
    [ValidateNotNullOrEmpty]
    public string? FsType { get; set; }

    /// <summary>The first-class disk's id, for the vSphere CSI driver (csi.vsphere.vmware.com).</summary>
    [Parameter(ParameterSetName = ParameterSets.Vsphere, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? VolumeHandle { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.HostPath)]
    [ValidateNotNullOrEmpty]
    public string HostPath { get; set; } = null!;

    [Parameter(ParameterSetName = ParameterSets.HostPath)]
    [ValidateSet(nameof(VsphereK8sStorage.Kubernetes.HostPathType.DirectoryOrCreate), nameof(VsphereK8sStorage.Kubernetes.HostPathType.Directory), nameof(VsphereK8sStorage.Kubernetes.HostPathType.FileOrCreate), nameof(VsphereK8sStorage.Kubernetes.HostPathType.File), nameof(VsphereK8sStorage.Kubernetes.HostPathType.Socket), nameof(VsphereK8sStorage.Kubernetes.HostPathType.CharDevice), nameof(VsphereK8sStorage.Kubernetes.HostPathType.BlockDevice))]
    public string? HostPathType { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Local)]
    [ValidateNotNullOrEmpty]
    public string LocalPath { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Nfs)]
    [ValidateNotNullOrEmpty]
    public string NfsServer { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Nfs)]
    [ValidateNotNullOrEmpty]
    public string NfsPath { get; set; } = null!;

    protected override void ProcessRecord()
    {
        var set = ParameterSetName;
        var request = new NewK8sPersistentVolumeRequest
        {
            Session = TargetSession,
            Offline = Offline,
            Force = Force,
            Name = Name,
            Capacity = Capacity,
            AccessModes = AccessModes,
            ReclaimPolicy = ReclaimPolicy,
            StorageClassName = StorageClassName,
            VolumeMode = VolumeMode,
            MountOptions = MountOption ?? System.Array.Empty<string>(),
            Labels = Labels,
            NodeAffinity = NodeAffinity ?? System.Array.Empty<string>(),
            VolumePath = set == ParameterSets.Vsphere ? VolumePath : null,
            VolumeHandle = set == ParameterSets.Vsphere ? VolumeHandle : null,
            FsType = FsType,
            HostPath = set == ParameterSets.HostPath ? HostPath : null,
            HostPathType = HostPathType,
            LocalPath = set == ParameterSets.Local ? LocalPath : null,
            NfsServer = set == ParameterSets.Nfs ? NfsServer : null,
            NfsPath = set == ParameterSets.Nfs ? NfsPath : null,
        };
        Apply((host, ct) => NewK8sPersistentVolume.RunAsync(request, host, ct));
    }
}
