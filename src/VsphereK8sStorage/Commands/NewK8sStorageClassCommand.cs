using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.PowerShell.Completers;
using VsphereK8sStorage.PowerShell.Hosting;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// New-K8sStorageClass: a StorageClass for the vSphere CSI driver (or another provisioner), created or updated
/// by server-side apply, or rendered as YAML with -Offline. Takes Url (Get-VsphereDatastore) as -DatastoreUrl
/// and a storage policy's name as -StoragePolicyName from the pipeline.
/// </summary>
[Cmdlet(VerbsCommon.New, "K8sStorageClass", SupportsShouldProcess = true, HelpUri = HelpLinks.Help + "New-K8sStorageClass.md")]
[OutputType(typeof(StorageClassResult), typeof(string))]
public sealed class NewK8sStorageClassCommand : NewK8sObjectCmdlet
{
    /// <summary>Who creates the volumes; csi.vsphere.vmware.com unless given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Provisioner { get; set; } = WellKnown.VsphereCsiDriver;

    /// <summary>The SPBM storage policy volumes are placed by (parameter storagepolicyname).</summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("StoragePolicy", "PolicyName")]
    [ObjectName(nameof(StoragePolicyName), typeof(VsphereK8sStorage.Vsphere.VsphereStoragePolicy), Leaves = new[] { typeof(VsphereK8sStorage.Vsphere.VsphereDatastore) })]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VsphereNameCompleter))]
    public string? StoragePolicyName { get; set; }

    /// <summary>The datastore's URL, ds:///vmfs/volumes/... (parameter datastoreurl).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Url")]
    [ValidateNotNullOrEmpty]
    public string? DatastoreUrl { get; set; }

    /// <summary>The file system new volumes get (parameter csi.storage.k8s.io/fstype).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? FsType { get; set; }

    [Parameter]
    [ValidateSet(nameof(StorageClassReclaimPolicy.Delete), nameof(StorageClassReclaimPolicy.Retain))]
    public string? ReclaimPolicy { get; set; }

    [Parameter]
    [ValidateSet(nameof(VsphereK8sStorage.Kubernetes.VolumeBindingMode.Immediate), nameof(VsphereK8sStorage.Kubernetes.VolumeBindingMode.WaitForFirstConsumer))]
    public string? VolumeBindingMode { get; set; }

    [Parameter]
    public SwitchParameter AllowVolumeExpansion { get; set; }

    /// <summary>Make this the cluster's default class; warns when another class is default already.</summary>
    [Parameter]
    public SwitchParameter Default { get; set; }

    protected override void ProcessRecord()
    {
        var request = new NewK8sStorageClassRequest
        {
            Session = TargetSession,
            Offline = Offline,
            Force = Force,
            Name = Name,
            Provisioner = Provisioner,
            StoragePolicyName = StoragePolicyName,
            DatastoreUrl = DatastoreUrl,
            FsType = FsType,
            ReclaimPolicy = ReclaimPolicy,
            VolumeBindingMode = VolumeBindingMode,
            AllowVolumeExpansion = AllowVolumeExpansion,
            Default = Default,
            Labels = Labels,
        };
        Apply((host, ct) => NewK8sStorageClass.RunAsync(request, host, ct));
    }
}
