using System.Linq;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// A plan asked for some claims (-Namespace, -Name) explains only those: their results are exactly those of a plan
/// that explains every claim, and the others are not explained at all (with -Detailed, that is what keeps a large
/// cluster's plan within memory).
/// </summary>
public sealed class ShownClaimsTests
{
    /// <summary>name, seed, volumes, claims, detailed.</summary>
    public static TheoryData<string, int, int, int, bool> Clusters => new()
    {
        { "short explanations", 3, 400, 600, false },
        { "detailed explanations", 5, 300, 500, true },
        { "large enough to explain on every core", 7, 2500, 3000, true },
    };

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Claims_asked_for_read_as_in_a_plan_that_explains_all(string name, int seed, int volumes, int claims, bool detailed)
    {
        var cluster = ClusterGenerator.Generate(seed, volumeCount: volumes, claimCount: claims);
        static bool Shows(string ns, string claim) => claim.EndsWith('7');

        var all = BindingPlanner.Plan(cluster, new PlanOptions { Detailed = detailed });
        var some = BindingPlanner.Plan(cluster, new PlanOptions { Detailed = detailed, Shows = Shows });

        var shownOfAll = all.Claims.Where(c => Shows(c.Namespace, c.Name)).Select(PlanAssertions.Describe).ToList();
        Assert.True(shownOfAll.Count > 10, $"{name}: too few claims shown to compare");
        Assert.Equal(shownOfAll, some.Claims.Where(c => Shows(c.Namespace, c.Name)).Select(PlanAssertions.Describe));

        var unshownPending = some.Claims.Where(c => !Shows(c.Namespace, c.Name) && c.Phase == ClaimPhase.Pending).ToList();
        Assert.True(all.Claims.Count(c => !Shows(c.Namespace, c.Name) && c.Rejections.Count > 0) > 10, $"{name}: too few unshown claims with near misses to tell");
        Assert.All(unshownPending, c => Assert.Empty(c.Rejections));
    }
}
