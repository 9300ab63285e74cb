using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// Predicts what Kubernetes' PV controller (and, for WaitForFirstConsumer claims on a node, the
/// scheduler's volume binder) does with a set of volumes, claims, classes and nodes, and says why.
/// </summary>
/// <remarks>
/// Design — invariants this planner keeps, as the PV controller does:
/// <list type="bullet">
/// <item>A binding is the two-way pointer pv.spec.claimRef ↔ pvc.spec.volumeName. The input is never
/// mutated; the plan records bindings on <see cref="VolumeState"/> copies.</item>
/// <item>Claims the input already binds (the bind-completed annotation) keep their volumes, or are
/// Lost exactly when the controller would mark them Lost (<see cref="SyncBoundClaim"/>).</item>
/// <item>Other claims go in creation order (metadata.creationTimestamp, claims not yet created last,
/// then namespace/name), each taking its volume away from later claims (<see cref="SyncUnboundClaim"/>).</item>
/// <item>Matching follows FindMatchingVolume (<see cref="IVolumeSearch"/>, <see cref="MatchRules"/>).
/// Where Kubernetes leaves the order open (equal sizes, access-mode sets with as many modes) the plan
/// picks deterministically and reports what else Kubernetes could pick, and which later claims that
/// decides (<see cref="ArbitraryChoices"/>).</item>
/// <item>A Pending claim is explained once every claim is decided, from the final plan, so it names
/// the claims that ended up with the volumes it wanted (<see cref="ExplainPending"/>).</item>
/// <item>Every outcome has a <see cref="ReasonCode"/> and, where the controller posts one, the event it
/// posts, in the words of the Kubernetes release asked for (<see cref="KubernetesRelease"/>).</item>
/// </list>
/// </remarks>
public static class BindingPlanner
{
    public static BindingPlan Plan(ClusterSnapshot snapshot, PlanOptions? options = null) =>
        Plan(snapshot, options ?? new PlanOptions(), SearchStrategy.Indexed);

    public static BindingPlan Plan(ClusterSnapshot snapshot, PlanOptions options, SearchStrategy strategy) =>
        new PlanRun(snapshot, options, strategy).Execute();

    /// <summary>The default class as Kubernetes picks it: among classes marked default, the newest, then by name.</summary>
    /// <remarks>One pass that keeps the first of equals, as the sort it replaces did (a sort on a timestamp is generic code compiled at a session's first use).</remarks>
    public static StorageClass? DefaultClass(IEnumerable<StorageClass> classes)
    {
        StorageClass? newest = null;
        foreach (var candidate in classes)
        {
            if (candidate.IsDefault && (newest is null || IsNewerOrFirstByName(candidate, newest)))
            {
                newest = candidate;
            }
        }

        return newest;
    }

    private static bool IsNewerOrFirstByName(StorageClass candidate, StorageClass newest)
    {
        var byTime = (candidate.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue).CompareTo(newest.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue);
        return byTime > 0 || (byTime == 0 && string.CompareOrdinal(candidate.Name, newest.Name) < 0);
    }
}
