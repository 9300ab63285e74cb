using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>The node a WaitForFirstConsumer claim is evaluated for. A node missing from the input has no labels.</summary>
internal sealed class NodeContext
{
    public NodeContext(string name, Node? node)
    {
        Name = name;
        Known = node is not null;
        Labels = node?.Labels ?? ObjectMeta.NoEntries;

        // The PV helpers build the node they match from its labels alone: no name, so no fields.
        Fields = ObjectMeta.NoEntries;
        Labels.TryGetValue(WellKnown.HostnameLabel, out var hostname);
        Hostname = hostname;
    }

    public string Name { get; }

    public bool Known { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public IReadOnlyDictionary<string, string> Fields { get; }

    public string? Hostname { get; }

    public bool Admits(PersistentVolume volume) => volume.NodeAffinity is null || volume.NodeAffinity.Matches(Labels, Fields);
}
