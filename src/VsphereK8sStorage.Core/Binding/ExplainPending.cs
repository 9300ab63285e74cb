using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// Explains each claim that stays Pending from the final plan: what the controller sees on the claim's
/// next sync, after every claim has taken its volume. Volumes taken by later claims are named as such,
/// and a claim whose requested volume another claim ended up with is told so first.
/// </summary>
internal static class ExplainPending
{
    public static void Run(PlanRun run, ClaimOutcome outcome, NearMissFinder nearMisses)
    {
        // A claim the controller bound itself keeps its recorded phase (Bound, even) while its volume is someone else's.
        if (outcome.Code is ReasonCode.VolumeMismatch or ReasonCode.AlreadyBound)
        {
            RequestedVolume.Explain(run, outcome, nearMisses);
            return;
        }

        if (outcome.Search is not { } search)
        {
            return;
        }

        var node = outcome.Node;
        var fitsButWhy = search.WaitsForConsumer
            ? "fits, but binds only when a pod using the claim is scheduled (WaitForFirstConsumer)"
            : node is not null && !search.SchedulerSearch
                ? $"fits, but the scheduler chose to provision a new volume on node {node.Name} ({WellKnown.SelectedNodeAnnotation})"
                : null;
        outcome.Rejections = nearMisses.Explain(outcome.Context, node, fitsButWhy, run.Options.Detailed, run.Options.NearMissLimit, null, run.SharesExplanations);
        outcome.ShowsClosest = !search.WaitsForConsumer;
    }
}

/// <summary>
/// The scheduler's check of an already bound claim when a pod using it is placed on the -Node node:
/// a volume whose node affinity excludes the node makes the pod unschedulable there.
/// </summary>
internal static class CheckBoundClaimsOnNode
{
    public static void Run(PlanRun run, ClaimOutcome outcome)
    {
        // A claim the scheduler's search already evaluated on this node needs no second look.
        if (outcome.Phase != ClaimPhase.Bound || outcome.Volume is not { } volume || outcome.Node?.Name == run.Options.Node)
        {
            return;
        }

        var node = run.NodeFor(run.Options.Node!);
        if (!node.Admits(volume.Volume))
        {
            outcome.Code = ReasonCode.NodeAffinityConflict;
            outcome.NodeNote = $"but the volume's node affinity {volume.Volume.NodeAffinity} excludes node {node.Name}, so a pod using this claim cannot run there ({Wording.SchedulerNodeConflict})";
        }
    }
}
