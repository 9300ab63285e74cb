namespace VsphereK8sStorage.Kubernetes;

/// <summary>One of a StatefulSet's <c>volumeClaimTemplates</c>: the claim it stamps out per replica, or why it cannot.</summary>
/// <param name="Claim">The template as a claim: its name, labels, annotations and spec; the namespace is the set's.</param>
/// <param name="Problem">
/// The first rule the template breaks as a claim (the API server takes the StatefulSet, but the controller's
/// create of the claim would fail); null when it makes a valid claim.
/// </param>
public sealed record ClaimTemplate(PersistentVolumeClaim Claim, string? Problem = null);

/// <summary>The fields of a StatefulSet that decide which claims its controller creates.</summary>
public sealed record StatefulSet
{
    public ObjectMeta Metadata { get; init; } = ObjectMeta.Empty;

    public string Name => Metadata.Name;

    public string Namespace => Metadata.Namespace ?? "default";

    public string Key => Namespace + "/" + Name;

    /// <summary><c>spec.replicas</c>; unset means 1, as the API server defaults it.</summary>
    public int? Replicas { get; init; }

    /// <summary><c>spec.ordinals.start</c>: the first replica's ordinal (0 when unset).</summary>
    public int OrdinalStart { get; init; }

    /// <summary><c>spec.selector.matchLabels</c>, which the controller adds to every claim's labels.</summary>
    public IReadOnlyDictionary<string, string> SelectorLabels { get; init; } = ObjectMeta.NoEntries;

    public IReadOnlyList<ClaimTemplate> ClaimTemplates { get; init; } = System.Array.Empty<ClaimTemplate>();
}
