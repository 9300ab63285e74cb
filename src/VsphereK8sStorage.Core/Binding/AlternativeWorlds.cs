using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// The claim whose arbitrary pick decides another claim's outcome: had Kubernetes given it
/// <see cref="Alternative"/> rather than <see cref="Pick"/>, the other claim would bind <see cref="Gets"/>
/// rather than <see cref="Instead"/> (either may be null: nothing), or, when set, <see cref="Consequence"/>.
/// <see cref="Order"/> is its place in the controller's order.
/// </summary>
internal sealed record Dependency(int Order, string Claim, string Pick, string Alternative, string? Gets, string? Instead, string? Consequence);

/// <summary>
/// DependsOn: which claims an arbitrary pick decides, found by following every alternative plan at once.
/// </summary>
/// <remarks>
/// <para>
/// Definition. Claim C depends on claim E when some alternative of E (one of its <c>Alternatives</c>),
/// given to E instead of its pick with every other claim deciding as the plan does, gives C another
/// phase, another volume (a different name counts, even of an equal volume: it is another disk, and
/// another claimRef), or another event. Claims are planned in the controller's order, so only an
/// earlier E can change C's phase or volume; a later E can change only the event of a claim waiting
/// for the volume its spec.volumeName names, which the plan explains from the final plan. DependsOn
/// names the first such E in the controller's order; the reason names E's alternative and what C would
/// get. One pick goes the other way at a time: a claim whose outcome changes only when two picks both
/// go the other way is not marked.
/// </para>
/// <para>
/// Why a plan where E took a differs from the plan by so little. Every claim decides by taking the
/// first free volume in an order of its own (its searches, access-mode sets in search order, a
/// pre-bound volume first in its set, then capacity and name), or by a rule no free volume changes
/// (pre-bound only, a named volume). Compare the plan where E took a, not p, with the plan, claim by
/// claim after E: the volumes free in the one are those free in the other, plus at most one volume F
/// (the vacancy: taken in the plan, free there) and minus at most one volume G (the displaced one:
/// free in the plan, taken there). At first F = p and G = a. A later claim C, which took x in the
/// plan, decides otherwise exactly when (1) x = G: it takes the better of F and its next choice
/// (what its search finds once x is gone); if that is F the plans agree from then on, else its next
/// choice becomes G; or (2) C would rather have F than x (or F fits and C got nothing): it takes F
/// and x becomes F (or nothing, when C got nothing or x is pre-bound to it). Every other claim decides
/// as in the plan. So each alternative plan is a pair (F, G), and a claim's outcome changes in it
/// exactly in cases (1) and (2). A claim waiting for a named volume V that does not suit it gets another
/// event exactly when V is F or G at the end, and (when the controller bound it before, so it keeps the
/// phase it records while V is someone else's) another phase when V is F or G as it syncs.
/// </para>
/// <para>
/// All of them at once. The plans are followed side by side with the plan itself, as it is made:
/// plans with the same F form a bundle (case 2 merges every bundle whose F the claim would rather have
/// into one, with F = x); plans with the same (F, G) evolve alike for ever, so only the one of the
/// first E is kept. E's alternatives are not listed one by one: those in one index group with one
/// capacity passing E's selector (and node) form a class, held as one entry whose members are the
/// class's volumes still free in the plan; when a claim takes a member x, that member's plan takes
/// case (1) and the rest stay in the class. So: case (1) is a lookup by x (plans displacing x, and
/// classes that hold x); case (2) walks the vacancies marked in the index groups the claim searches,
/// up to x, as the search walks volumes, and every vacancy found is merged away; small bundles are
/// merged into large ones. Plan time keeps its growth with size; the README's benchmark measures it.
/// A claim that takes a volume also visits the classes held for that volume's group and capacity: one
/// per distinct selector (and node) in each bundle. Bundles merge whenever a claim would rather have
/// their vacancies, so in practice that is the number of distinct selectors among the claims with
/// ties there; many distinct selectors over one group of equal volumes cost a visit each.
/// </para>
/// </remarks>
internal sealed class AlternativeWorlds
{
    private static readonly int[] SetRank = RankSets();

    private readonly PlanRun run;
    private readonly VolumeIndex index;
    private readonly IndexedVolumeSearch search;
    private readonly Bundle?[] vacancyOf;
    private readonly List<World>?[] displacing;
    private readonly Dictionary<(GroupKey Key, Quantity Capacity), List<ClassWorld>> classesAt = new();
    private readonly Dictionary<string, LabelSelector> selectors = new(StringComparer.Ordinal);
    private readonly Bundle noVacancy = new(null);
    private readonly List<(ClaimOutcome Outcome, VolumeState Volume)> waiting = new();
    private readonly List<SortedRun> runs = new();
    private readonly List<Bundle> preferred = new();
    private readonly ClaimSearch?[] searches = new ClaimSearch?[2];

    private int order;

    // The claim being followed: its context, what it took, the volume it names, and its next choice once computed.
    private ClaimContext context = null!;
    private VolumeState? taken;
    private bool takenReserved;
    private VolumeState? named;
    private bool namedSatisfies;
    private VolumeState? next;
    private bool nextKnown;

    // The first plan found so far in which the claim's outcome changes.
    private Tie? firstTie;
    private VolumeState? firstAlternative;
    private VolumeState? firstGets;
    private string? firstConsequence;

    public AlternativeWorlds(PlanRun run, VolumeIndex index, int volumeCount)
    {
        this.run = run;
        this.index = index;
        search = new IndexedVolumeSearch(index);
        vacancyOf = new Bundle?[volumeCount];
        displacing = new List<World>?[volumeCount];
    }

    /// <summary>Follows every alternative plan through one more claim, right after the plan decided it (in the controller's order).</summary>
    public void After(ClaimOutcome outcome)
    {
        order++;
        context = outcome.Context;
        var claim = context.Claim;
        taken = outcome.Phase == ClaimPhase.Bound ? outcome.Volume : null;
        takenReserved = taken?.Volume.ClaimRef is not null;
        named = null;
        next = null;
        nextKnown = false;
        firstTie = null;
        searches[0] = searches[1] = null;
        if (claim.HasVolumeName)
        {
            // A volume its claimRef reserves (for this claim or another) is out of every plan's reach.
            named = run.Volume(claim.VolumeName!);
            if (named is null || named.Volume.ClaimRef is not null)
            {
                return;
            }

            namedSatisfies = MatchRules.CheckRequestedVolume(named, context) is null;
            nextKnown = true;
        }
        else if (outcome.Searched is { } searched)
        {
            searches[0] = searched;
            searches[1] = outcome.ThenSearched;
        }
        else
        {
            return;
        }

        if (taken is not null && !takenReserved)
        {
            Displace(taken);
        }

        MergePreferredVacancies();
        if (outcome.Choice.Alternatives.Count > 0 && taken is not null)
        {
            AddTie(outcome, taken);
        }

        if (named is not null && !namedSatisfies)
        {
            waiting.Add((outcome, named));
            var recorded = RecordedPhase(claim);
            if (recorded != ClaimPhase.Pending && FirstHolding(named) is { } holding)
            {
                // Where the named volume is free when the claim syncs it is Pending; where it is taken it keeps the phase it records.
                Touch(holding.Tie, holding.Alternative, null, holding.IsVacancy
                    ? $"find {named.Name} free and be Pending, not {recorded}"
                    : $"find {named.Name} bound to another claim and be {recorded}, not Pending");
            }
        }

        if (firstTie is not null)
        {
            var consequence = firstConsequence ?? (firstGets is null && named is not null ? $"find {taken!.Name} bound to another claim and not get it" : null);
            outcome.DependsOn = new Dependency(firstTie.Order, firstTie.Claim, firstTie.Pick, firstAlternative!.Name, firstGets?.Name, taken?.Name, consequence);
        }
    }

    /// <summary>
    /// Claims waiting for a volume they name but that does not suit them: the controller's event says
    /// whether that volume is bound when the claim is next synced, so it depends on any plan in which the
    /// volume ends up free instead of taken, or taken instead of free.
    /// </summary>
    public void Finish()
    {
        foreach (var (outcome, volume) in waiting)
        {
            if (FirstHolding(volume) is not { } holding || outcome.DependsOn is { } earlier && earlier.Order <= holding.Tie.Order)
            {
                continue;
            }

            var (now, then) = holding.IsVacancy ? ("VolumeMismatch", "FailedBinding") : ("FailedBinding", "VolumeMismatch");
            var consequence = holding.IsVacancy
                ? $"find {volume.Name} free when it is next synced, and get the event {now} rather than {then}"
                : $"find {volume.Name} bound to another claim when it is next synced, and get the event {now} rather than {then}";
            outcome.DependsOn = new Dependency(holding.Tie.Order, holding.Tie.Claim, holding.Tie.Pick, holding.Alternative.Name, null, null, consequence);
        }
    }

    // Case (1): the claim took x, which every plan displacing x (and every class holding x) has taken already.
    private void Displace(VolumeState x)
    {
        if (displacing[x.Id] is { } displacingX)
        {
            displacing[x.Id] = null;
            foreach (var plan in displacingX)
            {
                if (!plan.Alive || !ReferenceEquals(plan.Displaced, x))
                {
                    continue;
                }

                var vacancy = plan.Bundle.Vacancy;
                var instead = Next();
                if (vacancy is not null && Prefers(vacancy, instead))
                {
                    // It takes the vacancy: from here on that plan is the plan.
                    Touch(plan.Tie, plan.Alternative!, vacancy, null);
                    Kill(plan);
                }
                else
                {
                    Touch(plan.Tie, plan.Alternative!, instead, null);
                    Redirect(plan, Open(instead));
                }
            }
        }

        if (!classesAt.TryGetValue((x.GroupKey, x.Capacity), out var classes))
        {
            return;
        }

        foreach (var plans in classes)
        {
            if (!plans.Alive || !SortedRun.Admits(x, plans.Selector, plans.Node))
            {
                continue;
            }

            // The member x's plan: E took x, so this claim takes the vacancy or its next choice.
            var vacancy = plans.Bundle.Vacancy;
            var instead = Next();
            if (vacancy is not null && Prefers(vacancy, instead))
            {
                Touch(plans.Tie, x, vacancy, null);
            }
            else
            {
                Touch(plans.Tie, x, instead, null);
                var displaced = Open(instead);
                if (displaced is null || !plans.Holds(displaced))
                {
                    Place(new World(plans.Tie, x, displaced), plans.Bundle);
                }
            }

            if (!plans.Advance(index, runs))
            {
                plans.Alive = false;
            }
        }

        classes.RemoveAll(c => !c.Alive);
    }

    // Case (2): every vacancy the claim would rather have than what it took moves to what it took.
    private void MergePreferredVacancies()
    {
        preferred.Clear();
        if (named is not null)
        {
            if (namedSatisfies && taken is null && vacancyOf[named.Id] is { } bundle)
            {
                preferred.Add(bundle);
            }
        }
        else
        {
            CollectPreferredVacancies();
        }

        if (preferred.Count == 0)
        {
            return;
        }

        // In every plan of these bundles the claim takes the vacancy, so what it took in the plan is free
        // there: the new vacancy (none when it took nothing, or a volume reserved for it).
        var vacancy = taken is not null && !takenReserved ? taken : null;
        Bundle? target = vacancy is null ? noVacancy : null;
        foreach (var bundle in preferred)
        {
            Unmark(bundle.Vacancy!);
            if (bundle.First() is { } first)
            {
                Touch(first.Tie, first.Alternative ?? ((ClassWorld)first).Member!, bundle.Vacancy, null);
                if (target is null || target != noVacancy && bundle.Worlds.Count > target.Worlds.Count)
                {
                    target = bundle;
                }
            }
        }

        if (target is null)
        {
            return;
        }

        foreach (var bundle in preferred)
        {
            if (bundle != target)
            {
                MoveAll(bundle, target);
            }
        }

        if (vacancy is not null)
        {
            target.Vacancy = vacancy;
            Mark(vacancy, target);
        }
    }

    // The vacancies marked in the groups the claim's searches visit, ranked before what it took.
    private void CollectPreferredVacancies()
    {
        var pickRank = default(Rank);
        var hasPick = taken is not null && TryRank(taken, out pickRank);
        var selector = context.Claim.Selector;
        for (var i = 0; i < searches.Length; i++)
        {
            if (searches[i] is not { } s || hasPick && i > pickRank.Search)
            {
                continue;
            }

            var last = hasPick && i == pickRank.Search;
            if (s.Path == SearchPath.Controller)
            {
                foreach (var modes in VolumeOrder.SetsHolding(context.AccessModes))
                {
                    if (last && SetRank[(int)modes] > pickRank.Set)
                    {
                        break;
                    }

                    if (index.Group(new GroupKey(s.StorageClass, context.VolumeMode, context.Vac, modes)) is not { } group)
                    {
                        continue;
                    }

                    var end = group.Count;
                    if (last && modes == taken!.Volume.AccessModes)
                    {
                        if (takenReserved)
                        {
                            continue;
                        }

                        end = group.PositionAtOrAfter(taken);
                    }

                    CollectVacancies(group, end, selector, null);
                }
            }
            else if (s.Path == SearchPath.Scheduler && FirstReserved(s) is null)
            {
                foreach (var modes in VolumeOrder.SetsHolding(context.AccessModes))
                {
                    index.NodeRuns(new GroupKey(s.StorageClass, context.VolumeMode, context.Vac, modes), s.Node!, runs);
                    foreach (var nodeRun in runs)
                    {
                        CollectVacancies(nodeRun, last ? nodeRun.PositionAtOrAfter(taken!) : nodeRun.Count, selector, s.Node);
                    }
                }
            }
        }
    }

    private void CollectVacancies(SortedRun group, int end, LabelSelector? selector, NodeContext? node)
    {
        for (var position = group.NextVacancy(group.LowerBound(context.Request)); position >= 0 && position < end; position = group.NextVacancy(position + 1))
        {
            var volume = group[position];
            if (SortedRun.Admits(volume, selector, node) && vacancyOf[volume.Id] is { } bundle)
            {
                preferred.Add(bundle);
            }
        }
    }

    // The claim's own pick was arbitrary: one plan per alternative, as classes, with its pick as the vacancy.
    private void AddTie(ClaimOutcome outcome, VolumeState pick)
    {
        var tie = new Tie(order, context.Key, pick.Name);
        Bundle? bundle = takenReserved ? noVacancy : vacancyOf[pick.Id];
        var created = false;
        if (bundle is null)
        {
            bundle = new Bundle(pick);
            created = true;
        }

        var selector = Canonical(context.Claim.Selector);
        foreach (var alternatives in outcome.Choice.Classes)
        {
            if (HasClass(bundle, alternatives.Like, selector, alternatives.Node))
            {
                // An earlier claim's plans with the same vacancy and the same class: they are these plans.
                continue;
            }

            var plans = new ClassWorld(tie, alternatives.Like, selector, alternatives.Node);
            if (plans.Advance(index, runs))
            {
                Place(plans, bundle);
            }
        }

        if (outcome.Choice.ReservedAlternative is { } reserved && bundle != noVacancy)
        {
            Place(new World(tie, reserved, null), bundle);
        }

        if (created && bundle.Worlds.Count > 0)
        {
            Mark(pick, bundle);
        }
    }

    // Adds a plan to a bundle, unless the bundle already follows the same plan for an earlier claim.
    private void Place(World plan, Bundle bundle)
    {
        if (Same(plan, bundle) is { } same)
        {
            if (same.Tie.Order <= plan.Tie.Order)
            {
                plan.Alive = false;
                return;
            }

            Kill(same);
        }

        plan.Bundle = bundle;
        if (plan is ClassWorld plans)
        {
            if (!classesAt.TryGetValue((plans.Key, plans.Capacity), out var list))
            {
                classesAt[(plans.Key, plans.Capacity)] = list = new List<ClassWorld>();
            }

            list.Add(plans);
        }
        else if (plan.Displaced is { } displaced)
        {
            (displacing[displaced.Id] ??= new List<World>()).Add(plan);
        }
        else if (bundle == noVacancy)
        {
            // No vacancy and nothing displaced: this plan is the plan.
            plan.Alive = false;
            return;
        }
        else
        {
            bundle.Bare = plan;
        }

        if (bundle != noVacancy)
        {
            bundle.Worlds.Enqueue(plan, plan.Tie.Order);
        }
    }

    private bool HasClass(Bundle bundle, VolumeState like, LabelSelector? selector, NodeContext? node)
    {
        if (classesAt.TryGetValue((like.GroupKey, like.Capacity), out var list))
        {
            foreach (var other in list)
            {
                if (other.Alive && other.Bundle == bundle && other.SameClass(like, selector, node))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The plan in the bundle with the same displaced volume (or class), if any.
    private World? Same(World plan, Bundle bundle)
    {
        if (plan is ClassWorld plans)
        {
            if (classesAt.TryGetValue((plans.Key, plans.Capacity), out var list))
            {
                foreach (var other in list)
                {
                    if (other.Alive && other != plans && other.Bundle == bundle && other.SameClass(plans.Like, plans.Selector, plans.Node))
                    {
                        return other;
                    }
                }
            }

            return null;
        }

        if (plan.Displaced is { } displaced)
        {
            if (displacing[displaced.Id] is { } list)
            {
                foreach (var other in list)
                {
                    if (other.Alive && other != plan && other.Bundle == bundle && ReferenceEquals(other.Displaced, displaced))
                    {
                        return other;
                    }
                }
            }

            return null;
        }

        return bundle.Bare is { Alive: true } bare && bare != plan ? bare : null;
    }

    // A plan whose displaced volume was taken: it now displaces the claim's next choice (or nothing).
    private void Redirect(World plan, VolumeState? displaced)
    {
        var bundle = plan.Bundle;
        plan.Displaced = displaced;
        if (Same(plan, bundle) is { } same)
        {
            if (same.Tie.Order <= plan.Tie.Order)
            {
                Kill(plan);
                return;
            }

            Kill(same);
        }

        if (displaced is not null)
        {
            (displacing[displaced.Id] ??= new List<World>()).Add(plan);
        }
        else if (bundle == noVacancy)
        {
            Kill(plan);
        }
        else
        {
            bundle.Bare = plan;
        }
    }

    private void MoveAll(Bundle from, Bundle to)
    {
        foreach (var (plan, _) in from.Worlds.UnorderedItems)
        {
            if (!plan.Alive || plan.Bundle != from)
            {
                continue;
            }

            if (from.Bare == plan)
            {
                from.Bare = null;
            }

            if (plan is ClassWorld or { Displaced: not null })
            {
                // Still indexed by class or displaced volume; only the bundle changes.
                if (Same(plan, to) is { } same)
                {
                    if (same.Tie.Order <= plan.Tie.Order)
                    {
                        plan.Alive = false;
                        continue;
                    }

                    Kill(same);
                }

                plan.Bundle = to;
                if (to != noVacancy)
                {
                    to.Worlds.Enqueue(plan, plan.Tie.Order);
                }
            }
            else
            {
                Place(plan, to);
            }
        }

        from.Worlds.Clear();
    }

    private void Kill(World plan)
    {
        plan.Alive = false;
        if (plan.Bundle?.Bare == plan)
        {
            plan.Bundle.Bare = null;
        }
    }

    private void Mark(VolumeState vacancy, Bundle bundle)
    {
        vacancyOf[vacancy.Id] = bundle;
        index.Group(vacancy.GroupKey)?.MarkVacancy(vacancy);
        index.PinnedRun(vacancy)?.MarkVacancy(vacancy);
    }

    private void Unmark(VolumeState vacancy)
    {
        vacancyOf[vacancy.Id] = null;
        index.Group(vacancy.GroupKey)?.UnmarkVacancy(vacancy);
        index.PinnedRun(vacancy)?.UnmarkVacancy(vacancy);
    }

    /// <summary>The first plan (in the order of its tie) in which the volume is the vacancy or displaced now.</summary>
    private Holding? FirstHolding(VolumeState volume)
    {
        Holding? first = null;
        if (vacancyOf[volume.Id] is { } bundle && bundle.First() is { } plan)
        {
            first = new Holding(plan.Tie, plan.Alternative ?? ((ClassWorld)plan).Member!, true);
        }

        if (displacing[volume.Id] is { } plans)
        {
            foreach (var other in plans)
            {
                if (other.Alive && ReferenceEquals(other.Displaced, volume) && (first is null || other.Tie.Order < first.Value.Tie.Order))
                {
                    first = new Holding(other.Tie, other.Alternative!, false);
                }
            }
        }

        if (volume.ClaimRef is null && classesAt.TryGetValue((volume.GroupKey, volume.Capacity), out var classes))
        {
            foreach (var other in classes)
            {
                if (other.Alive && SortedRun.Admits(volume, other.Selector, other.Node) && (first is null || other.Tie.Order < first.Value.Tie.Order))
                {
                    first = new Holding(other.Tie, volume, false);
                }
            }
        }

        return first;
    }

    private void Touch(Tie tie, VolumeState alternative, VolumeState? gets, string? consequence)
    {
        if (firstTie is null || tie.Order < firstTie.Order)
        {
            firstTie = tie;
            firstAlternative = alternative;
            firstGets = gets;
            firstConsequence = consequence;
        }
    }

    // What the claim's searches find once the volume it took is gone: its choice in a plan where that volume is taken.
    private VolumeState? Next()
    {
        if (nextKnown)
        {
            return next;
        }

        nextKnown = true;
        var storageClass = context.StorageClass;
        try
        {
            foreach (var s in searches)
            {
                if (s is not { } searched)
                {
                    continue;
                }

                context.StorageClass = searched.StorageClass;
                next = searched.Path == SearchPath.Scheduler
                    ? search.FindForNode(context, searched.Node!)
                    : search.FindForController(context, searched.Path == SearchPath.DelayedController);
                if (next is not null)
                {
                    break;
                }
            }
        }
        finally
        {
            context.StorageClass = storageClass;
        }

        return next;
    }

    // A volume others could take: not reserved for a claim by its claimRef in the input.
    private static VolumeState? Open(VolumeState? volume) => volume?.Volume.ClaimRef is null ? volume : null;

    /// <summary>Would the claim take <paramref name="volume"/> (free in some plan) before <paramref name="than"/> (null: before getting nothing)?</summary>
    private bool Prefers(VolumeState volume, VolumeState? than) =>
        TryRank(volume, out var rank) && (than is null || !TryRank(than, out var other) || rank.CompareTo(other) < 0);

    // Where the volume stands in the order the claim's searches take volumes in; false when they would not take it.
    private bool TryRank(VolumeState volume, out Rank rank)
    {
        rank = default;
        if (named is not null)
        {
            rank = new Rank(0, 0, 1, volume);
            return ReferenceEquals(volume, named) && namedSatisfies;
        }

        var modes = volume.Volume.AccessModes;
        if (!modes.Contains(context.AccessModes))
        {
            return false;
        }

        var reserved = MatchRules.PointsTo(volume.Volume.ClaimRef, context.Claim) && MatchRules.PassesPrechecks(volume, context);
        var open = volume.Volume.ClaimRef is null
            && volume.Volume.EffectiveVolumeMode == context.VolumeMode
            && volume.Vac == context.Vac
            && MatchRules.CapacityFits(volume.Capacity, context.Request)
            && SortedRun.Admits(volume, context.Claim.Selector, null);
        for (var i = 0; i < searches.Length; i++)
        {
            if (searches[i] is not { } s)
            {
                continue;
            }

            switch (s.Path)
            {
                case SearchPath.Controller:
                    if (reserved || open && volume.Class == s.StorageClass)
                    {
                        rank = new Rank(i, SetRank[(int)modes], reserved ? 0 : 1, volume);
                        return true;
                    }

                    break;
                case SearchPath.DelayedController:
                    if (reserved)
                    {
                        rank = new Rank(i, SetRank[(int)modes], 0, volume);
                        return true;
                    }

                    break;
                default:
                    if (FirstReserved(s) is { } decided)
                    {
                        if (ReferenceEquals(decided, volume) && s.Node!.Admits(volume.Volume))
                        {
                            rank = new Rank(i, 0, 0, volume);
                            return true;
                        }
                    }
                    else if (open && volume.Class == s.StorageClass && s.Node!.Admits(volume.Volume))
                    {
                        rank = new Rank(i, 0, 1, volume);
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    // On the scheduler's path a volume pre-bound to the claim in its class decides the search, whatever is free.
    private VolumeState? FirstReserved(ClaimSearch s)
    {
        foreach (var volume in index.ReservedFor(context))
        {
            if (volume.Class == s.StorageClass && MatchRules.PointsTo(volume.Volume.ClaimRef, context.Claim) && MatchRules.PassesPrechecks(volume, context))
            {
                return volume;
            }
        }

        return null;
    }

    private LabelSelector? Canonical(LabelSelector? selector)
    {
        if (selector is null)
        {
            return null;
        }

        var text = selector.ToString();
        if (!selectors.TryGetValue(text, out var canonical))
        {
            selectors[text] = canonical = selector;
        }

        return canonical;
    }

    private static ClaimPhase RecordedPhase(PersistentVolumeClaim claim) =>
        claim.Metadata.Annotations.ContainsKey(WellKnown.BoundByControllerAnnotation) ? claim.Phase ?? ClaimPhase.Pending : ClaimPhase.Pending;

    private static int[] RankSets()
    {
        var ranks = new int[16];
        for (var i = 0; i < VolumeOrder.ModeSetsInSearchOrder.Length; i++)
        {
            ranks[(int)VolumeOrder.ModeSetsInSearchOrder[i]] = i;
        }

        return ranks;
    }

    /// <summary>A claim whose pick was arbitrary, and its place in the controller's order.</summary>
    private sealed record Tie(int Order, string Claim, string Pick);

    /// <summary>A plan in which <see cref="Tie"/> took an alternative; what it holds differently is its bundle's vacancy and <see cref="Displaced"/>.</summary>
    private class World
    {
        public World(Tie tie, VolumeState? alternative, VolumeState? displaced)
        {
            Tie = tie;
            Alternative = alternative;
            Displaced = displaced;
        }

        public Tie Tie { get; }

        /// <summary>The alternative the tie took in this plan (for a class: null, any member).</summary>
        public VolumeState? Alternative { get; }

        public VolumeState? Displaced { get; set; }

        public Bundle Bundle { get; set; } = null!;

        public bool Alive { get; set; } = true;
    }

    /// <summary>One plan per member: the open volumes of a group with one capacity that pass a selector (and node) and are still free.</summary>
    private sealed class ClassWorld : World
    {
        private SortedRun? first;
        private SortedRun? second;
        private int firstAt = -1;
        private int secondAt = -1;
        private bool started;

        public ClassWorld(Tie tie, VolumeState like, LabelSelector? selector, NodeContext? node)
            : base(tie, null, null)
        {
            Like = like;
            Selector = selector;
            Node = node;
        }

        /// <summary>A volume of the class's group and capacity (a member once; maybe taken now).</summary>
        public VolumeState Like { get; }

        public GroupKey Key => Like.GroupKey;

        public Quantity Capacity => Like.Capacity;

        public LabelSelector? Selector { get; }

        public NodeContext? Node { get; }

        /// <summary>A member still free (the first found).</summary>
        public VolumeState? Member { get; private set; }

        public bool Holds(VolumeState volume) =>
            volume.ClaimRef is null && volume.GroupKey == Key && volume.Capacity.CompareTo(Capacity) == 0 && SortedRun.Admits(volume, Selector, Node);

        public bool SameClass(VolumeState like, LabelSelector? selector, NodeContext? node) =>
            like.GroupKey == Key && like.Capacity.CompareTo(Capacity) == 0 && ReferenceEquals(selector, Selector) && node?.Name == Node?.Name;

        /// <summary>Finds a member still free; false when none is left.</summary>
        public bool Advance(VolumeIndex index, List<SortedRun> scratch)
        {
            if (!started)
            {
                started = true;
                if (Node is null)
                {
                    first = index.Group(Key);
                }
                else
                {
                    index.NodeRuns(Key, Node, scratch);
                    first = scratch.Count > 0 ? scratch[0] : null;
                    second = scratch.Count > 1 ? scratch[1] : null;
                }

                firstAt = first?.LowerBound(Capacity) ?? -1;
                secondAt = second?.LowerBound(Capacity) ?? -1;
            }

            if (first is not null && firstAt >= 0)
            {
                firstAt = first.NextOpenOfCapacity(firstAt, Capacity, Selector, Node);
            }

            if (second is not null && secondAt >= 0)
            {
                secondAt = second.NextOpenOfCapacity(secondAt, Capacity, Selector, Node);
            }

            Member = firstAt >= 0 ? first![firstAt] : secondAt >= 0 ? second![secondAt] : null;
            return Member is not null;
        }
    }

    /// <summary>The plans whose vacancy is <see cref="Vacancy"/> (null: plans with none), by the order of their ties.</summary>
    private sealed class Bundle
    {
        public Bundle(VolumeState? vacancy) => Vacancy = vacancy;

        public VolumeState? Vacancy { get; set; }

        /// <summary>The plan that displaces nothing, if any.</summary>
        public World? Bare { get; set; }

        public PriorityQueue<World, int> Worlds { get; } = new();

        /// <summary>The live plan of the first tie, or null when none is left.</summary>
        public World? First()
        {
            while (Worlds.Count > 0)
            {
                var plan = Worlds.Peek();
                if (plan.Alive && plan.Bundle == this)
                {
                    return plan;
                }

                Worlds.Dequeue();
            }

            return null;
        }
    }

    /// <summary>A plan in which a volume is the vacancy (<see cref="IsVacancy"/>) or displaced.</summary>
    private readonly record struct Holding(Tie Tie, VolumeState Alternative, bool IsVacancy);

    /// <summary>The claim's order over volumes: its search, access-mode set, pre-bound first, then capacity and name.</summary>
    private readonly record struct Rank(int Search, int Set, int Tier, VolumeState Volume) : IComparable<Rank>
    {
        public int CompareTo(Rank other)
        {
            var by = Search.CompareTo(other.Search);
            by = by != 0 ? by : Set.CompareTo(other.Set);
            by = by != 0 ? by : Tier.CompareTo(other.Tier);
            return by != 0 ? by : VolumeOrder.Compare(Volume, other.Volume);
        }
    }
}
