namespace VsphereK8sStorage.Kubernetes;

/// <summary>The parts of <c>metadata</c> that binding depends on.</summary>
public sealed record ObjectMeta
{
    public static readonly IReadOnlyDictionary<string, string> NoEntries = new Dictionary<string, string>();

    /// <summary>No name, no namespace, nothing: what an object has until its metadata is set (one shared instance; a record is never changed).</summary>
    public static readonly ObjectMeta Empty = new();

    public string Name { get; init; } = string.Empty;

    /// <summary>Null for cluster-scoped objects; "default" for namespaced objects that gave none.</summary>
    public string? Namespace { get; init; }

    /// <summary>Null for objects that have not been created yet (manifests written by hand).</summary>
    public string? Uid { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    public DateTimeOffset? DeletionTimestamp { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = NoEntries;

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = NoEntries;

    /// <summary>Where the object was read from, for messages; null for objects built in code.</summary>
    public SourceLocation? Source { get; init; }

    public string? Annotation(string key) => Annotations.TryGetValue(key, out var value) ? value : null;
}
