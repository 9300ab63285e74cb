using System.Linq;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// A large plan's explanations (the near misses of every claim left waiting, the requested-volume checks, the node
/// check) and its results are made on every core: each must be exactly the one a single pass in order makes.
/// </summary>
public sealed class ParallelExplainTests
{
    public static TheoryData<string, int, int, int, bool> Clusters => new()
    {
        { "crowded, small chunks", 11, 300, 400, false },
        { "large, as the index sees it", 5, 3000, 3000, false },
        { "large, evaluated on a node", 9, 2000, 2500, true },
        { "more claims than volumes", 13, 500, 3000, false },
    };

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Explaining_on_every_core_gives_the_plan_of_one_pass(string name, int seed, int volumes, int claims, bool onNode)
    {
        var cluster = ClusterGenerator.Generate(seed, volumeCount: volumes, claimCount: claims);
        var node = onNode ? cluster.Nodes[seed % cluster.Nodes.Count].Name : null;
        var oneByOne = BindingPlanner.Plan(cluster, new PlanOptions { Node = node, ExplainInParallelFrom = int.MaxValue });
        var parallel = BindingPlanner.Plan(cluster, new PlanOptions { Node = node, ExplainInParallelFrom = 0 });

        Assert.True(oneByOne.Claims.Count(c => c.Rejections.Count > 0) > claims / 20, $"{name}: too few claims with near misses to compare");
        Assert.Equal(oneByOne.Claims.Select(PlanAssertions.Describe), parallel.Claims.Select(PlanAssertions.Describe));
    }
}
