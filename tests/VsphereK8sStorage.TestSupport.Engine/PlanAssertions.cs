using System.Linq;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Tests.TestSupport;

public static class PlanAssertions
{
    /// <summary>Plans with both searches and insists they agree, so every scenario also checks the index against Kubernetes' algorithm.</summary>
    public static BindingPlan PlanBoth(ClusterSnapshot cluster, PlanOptions? options = null)
    {
        options ??= new PlanOptions();
        var indexed = BindingPlanner.Plan(cluster, options, SearchStrategy.Indexed);
        var linear = BindingPlanner.Plan(cluster, options, SearchStrategy.Linear);
        Xunit.Assert.Equal(
            linear.Claims.Select(c => (c.Claim, c.Phase, c.Volume, c.Reason)),
            indexed.Claims.Select(c => (c.Claim, c.Phase, c.Volume, c.Reason)));
        return indexed;
    }

    /// <summary>Every field of a result on one line, near misses included: two plans agree when these agree.</summary>
    public static string Describe(PvcBinding c) =>
        $"{c.Claim} {c.Phase} {c.Volume} {c.Capacity} [{string.Join(",", c.AccessModes)}] {c.Requested} [{string.Join(",", c.RequestedAccessModes)}] {c.StorageClass} {c.Node} {c.DependsOn} {c.Alternatives.Count} {c.ReasonCode} [{c.Event}] {c.Reason} | {string.Join("; ", c.Rejections.Select(r => r.ToString()))}";

    public static PvcBinding For(this BindingPlan plan, string claim, string ns = "default") =>
        plan.Claims.Single(c => c.Claim == ns + "/" + claim);
}
