using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;
using static VsphereK8sStorage.Tests.TestSupport.Objects;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// Claims left waiting that no rule tells apart share one explanation: each plan must read exactly as the plan that
/// explains every claim on its own, on one core and on every core, and the sharing must have happened.
/// </summary>
public sealed class SharedExplanationTests
{
    /// <summary>name, seed, volumes, claims, evaluated on a node, explained on every core.</summary>
    public static TheoryData<string, int, int, int, bool, bool> Clusters => new()
    {
        { "crowded, one core", 11, 300, 400, false, false },
        { "crowded, every core", 11, 300, 400, false, true },
        { "large, every core", 5, 3000, 3000, false, true },
        { "evaluated on a node", 9, 2000, 2500, true, true },
        { "more claims than volumes, one core", 13, 500, 3000, false, false },
    };

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Shared_explanations_read_as_those_made_one_by_one(string name, int seed, int volumes, int claims, bool onNode, bool everyCore)
    {
        var cluster = ClusterGenerator.Generate(seed, volumeCount: volumes, claimCount: claims);
        var node = onNode ? cluster.Nodes[seed % cluster.Nodes.Count].Name : null;
        var parallelFrom = everyCore ? 0 : int.MaxValue;
        var oneByOne = BindingPlanner.Plan(cluster, new PlanOptions { Node = node, ExplainInParallelFrom = parallelFrom, ShareExplanations = false });
        var shared = BindingPlanner.Plan(cluster, new PlanOptions { Node = node, ExplainInParallelFrom = parallelFrom });

        Assert.Equal(oneByOne.Claims.Select(PlanAssertions.Describe), shared.Claims.Select(PlanAssertions.Describe));
        var explained = shared.Claims.Where(c => c.Rejections.Count > 0).ToList();
        var distinct = explained.Select(c => c.Rejections).Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.True(explained.Count > claims / 20 && explained.Count - distinct > explained.Count / 10, $"{name}: {explained.Count} claims explained with {distinct} explanations; too few shared to tell");
    }

    [Fact]
    public void Claims_with_the_same_name_are_explained_one_by_one()
    {
        // A snapshot made in code can hold two claims of one namespace and name. The first binds the one volume; to the
        // second that volume is pre-bound (its claimRef names it), so it is no near miss of the kind "y" gets.
        var first = Pvc("x", "1Gi").Created(1, "uid-x");
        var y = Pvc("y", "1Gi").Created(2);
        var again = Pvc("x", "1Gi").Created(3, "uid-x");
        var cluster = new ClusterSnapshot(new[] { Pv("only", "1Gi") }, new[] { first, y, again }, Array.Empty<StorageClass>(), Array.Empty<Node>());

        var oneByOne = BindingPlanner.Plan(cluster, new PlanOptions { ShareExplanations = false });
        var shared = BindingPlanner.Plan(cluster);

        Assert.Equal(oneByOne.Claims.Select(PlanAssertions.Describe), shared.Claims.Select(PlanAssertions.Describe));
        Assert.NotEqual(
            PlanAssertions.Describe(shared.Claims.Single(c => c.Name == "y")).Split('|')[1],
            PlanAssertions.Describe(shared.Claims.Last(c => c.Name == "x")).Split('|')[1]);
    }
}
