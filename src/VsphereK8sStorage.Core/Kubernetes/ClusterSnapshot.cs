using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Errors;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// The storage state of one cluster that binding reads: volumes, claims, classes and nodes. It comes
/// from manifests today and from the API server once the Kubernetes client exists; the binding
/// engine does not care which.
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

    public int ObjectCount => Volumes.Count + Claims.Count + StorageClasses.Count + Nodes.Count;
}

/// <summary>
/// Collects decoded objects. An object defined twice (same kind, namespace and name) keeps the later
/// definition, as a second <c>kubectl apply</c> would, and the duplicate is reported as a warning.
/// </summary>
internal sealed class ClusterSnapshotBuilder
{
    private readonly Dictionary<string, PersistentVolume> volumes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PersistentVolumeClaim> claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StorageClass> classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> nodes = new(StringComparer.Ordinal);
    private readonly Action<string> warn;

    public ClusterSnapshotBuilder(Action<string> warn) => this.warn = warn;

    public void Add(PersistentVolume volume) => Put(volumes, volume.Name, volume, "PersistentVolume", volume.Metadata);

    public void Add(PersistentVolumeClaim claim) => Put(claims, claim.Key, claim, "PersistentVolumeClaim", claim.Metadata);

    public void Add(StorageClass storageClass) => Put(classes, storageClass.Name, storageClass, "StorageClass", storageClass.Metadata);

    public void Add(Node node) => Put(nodes, node.Name, node, "Node", node.Metadata);

    public ClusterSnapshot Build() =>
        new(volumes.Values.ToArray(), claims.Values.ToArray(), classes.Values.ToArray(), nodes.Values.ToArray());

    private void Put<T>(Dictionary<string, T> map, string key, T value, string kind, ObjectMeta meta)
        where T : class
    {
        if (map.TryGetValue(key, out var earlier))
        {
            var earlierSource = (earlier switch
            {
                PersistentVolume v => v.Metadata,
                PersistentVolumeClaim c => c.Metadata,
                StorageClass s => s.Metadata,
                Node n => n.Metadata,
                _ => null,
            })?.Source;
            warn($"{kind} {key} is defined twice ({Describe(earlierSource)} and {Describe(meta.Source)}); the later definition is used");
        }

        map[key] = value;
    }

    private static string Describe(SourceLocation? source) => source?.ToString() ?? "input";
}
