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
/// Alternatives and DependsOn against a brute-force restatement of their definitions, on random
/// crowded clusters full of equal sizes: the plan is replayed claim by claim in the controller's
/// order, and at each claim every volume is checked against the claim directly from the objects,
/// without the index.
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
    public void A_claim_depends_on_the_earliest_claim_whose_alternative_it_got(int seed)
    {
        var cluster = ClusterGenerator.Generate(seed, volumeCount: 30, claimCount: 30, seed % 2 == 0 ? ClusterGenerator.ModeSetsWithTies : null);
        var plan = BindingPlanner.Plan(cluster, new PlanOptions { Detailed = true });
        var replay = new Replay(cluster, plan);
        var earlier = new List<PvcBinding>();

        foreach (var (claim, binding) in replay.InPlanOrder())
        {
            var tookAlternative = binding.Phase == ClaimPhase.Bound && binding.NewBinding && binding.ReasonCode is ReasonCode.BestMatch or ReasonCode.RequestedVolume
                ? earlier.FirstOrDefault(e => e.Alternatives.Contains(binding.Volume!))
                : null;
            if (tookAlternative is not null)
            {
                Assert.True(tookAlternative.Claim == binding.DependsOn, $"seed {seed}: {binding.Claim} got {binding.Volume}, an alternative of {tookAlternative.Claim}, but depends on {binding.DependsOn ?? "nothing"}");
            }

            // Whoever it depends on came earlier and had a choice.
            if (binding.DependsOn is { } dependsOn)
            {
                Assert.Contains(earlier, e => e.Claim == dependsOn && e.Alternatives.Count > 0);
            }

            earlier.Add(binding);
            replay.Take(binding);
        }
    }

    [Property(MaxTest = 150)]
    public void A_search_that_found_nothing_depends_on_an_arbitrary_pick_that_would_fit_it(int seed)
    {
        var cluster = ClusterGenerator.Generate(seed, volumeCount: 30, claimCount: 30, seed % 2 == 0 ? ClusterGenerator.ModeSetsWithTies : null);
        var plan = BindingPlanner.Plan(cluster, new PlanOptions { Detailed = true });
        var replay = new Replay(cluster, plan);
        var arbitraryPicks = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var (claim, binding) in replay.InPlanOrder())
        {
            // Claims without a class are searched twice (without one, then with the default); leave those out.
            if (binding.Phase == ClaimPhase.Pending && !claim.HasVolumeName && replay.IsControllerPath(claim, binding)
                && binding.ReasonCode is not ReasonCode.WaitForFirstConsumer && claim.ExplicitStorageClass is not null)
            {
                var fitting = arbitraryPicks.Where(p => replay.Fits(replay.VolumeNamed(p.Key), claim, binding.StorageClass, evenIfTaken: true)).Select(p => p.Value).ToHashSet();
                Assert.True(
                    fitting.Count == 0 ? binding.DependsOn is null : fitting.Contains(binding.DependsOn ?? string.Empty),
                    $"seed {seed}: {binding.Claim} found nothing; arbitrary picks that would fit it were taken by [{string.Join(",", fitting)}], it depends on {binding.DependsOn ?? "nothing"}");
            }

            if (binding.Alternatives.Count > 0 && binding.ReasonCode == ReasonCode.BestMatch)
            {
                arbitraryPicks[binding.Volume!] = binding.Claim;
            }

            replay.Take(binding);
        }
    }

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

        public PersistentVolume VolumeNamed(string name) => cluster.Volumes.Single(v => v.Name == name);

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
        public bool Fits(PersistentVolume volume, PersistentVolumeClaim claim, string storageClass, bool evenIfTaken = false)
        {
            var prechecks = volume.Capacity.CompareTo(claim.Request) >= 0
                && volume.EffectiveVolumeMode == claim.EffectiveVolumeMode
                && (volume.VolumeAttributesClassName ?? string.Empty) == (claim.VolumeAttributesClassName ?? string.Empty)
                && volume.Metadata.DeletionTimestamp is null
                && (volume.AccessModes & claim.AccessModes) == claim.AccessModes;
            return prechecks && (IsPreboundTo(volume, claim) || ((evenIfTaken || IsFree(volume)) && volume.StorageClass == storageClass && (claim.Selector?.Matches(volume.Metadata.Labels) ?? true)));
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
