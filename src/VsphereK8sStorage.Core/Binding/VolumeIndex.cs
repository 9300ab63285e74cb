using System.Numerics;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>The orders Kubernetes' search uses, and the places where it has none.</summary>
internal static class VolumeOrder
{
    /// <summary>
    /// Every access-mode set, in the order the PV controller searches them (allPossibleMatchingAccessModes):
    /// fewest modes first. Sets with as many modes have no defined order in Kubernetes (it sorts by count
    /// only, over a map); the plan uses the modes' bit order and reports the other sets as alternatives.
    /// </summary>
    public static readonly AccessModes[] ModeSetsInSearchOrder = InSearchOrder();

    /// <summary>The access-mode sets that hold a request (contain every mode it asks for), in search order.</summary>
    public static AccessModes[] SetsHolding(AccessModes request) => SetsHoldingRequest[(int)request & 15];

    private static readonly AccessModes[][] SetsHoldingRequest = AccessModeSets.Each(HoldingInSearchOrder);

    private static AccessModes[] HoldingInSearchOrder(AccessModes request)
    {
        var count = 0;
        foreach (var modes in ModeSetsInSearchOrder)
        {
            count += modes.Contains(request) ? 1 : 0;
        }

        var holding = new AccessModes[count];
        var next = 0;
        foreach (var modes in ModeSetsInSearchOrder)
        {
            if (modes.Contains(request))
            {
                holding[next++] = modes;
            }
        }

        return holding;
    }

    // The sixteen sets sorted by CompareModeSets, by insertion: Array.Sort over the enum is generic code compiled at a
    // session's first use.
    private static AccessModes[] InSearchOrder()
    {
        var order = new AccessModes[16];
        for (var bits = 0; bits < order.Length; bits++)
        {
            var at = bits;
            for (; at > 0 && CompareModeSets(order[at - 1], (AccessModes)bits) > 0; at--)
            {
                order[at] = order[at - 1];
            }

            order[at] = (AccessModes)bits;
        }

        return order;
    }

    /// <summary><see cref="Compare"/> as a comparer.</summary>
    public static readonly IComparer<VolumeState> Comparer = Comparer<VolumeState>.Create(Compare);

    /// <summary>"Smallest wins": capacity, then name (Kubernetes leaves equal capacities unordered; see Alternatives).</summary>
    public static int Compare(VolumeState a, VolumeState b)
    {
        var byCapacity = a.Capacity.CompareTo(b.Capacity);
        return byCapacity != 0 ? byCapacity : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>Access-mode sets from the fewest modes up; sets of equal size in the modes' bit order.</summary>
    public static int CompareModeSets(AccessModes a, AccessModes b)
    {
        var byCount = a.Count().CompareTo(b.Count());
        return byCount != 0 ? byCount : ((int)a).CompareTo((int)b);
    }

    /// <summary>The first position in a run sorted by capacity whose volume holds at least <paramref name="capacity"/>.</summary>
    public static int LowerBound(VolumeState[] run, Quantity capacity)
    {
        int low = 0, high = run.Length;
        while (low < high)
        {
            var mid = (low + high) >> 1;
            if (run[mid].Capacity.CompareTo(capacity) < 0)
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
}

/// <summary>
/// Open volumes (no claimRef, Available, not being deleted) grouped by everything the search compares
/// for equality (<see cref="GroupKey"/>), each group sorted by capacity then name; the same groups split
/// by the one hostname a local volume's node affinity names; and volumes with a claimRef, by the claim
/// they name. Volumes the plan binds stay in their groups and are skipped (<see cref="SortedRun"/>).
/// </summary>
internal sealed class VolumeIndex
{
    private readonly Dictionary<GroupKey, SortedRun> groups = new();
    private readonly Dictionary<(GroupKey Key, string? Pin), SortedRun> groupsByPin = new();
    private static readonly List<VolumeState> NoVolumes = new();

    private readonly Dictionary<string, List<VolumeState>> byClaimRef = new(StringComparer.Ordinal);

    public VolumeIndex(IReadOnlyList<VolumeState> volumes)
    {
        var members = new Dictionary<GroupKey, List<VolumeState>>();
        foreach (var volume in volumes)
        {
            if (volume.ClaimRef is not null)
            {
                AddTo(byClaimRef, volume.ClaimRef.Key, volume);
            }
            else if (volume.IsOpen)
            {
                AddTo(members, volume.GroupKey, volume);
            }
        }

        // A group's volumes split by hostname pin, in the group's sorted order, are sorted already.
        var pinned = new Dictionary<(GroupKey, string?), List<VolumeState>>();
        foreach (var pair in members)
        {
            var run = new SortedRun(pair.Value, byPin: false);
            groups[pair.Key] = run;
            for (var i = 0; i < run.Count; i++)
            {
                AddTo(pinned, (pair.Key, run[i].Volume.NodeAffinity?.HostnamePin), run[i]);
            }
        }

        foreach (var pair in pinned)
        {
            groupsByPin[pair.Key] = new SortedRun(pair.Value, byPin: true);
        }
    }

    /// <summary>The open volumes of one group, or null when there are none.</summary>
    public SortedRun? Group(GroupKey key) => groups.TryGetValue(key, out var run) ? run : null;

    /// <summary>The open volumes of one group a node could reach by hostname: those pinned to no host, and those pinned to this node.</summary>
    public void NodeRuns(GroupKey key, NodeContext node, List<SortedRun> into)
    {
        into.Clear();
        if (groupsByPin.TryGetValue((key, null), out var unpinned))
        {
            into.Add(unpinned);
        }

        if (node.Hostname is not null && groupsByPin.TryGetValue((key, node.Hostname), out var onNode))
        {
            into.Add(onNode);
        }
    }

    /// <summary>The run a volume sits in among those <see cref="NodeRuns"/> returns.</summary>
    public SortedRun? PinnedRun(VolumeState volume) =>
        groupsByPin.TryGetValue((volume.GroupKey, volume.Volume.NodeAffinity?.HostnamePin), out var run) ? run : null;

    /// <summary>
    /// Volumes whose claimRef names the claim's namespace and name. Not all are pre-bound to it: a
    /// claimRef with another uid belongs to an earlier claim of that name (see <see cref="MatchRules.PointsTo"/>).
    /// A List rather than an interface, so iterating it allocates no enumerator; callers do not change it.
    /// </summary>
    public List<VolumeState> ReservedFor(ClaimContext claim) =>
        byClaimRef.TryGetValue(claim.Key, out var list) ? list : NoVolumes;

    private static void AddTo<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = new List<TValue>();
        }

        list.Add(value);
    }
}

/// <summary>
/// Open volumes of one group, sorted by capacity then name. Volumes the plan binds are skipped through
/// forward pointers compressed as they are followed, so each is stepped over O(α) times. Volumes the plan
/// took that would be free had an arbitrary pick gone the other way are marked in a <see cref="PositionSet"/>,
/// for <see cref="AlternativeWorlds"/>.
/// </summary>
internal sealed class SortedRun
{
    private readonly VolumeState[] items;
    private readonly int[] next;
    private readonly bool byPin;
    private PositionSet? vacancies;

    /// <summary>
    /// A run of <paramref name="volumes"/>: a whole group, sorted here, or (<paramref name="byPin"/>) the part of a
    /// sorted group pinned to one host. Each volume keeps its position in the one run of each kind it belongs to.
    /// </summary>
    public SortedRun(List<VolumeState> volumes, bool byPin)
    {
        this.byPin = byPin;
        if (!byPin)
        {
            volumes.Sort(VolumeOrder.Comparer);
        }

        items = volumes.ToArray();
        next = new int[items.Length];
        for (var i = 0; i < next.Length; i++)
        {
            next[i] = i;
            if (byPin)
            {
                items[i].PinnedRunPosition = i;
            }
            else
            {
                items[i].GroupRunPosition = i;
            }
        }
    }

    public int Count => items.Length;

    public VolumeState this[int position] => items[position];

    public int LowerBound(Quantity capacity) => VolumeOrder.LowerBound(items, capacity);

    /// <summary>The volume's position in the run; for a volume not in it, the bitwise complement of where it would go.</summary>
    public int PositionOf(VolumeState volume)
    {
        var known = byPin ? volume.PinnedRunPosition : volume.GroupRunPosition;
        return (uint)known < (uint)items.Length && ReferenceEquals(items[known], volume)
            ? known
            : Array.BinarySearch(items, volume, VolumeOrder.Comparer);
    }

    /// <summary>The smallest open volume that fits the request and passes the selector (and the node, when given).</summary>
    public VolumeState? FindFirst(ClaimContext claim, NodeContext? node)
    {
        for (var i = NextOpen(LowerBound(claim.Request)); i < items.Length; i = NextOpen(i + 1))
        {
            if (Admits(items[i], claim, node))
            {
                return items[i];
            }
        }

        return null;
    }

    /// <summary>Open volumes of exactly <paramref name="capacity"/> from <paramref name="start"/> on that pass the selector (and node).</summary>
    public void CollectEqual(int start, Quantity capacity, ClaimContext claim, NodeContext? node, VolumeState? except, List<VolumeState> into, int limit)
    {
        for (var i = NextOpen(start); i < items.Length && into.Count < limit && items[i].Capacity.CompareTo(capacity) == 0; i = NextOpen(i + 1))
        {
            if (!ReferenceEquals(items[i], except) && Admits(items[i], claim, node))
            {
                into.Add(items[i]);
            }
        }
    }

    /// <summary>Marks a volume of this run as a vacancy: taken in the plan, yet free had an arbitrary pick gone the other way (see <see cref="AlternativeWorlds"/>).</summary>
    public void MarkVacancy(VolumeState volume)
    {
        var position = PositionOf(volume);
        if (position >= 0)
        {
            (vacancies ??= new PositionSet(items.Length)).Add(position);
        }
    }

    public void UnmarkVacancy(VolumeState volume)
    {
        var position = PositionOf(volume);
        if (position >= 0)
        {
            vacancies?.Remove(position);
        }
    }

    /// <summary>The first position at or after <paramref name="position"/> marked as a vacancy, or -1.</summary>
    public int NextVacancy(int position) => vacancies is null || position >= items.Length ? -1 : vacancies.NextFrom(position);

    /// <summary>The first position whose volume comes at or after <paramref name="volume"/> in the run's order.</summary>
    public int PositionAtOrAfter(VolumeState volume)
    {
        var position = PositionOf(volume);
        return position >= 0 ? position : ~position;
    }

    /// <summary>
    /// The first open volume from <paramref name="start"/> on whose capacity is exactly <paramref name="capacity"/>
    /// and that passes the selector and the node, or -1 when the run has no further such volume.
    /// </summary>
    public int NextOpenOfCapacity(int start, Quantity capacity, LabelSelector? selector, NodeContext? node)
    {
        for (var i = NextOpen(start); i < items.Length && items[i].Capacity.CompareTo(capacity) == 0; i = NextOpen(i + 1))
        {
            if (Admits(items[i], selector, node))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The per-volume checks that grouping does not settle: the claim's selector, and the node when there is one.</summary>
    public static bool Admits(VolumeState volume, ClaimContext claim, NodeContext? node) => Admits(volume, claim.Claim.Selector, node);

    /// <summary><see cref="Admits(VolumeState, ClaimContext, NodeContext?)"/> with the selector given directly.</summary>
    public static bool Admits(VolumeState volume, LabelSelector? selector, NodeContext? node) =>
        (selector is null || selector.Matches(volume.Volume.Metadata.Labels))
        && (node is null || node.Admits(volume.Volume));

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

/// <summary>
/// Marked positions of a run: a bit per position, and above it a bit per non-empty word, up to one
/// word, so the next marked position at or after any position is found in a few word operations.
/// </summary>
internal sealed class PositionSet
{
    private readonly ulong[][] levels;

    public PositionSet(int size)
    {
        var sizes = new List<int>();
        do
        {
            size = (size + 63) >> 6;
            sizes.Add(size);
        }
        while (size > 1);

        levels = sizes.Select(words => new ulong[words]).ToArray();
    }

    public void Add(int position)
    {
        foreach (var level in levels)
        {
            level[position >> 6] |= 1UL << (position & 63);
            position >>= 6;
        }
    }

    public void Remove(int position)
    {
        // Clear the bit, and above it every summary bit whose word has just become empty.
        foreach (var level in levels)
        {
            var word = position >> 6;
            level[word] &= ~(1UL << (position & 63));
            if (level[word] != 0)
            {
                return;
            }

            position = word;
        }
    }

    /// <summary>The first marked position at or after <paramref name="position"/>, or -1.</summary>
    public int NextFrom(int position)
    {
        // Climb until a word holds a marked bit at or after the position, then descend to its first bit.
        var level = 0;
        while (true)
        {
            if (level == levels.Length || position >> 6 >= levels[level].Length)
            {
                return -1;
            }

            var bits = levels[level][position >> 6] & (ulong.MaxValue << (position & 63));
            if (bits != 0)
            {
                position = (position & ~63) + BitOperations.TrailingZeroCount(bits);
                break;
            }

            position = (position >> 6) + 1;
            level++;
        }

        for (; level > 0; level--)
        {
            position = (position << 6) + BitOperations.TrailingZeroCount(levels[level - 1][position]);
        }

        return position;
    }
}
