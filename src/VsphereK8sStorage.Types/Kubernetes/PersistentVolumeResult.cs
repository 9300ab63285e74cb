using System.Text.Json.Serialization;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>A PersistentVolume as New-K8sPersistentVolume leaves it; the columns are kubectl get pv's.</summary>
public sealed class PersistentVolumeResult : KubernetesObjectResult
{
    internal PersistentVolumeResult(Func<ManifestFormat, string> manifest, ApplyOutcome outcome, IReadOnlyDictionary<string, string>? labels)
        : base(manifest, outcome, labels)
    {
    }

    [TableColumn("NAME", 0)]
    public string Name { get; internal init; } = string.Empty;

    [TableColumn("CAPACITY", 1)]
    public string Capacity { get; internal init; } = string.Empty;

    public IReadOnlyList<string> AccessModes { get; internal init; } = Array.Empty<string>();

    [JsonIgnore]
    [TableColumn("ACCESS MODES", 2)]
    public string AccessModeSummary => Short(AccessModes);

    [TableColumn("RECLAIM POLICY", 3)]
    public string ReclaimPolicy { get; internal init; } = string.Empty;

    /// <summary>status.phase (Available, Bound, ...); empty when rendered offline.</summary>
    [TableColumn("STATUS", 4)]
    public string Status { get; internal init; } = string.Empty;

    /// <summary>"namespace/name" of the claim it is bound or reserved for.</summary>
    [TableColumn("CLAIM", 5)]
    public string Claim { get; internal init; } = string.Empty;

    [TableColumn("STORAGECLASS", 6)]
    public string StorageClass { get; internal init; } = string.Empty;

    public string VolumeMode { get; internal init; } = string.Empty;

    /// <summary>The volume source in one line, such as "vsphereVolume [datastore1] volumes/myDisk.vmdk".</summary>
    [TableColumn("SOURCE", 7)]
    public string Source { get; internal init; } = string.Empty;

    public override string ToString() => Name;
}
