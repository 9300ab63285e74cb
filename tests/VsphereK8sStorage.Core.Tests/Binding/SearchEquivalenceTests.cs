using System.Linq;
using FsCheck.Xunit;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// The index is only an accelerator: over random clusters it must give exactly the plan of the
/// linear search, which follows Kubernetes' FindMatchingVolume check for check.
/// </summary>
public sealed class SearchEquivalenceTests
{
    [Property(MaxTest = 300)]
    public void Indexed_and_linear_search_give_the_same_plan_on_small_crowded_clusters(int seed)
    {
        AssertSamePlan(ClusterGenerator.Generate(seed, volumeCount: 25, claimCount: 30, seed % 2 == 0 ? ClusterGenerator.ModeSetsWithTies : null), node: null);
    }

    [Property(MaxTest = 100)]
    public void Indexed_and_linear_search_agree_when_evaluated_on_a_node(int seed)
    {
        var cluster = ClusterGenerator.Generate(seed, volumeCount: 40, claimCount: 40);
        AssertSamePlan(cluster, cluster.Nodes[System.Math.Abs(seed % cluster.Nodes.Count)].Name);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Indexed_and_linear_search_agree_on_larger_clusters(int seed)
    {
        AssertSamePlan(ClusterGenerator.Generate(seed, volumeCount: 1500, claimCount: 1500), node: null);
    }

    [Fact]
    public void Generated_clusters_exercise_every_outcome()
    {
        var plan = BindingPlanner.Plan(ClusterGenerator.Generate(7, 400, 400));
        var codes = plan.Claims.Select(c => c.ReasonCode).ToHashSet();

        // If the generator stopped producing one of these, the equivalence tests above would lose their teeth.
        Assert.Contains(plan.Claims, c => c.Phase == VsphereK8sStorage.Kubernetes.ClaimPhase.Bound && c.NewBinding);
        Assert.Contains(plan.Claims, c => c.Phase == VsphereK8sStorage.Kubernetes.ClaimPhase.Bound && !c.NewBinding);
        Assert.Superset(
            new[]
            {
                ReasonCode.Bound, ReasonCode.PreBound, ReasonCode.BestMatch, ReasonCode.RequestedVolume, ReasonCode.WaitForFirstConsumer,
                ReasonCode.ExternalProvisioning, ReasonCode.NoProvisioner, ReasonCode.ClassNotFound, ReasonCode.NoMatchingVolume, ReasonCode.AlreadyBound,
            }.ToHashSet(),
            codes);
        Assert.Contains(plan.Claims, c => c.Alternatives.Count > 0);
        Assert.Contains(plan.Claims, c => c.DependsOn is not null && c.Phase == VsphereK8sStorage.Kubernetes.ClaimPhase.Bound);
        Assert.Contains(plan.Claims, c => c.DependsOn is not null && c.Phase == VsphereK8sStorage.Kubernetes.ClaimPhase.Pending);
        Assert.Contains(plan.Claims, c => c.Reason.Contains("bound in this plan", System.StringComparison.Ordinal));
    }

    private static void AssertSamePlan(VsphereK8sStorage.Kubernetes.ClusterSnapshot cluster, string? node)
    {
        var options = new PlanOptions { Node = node };
        var indexed = BindingPlanner.Plan(cluster, options, SearchStrategy.Indexed);
        var linear = BindingPlanner.Plan(cluster, options, SearchStrategy.Linear);
        Assert.Equal(linear.Claims.Select(Describe), indexed.Claims.Select(Describe));
    }

    private static string Describe(PvcBinding c) =>
        $"{c.Claim} {c.Phase} {c.Volume} {c.ReasonCode} [{c.Event}] alternatives {string.Join(",", c.Alternatives)} dependsOn {c.DependsOn}: {c.Reason}";
}
