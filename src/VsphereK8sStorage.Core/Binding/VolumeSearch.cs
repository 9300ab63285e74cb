using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>Which search the planner uses. Both give the same plan; the linear one is Kubernetes' own algorithm, kept as the reference.</summary>
public enum SearchStrategy
{
    Indexed,
    Linear,
}

/// <summary>
/// The two ways Kubernetes looks for a volume for a claim that does not name one.
/// Volumes bound by the plan have their ClaimRef set, which is how both searches skip them.
/// </summary>
internal interface IVolumeSearch
{
    /// <summary>
    /// The PV controller's search (findBestMatchForClaim): access-mode sets from the fewest modes up,
    /// the first set with a match wins; in a set a volume pre-bound to the claim wins, else the smallest
    /// open volume. With delayed binding only pre-bound volumes count.
    /// </summary>
    VolumeState? FindForController(ClaimContext claim, bool delayBinding);

    /// <summary>
    /// The scheduler's search for a WaitForFirstConsumer claim on a node: over the volumes of the
    /// claim's class, a pre-bound volume decides (it matches only if the node admits it), else the
    /// smallest open volume whose access modes contain the request and whose node affinity admits the node.
    /// </summary>
    VolumeState? FindForNode(ClaimContext claim, NodeContext node);

    /// <summary>
    /// The smallest open volume that fits, whatever its access-mode set: what the claim would get if
    /// Kubernetes did not search sets with fewer modes first. Used to explain that order.
    /// </summary>
    VolumeState? FindSmallestInAnyModeSet(ClaimContext claim);
}

/// <summary>
/// Kubernetes' FindMatchingVolume, translated check for check over every volume. Quadratic over a
/// whole cluster; it is the reference the index is tested and benchmarked against.
/// </summary>
internal sealed class LinearVolumeSearch : IVolumeSearch
{
    private readonly List<(AccessModes Modes, List<VolumeState> Volumes)> byModes;
    private readonly Dictionary<string, List<VolumeState>> byClass;

    public LinearVolumeSearch(IReadOnlyList<VolumeState> volumes)
    {
        byModes = volumes
            .GroupBy(v => v.Volume.AccessModes)
            .Select(g => (g.Key, g.ToList()))
            .OrderBy(g => g.Key, Comparer<AccessModes>.Create(VolumeOrder.CompareModeSets))
            .ToList();
        byClass = volumes.GroupBy(v => v.Class).ToDictionary(g => g.Key, g => g.ToList(), System.StringComparer.Ordinal);
    }

    public VolumeState? FindForController(ClaimContext claim, bool delayBinding)
    {
        foreach (var (modes, volumes) in byModes)
        {
            if (!modes.Contains(claim.AccessModes))
            {
                continue;
            }

            var found = FindMatchingVolume(claim, volumes, null, delayBinding);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    public VolumeState? FindForNode(ClaimContext claim, NodeContext node) =>
        byClass.TryGetValue(claim.StorageClass, out var volumes) ? FindMatchingVolume(claim, volumes, node, delayBinding: true) : null;

    public VolumeState? FindSmallestInAnyModeSet(ClaimContext claim) =>
        FindMatchingVolume(claim, byModes.Where(g => g.Modes.Contains(claim.AccessModes)).SelectMany(g => g.Volumes).Where(v => v.ClaimRef is null), null, delayBinding: false);

    /// <summary>The loop of Kubernetes' FindMatchingVolume over one list of volumes (given in name order).</summary>
    internal static VolumeState? FindMatchingVolume(ClaimContext claim, IEnumerable<VolumeState> volumes, NodeContext? node, bool delayBinding)
    {
        VolumeState? smallest = null;
        foreach (var volume in volumes)
        {
            var preboundHere = MatchRules.PointsTo(volume.ClaimRef, claim.Claim);
            if (volume.ClaimRef is not null && !preboundHere)
            {
                continue;
            }

            if (!MatchRules.PassesPrechecks(volume, claim))
            {
                continue;
            }

            var nodeAdmits = node is null || node.Admits(volume.Volume);
            if (preboundHere)
            {
                // A pre-bound volume decides: it is the match, or (on a node it cannot reach) there is none.
                return nodeAdmits ? volume : null;
            }

            if (node is null && delayBinding)
            {
                continue;
            }

            if (!MatchRules.PassesOpenChecks(volume, claim) || !nodeAdmits)
            {
                continue;
            }

            if (node is not null && !volume.Volume.AccessModes.Contains(claim.AccessModes))
            {
                continue;
            }

            if (smallest is null || VolumeOrder.Compare(volume, smallest) < 0)
            {
                smallest = volume;
            }
        }

        return smallest;
    }
}

/// <summary>
/// The same search as <see cref="LinearVolumeSearch"/> in near-linear time over a whole cluster.
/// </summary>
/// <remarks>
/// Design: a claim only visits the groups of <see cref="VolumeIndex"/> it could bind from (its class,
/// volume mode and attributes class, access-mode sets that contain its request, walked in the
/// controller's order), binary searches its request in each and takes the first volume that passes
/// the remaining per-volume checks (selector, node affinity). For the scheduler path it visits only
/// the volumes pinned to its node's hostname and those pinned to none. Pre-bound volumes are looked
/// up by the claim they name.
/// </remarks>
internal sealed class IndexedVolumeSearch : IVolumeSearch
{
    private readonly VolumeIndex index;
    private readonly List<SortedRun> runs = new();

    public IndexedVolumeSearch(VolumeIndex index) => this.index = index;

    public VolumeState? FindForController(ClaimContext claim, bool delayBinding)
    {
        var reserved = index.ReservedFor(claim);
        foreach (var modes in VolumeOrder.SetsHolding(claim.AccessModes))
        {
            foreach (var volume in reserved)
            {
                if (volume.Volume.AccessModes == modes && MatchRules.IsUsablePrebound(volume, claim))
                {
                    return volume;
                }
            }

            if (!delayBinding && index.Group(claim.KeyFor(modes))?.FindFirst(claim, null) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    public VolumeState? FindForNode(ClaimContext claim, NodeContext node)
    {
        foreach (var volume in index.ReservedFor(claim))
        {
            if (volume.Class == claim.StorageClass && MatchRules.IsUsablePrebound(volume, claim))
            {
                return node.Admits(volume.Volume) ? volume : null;
            }
        }

        VolumeState? best = null;
        foreach (var modes in VolumeOrder.SetsHolding(claim.AccessModes))
        {
            index.NodeRuns(claim.KeyFor(modes), node, runs);
            foreach (var run in runs)
            {
                best = Smaller(best, run.FindFirst(claim, node));
            }
        }

        return best;
    }

    public VolumeState? FindSmallestInAnyModeSet(ClaimContext claim)
    {
        VolumeState? best = null;
        foreach (var modes in VolumeOrder.SetsHolding(claim.AccessModes))
        {
            best = Smaller(best, index.Group(claim.KeyFor(modes))?.FindFirst(claim, null));
        }

        return best;
    }

    internal static VolumeState? Smaller(VolumeState? a, VolumeState? b) =>
        a is null ? b : b is null ? a : VolumeOrder.Compare(a, b) <= 0 ? a : b;
}
