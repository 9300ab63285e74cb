using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// syncUnboundClaim: resolves the claim's class as Kubernetes would (the DefaultStorageClass admission
/// plugin on creation; the controller's retroactive default), then either searches for a volume
/// (<see cref="FindBestMatch"/>) or checks the one spec.volumeName names (<see cref="RequestedVolume"/>).
/// </summary>
internal static class SyncUnboundClaim
{
    public static ClaimOutcome Run(PlanRun run, PersistentVolumeClaim claim)
    {
        var explicitClass = claim.ExplicitStorageClass;
        var defaultClass = run.DefaultClass;
        string? classNote = null;
        var retroactiveDefault = false;
        var storageClass = explicitClass ?? string.Empty;
        if (explicitClass is null && defaultClass is not null)
        {
            if (claim.Metadata.Uid is null)
            {
                storageClass = defaultClass.Name;
                classNote = $"storageClassName is unset, so on creation the DefaultStorageClass admission plugin sets the default class '{defaultClass.Name}' (write storageClassName: \"\" to bind a volume without a class)";
            }
            else
            {
                retroactiveDefault = run.Release.AssignsDefaultClassRetroactively;
            }
        }

        var context = run.ContextFor(claim, storageClass);
        if (claim.HasVolumeName)
        {
            var requested = RequestedVolume.Decide(run, context);
            requested.ClassNote = classNote;
            return requested;
        }

        var outcome = FindBestMatch.Run(run, context);
        if (retroactiveDefault)
        {
            // The controller assigns the default class to an existing claim only after nothing matched without a
            // class. Either way the claim's searches are both, for the plans where another pick changes the first's answer.
            var withoutClass = outcome.Searched;
            if (outcome.Phase != ClaimPhase.Bound)
            {
                context.StorageClass = defaultClass!.Name;
                classNote = $"storageClassName is unset and no volume without a class fits, so the PV controller assigns the default class '{defaultClass.Name}'";
                outcome = FindBestMatch.Run(run, context);
                outcome.ThenSearched = outcome.Searched;
            }
            else
            {
                outcome.ThenSearched = FindBestMatch.Describe(run, claim, defaultClass!.Name);
            }

            outcome.Searched = withoutClass;
        }

        outcome.ClassNote = classNote;
        return outcome;
    }
}

/// <summary>
/// findBestMatchForClaim (or, for a WaitForFirstConsumer claim evaluated on a node, the scheduler's
/// FindMatchingVolume), and what the plan knows about the arbitrariness of its answer.
/// </summary>
internal static class FindBestMatch
{
    /// <summary>Which search the claim's sync makes with <paramref name="storageClass"/>, and on which node; made once per class and selected node.</summary>
    public static ClaimSearch Describe(PlanRun run, PersistentVolumeClaim claim, string storageClass)
    {
        var delayBinding = storageClass.Length > 0 && run.Class(storageClass)?.VolumeBindingMode == VolumeBindingMode.WaitForFirstConsumer;
        var selectedNode = delayBinding ? claim.Metadata.Annotation(WellKnown.SelectedNodeAnnotation) : null;
        if (run.Searches.TryGetValue((storageClass, selectedNode), out var known))
        {
            return known;
        }

        // Which path decides: the scheduler's search on a node the user names (-Node), or the PV controller.
        // A selected-node annotation means the scheduler has already chosen to provision on that node, so
        // the claim only gets a pre-bound volume or a new one from the provisioner.
        var path = !delayBinding ? SearchPath.Controller
            : run.Options.Node is not null && selectedNode is null ? SearchPath.Scheduler
            : SearchPath.DelayedController;
        var node = path == SearchPath.Scheduler ? run.NodeFor(run.Options.Node!)
            : selectedNode is not null ? run.NodeFor(selectedNode)
            : null;
        return run.Searches[(storageClass, selectedNode)] = new ClaimSearch(storageClass, path, node, selectedNode);
    }

    public static ClaimOutcome Run(PlanRun run, ClaimContext context)
    {
        var claim = context.Claim;
        var storageClass = run.Class(context.StorageClass);
        var search = Describe(run, claim, context.StorageClass);
        var (path, node, selectedNode) = (search.Path, search.Node, search.SelectedNode);
        var delayBinding = path != SearchPath.Controller;

        var found = path == SearchPath.Scheduler ? run.Search.FindForNode(context, node!) : run.Search.FindForController(context, delayBinding);
        if (found is not null && run.Options.ForcedPick is { } forced && forced.Claim == claim.Key)
        {
            found = run.Volume(forced.Volume) ?? found;
        }

        if (found is not null)
        {
            var bound = Bound(run, context, found, path, node);
            bound.Searched = search;
            return bound;
        }

        var outcome = new ClaimOutcome(context, ClaimPhase.Pending, ReasonCode.NoMatchingVolume, string.Empty) { Node = node, Searched = search };
        if (delayBinding && selectedNode is not null && run.Options.Node is not null && selectedNode != run.Options.Node)
        {
            // The controller still acts on the node the scheduler chose; only this what-if cannot use it.
            ProvisionClaim.Decide(run, outcome, storageClass, node, schedulerSearch: false, waitsForConsumer: false);
            outcome.Code = ReasonCode.SelectedNodeConflict;
            outcome.Reason = $"the scheduler has already chosen node {selectedNode} for this claim ({WellKnown.SelectedNodeAnnotation}), so a pod on node {run.Options.Node} cannot use it ({Wording.SchedulerFoundNoVolume})";
            return outcome;
        }

        var waitsForConsumer = delayBinding && node is null;
        outcome.Search = new PendingSearch(path == SearchPath.Scheduler, waitsForConsumer);
        ProvisionClaim.Decide(run, outcome, storageClass, node, path == SearchPath.Scheduler, waitsForConsumer);
        return outcome;
    }

    private static ClaimOutcome Bound(PlanRun run, ClaimContext context, VolumeState found, SearchPath path, NodeContext? node)
    {
        var claim = context.Claim;
        var preBound = MatchRules.PointsTo(found.ClaimRef, claim);
        var why = preBound
            ? $"binds {found.Name}: the volume's spec.claimRef reserves it for this claim"
            : path == SearchPath.Scheduler
                ? $"binds {found.Name}: the smallest Available volume {Wording.ClassPhrase(context.StorageClass)} that fits {claim.Request} with {Wording.Short(claim.AccessModes)} on node {node!.Name}"
                : $"binds {found.Name}: the smallest Available volume {Wording.ClassPhrase(context.StorageClass)} that fits {claim.Request} with {Wording.Short(claim.AccessModes)}{SearchOrderNote(run, context, found)}";
        run.Take(found, claim, inPlan: true);
        return new ClaimOutcome(context, ClaimPhase.Bound, preBound ? ReasonCode.PreBound : ReasonCode.BestMatch, why)
        {
            Volume = found,
            NewBinding = true,
            Node = node,
            Choice = run.Choices?.Picked(context, found, preBound, path, node) ?? ChoiceReport.None,
        };
    }

    // When a smaller volume that fits has more access modes than the one chosen, say that the controller searches sets with fewer modes first.
    private static string SearchOrderNote(PlanRun run, ClaimContext context, VolumeState chosen)
    {
        var smaller = run.Search.FindSmallestInAnyModeSet(context);
        return smaller is null || VolumeOrder.Compare(smaller, chosen) >= 0 || smaller.Volume.AccessModes.Count() <= chosen.Volume.AccessModes.Count()
            ? string.Empty
            : $" (not the smaller {smaller.Name} ({smaller.Capacity}, {Wording.Short(smaller.Volume.AccessModes)}): Kubernetes searches volumes with fewer access modes first)";
    }
}

/// <summary>
/// The spec.volumeName branch of syncUnboundClaim: bind the named volume if it is free and satisfies
/// the claim (checkVolumeSatisfyClaim), finish a binding its claimRef already names, or wait. A claim
/// left waiting is explained from the final plan (<see cref="Explain"/>), since a later claim may take
/// the volume it names.
/// </summary>
internal static class RequestedVolume
{
    public static ClaimOutcome Decide(PlanRun run, ClaimContext context)
    {
        var claim = context.Claim;
        if (run.Volume(claim.VolumeName!) is not { } volume)
        {
            return new ClaimOutcome(context, ClaimPhase.Pending, ReasonCode.VolumeNotFound, $"spec.volumeName names {claim.VolumeName}, which is not in the input; the claim waits until that volume exists");
        }

        if (volume.ClaimRef is null)
        {
            if (MatchRules.CheckRequestedVolume(volume, context) is not null)
            {
                return new ClaimOutcome(context, ClaimPhase.Pending, ReasonCode.VolumeMismatch, string.Empty);
            }

            run.Take(volume, claim, inPlan: true);
            return new ClaimOutcome(context, ClaimPhase.Bound, ReasonCode.RequestedVolume, $"binds {volume.Name}: spec.volumeName requests it and it satisfies the claim")
            {
                Volume = volume,
                NewBinding = true,
            };
        }

        if (MatchRules.PointsTo(volume.ClaimRef, claim))
        {
            var alreadyBound = volume.Volume.Phase == VolumePhase.Bound && claim.Phase == ClaimPhase.Bound;
            return new ClaimOutcome(context, ClaimPhase.Bound, ReasonCode.PreBound, $"{(alreadyBound ? "bound to" : "binds")} {volume.Name}: spec.volumeName and the volume's spec.claimRef name each other")
            {
                Volume = volume,
                NewBinding = !alreadyBound,
            };
        }

        // The controller bound this claim itself, yet the volume names another claim: it reports an
        // invalid binding and changes nothing, so the claim keeps whatever phase it records.
        var phase = claim.Metadata.Annotations.ContainsKey(WellKnown.BoundByControllerAnnotation) ? claim.Phase ?? ClaimPhase.Pending : ClaimPhase.Pending;
        return new ClaimOutcome(context, phase, ReasonCode.AlreadyBound, string.Empty);
    }

    /// <summary>Explains a claim left waiting from the final plan: who holds the volume first, then why it would not fit anyway.</summary>
    public static void Explain(PlanRun run, ClaimOutcome outcome, NearMissFinder nearMisses)
    {
        var context = outcome.Context;
        var claim = context.Claim;
        if (run.Volume(claim.VolumeName!) is not { } volume)
        {
            return;
        }

        var problem = MatchRules.CheckRequestedVolume(volume, context);
        if (volume.ClaimRef is not { } claimRef)
        {
            outcome.Code = ReasonCode.VolumeMismatch;
            outcome.Event = ControllerEvents.VolumeMismatch(volume.Name, problem!.ControllerError);
            outcome.Reason = $"cannot bind to requested volume {volume.Name}: {problem.Detail}";
            outcome.Rejections = nearMisses.Explain(context, null, null, run.Options.Detailed, run.Options.NearMissLimit, volume)
                .Where(r => r.Volume == volume.Name || run.Options.Detailed)
                .ToList();
            return;
        }

        outcome.Code = ReasonCode.AlreadyBound;
        outcome.Event = ControllerEvents.AlreadyBound(volume.Name);
        outcome.Reason = claim.Metadata.Annotations.ContainsKey(WellKnown.BoundByControllerAnnotation)
            ? $"spec.volumeName requests {volume.Name}, which is bound to {claimRef.Key}, but the controller bound this claim itself: it reports an invalid binding and leaves the claim as it is until someone fixes the two objects"
            : volume.TakenInPlanBy is { } taker
                ? $"spec.volumeName requests {volume.Name}, but it is already bound to a different claim: this plan binds it to {taker}"
                : $"spec.volumeName requests {volume.Name}, but it is already bound to a different claim ({claimRef.Key})";
        if (problem is not null)
        {
            outcome.Reason += $"; it would not satisfy the claim anyway: {problem.Detail}";
        }
    }
}
