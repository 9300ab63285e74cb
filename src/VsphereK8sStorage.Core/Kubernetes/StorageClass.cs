namespace VsphereK8sStorage.Kubernetes;

public enum VolumeBindingMode
{
    Immediate,
    WaitForFirstConsumer,
}

/// <summary>The fields of a StorageClass that binding reads.</summary>
public sealed record StorageClass
{
    public ObjectMeta Metadata { get; init; } = ObjectMeta.Empty;

    public string Name => Metadata.Name;

    public string Provisioner { get; init; } = string.Empty;

    /// <summary>The API server defaults an unset mode to Immediate.</summary>
    public VolumeBindingMode VolumeBindingMode { get; init; } = VolumeBindingMode.Immediate;

    public string? ReclaimPolicy { get; init; }

    public bool? AllowVolumeExpansion { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = ObjectMeta.NoEntries;

    /// <summary><c>allowedTopologies</c>: where the provisioner may create volumes; null means anywhere.</summary>
    public IReadOnlyList<NodeSelectorTerm>? AllowedTopologies { get; init; }

    /// <summary>Either default-class annotation set to exactly "true", as Kubernetes reads it.</summary>
    public bool IsDefault =>
        Metadata.Annotation(WellKnown.DefaultClassAnnotation) == "true" || Metadata.Annotation(WellKnown.BetaDefaultClassAnnotation) == "true";

    /// <summary>False for classes whose volumes are made by hand (kubernetes.io/no-provisioner, or no provisioner at all).</summary>
    public bool CanProvision => Provisioner.Length > 0 && Provisioner != WellKnown.NoProvisioner;
}
