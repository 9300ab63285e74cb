namespace VsphereK8sStorage.Kubernetes;

/// <summary><c>spec.dataSource</c> or <c>spec.dataSourceRef</c> of a claim.</summary>
public sealed record TypedReference(string? ApiGroup, string Kind, string Name);

/// <summary>The fields of a PersistentVolumeClaim that binding reads.</summary>
public sealed record PersistentVolumeClaim
{
    public ObjectMeta Metadata { get; init; } = ObjectMeta.Empty;

    public string Name => Metadata.Name;

    public string Namespace => Metadata.Namespace ?? "default";

    /// <summary>"namespace/name", the way Kubernetes keys claims.</summary>
    public string Key => Namespace + "/" + Name;

    public AccessModes AccessModes { get; init; }

    /// <summary><c>spec.resources.requests.storage</c>.</summary>
    public Quantity Request { get; init; }

    /// <summary>Null when the claim has no selector; an empty selector matches every volume.</summary>
    public LabelSelector? Selector { get; init; }

    /// <summary>Null when unset, which is not the same as "": unset lets the default class apply.</summary>
    public string? StorageClassName { get; init; }

    public VolumeMode? VolumeMode { get; init; }

    /// <summary><c>spec.volumeName</c>; null or empty when the claim does not name a volume.</summary>
    public string? VolumeName { get; init; }

    /// <summary>Null when unset: then binding ignores the volume's attributes class.</summary>
    public string? VolumeAttributesClassName { get; init; }

    public TypedReference? DataSource { get; init; }

    public ClaimPhase? Phase { get; init; }

    /// <summary>The class as written: beta annotation, else spec.storageClassName; null when neither is set.</summary>
    public string? ExplicitStorageClass => Metadata.Annotation(WellKnown.BetaStorageClassAnnotation) ?? StorageClassName;

    public VolumeMode EffectiveVolumeMode => VolumeMode ?? Kubernetes.VolumeMode.Filesystem;

    public bool HasVolumeName => !string.IsNullOrEmpty(VolumeName);

    /// <summary>
    /// True once the controller has finished binding the claim: the bind-completed annotation, which is
    /// all the controller looks at (a recorded phase of Bound without it is reset, not trusted).
    /// </summary>
    public bool WasBound => Metadata.Annotations.ContainsKey(WellKnown.BindCompletedAnnotation);
}
