namespace VsphereK8sStorage.Kubernetes;

/// <summary>A Node as node affinity sees it: name and labels.</summary>
public sealed record Node
{
    public ObjectMeta Metadata { get; init; } = ObjectMeta.Empty;

    public string Name => Metadata.Name;

    public IReadOnlyDictionary<string, string> Labels => Metadata.Labels;
}
