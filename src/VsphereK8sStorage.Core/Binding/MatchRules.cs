using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>Why checkVolumeSatisfyClaim refuses a requested volume: the controller's own words and ours.</summary>
internal sealed record RequestedVolumeProblem(string ControllerError, string Detail);

/// <summary>
/// The individual checks of Kubernetes' volume matching, as pure functions. Both searches (the
/// linear reference and the index) and the explanations are built from these, so they cannot drift.
/// </summary>
internal static class MatchRules
{
    /// <summary>
    /// IsVolumeBoundToClaim: the volume's claimRef names the claim (namespace and name), and its uid,
    /// when set, is the claim's.
    /// </summary>
    public static bool PointsTo(ClaimReference? claimRef, PersistentVolumeClaim claim) =>
        claimRef is not null
        && claimRef.Name == claim.Name
        && claimRef.Namespace == claim.Namespace
        && (string.IsNullOrEmpty(claimRef.Uid) || claimRef.Uid == claim.Metadata.Uid);

    public static bool CapacityFits(Quantity capacity, Quantity request) => capacity.CompareTo(request) >= 0;

    /// <summary>
    /// The checks the search makes before it looks at pre-binding: capacity, volume mode, attributes
    /// class (claim and volume name the same one, unset counting as ""), not being deleted.
    /// </summary>
    public static bool PassesPrechecks(VolumeState volume, ClaimContext claim) =>
        CapacityFits(volume.Capacity, claim.Request)
        && volume.Volume.EffectiveVolumeMode == claim.VolumeMode
        && volume.Vac == claim.Vac
        && !volume.Volume.IsBeingDeleted;

    /// <summary>A volume pre-bound to the claim that the search returns (pre-binding skips class, phase and selector).</summary>
    public static bool IsUsablePrebound(VolumeState volume, ClaimContext claim) =>
        PointsTo(volume.ClaimRef, claim.Claim) && PassesPrechecks(volume, claim);

    /// <summary>The checks for a volume that is not pre-bound to the claim: Available, selector, class.</summary>
    public static bool PassesOpenChecks(VolumeState volume, ClaimContext claim) =>
        volume.ClaimRef is null
        && volume.EffectivePhase == VolumePhase.Available
        && (claim.Claim.Selector is null || claim.Claim.Selector.Matches(volume.Volume.Metadata.Labels))
        && volume.Class == claim.StorageClass;

    /// <summary>
    /// checkVolumeSatisfyClaim, used when a claim names its volume in spec.volumeName. Unlike the
    /// search it compares sizes rounded up to whole units, checks access modes directly, and ignores
    /// phase, selector and node affinity. Returns null when the volume satisfies the claim; the
    /// controller's error is the first that fails, in its order.
    /// </summary>
    public static RequestedVolumeProblem? CheckRequestedVolume(VolumeState volume, ClaimContext claim)
    {
        var v = volume.Volume;
        var c = claim.Claim;
        if (v.IsBeingDeleted)
        {
            return new($"the volume is marked for deletion \"{v.Name}\"", "it is being deleted");
        }

        if (v.Capacity.Value < c.Request.Value)
        {
            return new("requested PV is too small", $"it is too small: capacity {v.Capacity} < requested {c.Request}");
        }

        if (volume.Class != claim.StorageClass)
        {
            return new("storageClassName does not match", $"its storage class does not match: {Quote(volume.Class)} ≠ {Quote(claim.StorageClass)}");
        }

        if (volume.Vac != claim.Vac)
        {
            return new("volumeAttributesClassName does not match", $"its volumeAttributesClassName does not match: {Quote(volume.Vac)} ≠ {Quote(claim.Vac)}");
        }

        if (v.EffectiveVolumeMode != c.EffectiveVolumeMode)
        {
            return new("incompatible volumeMode", $"its volumeMode does not match: {v.EffectiveVolumeMode} ≠ {c.EffectiveVolumeMode}");
        }

        if (!v.AccessModes.Contains(c.AccessModes))
        {
            return new("incompatible accessMode", $"its access modes {v.AccessModes.ToShortString()} lack {(c.AccessModes & ~v.AccessModes).ToShortString()}");
        }

        return null;
    }

    /// <summary>A storage class name for messages: quoted, with "" for "no class".</summary>
    public static string Quote(string storageClass) => $"'{storageClass}'";

    /// <summary>
    /// Every reason the volume does not suit the claim, in words, for explanations, in the order a
    /// person fixes things in (see <see cref="Rules"/>). With <paramref name="reasons"/> null only the
    /// count is computed, without formatting anything, so candidates can be ranked cheaply and only the
    /// few shown are put into words.
    /// </summary>
    public static int Evaluate(VolumeState volume, ClaimContext claim, NodeContext? node, List<string>? reasons, ClassMismatchTexts? texts = null)
    {
        var candidate = new Candidate(volume, claim, node, PointsTo(volume.ClaimRef, claim.Claim), texts);
        var count = 0;
        foreach (var rule in Rules)
        {
            if (rule.Fails(candidate))
            {
                count++;
                reasons?.Add(rule.Describe(candidate));
            }
        }

        return count;
    }

    /// <summary>
    /// Ranks near misses: fewer reasons first; then volumes that fit before those that do not; then
    /// the closest size (smallest that fits, largest that does not); then name.
    /// </summary>
    public static int CompareNearMisses(VolumeState a, int aFailures, VolumeState b, int bFailures, ClaimContext claim)
    {
        if (aFailures != bFailures)
        {
            return aFailures.CompareTo(bFailures);
        }

        var aFits = CapacityFits(a.Capacity, claim.Request);
        var bFits = CapacityFits(b.Capacity, claim.Request);
        if (aFits != bFits)
        {
            return aFits ? -1 : 1;
        }

        var bySize = aFits ? a.Capacity.CompareTo(b.Capacity) : b.Capacity.CompareTo(a.Capacity);
        return bySize != 0 ? bySize : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>One volume considered for one claim (and node), and whether its claimRef reserves it for that claim.</summary>
    private readonly record struct Candidate(VolumeState Volume, ClaimContext Claim, NodeContext? Node, bool PreboundHere, ClassMismatchTexts? Texts)
    {
        public PersistentVolume Pv => Volume.Volume;
    }

    private sealed record Rule(Func<Candidate, bool> Fails, Func<Candidate, string> Describe);

    /// <summary>
    /// The checks of FindMatchingVolume, one rule each, in the order a person fixes things in:
    /// availability first (deletion, claimRef, phase), then size, class, mode, attributes class, access
    /// modes, labels, node. A volume pre-bound to the claim skips the checks pre-binding skips.
    /// </summary>
    private static readonly Rule[] Rules =
    {
        new(c => c.Pv.IsBeingDeleted, _ => "being deleted"),
        new(c => !c.PreboundHere && c.Volume.ClaimRef is not null, DescribeClaimRef),
        new(
            c => !c.PreboundHere && c.Volume.EffectivePhase is VolumePhase.Released or VolumePhase.Failed,
            c => c.Volume.EffectivePhase == VolumePhase.Released
                ? "Released: its claim was deleted; delete the volume or clear spec.claimRef to reuse it"
                : "Failed: automatic reclamation failed"),
        new(c => !CapacityFits(c.Volume.Capacity, c.Claim.Request), c => $"capacity {c.Volume.Capacity} < requested {c.Claim.Request}"),
        new(c => !c.PreboundHere && c.Volume.Class != c.Claim.StorageClass, c => c.Texts?.For(c.Volume.Class, c.Claim.StorageClass) ?? ClassMismatch(c.Volume.Class, c.Claim.StorageClass)),
        new(c => c.Pv.EffectiveVolumeMode != c.Claim.VolumeMode, c => $"volumeMode {c.Pv.EffectiveVolumeMode} ≠ {c.Claim.VolumeMode}"),
        new(c => c.Volume.Vac != c.Claim.Vac, c => $"volumeAttributesClass '{c.Volume.Vac}' ≠ '{c.Claim.Vac}'"),
        new(c => !c.Pv.AccessModes.Contains(c.Claim.AccessModes), c => $"access modes {ShortOrNone(c.Pv.AccessModes)} lack {Wording.Short(c.Claim.AccessModes & ~c.Pv.AccessModes)}"),
        new(
            c => !c.PreboundHere && c.Claim.Claim.Selector is { } selector && !selector.Matches(c.Pv.Metadata.Labels),
            c => $"selector: {c.Claim.Claim.Selector!.DescribeMismatch(c.Pv.Metadata.Labels)}"),
        new(
            c => c.Node is not null && c.Pv.NodeAffinity is not null && !c.Node.Admits(c.Pv),
            c => c.Node!.Known
                ? $"node affinity {c.Pv.NodeAffinity} excludes node {c.Node.Name}"
                : $"has node affinity, and node {c.Node.Name} is not in the input to check it against"),
    };

    private static string ClassMismatch(string volumeClass, string claimClass) => $"class '{volumeClass}' ≠ '{claimClass}'";

    /// <summary>
    /// The "class 'a' ≠ 'b'" reasons one explainer has written, by pair: a cluster has few classes, and a large plan
    /// names the same pair for thousands of near misses. One per explaining thread (not shared).
    /// </summary>
    internal sealed class ClassMismatchTexts
    {
        private readonly Dictionary<(string Volume, string Claim), string> texts = new();

        public string For(string volumeClass, string claimClass)
        {
            if (!texts.TryGetValue((volumeClass, claimClass), out var text))
            {
                text = ClassMismatch(volumeClass, claimClass);
                texts[(volumeClass, claimClass)] = text;
            }

            return text;
        }
    }

    private static string DescribeClaimRef(Candidate c)
    {
        if (c.Volume.TakenInPlanBy is { } taker)
        {
            return $"bound in this plan to {taker}";
        }

        var claimRef = c.Volume.ClaimRef!;
        if (claimRef.Namespace.Length == 0 || claimRef.Name.Length == 0)
        {
            // The API server accepts a partial claimRef; no claim can match it, so the volume stays reserved.
            return $"reserved by a spec.claimRef without a {(claimRef.Namespace.Length == 0 ? "namespace" : "name")}, which no claim can match; fix or clear the claimRef to let it bind";
        }

        var sameName = claimRef.Name == c.Claim.Claim.Name && claimRef.Namespace == c.Claim.Claim.Namespace;
        return sameName
            ? $"bound to an earlier claim named {claimRef.Key} (uid {claimRef.Uid}), not this one; clear the volume's spec.claimRef to let it bind again"
            : c.Pv.Phase is VolumePhase.Bound or VolumePhase.Released
                ? $"bound to {claimRef.Key}"
                : $"reserved for {claimRef.Key} by spec.claimRef";
    }

    private static string ShortOrNone(AccessModes modes) => modes == AccessModes.None ? "(none)" : Wording.Short(modes);
}
