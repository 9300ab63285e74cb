using System;
using System.Collections.Generic;
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

/// <summary>How an earlier claim's arbitrary pick decides a claim's outcome.</summary>
internal enum Dependence
{
    /// <summary>The claim got a volume the earlier claim could equally have taken.</summary>
    TookItsAlternative,

    /// <summary>The earlier claim took, by an arbitrary pick, a volume this claim could otherwise have.</summary>
    WantsItsPick,
}

/// <summary>What the plan knows about the arbitrariness of one claim's outcome: its alternatives, and the earlier claim it depends on (with the volume in question).</summary>
internal sealed record ChoiceReport(IReadOnlyList<string> Alternatives, bool MoreAlternatives, string? DependsOn, string? DependsOnVolume, Dependence Dependence)
{
    public static readonly ChoiceReport None = new(Array.Empty<string>(), false, null, null, default);
}

/// <summary>
/// Where Kubernetes' choice is arbitrary, and which later claims that choice decides.
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
/// DependsOn. A claim depends on the earliest earlier claim A with alternatives when (1) the volume it
/// got is one of A's alternatives (had A taken it, this claim could not have it); else on the claim
/// whose arbitrarily picked volume (2) would rank, for this claim, at least as well as what it got
/// (or would fit it at all when it got nothing): had A picked otherwise, this claim could have that
/// volume. Only these direct dependencies are reported, not chains of them.
/// </para>
/// <para>
/// Cost: every query is a few binary searches over the groups the claim could bind from anyway, plus a
/// walk over volumes that pass every check but one (the same walk the search itself makes); picks are
/// registered by (group, capacity), so (1) is a dictionary lookup, and arbitrarily taken volumes are
/// marked per group in a <see cref="PositionSet"/>, so (2) is a next-mark query. Plan time keeps its growth with size.
/// </para>
/// </remarks>
internal sealed class ArbitraryChoices
{
    private readonly VolumeIndex index;
    private readonly int limit;
    private readonly Dictionary<(GroupKey Key, Quantity Capacity), List<(ClaimContext Claim, NodeContext? Node)>> registrations = new();
    private readonly List<VolumeState> alternatives = new();
    private readonly List<SortedRun> runs = new();
    private readonly VolumeState?[] setResults = new VolumeState?[16];
    private readonly bool[] setIsPrebound = new bool[16];

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
        Array.Clear(setResults);
        Array.Clear(setIsPrebound);
        if (path == SearchPath.Scheduler)
        {
            CollectOnNode(claim, pick, preBound, node!);
        }
        else
        {
            CollectInModeSets(claim, pick, preBound, path == SearchPath.DelayedController);
        }

        var dependsOn = preBound ? null : DependsOnTakingAlternative(pick);
        dependsOn ??= DependsOnContested(claim, pick, preBound, path, node);
        var report = Report(dependsOn);
        if (alternatives.Count > 0)
        {
            Register(claim, pick, preBound, path, node);
        }

        return report;
    }

    /// <summary>A search found nothing: does an arbitrary pick of an earlier claim hold a volume that would fit?</summary>
    public ChoiceReport NotFound(ClaimContext claim, SearchPath path, NodeContext? node)
    {
        alternatives.Clear();
        Array.Clear(setResults);
        Array.Clear(setIsPrebound);
        return path == SearchPath.DelayedController ? ChoiceReport.None : Report(DependsOnContested(claim, null, false, path, node));
    }

    /// <summary>
    /// A claim that names its volume: it depends on an earlier claim whose arbitrary pick took that
    /// volume, or, when it gets the volume, that could equally have taken it.
    /// </summary>
    public ChoiceReport Requested(VolumeState volume, bool gotIt)
    {
        alternatives.Clear();
        if (gotIt)
        {
            return Report(DependsOnTakingAlternative(volume));
        }

        return volume.TakenByArbitraryPick && volume.TakenInPlanBy is { } taker
            ? Report((taker, volume.Name, Dependence.WantsItsPick))
            : ChoiceReport.None;
    }

    // The controller's path: the picked set, then every other set with as many modes that holds the request.
    private void CollectInModeSets(ClaimContext claim, VolumeState pick, bool preBound, bool delayBinding)
    {
        var modeCount = pick.Volume.AccessModes.Count();
        var reserved = index.ReservedFor(claim);
        foreach (var modes in VolumeOrder.SetsHolding(claim.AccessModes))
        {
            if (modes.Count() != modeCount)
            {
                continue;
            }

            var slot = (int)modes;
            foreach (var volume in reserved)
            {
                if (volume.Volume.AccessModes == modes && !ReferenceEquals(volume, pick) && MatchRules.IsUsablePrebound(volume, claim))
                {
                    setIsPrebound[slot] = true;
                    Add(volume);
                }
            }

            if (modes == pick.Volume.AccessModes)
            {
                setIsPrebound[slot] |= preBound;
                setResults[slot] = pick;
                if (!preBound)
                {
                    var run = index.Group(pick.GroupKey)!;
                    run.CollectEqual(run.PositionOf(pick) + 1, pick.Capacity, claim, null, pick, alternatives, limit + 1);
                }
            }
            else if (!setIsPrebound[slot] && !delayBinding && index.Group(claim.KeyFor(modes)) is { } run && run.FindFirst(claim, null) is { } first)
            {
                setResults[slot] = first;
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
                    Add(volume);
                }
            }

            return;
        }

        foreach (var modes in VolumeOrder.SetsHolding(claim.AccessModes))
        {
            index.NodeRuns(claim.KeyFor(modes), node, runs);
            foreach (var run in runs)
            {
                run.CollectEqual(run.LowerBound(pick.Capacity), pick.Capacity, claim, node, pick, alternatives, limit + 1);
            }
        }
    }

    // (1): is the volume one that an earlier claim could equally have taken?
    private (string, string, Dependence)? DependsOnTakingAlternative(VolumeState volume)
    {
        if (!registrations.TryGetValue((volume.GroupKey, volume.Capacity), out var earlier))
        {
            return null;
        }

        foreach (var (claim, node) in earlier)
        {
            if (SortedRun.Admits(volume, claim, node))
            {
                return (claim.Key, volume.Name, Dependence.TookItsAlternative);
            }
        }

        return null;
    }

    // (2): does a volume an earlier claim took by an arbitrary pick rank for this claim at least as well as what it got?
    private (string, string, Dependence)? DependsOnContested(ClaimContext claim, VolumeState? got, bool gotPrebound, SearchPath path, NodeContext? node)
    {
        if (path == SearchPath.DelayedController || gotPrebound && path == SearchPath.Scheduler)
        {
            return null;
        }

        VolumeState? best = null;
        var gotModeCount = got?.Volume.AccessModes.Count() ?? int.MaxValue;
        foreach (var modes in VolumeOrder.SetsHolding(claim.AccessModes))
        {
            if (path == SearchPath.Scheduler)
            {
                // The scheduler does not order access-mode sets: the smallest volume anywhere wins.
                index.NodeRuns(claim.KeyFor(modes), node!, runs);
                foreach (var run in runs)
                {
                    best = IndexedVolumeSearch.Smaller(best, run.FirstContested(claim, node, got?.Capacity));
                }

                continue;
            }

            var count = modes.Count();
            if (count > gotModeCount || best is not null && count > best.Volume.AccessModes.Count())
            {
                break;
            }

            // In a set with fewer modes than the pick's, anything that fits would have won; in a set with
            // as many, it must be no larger than what that set gives; a pre-bound volume in the set wins outright.
            var slot = (int)modes;
            if (count == gotModeCount && setIsPrebound[slot])
            {
                continue;
            }

            var atMost = count == gotModeCount ? setResults[slot]?.Capacity : null;
            best = IndexedVolumeSearch.Smaller(best, index.Group(claim.KeyFor(modes))?.FirstContested(claim, null, atMost));
        }

        return best?.TakenInPlanBy is { } taker
            ? (taker, best.Name, Dependence.WantsItsPick)
            : null;
    }

    private void Register(ClaimContext claim, VolumeState pick, bool preBound, SearchPath path, NodeContext? node)
    {
        if (!preBound)
        {
            pick.TakenByArbitraryPick = true;
            index.Group(pick.GroupKey)?.MarkContested(pick);
            index.PinnedRun(pick)?.MarkContested(pick);
        }

        if (path == SearchPath.Scheduler)
        {
            if (!preBound)
            {
                foreach (var modes in VolumeOrder.SetsHolding(claim.AccessModes))
                {
                    RegisterGroup(claim.KeyFor(modes), pick.Capacity, claim, node);
                }
            }

            return;
        }

        for (var slot = 0; slot < setResults.Length; slot++)
        {
            if (setResults[slot] is { } result && !setIsPrebound[slot])
            {
                RegisterGroup(result.GroupKey, result.Capacity, claim, null);
            }
        }
    }

    private void RegisterGroup(GroupKey key, Quantity capacity, ClaimContext claim, NodeContext? node)
    {
        if (!registrations.TryGetValue((key, capacity), out var list))
        {
            registrations[(key, capacity)] = list = new List<(ClaimContext, NodeContext?)>();
        }

        list.Add((claim, node));
    }

    // Volumes come from disjoint sets and runs, so they are never added twice.
    private void Add(VolumeState volume)
    {
        if (alternatives.Count <= limit)
        {
            alternatives.Add(volume);
        }
    }

    private ChoiceReport Report((string Claim, string Volume, Dependence How)? dependsOn)
    {
        if (alternatives.Count == 0 && dependsOn is null)
        {
            return ChoiceReport.None;
        }

        var shown = Math.Min(alternatives.Count, limit);
        var names = new string[shown];
        for (var i = 0; i < shown; i++)
        {
            names[i] = alternatives[i].Name;
        }

        return new ChoiceReport(names, alternatives.Count > limit, dependsOn?.Claim, dependsOn?.Volume, dependsOn?.How ?? default);
    }
}
