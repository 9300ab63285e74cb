using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck.Xunit;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// Alternatives and DependsOn against brute-force restatements of their definitions, on random
/// crowded clusters full of equal sizes. Alternatives: the plan is replayed claim by claim in the
/// controller's order, and at each claim every volume is checked against the claim directly from the
/// objects, without the index. DependsOn: every alternative of every claim is planned again with that
/// claim given it (<see cref="DependsOnOracle"/>).
/// </summary>
public sealed class ArbitraryChoiceOracleTests
{
    [Property(MaxTest = 150)]
    public void Alternatives_are_exactly_what_an_unordered_search_could_return(int seed)
    {
        var cluster = ClusterGenerator.Generate(seed, volumeCount: 30, claimCount: 30, seed % 2 == 0 ? ClusterGenerator.ModeSetsWithTies : null);
        var plan = BindingPlanner.Plan(cluster, new PlanOptions { Detailed = true });
        var replay = new Replay(cluster, plan);

        foreach (var (claim, binding) in replay.InPlanOrder())
        {
            if (binding.ReasonCode is ReasonCode.BestMatch or ReasonCode.PreBound && !claim.HasVolumeName && replay.IsControllerPath(claim, binding))
            {
                var expected = replay.AlternativesOf(claim, binding).OrderBy(n => n, StringComparer.Ordinal);
                Assert.True(
                    expected.SequenceEqual(binding.Alternatives.OrderBy(n => n, StringComparer.Ordinal)),
                    $"seed {seed}, {binding.Claim} picked {binding.Volume}: expected [{string.Join(",", expected)}], got [{string.Join(",", binding.Alternatives)}]");
            }

            replay.Take(binding);
        }
    }

    [Property(MaxTest = 150)]
    public void DependsOn_is_exactly_the_first_claim_whose_alternative_changes_the_outcome_on_generated_clusters(int seed)
    {
        var cluster = ClusterGenerator.Generate(seed, volumeCount: 30, claimCount: 30, seed % 2 == 0 ? ClusterGenerator.ModeSetsWithTies : null);
        AssertDependsOnIsExact($"seed {seed}", cluster, new PlanOptions { Detailed = true });
    }

    [Property(MaxTest = 400)]
    public void DependsOn_is_exactly_the_first_claim_whose_alternative_changes_the_outcome_on_crowded_clusters(int seed)
    {
        var cluster = DependsOnOracle.Crowded(seed, out var node);
        AssertDependsOnIsExact($"crowded seed {seed}", cluster, new PlanOptions { Detailed = true, Node = node });
    }

    // Every claim: DependsOn as the brute force has it (no claim marked whose outcome no alternative changes, none
    // missed, the first such claim named), and the alternative the reason names does change it. Without -Detailed
    // (alternatives cut to five) DependsOn is the same.
    private static void AssertDependsOnIsExact(string name, ClusterSnapshot cluster, PlanOptions options)
    {
        var plan = BindingPlanner.Plan(cluster, options);
        var oracle = new DependsOnOracle(cluster, options, plan);
        var brief = BindingPlanner.Plan(cluster, options with { Detailed = false, AlternativesLimit = 1 });
        Assert.Equal(plan.Claims.Select(c => (c.Claim, c.DependsOn)), brief.Claims.Select(c => (c.Claim, c.DependsOn)));
        foreach (var binding in plan.Claims)
        {
            var expected = oracle.DependsOn(binding.Claim);
            Assert.True(expected == binding.DependsOn, $"{name}: {binding.Claim} ({binding.Phase} {binding.Volume ?? "-"}) should depend on {expected ?? "nothing"}, but depends on {binding.DependsOn ?? "nothing"}: {binding.Reason}");
            if (binding.DependsOn is { } tie)
            {
                var witness = Witness.Match(binding.Reason);
                Assert.True(witness.Success, $"{name}: {binding.Claim}: the reason does not name the alternative: {binding.Reason}");
                var alternative = witness.Groups["alternative"].Value;
                Assert.True(oracle.Changes(binding.Claim, tie, alternative), $"{name}: {binding.Claim}: giving {tie} {alternative} does not change it, yet the reason says so: {binding.Reason}");
            }
        }
    }

    private static readonly System.Text.RegularExpressions.Regex Witness = new(@"; depends on \S+: had Kubernetes given it (?<alternative>\S+) rather than ");

    /// <summary>The plan replayed in the controller's order, with the volumes taken so far.</summary>
    private sealed class Replay
    {
        private readonly ClusterSnapshot cluster;
        private readonly BindingPlan plan;
        private readonly HashSet<string> taken = new(StringComparer.Ordinal);

        public Replay(ClusterSnapshot cluster, BindingPlan plan)
        {
            this.cluster = cluster;
            this.plan = plan;
        }

        public IEnumerable<(PersistentVolumeClaim Claim, PvcBinding Binding)> InPlanOrder() =>
            cluster.Claims
                .OrderBy(c => c.WasBound ? 0 : 1)
                .ThenBy(c => c.WasBound ? 0 : c.Metadata.CreationTimestamp is null ? 2 : 1)
                .ThenBy(c => c.WasBound ? null : c.Metadata.CreationTimestamp)
                .ThenBy(c => c.WasBound ? string.Empty : c.Namespace, StringComparer.Ordinal)
                .ThenBy(c => c.WasBound ? string.Empty : c.Name, StringComparer.Ordinal)
                .Select(c => (c, plan.Claims.Single(b => b.Claim == c.Key)));

        public void Take(PvcBinding binding)
        {
            if (binding.Phase == ClaimPhase.Bound && binding.Volume is not null)
            {
                taken.Add(binding.Volume);
            }
        }

        /// <summary>The PV controller decides this claim (no WaitForFirstConsumer class, so no scheduler and no delayed binding).</summary>
        public bool IsControllerPath(PersistentVolumeClaim claim, PvcBinding binding) =>
            cluster.StorageClasses.SingleOrDefault(c => c.Name == binding.StorageClass)?.VolumeBindingMode != VolumeBindingMode.WaitForFirstConsumer;

        /// <summary>
        /// FindMatchingVolume's checks, straight from the objects: a volume pre-bound to the claim passes
        /// with capacity, mode, attributes class and deletion; any other must also be free, Available,
        /// of the claim's class and selected.
        /// </summary>
        public bool Fits(PersistentVolume volume, PersistentVolumeClaim claim, string storageClass)
        {
            var prechecks = volume.Capacity.CompareTo(claim.Request) >= 0
                && volume.EffectiveVolumeMode == claim.EffectiveVolumeMode
                && (volume.VolumeAttributesClassName ?? string.Empty) == (claim.VolumeAttributesClassName ?? string.Empty)
                && volume.Metadata.DeletionTimestamp is null
                && (volume.AccessModes & claim.AccessModes) == claim.AccessModes;
            return prechecks && (IsPreboundTo(volume, claim) || (IsFree(volume) && volume.StorageClass == storageClass && (claim.Selector?.Matches(volume.Metadata.Labels) ?? true)));
        }

        /// <summary>
        /// With the order of equal capacities and of access-mode sets with as many modes left open: the
        /// fewest-modes sets that hold a match each give their pre-bound volumes, or else their smallest.
        /// </summary>
        public IEnumerable<string> AlternativesOf(PersistentVolumeClaim claim, PvcBinding binding)
        {
            var matches = cluster.Volumes.Where(v => Fits(v, claim, binding.StorageClass)).ToList();
            var fewest = matches.Min(v => CountModes(v.AccessModes));
            return matches
                .Where(v => CountModes(v.AccessModes) == fewest)
                .GroupBy(v => v.AccessModes)
                .SelectMany(set => set.Any(v => IsPreboundTo(v, claim))
                    ? set.Where(v => IsPreboundTo(v, claim))
                    : set.Where(v => v.Capacity.CompareTo(set.Min(m => m.Capacity)) == 0))
                .Select(v => v.Name)
                .Where(name => name != binding.Volume);
        }

        private bool IsFree(PersistentVolume volume) => volume.ClaimRef is null && !taken.Contains(volume.Name);

        private static bool IsPreboundTo(PersistentVolume volume, PersistentVolumeClaim claim) =>
            volume.ClaimRef is { } claimRef && claimRef.Name == claim.Name && claimRef.Namespace == claim.Namespace
            && (string.IsNullOrEmpty(claimRef.Uid) || claimRef.Uid == claim.Metadata.Uid);

        private static int CountModes(AccessModes modes) => System.Numerics.BitOperations.PopCount((uint)modes);
    }
}
