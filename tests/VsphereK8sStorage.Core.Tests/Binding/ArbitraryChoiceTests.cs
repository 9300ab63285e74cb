using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using Xunit;
using static VsphereK8sStorage.Tests.TestSupport.Objects;
using static VsphereK8sStorage.Tests.TestSupport.PlanAssertions;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// Where Kubernetes' choice is arbitrary (equal capacities; access-mode sets with as many modes, which
/// allPossibleMatchingAccessModes orders by count only), the plan says what else it could pick
/// (Alternatives) and which later claims that pick decides (DependsOn), and never words the tie as an order.
/// </summary>
public sealed class ArbitraryChoiceTests
{
    /// <param name="Says">Words the reason must contain (what the claim would get under the alternative pick).</param>
    public sealed record Expected(string Claim, string? Volume, string[] Alternatives, string? DependsOn = null, string? Says = null);

    public sealed record Scenario(string Name, PersistentVolume[] Volumes, PersistentVolumeClaim[] Claims, Expected[] Expected, StorageClass[]? Classes = null, Node[]? Nodes = null, string? Node = null)
    {
        public override string ToString() => Name;
    }

    private static readonly StorageClass Local = Class("local", WellKnown.NoProvisioner, VolumeBindingMode.WaitForFirstConsumer);

    public static IEnumerable<object[]> Scenarios() => new Scenario[]
    {
        new("equal capacities in one access-mode set are alternatives",
            new[] { Pv("pv-a", "1Gi"), Pv("pv-b", "1Gi"), Pv("pv-big", "2Gi") },
            new[] { Pvc("claim", "1Gi") },
            new[] { new Expected("claim", "pv-a", new[] { "pv-b" }) }),
        new("a pick with nothing of its size is determined",
            new[] { Pv("pv-1", "1Gi"), Pv("pv-2", "2Gi") },
            new[] { Pvc("claim", "1Gi") },
            new[] { new Expected("claim", "pv-1", Array.Empty<string>()) }),
        new("access-mode sets with as many modes are alternatives: {RWO,ROX} and {RWO,RWX} for RWO",
            new[] { Pv("rwo-rox", "1Gi", "RWO,ROX"), Pv("rwo-rwx", "1Gi", "RWO,RWX") },
            new[] { Pvc("claim", "1Gi", "RWO") },
            new[] { new Expected("claim", "rwo-rox", new[] { "rwo-rwx" }) }),
        new("in a set with as many modes, that set's smallest volume is the alternative, whatever its size",
            new[] { Pv("rwo-rox-big", "5Gi", "RWO,ROX"), Pv("rwo-rwx-small", "1Gi", "RWO,RWX"), Pv("rwo-rwx-big", "5Gi", "RWO,RWX") },
            new[] { Pvc("claim", "1Gi", "RWO") },
            new[] { new Expected("claim", "rwo-rox-big", new[] { "rwo-rwx-small" }) }),
        new("a set with fewer modes is searched first, so larger sets offer no alternative",
            new[] { Pv("rwo", "5Gi", "RWO"), Pv("rwo-rox", "1Gi", "RWO,ROX"), Pv("rwo-rwx", "1Gi", "RWO,RWX") },
            new[] { Pvc("claim", "1Gi", "RWO") },
            new[] { new Expected("claim", "rwo", Array.Empty<string>()) }),
        new("a volume the selector excludes is no alternative",
            new[] { Pv("pv-a", "1Gi").Labeled(("tier", "gold")), Pv("pv-b", "1Gi").Labeled(("tier", "bronze")) },
            new[] { Pvc("claim", "1Gi").Selecting(new SelectorRequirement("tier", SelectorOperator.In, new[] { "gold" })) },
            new[] { new Expected("claim", "pv-a", Array.Empty<string>()) }),
        new("a volume pre-bound to the claim is determined",
            new[] { Pv("reserved", "1Gi").ReservedFor("claim"), Pv("pv-b", "1Gi") },
            new[] { Pvc("claim", "1Gi") },
            new[] { new Expected("claim", "reserved", Array.Empty<string>()) }),
        new("a later claim that gets an earlier claim's alternative depends on it",
            new[] { Pv("pv-a", "1Gi"), Pv("pv-b", "1Gi") },
            new[] { Pvc("first", "1Gi").Created(1), Pvc("second", "1Gi").Created(2) },
            new[] { new Expected("first", "pv-a", new[] { "pv-b" }), new Expected("second", "pv-b", Array.Empty<string>(), "default/first") }),
        new("the access-mode tie decides what a later RWX claim gets",
            new[] { Pv("rwo-rox", "1Gi", "RWO,ROX"), Pv("rwo-rwx", "1Gi", "RWO,RWX") },
            new[] { Pvc("rwo-claim", "1Gi", "RWO").Created(1), Pvc("rwx-claim", "1Gi", "RWX").Created(2) },
            new[] { new Expected("rwo-claim", "rwo-rox", new[] { "rwo-rwx" }), new Expected("rwx-claim", "rwo-rwx", Array.Empty<string>(), "default/rwo-claim") }),
        new("a later claim whose selector wants the volume an arbitrary pick took depends on that pick",
            new[] { Pv("pv-a", "1Gi").Labeled(("tier", "gold")), Pv("pv-b", "1Gi").Labeled(("tier", "bronze")) },
            new[] { Pvc("any", "1Gi").Created(1), Pvc("gold-only", "1Gi").Selecting(new SelectorRequirement("tier", SelectorOperator.In, new[] { "gold" })).Created(2) },
            new[] { new Expected("any", "pv-a", new[] { "pv-b" }), new Expected("gold-only", null, Array.Empty<string>(), "default/any") }),
        new("a later claim that would get a smaller volume but for an arbitrary pick depends on it",
            new[] { Pv("small-a", "1Gi").Labeled(("zone", "a")), Pv("small-b", "1Gi").Labeled(("zone", "b")), Pv("big-a", "5Gi").Labeled(("zone", "a")) },
            new[] { Pvc("any", "1Gi").Created(1), Pvc("zone-a", "1Gi").Selecting(new SelectorRequirement("zone", SelectorOperator.In, new[] { "a" })).Created(2) },
            new[] { new Expected("any", "small-a", new[] { "small-b" }), new Expected("zone-a", "big-a", Array.Empty<string>(), "default/any") }),
        new("a claim that names the volume an arbitrary pick took depends on it",
            new[] { Pv("pv-a", "1Gi"), Pv("pv-b", "1Gi") },
            new[] { Pvc("searching", "1Gi").Created(1), (Pvc("naming", "1Gi") with { VolumeName = "pv-a" }).Created(2) },
            new[] { new Expected("searching", "pv-a", new[] { "pv-b" }), new Expected("naming", null, Array.Empty<string>(), "default/searching") }),
        new("a claim that names an earlier claim's alternative depends on it",
            new[] { Pv("pv-a", "1Gi"), Pv("pv-b", "1Gi") },
            new[] { Pvc("searching", "1Gi").Created(1), (Pvc("naming", "1Gi") with { VolumeName = "pv-b" }).Created(2) },
            new[] { new Expected("searching", "pv-a", new[] { "pv-b" }), new Expected("naming", "pv-b", Array.Empty<string>(), "default/searching") }),
        new("two equal volumes, four claims: the second's volume depends on the first's pick; the last two stay Pending whichever way it goes",
            new[] { Pv("pv-00", "1Gi"), Pv("pv-01", "1Gi") },
            new[] { Pvc("claim-1", "1Gi").Created(1), Pvc("claim-2", "1Gi").Created(2), Pvc("claim-3", "1Gi").Created(3), Pvc("claim-4", "1Gi").Created(4) },
            new[]
            {
                new Expected("claim-1", "pv-00", new[] { "pv-01" }),
                new Expected("claim-2", "pv-01", Array.Empty<string>(), "default/claim-1", "had Kubernetes given it pv-01 rather than pv-00 (an equal choice), this claim would bind pv-00 rather than pv-01"),
                new Expected("claim-3", null, Array.Empty<string>()),
                new Expected("claim-4", null, Array.Empty<string>()),
            }),
        new("a claim that got a volume it ranks before the arbitrary pick does not depend on it",
            new[] { Pv("pv-1", "1Gi").Labeled(("tier", "bronze")), Pv("pv-2", "1Gi").Labeled(("tier", "gold")), Pv("pv-3", "1Gi").Labeled(("tier", "gold")) },
            new[] { Pvc("gold-only", "1Gi").Selecting(new SelectorRequirement("tier", SelectorOperator.In, new[] { "gold" })).Created(1), Pvc("any", "1Gi").Created(2) },
            new[] { new Expected("gold-only", "pv-2", new[] { "pv-3" }), new Expected("any", "pv-1", new[] { "pv-3" }) }),
        new("a chain: the pick decides a claim through the claim between them",
            new[] { Pv("small-1", "1Gi").Labeled(("tier", "gold")), Pv("small-2", "1Gi").Labeled(("tier", "bronze")), Pv("big", "2Gi").Labeled(("tier", "gold")) },
            new[] { Pvc("any", "1Gi").Created(1), Pvc("gold-only", "1Gi").Selecting(new SelectorRequirement("tier", SelectorOperator.In, new[] { "gold" })).Created(2), Pvc("two-gigabytes", "2Gi").Created(3) },
            new[]
            {
                new Expected("any", "small-1", new[] { "small-2" }),
                new Expected("gold-only", "big", Array.Empty<string>(), "default/any", "would bind small-1 rather than big"),
                new Expected("two-gigabytes", null, Array.Empty<string>(), "default/any", "had Kubernetes given it small-2 rather than small-1 (an equal choice), this claim would bind big"),
            }),
        new("a claim waiting for a named volume too small for it gets another event where the pick leaves that volume free",
            new[] { Pv("pv-a", "1Gi"), Pv("pv-b", "1Gi") },
            new[] { Pvc("searching", "1Gi").Created(1), (Pvc("naming", "2Gi") with { VolumeName = "pv-a" }).Created(2) },
            new[]
            {
                new Expected("searching", "pv-a", new[] { "pv-b" }),
                new Expected("naming", null, Array.Empty<string>(), "default/searching", "find pv-a free when it is next synced, and get the event VolumeMismatch rather than FailedBinding"),
            }),
        new("a claim waiting for a named volume too small for it depends on a later claim whose pick takes that volume (its event is read from the final plan)",
            new[] { Pv("pv-a", "1Gi"), Pv("pv-b", "1Gi") },
            new[] { (Pvc("naming", "2Gi") with { VolumeName = "pv-a" }).Created(1), Pvc("searching", "1Gi").Created(2) },
            new[]
            {
                new Expected("naming", null, Array.Empty<string>(), "default/searching", "get the event VolumeMismatch rather than FailedBinding"),
                new Expected("searching", "pv-a", new[] { "pv-b" }),
            }),
        new("an existing claim without a class falls back to the default class when the pick took the volume without one it wanted",
            new[] { Pv("plain-1", "1Gi", storageClass: "").Labeled(("tier", "gold")), Pv("plain-2", "1Gi", storageClass: "").Labeled(("tier", "bronze")), Pv("classed", "1Gi", storageClass: "standard").Labeled(("tier", "gold")) },
            new[] { Pvc("any", "1Gi", storageClass: "").Created(1), Pvc("gold-only", "1Gi").Selecting(new SelectorRequirement("tier", SelectorOperator.In, new[] { "gold" })).Created(2) },
            new[]
            {
                new Expected("any", "plain-1", new[] { "plain-2" }),
                new Expected("gold-only", "classed", Array.Empty<string>(), "default/any", "would bind plain-1 rather than classed"),
            },
            Classes: new[] { Class("standard", isDefault: true) }),
        new("on a node: a later claim's volume depends on the first claim's pick among equal local volumes",
            new[] { Pv("local-1", "1Gi", "RWO", "local").OnHost("node-a"), Pv("local-2", "1Gi", "RWO", "local").OnHost("node-a") },
            new[] { Pvc("first", "1Gi", "RWO", "local").Created(1), Pvc("second", "1Gi", "RWO", "local").Created(2), Pvc("third", "1Gi", "RWO", "local").Created(3) },
            new[]
            {
                new Expected("first", "local-1", new[] { "local-2" }),
                new Expected("second", "local-2", Array.Empty<string>(), "default/first"),
                new Expected("third", null, Array.Empty<string>()),
            },
            Classes: new[] { Local },
            Nodes: new[] { Node("node-a") },
            Node: "node-a"),
        new("a determined pick decides nothing",
            new[] { Pv("pv-1", "1Gi"), Pv("pv-2", "2Gi") },
            new[] { Pvc("first", "1Gi").Created(1), Pvc("second", "1Gi").Created(2) },
            new[] { new Expected("first", "pv-1", Array.Empty<string>()), new Expected("second", "pv-2", Array.Empty<string>()) }),
        new("a claim planned before the arbitrary pick does not depend on it",
            new[] { Pv("pv-a", "1Gi"), Pv("pv-b", "1Gi"), Pv("pv-c", "3Gi") },
            new[] { Pvc("early", "3Gi").Created(1), Pvc("late", "1Gi").Created(2) },
            new[] { new Expected("early", "pv-c", Array.Empty<string>()), new Expected("late", "pv-a", new[] { "pv-b" }) }),
        new("on a node the scheduler does not order access-mode sets: equal capacities in any set are alternatives",
            new[] { Pv("rwo", "1Gi", "RWO", "local").OnHost("node-a"), Pv("rwo-rox-rwx", "1Gi", "RWO,ROX,RWX", "local").OnHost("node-a"), Pv("other-node", "1Gi", "RWO", "local").OnHost("node-b") },
            new[] { Pvc("claim", "1Gi", "RWO", "local") },
            new[] { new Expected("claim", "rwo", new[] { "rwo-rox-rwx" }) },
            Classes: new[] { Local },
            Nodes: new[] { Node("node-a"), Node("node-b") },
            Node: "node-a"),
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Reports_arbitrary_picks_and_what_they_decide(Scenario scenario)
    {
        var plan = PlanBoth(Cluster(scenario.Volumes, scenario.Claims, scenario.Classes, scenario.Nodes), new PlanOptions { Node = scenario.Node });

        var wrong = new List<string>();
        foreach (var expected in scenario.Expected)
        {
            var binding = plan.For(expected.Claim);
            var got = new Expected(expected.Claim, binding.Volume, binding.Alternatives.ToArray(), binding.DependsOn);
            if (expected.Volume != got.Volume || !expected.Alternatives.SequenceEqual(got.Alternatives) || expected.DependsOn != got.DependsOn
                || expected.Says is not null && !binding.Reason.Contains(expected.Says, StringComparison.Ordinal))
            {
                wrong.Add($"{expected.Claim} expected {expected.Volume ?? "-"} [{string.Join(",", expected.Alternatives)}] dependsOn {expected.DependsOn ?? "-"}{(expected.Says is null ? string.Empty : $" saying \"{expected.Says}\"")}, got {got.Volume ?? "-"} [{string.Join(",", got.Alternatives)}] dependsOn {got.DependsOn ?? "-"}: {binding.Reason}");
            }
        }

        Assert.True(wrong.Count == 0, $"{scenario.Name}:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Never_words_a_tie_as_an_order(Scenario scenario)
    {
        var plan = BindingPlanner.Plan(Cluster(scenario.Volumes, scenario.Claims, scenario.Classes, scenario.Nodes), new PlanOptions { Node = scenario.Node });

        foreach (var binding in plan.Claims)
        {
            Assert.DoesNotContain("closest to the request first", binding.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain("by name", binding.Reason, StringComparison.Ordinal);
            if (binding.Alternatives.Count > 0)
            {
                Assert.Contains("no defined order", binding.Reason, StringComparison.Ordinal);
                Assert.DoesNotContain("not the smaller", binding.Reason, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Alternatives_are_cut_to_the_limit_and_say_so_and_detailed_lists_them_all()
    {
        var volumes = Enumerable.Range(0, 9).Select(i => Pv($"pv-{i}", "1Gi")).ToArray();
        var cluster = Cluster(volumes, new[] { Pvc("claim", "1Gi") });

        var brief = PlanBoth(cluster).For("claim");
        var full = PlanBoth(cluster, new PlanOptions { Detailed = true }).For("claim");

        Assert.Equal(new[] { "pv-1", "pv-2", "pv-3", "pv-4", "pv-5" }, brief.Alternatives);
        Assert.Contains("pv-5 and others", brief.Reason, StringComparison.Ordinal);
        Assert.Equal(8, full.Alternatives.Count);
    }

    [Fact]
    public void Turning_tracking_off_changes_nothing_else()
    {
        var cluster = VsphereK8sStorage.Tests.TestSupport.ClusterGenerator.Generate(11, 300, 300);

        var tracked = BindingPlanner.Plan(cluster);
        var untracked = BindingPlanner.Plan(cluster, new PlanOptions { TrackArbitraryChoices = false });

        Assert.Equal(untracked.Claims.Select(c => (c.Claim, c.Phase, c.Volume, c.ReasonCode)), tracked.Claims.Select(c => (c.Claim, c.Phase, c.Volume, c.ReasonCode)));
        Assert.All(untracked.Claims, c => Assert.True(c.Alternatives.Count == 0 && c.DependsOn is null));
        Assert.Contains(tracked.Claims, c => c.Alternatives.Count > 0);
    }
}
