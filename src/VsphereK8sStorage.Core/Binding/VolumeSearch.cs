using System;
using System.Collections.Generic;
using System.Linq;
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
    /// Kubernetes did not search the closest access-mode set first. Used to explain that order.
    /// </summary>
    VolumeState? FindSmallestInAnyModeSet(ClaimContext claim);
}

/// <summary>Orders candidates as "smallest wins": capacity, then name (Kubernetes leaves ties unordered).</summary>
internal static class VolumeOrder
{
    public static int Compare(VolumeState a, VolumeState b)
    {
        var byCapacity = a.Capacity.CompareTo(b.Capacity);
        return byCapacity != 0 ? byCapacity : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>Access-mode sets from the fewest modes up; sets of equal size in Kubernetes' mode order (Kubernetes leaves these unordered).</summary>
    public static int CompareModeSets(AccessModes a, AccessModes b)
    {
        var byCount = a.Count().CompareTo(b.Count());
        return byCount != 0 ? byCount : ((int)a).CompareTo((int)b);
    }
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
        byClass = volumes.GroupBy(v => v.Class).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
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
/// Design: open volumes (no claimRef, Available, not being deleted) are grouped by everything the
/// search compares for equality — class, volume mode, attributes class, access-mode set — and each
/// group is sorted by capacity then name. A claim only visits the groups it is compatible with, binary
/// searches its request, and takes the first volume that passes the remaining per-volume checks
/// (selector, node affinity). Volumes taken by the plan are skipped through forward pointers that
/// are compressed as they are followed, so each is stepped over O(α) times. For the scheduler path the
/// groups are further split by the single hostname a local volume's affinity names, so a claim on
/// node N looks only at volumes for N and volumes not tied to one host. Pre-bound volumes are looked
/// up by the claim they name.
/// </remarks>
internal sealed class IndexedVolumeSearch : IVolumeSearch
{
    private readonly Dictionary<GroupKey, SortedRun> groups = new();
    private readonly Dictionary<(GroupKey Key, string? Pin), SortedRun> groupsByPin = new();
    private readonly Dictionary<string, List<GroupKey>> keysByClass = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<VolumeState>> preboundByClaim = new(StringComparer.Ordinal);

    public IndexedVolumeSearch(IReadOnlyList<VolumeState> volumes)
    {
        var members = new Dictionary<GroupKey, List<VolumeState>>();
        var pinned = new Dictionary<(GroupKey, string?), List<VolumeState>>();
        foreach (var volume in volumes)
        {
            if (volume.ClaimRef is not null)
            {
                if (!preboundByClaim.TryGetValue(volume.ClaimRef.Key, out var list))
                {
                    preboundByClaim[volume.ClaimRef.Key] = list = new List<VolumeState>();
                }

                list.Add(volume);
                continue;
            }

            if (!volume.IsOpen)
            {
                continue;
            }

            var key = new GroupKey(volume.Class, volume.Volume.EffectiveVolumeMode, volume.Vac, volume.Volume.AccessModes);
            Add(members, key, volume);
            Add(pinned, (key, volume.Volume.NodeAffinity?.HostnamePin), volume);
        }

        foreach (var pair in members)
        {
            groups[pair.Key] = new SortedRun(pair.Value);
            Add(keysByClass, pair.Key.Class, pair.Key);
        }

        foreach (var pair in pinned)
        {
            groupsByPin[pair.Key] = new SortedRun(pair.Value);
        }
    }

    public VolumeState? FindForController(ClaimContext claim, bool delayBinding)
    {
        var prebound = Prebound(claim);
        var compatible = CompatibleKeys(claim);
        var modeSets = compatible.Select(k => k.Modes)
            .Concat(prebound.Select(v => v.Volume.AccessModes).Where(m => m.Contains(claim.AccessModes)))
            .Distinct()
            .OrderBy(m => m, Comparer<AccessModes>.Create(VolumeOrder.CompareModeSets));

        foreach (var modes in modeSets)
        {
            foreach (var volume in prebound)
            {
                if (volume.Volume.AccessModes == modes && MatchRules.PassesPrechecks(volume, claim))
                {
                    return volume;
                }
            }

            if (delayBinding)
            {
                continue;
            }

            VolumeState? best = null;
            foreach (var key in compatible)
            {
                if (key.Modes == modes)
                {
                    best = Smaller(best, groups[key].FindFirst(claim, null));
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }

    public VolumeState? FindForNode(ClaimContext claim, NodeContext node)
    {
        foreach (var volume in Prebound(claim))
        {
            if (volume.Class == claim.StorageClass && MatchRules.PassesPrechecks(volume, claim))
            {
                return node.Admits(volume.Volume) ? volume : null;
            }
        }

        VolumeState? best = null;
        foreach (var key in CompatibleKeys(claim))
        {
            if (groupsByPin.TryGetValue((key, null), out var unpinned))
            {
                best = Smaller(best, unpinned.FindFirst(claim, node));
            }

            if (node.Hostname is not null && groupsByPin.TryGetValue((key, node.Hostname), out var onNode))
            {
                best = Smaller(best, onNode.FindFirst(claim, node));
            }
        }

        return best;
    }

    public VolumeState? FindSmallestInAnyModeSet(ClaimContext claim)
    {
        VolumeState? best = null;
        foreach (var key in CompatibleKeys(claim))
        {
            best = Smaller(best, groups[key].FindFirst(claim, null));
        }

        return best;
    }

    private static VolumeState? Smaller(VolumeState? a, VolumeState? b) =>
        a is null ? b : b is null ? a : VolumeOrder.Compare(a, b) <= 0 ? a : b;

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = new List<TValue>();
        }

        list.Add(value);
    }

    private IReadOnlyList<VolumeState> Prebound(ClaimContext claim) =>
        preboundByClaim.TryGetValue(claim.Key, out var list)
            ? list.Where(v => MatchRules.PointsTo(v.ClaimRef, claim.Claim)).ToList()
            : Array.Empty<VolumeState>();

    private List<GroupKey> CompatibleKeys(ClaimContext claim)
    {
        var result = new List<GroupKey>();
        if (!keysByClass.TryGetValue(claim.StorageClass, out var keys))
        {
            return result;
        }

        var claimVac = claim.Claim.VolumeAttributesClassName;
        foreach (var key in keys)
        {
            if (key.VolumeMode == claim.VolumeMode && key.Modes.Contains(claim.AccessModes) && MatchRules.VacMatches(claimVac, key.Vac))
            {
                result.Add(key);
            }
        }

        return result;
    }

    private readonly record struct GroupKey(string Class, VolumeMode VolumeMode, string Vac, AccessModes Modes);

    /// <summary>Open volumes of one group, sorted by capacity then name, with skip pointers past taken ones.</summary>
    private sealed class SortedRun
    {
        private readonly VolumeState[] items;
        private readonly int[] next;

        public SortedRun(List<VolumeState> volumes)
        {
            volumes.Sort(VolumeOrder.Compare);
            items = volumes.ToArray();
            next = Enumerable.Range(0, items.Length).ToArray();
        }

        /// <summary>The smallest volume that fits the request and passes the selector (and the node, when given).</summary>
        public VolumeState? FindFirst(ClaimContext claim, NodeContext? node)
        {
            var selector = claim.Claim.Selector;
            for (var i = NextOpen(LowerBound(claim.Request)); i < items.Length; i = NextOpen(i + 1))
            {
                var volume = items[i];
                if ((selector is null || selector.Matches(volume.Volume.Metadata.Labels)) && (node is null || node.Admits(volume.Volume)))
                {
                    return volume;
                }
            }

            return null;
        }

        private int LowerBound(Quantity request)
        {
            int low = 0, high = items.Length;
            while (low < high)
            {
                var mid = (low + high) >> 1;
                if (items[mid].Capacity.CompareTo(request) < 0)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }

        // Follows forward pointers past volumes the plan has bound, then points every visited slot at the result.
        private int NextOpen(int start)
        {
            var open = start;
            while (open < items.Length && items[open].ClaimRef is not null)
            {
                open = next[open] > open ? next[open] : open + 1;
            }

            for (var i = start; i < open;)
            {
                var following = next[i] > i ? next[i] : i + 1;
                next[i] = open;
                i = following;
            }

            return open;
        }
    }
}
