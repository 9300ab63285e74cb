using System.Collections.Generic;

namespace VsphereK8sStorage.Kubernetes;

public enum VolumeMode
{
    Filesystem,
    Block,
}

/// <summary><c>status.phase</c> of a PersistentVolume.</summary>
public enum VolumePhase
{
    Pending,
    Available,
    Bound,
    Released,
    Failed,
}

/// <summary><c>status.phase</c> of a PersistentVolumeClaim, and the phase a plan predicts.</summary>
public enum ClaimPhase
{
    Pending,
    Bound,
    Lost,
}

public enum VolumeBindingMode
{
    Immediate,
    WaitForFirstConsumer,
}

/// <summary>The volume source a PersistentVolume names, in one line: kind plus its identifying field.</summary>
public sealed record VolumeSource(string Kind, string? Identity)
{
    public override string ToString() => Identity is null ? Kind : $"{Kind} {Identity}";
}

/// <summary>The fields of a PersistentVolume that binding reads.</summary>
public sealed record PersistentVolume
{
    public ObjectMeta Metadata { get; init; } = new();

    public string Name => Metadata.Name;

    public Quantity Capacity { get; init; }

    public AccessModes AccessModes { get; init; }

    public ClaimReference? ClaimRef { get; init; }

    /// <summary><c>spec.storageClassName</c> as written; see <see cref="StorageClass"/> for the effective class.</summary>
    public string? StorageClassName { get; init; }

    /// <summary>Null when unset, which Kubernetes treats as Filesystem.</summary>
    public VolumeMode? VolumeMode { get; init; }

    public string? VolumeAttributesClassName { get; init; }

    public NodeSelector? NodeAffinity { get; init; }

    public string? ReclaimPolicy { get; init; }

    public IReadOnlyList<string> MountOptions { get; init; } = System.Array.Empty<string>();

    public VolumeSource? Source { get; init; }

    /// <summary><c>status.phase</c>, null when the manifest has no status.</summary>
    public VolumePhase? Phase { get; init; }

    /// <summary>The class binding uses: the beta annotation wins over <c>spec.storageClassName</c>; "" means no class.</summary>
    public string StorageClass => Metadata.Annotation(WellKnown.BetaStorageClassAnnotation) ?? StorageClassName ?? string.Empty;

    public VolumeMode EffectiveVolumeMode => VolumeMode ?? Kubernetes.VolumeMode.Filesystem;

    public bool IsBeingDeleted => Metadata.DeletionTimestamp is not null;
}

/// <summary><c>spec.dataSource</c> or <c>spec.dataSourceRef</c> of a claim.</summary>
public sealed record TypedReference(string? ApiGroup, string Kind, string Name);

/// <summary>The fields of a PersistentVolumeClaim that binding reads.</summary>
public sealed record PersistentVolumeClaim
{
    public ObjectMeta Metadata { get; init; } = new();

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

/// <summary>The fields of a StorageClass that binding reads.</summary>
public sealed record StorageClass
{
    public ObjectMeta Metadata { get; init; } = new();

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

/// <summary>A Node as node affinity sees it: name and labels.</summary>
public sealed record Node
{
    public ObjectMeta Metadata { get; init; } = new();

    public string Name => Metadata.Name;

    public IReadOnlyDictionary<string, string> Labels => Metadata.Labels;
}
