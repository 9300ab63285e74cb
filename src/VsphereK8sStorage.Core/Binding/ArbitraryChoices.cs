using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>Which of Kubernetes' searches found (or did not find) a claim's volume.</summary>
internal enum SearchPath
{
    /// <summary>The PV controller's findBestMatchForClaim.</summary>
    Controller,

    /// <summary>The PV controller with delayed binding: only pre-bound volumes count.</summary>
    DelayedController,

    /// <summary>The scheduler's FindMatchingVolume on a node.</summary>
    Scheduler,
}

/// <summary>One search a claim's sync makes: with which class, on which path, for which node (the -Node node, or the one the scheduler selected).</summary>
internal sealed record ClaimSearch(string StorageClass, SearchPath Path, NodeContext? Node, string? SelectedNode);

/// <summary>
/// Alternatives as a class: the open volumes of <see cref="Like"/>'s index group with exactly its capacity
/// that pass the claim's selector (and <see cref="Node"/>, on the scheduler's path). Every one still free
/// is an alternative the claim could equally have taken.
/// </summary>
internal readonly record struct AlternativeClass(VolumeState Like, NodeContext? Node);

/// <summary>
/// What the plan knows about the arbitrariness of one claim's pick: the alternatives it names, and the same
/// alternatives as classes (all of them, however many are named) for <see cref="AlternativeWorlds"/>, plus
/// one alternative pre-bound to the claim when there is one (taking it leaves no other claim short).
/// </summary>
internal sealed record ChoiceReport(IReadOnlyList<string> Alternatives, bool MoreAlternatives, IReadOnlyList<AlternativeClass> Classes, VolumeState? ReservedAlternative)
{
    public static readonly ChoiceReport None = new(Array.Empty<string>(), false, Array.Empty<AlternativeClass>(), null);
}

/// <summary>
/// Where Kubernetes' choice is arbitrary: the volumes it could equally have given a claim.
/// </summary>
/// <remarks>
/// <para>
/// Alternatives. FindMatchingVolume keeps the first of equally small volumes it meets, in an order
/// Kubernetes does not define; and allPossibleMatchingAccessModes sorts access-mode sets only by how
/// many modes they have, so sets with as many modes come in map order. So a claim's alternatives are:
/// the other open volumes of the picked one's capacity in the picked one's set (and, for a volume
/// pre-bound to the claim, the other pre-bound ones of that set); plus, from every other set with as
/// many modes that contains the request, what that set would have given (its pre-bound volumes, or
/// its smallest open volumes). On the scheduler's path, sets are not ordered at all: every open volume
/// of the picked capacity that the node reaches. With delayed binding only pre-bound volumes count.
/// </para>
/// <para>
/// Which later claims a pick decides (DependsOn) is <see cref="AlternativeWorlds"/>' work; this class
/// hands it the alternatives as <see cref="AlternativeClass"/>es, so it never lists them one by one.
/// </para>
/// <para>
/// Cost: every query is a few binary searches over the groups the claim could bind from anyway, plus the
/// walk over equal volumes that it names (at most the limit).
/// </para>
/// </remarks>
internal sealed class ArbitraryChoices
{
    private readonly VolumeIndex index;
    private readonly int limit;
    private readonly List<VolumeState> alternatives = new();
    private readonly List<AlternativeClass> classes = new();
    private readonly List<SortedRun> runs = new();
    private readonly bool[] setIsPrebound = new bool[16];
    private VolumeState? reserved;

    /// <param name="index">The open volumes, shared with the search when it is the indexed one.</param>
    /// <param name="limit">How many alternatives a report names (int.MaxValue: all).</param>
    public ArbitraryChoices(VolumeIndex index, int limit)
    {
        this.index = index;
        this.limit = Math.Min(limit, int.MaxValue - 1);
    }

    /// <summary>A search found <paramref name="pick"/> (already taken by the claim); <paramref name="preBound"/> says whether its claimRef named the claim.</summary>
    public ChoiceReport Picked(ClaimContext claim, VolumeState pick, bool preBound, SearchPath path, NodeContext? node)
    {
        alternatives.Clear();
        classes.Clear();
        reserved = null;
        Array.Clear(setIsPrebound);
        if (path == SearchPath.Scheduler)
        {
            CollectOnNode(claim, pick, preBound, node!);
        }
        else
        {
            CollectInModeSets(claim, pick, preBound, path == SearchPath.DelayedController);
        }

        if (alternatives.Count == 0)
        {
            return ChoiceReport.None;
        }

        var shown = Math.Min(alternatives.Count, limit);
        var names = new string[shown];
        for (var i = 0; i < shown; i++)
        {
            names[i] = alternatives[i].Name;
        }

        return new ChoiceReport(names, alternatives.Count > limit, classes.ToArray(), reserved);
    }

    // The controller's path: the picked set, then every other set with as many modes that holds the request.
    private void CollectInModeSets(ClaimContext claim, VolumeState pick, bool preBound, bool delayBinding)
    {
        var modeCount = pick.Volume.AccessModes.Count();
        var reservedForClaim = index.ReservedFor(claim);
        foreach (var modes in VolumeOrder.SetsHolding(claim.AccessModes))
        {
            if (modes.Count() != modeCount)
            {
                continue;
            }

            var slot = (int)modes;
            foreach (var volume in reservedForClaim)
            {
                if (volume.Volume.AccessModes == modes && !ReferenceEquals(volume, pick) && MatchRules.IsUsablePrebound(volume, claim))
                {
                    setIsPrebound[slot] = true;
                    reserved ??= volume;
                    Add(volume);
                }
            }

            if (modes == pick.Volume.AccessModes)
            {
                if (!preBound)
                {
                    var run = index.Group(pick.GroupKey)!;
                    classes.Add(new AlternativeClass(pick, null));
                    run.CollectEqual(run.PositionOf(pick) + 1, pick.Capacity, claim, null, pick, alternatives, limit + 1);
                }
            }
            else if (!setIsPrebound[slot] && !delayBinding && index.Group(claim.KeyFor(modes)) is { } run && run.FindFirst(claim, null) is { } first)
            {
                classes.Add(new AlternativeClass(first, null));
                Add(first);
                run.CollectEqual(run.PositionOf(first) + 1, first.Capacity, claim, null, first, alternatives, limit + 1);
            }
        }
    }

    // The scheduler's path: every volume of the picked capacity, in any set, that the node reaches.
    private void CollectOnNode(ClaimContext claim, VolumeState pick, bool preBound, NodeContext node)
    {
        if (preBound)
        {
            foreach (var volume in index.ReservedFor(claim))
            {
                if (!ReferenceEquals(volume, pick) && volume.Class == claim.StorageClass && MatchRules.IsUsablePrebound(volume, claim) && node.Admits(volume.Volume))
                {
                    reserved ??= volume;
                    Add(volume);
                }
            }

            return;
        }

        foreach (var modes in VolumeOrder.SetsHolding(claim.AccessModes))
        {
            index.NodeRuns(claim.KeyFor(modes), node, runs);
            var like = modes == pick.Volume.AccessModes ? pick : null;
            foreach (var run in runs)
            {
                var start = run.LowerBound(pick.Capacity);
                if (like is null && run.NextOpenOfCapacity(start, pick.Capacity, claim.Claim.Selector, node) is var first and >= 0)
                {
                    like = run[first];
                }

                run.CollectEqual(start, pick.Capacity, claim, node, pick, alternatives, limit + 1);
            }

            if (like is not null)
            {
                classes.Add(new AlternativeClass(like, node));
            }
        }
    }

    // Volumes come from disjoint sets and runs, so they are never added twice.
    private void Add(VolumeState volume)
    {
        if (alternatives.Count <= limit)
        {
            alternatives.Add(volume);
        }
    }
}
