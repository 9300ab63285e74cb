using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Tests.TestSupport;

/// <summary>
/// DependsOn by brute force, straight from its definition: for every claim with alternatives, in the
/// controller's order, re-plan the whole cluster once per alternative with that claim given it, and see
/// which claims then get another phase, volume or event.
/// </summary>
public sealed class DependsOnOracle
{
    private readonly Dictionary<string, string> first = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Claim, string Tie), HashSet<string>> changing = new();

    public DependsOnOracle(ClusterSnapshot cluster, PlanOptions options, BindingPlan plan)
    {
        var baseline = plan.Claims.ToDictionary(c => c.Claim, Outcome, StringComparer.Ordinal);
        foreach (var tie in InControllerOrder(cluster).Select(c => plan.Claims.Single(b => b.Claim == c.Key)).Where(b => b.Alternatives.Count > 0))
        {
            Ties++;
            foreach (var alternative in tie.Alternatives)
            {
                Replans++;
                var replanned = BindingPlanner.Plan(cluster, options with { ForcedPick = (tie.Claim, alternative), TrackArbitraryChoices = false });
                Assert(replanned.Claims.Single(c => c.Claim == tie.Claim).Volume == alternative, $"{tie.Claim} was not given {alternative}");
                foreach (var claim in replanned.Claims)
                {
                    if (claim.Claim != tie.Claim && Outcome(claim) != baseline[claim.Claim])
                    {
                        first.TryAdd(claim.Claim, tie.Claim);
                        if (!changing.TryGetValue((claim.Claim, tie.Claim), out var alternatives))
                        {
                            changing[(claim.Claim, tie.Claim)] = alternatives = new HashSet<string>(StringComparer.Ordinal);
                        }

                        alternatives.Add(alternative);
                    }
                }
            }
        }
    }

    /// <summary>How many claims had alternatives, and how many plans were made to follow them.</summary>
    public int Ties { get; }

    public int Replans { get; }

    /// <summary>The first claim, in the controller's order, one of whose alternatives changes this claim's outcome; null when none does.</summary>
    public string? DependsOn(string claim) => first.TryGetValue(claim, out var tie) ? tie : null;

    /// <summary>Does giving <paramref name="tie"/> that alternative change this claim's outcome?</summary>
    public bool Changes(string claim, string tie, string alternative) =>
        changing.TryGetValue((claim, tie), out var alternatives) && alternatives.Contains(alternative);

    /// <summary>What DependsOn is about: the claim's phase, volume and event.</summary>
    public static (ClaimPhase Phase, string? Volume, ClaimEvent? Event) Outcome(PvcBinding claim) => (claim.Phase, claim.Volume, claim.Event);

    /// <summary>The order the controller syncs claims in: bound ones first (they do not search), then by creation time, claims not created last, then namespace and name.</summary>
    public static IEnumerable<PersistentVolumeClaim> InControllerOrder(ClusterSnapshot cluster) =>
        cluster.Claims.Where(c => c.WasBound)
            .Concat(cluster.Claims.Where(c => !c.WasBound)
                .OrderBy(c => c.Metadata.CreationTimestamp is null ? 1 : 0)
                .ThenBy(c => c.Metadata.CreationTimestamp)
                .ThenBy(c => c.Namespace, StringComparer.Ordinal)
                .ThenBy(c => c.Name, StringComparer.Ordinal));

    /// <summary>
    /// Small clusters crowded with ties: two sizes, few access-mode sets (with as many modes), a default class and
    /// claims without one, selectors, pre-bound volumes, claims that name a volume (some of them bound by the
    /// controller before), local volumes on two nodes, and creation times that collide.
    /// </summary>
    public static ClusterSnapshot Crowded(int seed, out string? node)
    {
        var random = new Random(seed);
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        bool Chance(double p) => random.NextDouble() < p;

        var nodes = new[] { Objects.Node("node-a"), Objects.Node("node-b") };
        var classes = new[]
        {
            Objects.Class("gold", isDefault: true),
            Objects.Class("local", WellKnown.NoProvisioner, VolumeBindingMode.WaitForFirstConsumer),
        };
        var volumeCount = random.Next(6, 24);
        var claimCount = random.Next(4, 20);
        var modeSets = seed % 2 == 0 ? ClusterGenerator.ModeSetsWithTies : new[] { "RWO", "RWO", "RWO,ROX", "RWO,RWX" };
        var claimNames = Enumerable.Range(0, claimCount).Select(i => $"claim-{i}").ToArray();
        var volumes = new List<PersistentVolume>();
        for (var i = 0; i < volumeCount; i++)
        {
            var storageClass = Pick(new[] { null, "gold", "gold", "gold", "local" });
            var volume = Objects.Pv($"pv-{i:D2}", Pick(new[] { "1Gi", "1Gi", "2Gi" }), Pick(modeSets), storageClass)
                .Labeled(("tier", Pick(new[] { "gold", "silver" })));
            if (storageClass == "local")
            {
                volume = volume.OnHost(Pick(nodes).Name);
            }

            if (Chance(0.08))
            {
                volume = volume.ReservedFor(Pick(claimNames));
            }

            if (Chance(0.05))
            {
                volume = volume with { VolumeMode = VolumeMode.Block };
            }

            volumes.Add(volume);
        }

        var claims = new List<PersistentVolumeClaim>();
        for (var i = 0; i < claimCount; i++)
        {
            var claim = Objects.Pvc(claimNames[i], Pick(new[] { "1Gi", "1Gi", "2Gi", "500Mi" }), Chance(0.75) ? "RWO" : Pick(new[] { "RWX", "ROX", "RWO,ROX" }), Pick(new[] { null, string.Empty, "gold", "gold", "gold", "local" }));
            if (Chance(0.85))
            {
                claim = claim.Created(random.Next(6));
            }

            if (Chance(0.15))
            {
                claim = claim.Selecting(new SelectorRequirement("tier", SelectorOperator.In, new[] { "gold" }));
            }

            if (Chance(0.12))
            {
                claim = claim with { VolumeName = volumes[random.Next(volumeCount)].Name };
                if (Chance(0.5))
                {
                    claim = claim.Annotated(WellKnown.BoundByControllerAnnotation, "yes") with { Phase = ClaimPhase.Bound };
                }
            }

            claims.Add(claim);
        }

        node = seed % 3 == 0 ? "node-a" : null;
        return Objects.Cluster(volumes, claims, classes, nodes);
    }

    private static void Assert(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
