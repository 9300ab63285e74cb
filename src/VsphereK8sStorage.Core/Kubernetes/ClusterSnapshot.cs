namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// The storage state of one cluster that binding reads: volumes, claims, classes and nodes, from manifests or
/// from the API server (which adds its version and the last events on unbound claims); the binding engine does
/// not care which.
/// </summary>
public sealed class ClusterSnapshot
{
    public ClusterSnapshot(
        IReadOnlyList<PersistentVolume> volumes,
        IReadOnlyList<PersistentVolumeClaim> claims,
        IReadOnlyList<StorageClass> storageClasses,
        IReadOnlyList<Node> nodes)
    {
        Volumes = volumes;
        Claims = claims;
        StorageClasses = storageClasses;
        Nodes = nodes;
    }

    public static ClusterSnapshot Empty { get; } = new(Array.Empty<PersistentVolume>(), Array.Empty<PersistentVolumeClaim>(), Array.Empty<StorageClass>(), Array.Empty<Node>());

    public IReadOnlyList<PersistentVolume> Volumes { get; }

    public IReadOnlyList<PersistentVolumeClaim> Claims { get; }

    public IReadOnlyList<StorageClass> StorageClasses { get; }

    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>
    /// StatefulSets, for the claims their <c>volumeClaimTemplates</c> would create: those in manifests, or the one
    /// a live read was asked for. Not counted in <see cref="ObjectCount"/>: binding does not read them.
    /// </summary>
    public IReadOnlyList<StatefulSet> StatefulSets { get; init; } = Array.Empty<StatefulSet>();

    public int ObjectCount => Volumes.Count + Claims.Count + StorageClasses.Count + Nodes.Count;

    /// <summary>
    /// What could not be read (malformed documents, unreadable files), or null: the snapshot then
    /// holds everything else. Operations plan with the rest and fail with this after their output.
    /// </summary>
    public VsphereK8sException? ReadFailure { get; init; }

    /// <summary>The API server's version, when the snapshot was read from a live cluster; null for manifests.</summary>
    public Client.KubernetesServerVersion? ServerVersion { get; init; }

    /// <summary>The newest event on each claim ("namespace/name") that is not Bound, when read from a live cluster; null for manifests.</summary>
    public IReadOnlyDictionary<string, Binding.ClaimEvent>? LastClaimEvents { get; init; }
}
