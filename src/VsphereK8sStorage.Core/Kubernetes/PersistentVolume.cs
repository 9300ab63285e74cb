namespace VsphereK8sStorage.Kubernetes;

/// <summary><c>status.phase</c> of a PersistentVolume.</summary>
public enum VolumePhase
{
    Pending,
    Available,
    Bound,
    Released,
    Failed,
}

/// <summary>The volume source a PersistentVolume names, in one line: kind plus its identifying field.</summary>
public sealed record VolumeSource(string Kind, string? Identity)
{
    /// <summary>Every in-tree and CSI volume source a PersistentVolume can name, with the field that identifies it.</summary>
    public static IReadOnlyList<(string Kind, string? IdentityField)> Kinds => KnownKinds;

    // Searched as an array: through the interface, every volume read would box an enumerator.
    private static readonly (string Kind, string? IdentityField)[] KnownKinds =
    {
        ("vsphereVolume", "volumePath"), ("csi", "volumeHandle"), ("hostPath", "path"), ("local", "path"), ("nfs", "path"),
        ("awsElasticBlockStore", "volumeID"), ("azureDisk", "diskName"), ("azureFile", "shareName"), ("cephfs", "path"),
        ("cinder", "volumeID"), ("fc", null), ("flexVolume", "driver"), ("flocker", "datasetName"), ("gcePersistentDisk", "pdName"),
        ("glusterfs", "path"), ("iscsi", "iqn"), ("photonPersistentDisk", "pdID"), ("portworxVolume", "volumeID"),
        ("quobyte", "volume"), ("rbd", "image"), ("scaleIO", "volumeName"), ("storageos", "volumeName"),
    };

    /// <summary>The field that identifies a source of this kind (volumePath, volumeHandle, path, ...); null when none does.</summary>
    public static string? IdentityField(string kind)
    {
        foreach (var (known, field) in KnownKinds)
        {
            if (known == kind)
            {
                return field;
            }
        }

        return null;
    }

    public override string ToString() => Identity is null ? Kind : $"{Kind} {Identity}";
}

/// <summary>The fields of a PersistentVolume that binding reads.</summary>
public sealed record PersistentVolume
{
    public ObjectMeta Metadata { get; init; } = ObjectMeta.Empty;

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

/// <summary><c>spec.claimRef</c> of a volume: the claim it is bound or reserved for.</summary>
public sealed record ClaimReference(string Namespace, string Name, string? Uid)
{
    public string Key => Namespace + "/" + Name;
}
