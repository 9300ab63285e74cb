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
        AssertSamePlan(ClusterGenerator.Generate(seed, volumeCount: 25, claimCount: 30), node: null);
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
        var reasons = plan.Claims.Select(c => c.Reason).ToList();

        // If the generator stopped producing one of these, the equivalence tests above would lose their teeth.
        Assert.Contains(plan.Claims, c => c.Phase == VsphereK8sStorage.Kubernetes.ClaimPhase.Bound && c.NewBinding);
        Assert.Contains(plan.Claims, c => c.Phase == VsphereK8sStorage.Kubernetes.ClaimPhase.Bound && !c.NewBinding);
        Assert.Contains(reasons, r => r.Contains("waiting for first consumer"));
        Assert.Contains(reasons, r => r.Contains("waiting for provisioner"));
        Assert.Contains(reasons, r => r.Contains("reserves it for this claim"));
        Assert.Contains(reasons, r => r.Contains("on node"));
        Assert.Contains(reasons, r => r.Contains("spec.volumeName"));
        Assert.Contains(reasons, r => r.Contains("taken in this plan"));
        Assert.Contains(reasons, r => r.Contains("does not exist"));
    }

    private static void AssertSamePlan(VsphereK8sStorage.Kubernetes.ClusterSnapshot cluster, string? node)
    {
        var options = new PlanOptions { Node = node };
        var indexed = BindingPlanner.Plan(cluster, options, SearchStrategy.Indexed);
        var linear = BindingPlanner.Plan(cluster, options, SearchStrategy.Linear);
        Assert.Equal(
            linear.Claims.Select(c => $"{c.Claim} {c.Phase} {c.Volume} {c.Reason}"),
            indexed.Claims.Select(c => $"{c.Claim} {c.Phase} {c.Volume} {c.Reason}"));
    }
}
