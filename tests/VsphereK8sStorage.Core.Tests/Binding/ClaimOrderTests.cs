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
/// The two orders a plan takes from its claims alone, whatever order they are read in, and whether the plan sorts
/// them on its own thread or (a large plan) on another core: the controller binds unbound claims oldest first, and
/// results are listed by namespace, then name.
/// </summary>
public sealed class ClaimOrderTests
{
    /// <summary>name, sorted on another core (ExplainInParallelFrom 0) or not.</summary>
    public static TheoryData<string, int> Ways => new()
    {
        { "on the plan's thread", int.MaxValue },
        { "on another core", 0 },
    };

    [Theory]
    [MemberData(nameof(Ways))]
    public void The_oldest_claim_gets_the_one_volume_whatever_the_input_order(string name, int parallelFrom)
    {
        // Created minutes 3, 1, 2 and one not created yet; names in the reverse of creation order.
        var claims = new[]
        {
            Pvc("a-newest", "1Gi").Created(3),
            Pvc("c-oldest", "1Gi").Created(1),
            Pvc("b-middle", "1Gi").Created(2),
            Pvc("0-not-created", "1Gi"),
        };

        foreach (var input in Permutations(claims))
        {
            var plan = BindingPlanner.Plan(new ClusterSnapshot(new[] { Pv("only", "1Gi") }, input, Array.Empty<StorageClass>(), Array.Empty<Node>()), new PlanOptions { ExplainInParallelFrom = parallelFrom });

            var bound = Assert.Single(plan.Claims, c => c.Volume == "only");
            Assert.True(bound.Name == "c-oldest", $"{name}, input {string.Join(",", input.Select(c => c.Name))}: {bound.Name} got the volume");
        }
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public void Results_are_listed_by_namespace_then_name(string name, int parallelFrom)
    {
        var random = new Random(17);
        var claims = Enumerable.Range(0, 300)
            .Select(i => Pvc($"claim-{random.Next(1000):D3}-{i}", "1Gi", ns: $"ns-{random.Next(5)}"))
            .Concat(new[] { Pvc("Upper", "1Gi", ns: "ns-1"), Pvc("lower", "1Gi", ns: "NS-1") })
            .ToArray();
        var volumes = Enumerable.Range(0, 100).Select(i => Pv($"pv-{i}", "1Gi")).ToArray();

        var plan = BindingPlanner.Plan(new ClusterSnapshot(volumes, claims, Array.Empty<StorageClass>(), Array.Empty<Node>()), new PlanOptions { ExplainInParallelFrom = parallelFrom });

        var expected = claims
            .OrderBy(c => c.Namespace, StringComparer.Ordinal)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Key);
        Assert.True(expected.SequenceEqual(plan.Claims.Select(c => c.Claim)), $"{name}: results out of order");
        Assert.Equal(100, plan.Claims.Count(c => c.Volume is not null));
    }

    private static IEnumerable<PersistentVolumeClaim[]> Permutations(PersistentVolumeClaim[] items) =>
        items.Length <= 1
            ? new[] { items }
            : items.SelectMany((first, i) => Permutations(items.Where((_, j) => j != i).ToArray()).Select(rest => rest.Prepend(first).ToArray()));
}
