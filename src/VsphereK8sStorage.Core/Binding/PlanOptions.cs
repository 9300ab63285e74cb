namespace VsphereK8sStorage.Binding;

/// <summary>What the caller can tune about a plan.</summary>
public sealed record PlanOptions
{
    /// <summary>The release the plan models unless told otherwise.</summary>
    public static Version DefaultKubernetesVersion => KubernetesRelease.Modelled;

    /// <summary>Evaluate WaitForFirstConsumer claims as if their pod were scheduled on this node.</summary>
    public string? Node { get; init; }

    /// <summary>List every volume with its rejection reasons for claims that do not bind, not just the closest few; and every alternative.</summary>
    public bool Detailed { get; init; }

    /// <summary>How many rejected volumes a short explanation lists.</summary>
    public int NearMissLimit { get; init; } = 3;

    /// <summary>How many alternatives a binding lists without <see cref="Detailed"/>.</summary>
    public int AlternativesLimit { get; init; } = 5;

    /// <summary>
    /// The Kubernetes release whose controller the plan follows: the texts of its events and the few
    /// behaviours that changed between releases (see the README). Defaults to current Kubernetes
    /// (<see cref="DefaultKubernetesVersion"/>); 1.20 is the oldest release whose differences are recorded.
    /// </summary>
    public Version KubernetesVersion { get; init; } = KubernetesRelease.Modelled;

    /// <summary>
    /// The claims whose results are shown (namespace, name), or null for all: only those are explained. Every claim is
    /// still planned, since each can take a volume another wanted; an explanation reads the final plan and changes
    /// only its own claim's result, so the shown results are those of a plan that explains everything. With
    /// <see cref="Detailed"/>, explaining every Pending claim of a large cluster against every volume is what the
    /// filter saves (28,837 claims x 50,000 volumes did not fit in 24 GB).
    /// </summary>
    public Func<string, string, bool>? Shows { get; init; }

    /// <summary>Work out Alternatives and DependsOn (off only to measure what they cost).</summary>
    internal bool TrackArbitraryChoices { get; init; } = true;

    /// <summary>
    /// Gives this claim this volume where its search finds one, instead of the search's pick: the plan
    /// Kubernetes makes when its arbitrary choice goes to that alternative. The tests re-plan every
    /// alternative this way to check DependsOn against the definition.
    /// </summary>
    internal (string Claim, string Volume)? ForcedPick { get; init; }

    /// <summary>
    /// From how many claims the final explanations and the results are made on every core, and from how many volumes
    /// the plan's two sorted indexes are built side by side (below, starting threads costs more than it saves). The
    /// tests set it to 0 and to int.MaxValue to hold the two ways to the same plan.
    /// </summary>
    internal int ExplainInParallelFrom { get; init; } = 2048;

    /// <summary>
    /// Whether claims left waiting that no rule tells apart share one explanation, made once (see
    /// <see cref="NearMissFinder.Explain"/>). The tests turn it off to hold the shared explanations to those made one by one.
    /// </summary>
    internal bool ShareExplanations { get; init; } = true;
}
