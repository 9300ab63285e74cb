using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// Picks the volumes worth showing a user whose claim found none, with every reason each was rejected.
/// </summary>
/// <remarks>
/// Design: scoring every volume against every pending claim is claims × volumes. Instead, all volumes
/// (open or not) are grouped as the search groups them and sorted by capacity, and only the volumes
/// around the request in each group are candidates (see <see cref="CollectFromGroups"/>), so a near
/// miss of another class, mode or access set still shows. Candidates are counted
/// with <see cref="MatchRules.Evaluate"/> without formatting, ranked, and only the few shown are put
/// into words. With Detailed, every volume is scored instead. One finder explains one claim at a
/// time and reuses its scratch lists, so explaining a claim allocates only what it returns.
/// </remarks>
internal sealed class NearMissFinder
{
    private const int MismatchLevels = 5;

    private readonly IReadOnlyList<VolumeState> all;
    private readonly VolumeState[][] runs;
    private readonly Dictionary<string, List<VolumeState>> byClaimRef;

    // Which runs sit at which mismatch level depends only on the claim's class, volume mode, access
    // modes and attributes class, of which a cluster has few combinations; shared by the finders of every thread.
    private readonly ConcurrentDictionary<GroupKey, SignatureLevels> levelsBySignature;
    private readonly HashSet<int> seen = new();
    private readonly List<(VolumeState Volume, int Failures)> scored = new();
    private readonly Comparison<(VolumeState Volume, int Failures)> byCloseness;
    private ClaimContext explaining = null!;
    private static readonly string[] JustFits = { "fits" };
    private readonly List<string> failures = new();
    private readonly MatchRules.ClassMismatchTexts classTexts = new();
    private string[]? fitsLast;

    // Explanations already made, for claims that can share them (see ShareKey).
    private Dictionary<ExplanationKey, VolumeRejection[]>? explained;

    public NearMissFinder(IReadOnlyList<VolumeState> volumes)
        : this(volumes, RunsOf(volumes), ByClaimRef(volumes), new ConcurrentDictionary<GroupKey, SignatureLevels>())
    {
    }

    /// <summary>A finder over volumes already grouped; each finder has its own scratch lists.</summary>
    private NearMissFinder(IReadOnlyList<VolumeState> volumes, VolumeState[][] runs, Dictionary<string, List<VolumeState>> byClaimRef, ConcurrentDictionary<GroupKey, SignatureLevels> levelsBySignature)
    {
        this.levelsBySignature = levelsBySignature;
        all = volumes;
        this.runs = runs;
        this.byClaimRef = byClaimRef;
        byCloseness = (a, b) => MatchRules.CompareNearMisses(a.Volume, a.Failures, b.Volume, b.Failures, explaining);
    }

    /// <summary>All volumes, open or not, grouped as the search groups them and sorted by capacity.</summary>
    private static VolumeState[][] RunsOf(IReadOnlyList<VolumeState> volumes) =>
        volumes
            .GroupBy(v => v.GroupKey)
            .Select(g =>
            {
                var run = g.ToArray();
                Array.Sort(run, VolumeOrder.Comparer);
                return run;
            })
            .ToArray();

    /// <summary>The volumes whose claimRef names each claim.</summary>
    private static Dictionary<string, List<VolumeState>> ByClaimRef(IReadOnlyList<VolumeState> volumes)
    {
        var byClaimRef = new Dictionary<string, List<VolumeState>>(StringComparer.Ordinal);
        foreach (var volume in volumes)
        {
            if (volume.Volume.ClaimRef is { } claimRef)
            {
                if (!byClaimRef.TryGetValue(claimRef.Key, out var list))
                {
                    byClaimRef[claimRef.Key] = list = new List<VolumeState>();
                }

                list.Add(volume);
            }
        }

        return byClaimRef;
    }

    /// <summary>Another finder over the same volumes, for explaining claims on another thread (a finder is not thread-safe).</summary>
    public NearMissFinder ForAnotherThread() => new(all, runs, byClaimRef, levelsBySignature);

    /// <summary>
    /// The closest rejected volumes, or all with <paramref name="detailed"/>. <paramref name="fitsButWhy"/> is
    /// what to say about a volume with nothing wrong with it (say, "binds only when a pod is scheduled");
    /// <paramref name="alsoConsider"/> is always scored (the volume a claim named). With <paramref name="share"/>,
    /// claims that can share an explanation get the one made for the first of them (<see cref="ShareKey"/>); the
    /// caller shares only once the plan is final and no two claims have the same namespace and name.
    /// </summary>
    public IReadOnlyList<VolumeRejection> Explain(ClaimContext claim, NodeContext? node, string? fitsButWhy, bool detailed, int limit, VolumeState? alsoConsider, bool share = false)
    {
        var key = share ? ShareKey(claim, node, fitsButWhy, detailed, limit, alsoConsider) : null;
        if (key is not null && explained?.TryGetValue(key, out var known) == true)
        {
            return known;
        }

        var result = Find(claim, node, fitsButWhy, detailed, limit, alsoConsider);
        if (key is not null)
        {
            (explained ??= new Dictionary<ExplanationKey, VolumeRejection[]>())[key] = result;
        }

        return result;
    }

    /// <summary>
    /// The key of an explanation other claims can share, or null. The rules read only the claim's class, volume mode,
    /// attributes class, access modes, request (quoted as written) and selector, and its namespace, name and uid only
    /// against a volume's claimRef; the candidates depend on the same, plus the volumes the input reserves for the
    /// claim. A claim without a selector and with no volume reserved for it matches no claimRef (those the plan set
    /// name claims it bound, and no other claim has its name), so it is explained as every such claim with the same
    /// class, modes and request, on the same node, with the same wording for a volume that fits. In a large plan most
    /// claims left waiting are such claims.
    /// </summary>
    private ExplanationKey? ShareKey(ClaimContext claim, NodeContext? node, string? fitsButWhy, bool detailed, int limit, VolumeState? alsoConsider) =>
        detailed || alsoConsider is not null || claim.Claim.Selector is not null || byClaimRef.ContainsKey(claim.Key)
            ? null
            : new ExplanationKey(claim.KeyFor(claim.AccessModes), claim.Request.ToString(), node?.Name, fitsButWhy, limit);

    private VolumeRejection[] Find(ClaimContext claim, NodeContext? node, string? fitsButWhy, bool detailed, int limit, VolumeState? alsoConsider)
    {
        seen.Clear();
        scored.Clear();
        if (alsoConsider is not null)
        {
            Consider(alsoConsider, claim, node);
        }

        if (detailed)
        {
            foreach (var volume in all)
            {
                Consider(volume, claim, node);
            }
        }
        else
        {
            if (byClaimRef.TryGetValue(claim.Key, out var reserved))
            {
                foreach (var volume in reserved)
                {
                    Consider(volume, claim, node);
                }
            }

            CollectFromGroups(claim, node, limit);
        }

        explaining = claim;
        var shown = detailed ? scored.Count : Math.Min(limit, scored.Count);
        if (shown == scored.Count)
        {
            CollectionsMarshal.AsSpan(scored).Sort(byCloseness);
        }
        else
        {
            MoveFirstToFront(CollectionsMarshal.AsSpan(scored), shown, byCloseness);
        }

        var result = new VolumeRejection[shown];
        for (var i = 0; i < shown; i++)
        {
            var volume = scored[i].Volume;
            IReadOnlyList<string> reasons;
            if (scored[i].Failures == 0)
            {
                reasons = Fits(fitsButWhy);
            }
            else
            {
                // Put into words in a reused list, kept as an array of exactly their number.
                failures.Clear();
                MatchRules.Evaluate(volume, claim, node, failures, classTexts);
                reasons = failures.ToArray();
            }

            result[i] = new VolumeRejection
            {
                Volume = volume.Name,
                Capacity = volume.Capacity.ToString(),
                StorageClass = volume.Class,
                Reasons = reasons,
            };
        }

        return result;
    }

    /// <summary>
    /// The first <paramref name="count"/> items in <paramref name="order"/>, sorted, at the front; the rest stay in any
    /// order. For a total order (near misses are: names are unique) the front is a full sort's, at about one comparison
    /// per item when few are kept.
    /// </summary>
    internal static void MoveFirstToFront<T>(Span<T> items, int count, Comparison<T> order)
    {
        if (count <= 0)
        {
            return;
        }

        items[..count].Sort(order);
        var last = count - 1;
        for (var i = count; i < items.Length; i++)
        {
            var item = items[i];
            if (order(item, items[last]) >= 0)
            {
                continue;
            }

            // It displaces the last of the front; the ones after its place shift down.
            items[i] = items[last];
            var at = last;
            while (at > 0 && order(item, items[at - 1]) < 0)
            {
                items[at] = items[at - 1];
                at--;
            }

            items[at] = item;
        }
    }

    /// <summary>The one reason of a volume that fails no rule, shared by every rejection that gives it (most of a large plan's).</summary>
    private IReadOnlyList<string> Fits(string? why)
    {
        if (why is null)
        {
            return JustFits;
        }

        if (fitsLast is null || !ReferenceEquals(fitsLast[0], why))
        {
            fitsLast = new[] { why };
        }

        return fitsLast;
    }

    private void Consider(VolumeState volume, ClaimContext claim, NodeContext? node)
    {
        if (seen.Add(volume.Id))
        {
            scored.Add((volume, MatchRules.Evaluate(volume, claim, node, null)));
        }
    }

    /// <summary>
    /// Visits groups from the fewest group-wide mismatches (class, volume mode, attributes class, access
    /// modes) up. Groups the claim could bind from offer a few volumes around the request, others their
    /// closest volume on each side. Once enough candidates have fewer problems than any volume of the
    /// remaining groups can have, those groups cannot change the ranking and are skipped.
    /// </summary>
    private void CollectFromGroups(ClaimContext claim, NodeContext? node, int limit)
    {
        var levels = LevelsFor(claim);
        var bounds = levels.BoundsFor(claim.Request);
        for (var level = 0; level < MismatchLevels; level++)
        {
            if (levels.Runs[level].Length == 0)
            {
                continue;
            }

            var better = 0;
            foreach (var candidate in scored)
            {
                better += candidate.Failures < level ? 1 : 0;
            }

            if (better >= limit)
            {
                return;
            }

            var window = level == 0 ? limit : 1;
            var runs = levels.Runs[level];
            var atLevel = levels.At(bounds, level, claim.Request);
            for (var r = 0; r < runs.Length; r++)
            {
                var run = runs[r];
                var at = atLevel[r];
                for (var i = Math.Max(0, at - window); i < Math.Min(run.Length, at + window); i++)
                {
                    Consider(run[i], claim, node);
                }
            }
        }
    }

    private SignatureLevels LevelsFor(ClaimContext claim)
    {
        var signature = claim.KeyFor(claim.AccessModes);
        if (levelsBySignature.TryGetValue(signature, out var levels))
        {
            return levels;
        }

        var byLevel = new List<VolumeState[]>[MismatchLevels];
        for (var level = 0; level < MismatchLevels; level++)
        {
            byLevel[level] = new List<VolumeState[]>();
        }

        foreach (var run in runs)
        {
            var sample = run[0];
            var mismatches = (sample.Class == claim.StorageClass ? 0 : 1)
                + (sample.Volume.EffectiveVolumeMode == claim.VolumeMode ? 0 : 1)
                + (sample.Volume.AccessModes.Contains(claim.AccessModes) ? 0 : 1)
                + (sample.Vac == claim.Vac ? 0 : 1);
            byLevel[mismatches].Add(run);
        }

        levels = new SignatureLevels(Array.ConvertAll(byLevel, runsAtLevel => runsAtLevel.ToArray()));
        return levelsBySignature.GetOrAdd(signature, levels);
    }

    /// <summary>What a shareable explanation depends on (<see cref="ShareKey"/>): the claim's signature, as the near-miss
    /// levels are keyed, and the rest. A class with its own equality, not a record struct: a dictionary keyed on a new
    /// struct is generic code compiled at a session's first use (the signature's own is compiled already).</summary>
    private sealed class ExplanationKey : IEquatable<ExplanationKey>
    {
        private readonly GroupKey signature;
        private readonly string request;
        private readonly string? node;
        private readonly string? fitsButWhy;
        private readonly int limit;
        private readonly int hash;

        public ExplanationKey(GroupKey signature, string request, string? node, string? fitsButWhy, int limit)
        {
            this.signature = signature;
            this.request = request;
            this.node = node;
            this.fitsButWhy = fitsButWhy;
            this.limit = limit;
            var hash = signature.GetHashCode();
            hash = (hash * 31) + request.GetHashCode();
            hash = (hash * 31) + (node?.GetHashCode() ?? 0);
            this.hash = (hash * 31) + (fitsButWhy?.GetHashCode() ?? 0);
        }

        public bool Equals(ExplanationKey? other) =>
            other is not null
            && hash == other.hash
            && limit == other.limit
            && signature.Equals(other.signature)
            && string.Equals(request, other.request, StringComparison.Ordinal)
            && string.Equals(node, other.node, StringComparison.Ordinal)
            && string.Equals(fitsButWhy, other.fitsButWhy, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as ExplanationKey);

        public override int GetHashCode() => hash;
    }

    /// <summary>
    /// One claim signature's runs by mismatch level, and where each request falls in each run: claims of a signature
    /// mostly ask for a few sizes, so each size is searched for once per plan. Shared by the finders of every thread.
    /// </summary>
    private sealed class SignatureLevels
    {
        // Past this many sizes the positions are searched for each claim, as without the cache.
        private const int MaxRequests = 1024;

        private readonly ConcurrentDictionary<Quantity, int[]?[]> boundsByRequest = new();

        public SignatureLevels(VolumeState[][][] runs) => Runs = runs;

        /// <summary>The runs at each mismatch level.</summary>
        public VolumeState[][][] Runs { get; }

        /// <summary>A request's positions, per level (each level's are found when first asked for, by <see cref="At"/>).</summary>
        public int[]?[] BoundsFor(Quantity request)
        {
            if (boundsByRequest.TryGetValue(request, out var bounds))
            {
                return bounds;
            }

            bounds = new int[]?[MismatchLevels];
            return boundsByRequest.Count < MaxRequests ? boundsByRequest.GetOrAdd(request, bounds) : bounds;
        }

        /// <summary>For each run of <paramref name="level"/>, the first position whose volume holds at least <paramref name="request"/>.</summary>
        /// <remarks>Threads that ask at once may both search; the first array stored is kept, and each is complete when stored.</remarks>
        public int[] At(int[]?[] bounds, int level, Quantity request)
        {
            if (Volatile.Read(ref bounds[level]) is { } found)
            {
                return found;
            }

            var runs = Runs[level];
            var positions = new int[runs.Length];
            for (var r = 0; r < runs.Length; r++)
            {
                positions[r] = VolumeOrder.LowerBound(runs[r], request);
            }

            return Interlocked.CompareExchange(ref bounds[level], positions, null) ?? positions;
        }
    }
}
