using System.Text.Json.Serialization;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>A claim as New-K8sPersistentVolumeClaim leaves it; the columns are kubectl get pvc's.</summary>
public sealed class PersistentVolumeClaimResult : KubernetesObjectResult
{
    internal PersistentVolumeClaimResult(Func<ManifestFormat, string> manifest, ApplyOutcome outcome, IReadOnlyDictionary<string, string>? labels)
        : base(manifest, outcome, labels)
    {
    }

    [TableColumn("NAMESPACE", 0)]
    public string Namespace { get; internal init; } = string.Empty;

    [TableColumn("NAME", 1)]
    public string Name { get; internal init; } = string.Empty;

    /// <summary>status.phase (Pending, Bound, Lost); empty when rendered offline.</summary>
    [TableColumn("STATUS", 2)]
    public string Status { get; internal init; } = string.Empty;

    [TableColumn("VOLUME", 3)]
    public string Volume { get; internal init; } = string.Empty;

    /// <summary>The bound volume's capacity (status.capacity); empty until bound.</summary>
    [TableColumn("CAPACITY", 4)]
    public string Capacity { get; internal init; } = string.Empty;

    public string Requested { get; internal init; } = string.Empty;

    public IReadOnlyList<string> AccessModes { get; internal init; } = Array.Empty<string>();

    [JsonIgnore]
    [TableColumn("ACCESS MODES", 5)]
    public string AccessModeSummary => Short(AccessModes);

    /// <summary>spec.storageClassName: null when unset (the default class applies when the claim is created), "" for none.</summary>
    [TableColumn("STORAGECLASS", 6)]
    public string? StorageClass { get; internal init; }

    public override string ToString() => Name;
}
