namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Collects decoded objects. An object defined twice (same kind, namespace and name) keeps the later
/// definition, as a second <c>kubectl apply</c> would, and the duplicate is reported as a warning.
/// </summary>
internal sealed class ClusterSnapshotBuilder : IObjectSink
{
    private readonly Dictionary<string, PersistentVolume> volumes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PersistentVolumeClaim> claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StorageClass> classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StatefulSet> statefulSets = new(StringComparer.Ordinal);
    private readonly Action<string> warn;

    public ClusterSnapshotBuilder(Action<string> warn) => this.warn = warn;

    /// <summary>Sizes the maps for the volumes and claims about to be added, so they are not grown (and copied) on the way.</summary>
    public void Expect(int volumeCount, int claimCount)
    {
        volumes.EnsureCapacity(volumes.Count + volumeCount);
        claims.EnsureCapacity(claims.Count + claimCount);
    }

    public void Add(PersistentVolume volume) => Put(volumes, volume.Name, volume, "PersistentVolume", volume.Metadata);

    public void Add(PersistentVolumeClaim claim) => Put(claims, claim.Key, claim, "PersistentVolumeClaim", claim.Metadata);

    public void Add(StorageClass storageClass) => Put(classes, storageClass.Name, storageClass, "StorageClass", storageClass.Metadata);

    public void Add(Node node) => Put(nodes, node.Name, node, "Node", node.Metadata);

    public void Add(StatefulSet statefulSet) => Put(statefulSets, statefulSet.Key, statefulSet, "StatefulSet", statefulSet.Metadata);

    public ClusterSnapshot Build(VsphereK8sException? readFailure = null) =>
        new(volumes.Values.ToArray(), claims.Values.ToArray(), classes.Values.ToArray(), nodes.Values.ToArray()) { ReadFailure = readFailure, StatefulSets = statefulSets.Values.ToArray() };

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
                StatefulSet s => s.Metadata,
                _ => null,
            })?.Source;
            warn($"{kind} {key} is defined twice ({Describe(earlierSource)} and {Describe(meta.Source)}); the later definition is used");
        }

        map[key] = value;
    }

    private static string Describe(SourceLocation? source) => source?.ToString() ?? "input";
}

/// <summary>Where decoded objects go: the snapshot, or a List's items kept aside until the List is complete.</summary>
internal interface IObjectSink
{
    void Add(PersistentVolume volume);

    void Add(PersistentVolumeClaim claim);

    void Add(StorageClass storageClass);

    void Add(Node node);

    void Add(StatefulSet statefulSet);
}

internal static class ObjectSinkExtensions
{
    /// <summary>Hands a decoded object to the sink's Add for its kind; false when it is none of the five.</summary>
    public static bool AddDecoded(this IObjectSink sink, object item)
    {
        switch (item)
        {
            case PersistentVolume volume:
                sink.Add(volume);
                return true;
            case PersistentVolumeClaim claim:
                sink.Add(claim);
                return true;
            case StorageClass storageClass:
                sink.Add(storageClass);
                return true;
            case Node node:
                sink.Add(node);
                return true;
            case StatefulSet statefulSet:
                sink.Add(statefulSet);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>Objects kept in the order they were decoded, to be handed on or dropped as a whole.</summary>
internal sealed class StagedObjects : IObjectSink
{
    private readonly List<object> objects = new();

    public void Add(PersistentVolume volume) => objects.Add(volume);

    public void Add(PersistentVolumeClaim claim) => objects.Add(claim);

    public void Add(StorageClass storageClass) => objects.Add(storageClass);

    public void Add(Node node) => objects.Add(node);

    public void Add(StatefulSet statefulSet) => objects.Add(statefulSet);

    public void MoveTo(IObjectSink sink)
    {
        foreach (var item in objects)
        {
            sink.AddDecoded(item);
        }

        objects.Clear();
    }

    public void Clear() => objects.Clear();
}
