using System.Text.RegularExpressions;
using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;

namespace VsphereK8sStorage.Operations.Kubernetes;

/// <summary>
/// What New-K8sPersistentVolume / vk8s new-k8s-persistent-volume was asked for. Exactly one source:
/// <see cref="VolumePath"/> (in-tree vsphereVolume), <see cref="VolumeHandle"/> (vSphere CSI, a first-class
/// disk), <see cref="HostPath"/>, <see cref="LocalPath"/>, or <see cref="NfsServer"/> with <see cref="NfsPath"/>.
/// </summary>
public sealed record NewK8sPersistentVolumeRequest : NewK8sObjectRequest
{
    public string Capacity { get; init; } = string.Empty;

    /// <summary>API names; empty means ReadWriteOnce.</summary>
    public IReadOnlyList<string> AccessModes { get; init; } = Array.Empty<string>();

    /// <summary>Retain, Delete or Recycle; null leaves the server's default (Retain).</summary>
    public string? ReclaimPolicy { get; init; }

    /// <summary>The class the volume belongs to; null or "" means none.</summary>
    public string? StorageClassName { get; init; }

    /// <summary>Filesystem or Block; null leaves the default (Filesystem).</summary>
    public string? VolumeMode { get; init; }

    public IReadOnlyList<string> MountOptions { get; init; } = Array.Empty<string>();

    /// <summary>Node selector terms in selector syntax (kubernetes.io/hostname=worker-1); a node must match one.</summary>
    public IReadOnlyList<string> NodeAffinity { get; init; } = Array.Empty<string>();

    /// <summary>"[datastore1] volumes/myDisk.vmdk": an in-tree vsphereVolume.</summary>
    public string? VolumePath { get; init; }

    /// <summary>A first-class disk id (or "file:..." for a file share) for the vSphere CSI driver.</summary>
    public string? VolumeHandle { get; init; }

    public string? FsType { get; init; }

    public string? HostPath { get; init; }

    public string? HostPathType { get; init; }

    public string? LocalPath { get; init; }

    public string? NfsServer { get; init; }

    public string? NfsPath { get; init; }
}

/// <summary>New-K8sPersistentVolume: create or update a PersistentVolume by server-side apply, or render it offline.</summary>
public static class NewK8sPersistentVolume
{
    /// <summary>The driver name and the volume attributes the vSphere CSI driver expects of a statically provisioned volume.</summary>
    internal const string CsiBlockVolumeType = "vSphere CNS Block Volume";

    internal const string CsiFileVolumeType = "vSphere CNS File Volume";

    internal const string ProvisionedByAnnotation = "pv.kubernetes.io/provisioned-by";

    private static readonly Regex DatastorePath = new(@"^\[[^\[\]]+\] \S", RegexOptions.CultureInvariant);

    private static readonly string[] HostPathTypes = System.Enum.GetNames<HostPathType>();

    /// <summary>The volume as written (or rendered); null when ShouldProcess declined.</summary>
    public static async Task<PersistentVolumeResult?> RunAsync(NewK8sPersistentVolumeRequest request, IOperationHost host, CancellationToken cancellationToken)
    {
        var desired = Build(request);
        if (request.Offline)
        {
            return KubernetesResults.Volume(desired, ApplyOutcome.Rendered);
        }

        var api = KubernetesModels.RequireSession(request.Session).Api(host);
        var (volume, outcome) = await ObjectApplier.ApplyAsync(api, Resources.PersistentVolume, desired, request.Force, host, cancellationToken).ConfigureAwait(false);
        return volume is null ? null : KubernetesResults.Volume(volume, outcome);
    }

    /// <summary>Validates the request and builds the object; nothing is sent.</summary>
    internal static V1PersistentVolume Build(NewK8sPersistentVolumeRequest request)
    {
        var name = KubernetesInput.Name("PersistentVolume", request.Name);
        var capacity = KubernetesInput.Capacity(request.Capacity);
        var spec = new V1PersistentVolumeSpec
        {
            Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity(capacity.ToString()) },
            AccessModes = KubernetesInput.AccessModes(request.AccessModes).ToList(),
            PersistentVolumeReclaimPolicy = KubernetesInput.OneOf("ReclaimPolicy", "reclaim policy", request.ReclaimPolicy, System.Enum.GetNames<PersistentVolumeReclaimPolicy>()),
            StorageClassName = string.IsNullOrEmpty(request.StorageClassName) ? null : KubernetesInput.Reference("StorageClassName", "StorageClass name", request.StorageClassName),
            VolumeMode = KubernetesInput.OneOf("VolumeMode", "volume mode", request.VolumeMode, "Filesystem", "Block"),
            MountOptions = request.MountOptions.Count == 0 ? null : request.MountOptions.ToList(),
            NodeAffinity = request.NodeAffinity.Count == 0
                ? null
                : new V1VolumeNodeAffinity { Required = new V1NodeSelector { NodeSelectorTerms = request.NodeAffinity.Select(t => KubernetesModels.NodeSelectorTerm("NodeAffinity", t)).ToList() } },
        };
        var metadata = new V1ObjectMeta { Name = name, Labels = KubernetesModels.LabelsOrNull(KubernetesInput.Labels(request.Labels)) };
        SetSource(request, spec, metadata);
        return new V1PersistentVolume { ApiVersion = "v1", Kind = "PersistentVolume", Metadata = metadata, Spec = spec };
    }

    private static void SetSource(NewK8sPersistentVolumeRequest request, V1PersistentVolumeSpec spec, V1ObjectMeta metadata)
    {
        var given = new List<string>();
        if (request.VolumePath is not null)
        {
            given.Add("VolumePath");
        }

        if (request.VolumeHandle is not null)
        {
            given.Add("VolumeHandle");
        }

        if (request.HostPath is not null)
        {
            given.Add("HostPath");
        }

        if (request.LocalPath is not null)
        {
            given.Add("LocalPath");
        }

        if (request.NfsServer is not null || request.NfsPath is not null)
        {
            given.Add("NfsServer");
        }

        if (given.Count != 1)
        {
            throw new InvalidParameterException(
                given.Count == 0 ? "VolumeSourceMissing" : "VolumeSourceAmbiguous",
                given.Count == 0 ? "VolumePath" : given[1],
                given.Count == 0
                    ? $"Name the volume's source: {Param.Name("VolumePath")} \"[datastore1] volumes/myDisk.vmdk\" for a VMDK, {Param.Name("VolumeHandle")} for a first-class disk (vSphere CSI), {Param.Name("HostPath")}, {Param.Name("LocalPath")}, or {Param.Name("NfsServer")} with {Param.Name("NfsPath")}."
                    : $"A PersistentVolume has exactly one source; give one of {string.Join(" and ", given.Select(g => "-" + g))}.");
        }

        if (request.FsType is not null && given[0] is "HostPath" or "NfsServer")
        {
            throw new InvalidParameterException("InvalidFsType", "FsType", $"{Param.Name("FsType")} applies to {Param.Name("VolumePath")}, {Param.Name("VolumeHandle")} and {Param.Name("LocalPath")} volumes, not to {Param.Name(given[0])}.", request.FsType);
        }

        var fsType = request.FsType is null ? null : KubernetesInput.Required("FsType", "file system type", request.FsType);
        switch (given[0])
        {
            case "VolumePath":
                if (!DatastorePath.IsMatch(request.VolumePath!))
                {
                    throw new InvalidParameterException("InvalidVolumePath", "VolumePath", $"Invalid volume path '{request.VolumePath}': write the VMDK's datastore path as \"[datastore1] volumes/myDisk.vmdk\" (a datastore in a folder or datastore cluster: \"[DatastoreCluster/datastore1] volumes/myDisk.vmdk\").", request.VolumePath);
                }

                spec.VsphereVolume = new V1VsphereVirtualDiskVolumeSource { VolumePath = request.VolumePath, FsType = fsType };
                break;
            case "VolumeHandle":
                var handle = KubernetesInput.Required("VolumeHandle", "volume handle", request.VolumeHandle);
                spec.Csi = new V1CSIPersistentVolumeSource
                {
                    Driver = WellKnown.VsphereCsiDriver,
                    VolumeHandle = handle,
                    FsType = fsType,
                    VolumeAttributes = new Dictionary<string, string> { ["type"] = handle.StartsWith("file:", StringComparison.Ordinal) ? CsiFileVolumeType : CsiBlockVolumeType },
                };

                // The vSphere CSI driver's static provisioning guide asks for this annotation on the volume.
                metadata.Annotations = new Dictionary<string, string> { [ProvisionedByAnnotation] = WellKnown.VsphereCsiDriver };
                break;
            case "HostPath":
                spec.HostPath = new V1HostPathVolumeSource
                {
                    Path = KubernetesInput.Path("HostPath", request.HostPath, absolute: false),
                    Type = KubernetesInput.OneOf("HostPathType", "hostPath type", request.HostPathType, HostPathTypes),
                };
                break;
            case "LocalPath":
                if (spec.NodeAffinity is null)
                {
                    throw new InvalidParameterException("NodeAffinityRequired", "NodeAffinity", $"A local volume needs {Param.Name("NodeAffinity")} naming the node that has the disk, such as 'kubernetes.io/hostname=worker-1'.");
                }

                spec.Local = new V1LocalVolumeSource { Path = KubernetesInput.Path("LocalPath", request.LocalPath, absolute: false), FsType = fsType };
                break;
            default:
                spec.Nfs = new V1NFSVolumeSource
                {
                    Server = KubernetesInput.Required("NfsServer", "NFS server", request.NfsServer),
                    Path = KubernetesInput.Path("NfsPath", request.NfsPath, absolute: true),
                };
                break;
        }

        if (request.HostPathType is not null && spec.HostPath is null)
        {
            throw new InvalidParameterException("InvalidHostPathType", "HostPathType", $"{Param.Name("HostPathType")} applies only with {Param.Name("HostPath")}.", request.HostPathType);
        }
    }
}
