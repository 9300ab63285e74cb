using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>A StorageClass as New-K8sStorageClass leaves it; the columns are kubectl get storageclass's.</summary>
public sealed class StorageClassResult : KubernetesObjectResult
{
    internal StorageClassResult(Func<ManifestFormat, string> manifest, ApplyOutcome outcome, IReadOnlyDictionary<string, string>? labels)
        : base(manifest, outcome, labels)
    {
    }

    [TableColumn("NAME", 0)]
    public string Name { get; internal init; } = string.Empty;

    [TableColumn("PROVISIONER", 1)]
    public string Provisioner { get; internal init; } = string.Empty;

    [TableColumn("RECLAIMPOLICY", 2)]
    public string ReclaimPolicy { get; internal init; } = string.Empty;

    [TableColumn("VOLUMEBINDINGMODE", 3)]
    public string VolumeBindingMode { get; internal init; } = string.Empty;

    [TableColumn("ALLOWVOLUMEEXPANSION", 4)]
    public bool AllowVolumeExpansion { get; internal init; }

    [TableColumn("DEFAULT", 5)]
    public bool IsDefault { get; internal init; }

    public IReadOnlyDictionary<string, string> Parameters { get; internal init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public override string ToString() => Name;
}
