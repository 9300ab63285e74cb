using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Tests.TestSupport;

/// <summary>
/// Deterministic random clusters for equivalence tests and benchmarks: a mix of classes (none, "",
/// Immediate with a provisioner, WaitForFirstConsumer local volumes pinned to nodes), access-mode
/// sets, volume modes, selectors, pre-bound and requested volumes, bound pairs, Released and
/// deleting volumes, attributes classes, and claims with and without creation times.
/// </summary>
public static class ClusterGenerator
{
    private static readonly string[] Sizes = { "1Gi", "2Gi", "5Gi", "10Gi", "20Gi", "50Gi", "100Gi", "500Mi", "1500Mi", "3G", "10G" };
    private static readonly string[] ModeSets = { "RWO", "RWO", "RWO", "RWO,ROX", "RWX", "ROX", "RWO,ROX,RWX", "RWOP" };
    private static readonly string?[] VolumeClasses = { null, "gold", "gold", "silver", "local", "local", "fast" };
    private static readonly string?[] ClaimClasses = { null, "", "gold", "gold", "silver", "local", "local", "fast", "missing" };

    /// <summary>
    /// Access-mode sets with as many modes that hold the same request, such as {RWO,ROX} and {RWO,RWX}:
    /// Kubernetes leaves their order open. Pass as <c>volumeModeSets</c> to exercise that tie.
    /// </summary>
    public static readonly string[] ModeSetsWithTies = { "RWO", "RWO,ROX", "RWO,RWX", "ROX,RWX", "RWX", "RWO,ROX,RWX" };

    public static ClusterSnapshot Generate(int seed, int volumeCount, int claimCount, IReadOnlyList<string>? volumeModeSets = null)
    {
        volumeModeSets ??= ModeSets;
        var random = new Random(seed);
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        bool Chance(double p) => random.NextDouble() < p;

        var nodeCount = Math.Max(3, volumeCount / 40);
        var nodes = Enumerable.Range(0, nodeCount)
            .Select(i => Objects.Node($"node-{i}", ("topology.kubernetes.io/zone", $"zone-{i % 3}")))
            .ToList();
        var classes = new List<StorageClass>
        {
            Objects.Class("gold", isDefault: true),
            Objects.Class("silver"),
            Objects.Class("local", WellKnown.NoProvisioner, VolumeBindingMode.WaitForFirstConsumer),
            Objects.Class("fast", "csi.vsphere.vmware.com", VolumeBindingMode.WaitForFirstConsumer),
        };

        var claimNames = Enumerable.Range(0, claimCount).Select(i => $"claim-{i}").ToArray();
        var volumes = new List<PersistentVolume>(volumeCount);
        for (var i = 0; i < volumeCount; i++)
        {
            var storageClass = Pick(VolumeClasses);
            var volume = Objects.Pv($"pv-{i}", Pick(Sizes), Pick(volumeModeSets), storageClass)
                .Labeled(("tier", Pick(new[] { "gold", "silver", "bronze" })), ("release", Pick(new[] { "stable", "beta" })));
            if (storageClass == "local")
            {
                volume = volume.OnHost(Pick(nodes).Name);
            }
            else if (Chance(0.1))
            {
                volume = volume with
                {
                    NodeAffinity = new NodeSelector(new[]
                    {
                        new NodeSelectorTerm(new[] { new SelectorRequirement("topology.kubernetes.io/zone", SelectorOperator.In, new[] { $"zone-{random.Next(3)}" }) }, Array.Empty<SelectorRequirement>()),
                        new NodeSelectorTerm(new[] { new SelectorRequirement(WellKnown.HostnameLabel, SelectorOperator.In, new[] { Pick(nodes).Name }) }, Array.Empty<SelectorRequirement>()),
                    }),
                };
            }

            if (Chance(0.1))
            {
                volume = volume with { VolumeMode = Chance(0.5) ? VolumeMode.Block : VolumeMode.Filesystem };
            }

            if (Chance(0.05))
            {
                volume = volume with { VolumeAttributesClassName = Pick(new[] { "fast-iops", "slow-iops" }) };
            }

            if (Chance(0.05) && claimCount > 0)
            {
                volume = volume.ReservedFor(Pick(claimNames));
            }
            else if (Chance(0.02))
            {
                volume = volume.ReservedFor("deleted-claim", uid: "gone") with { Phase = VolumePhase.Released };
            }
            else if (Chance(0.01))
            {
                volume = volume with { Metadata = volume.Metadata with { DeletionTimestamp = DateTimeOffset.UnixEpoch } };
            }

            volumes.Add(volume);
        }

        var claims = new List<PersistentVolumeClaim>(claimCount);
        for (var i = 0; i < claimCount; i++)
        {
            var claim = Objects.Pvc(claimNames[i], Pick(Sizes), Chance(0.8) ? "RWO" : Pick(ModeSets), Pick(ClaimClasses));
            if (Chance(0.7))
            {
                claim = claim.Created(random.Next(10_000));
            }

            if (Chance(0.1))
            {
                claim = claim.Selecting(new SelectorRequirement("tier", Chance(0.5) ? SelectorOperator.In : SelectorOperator.NotIn, new[] { Pick(new[] { "gold", "silver", "bronze" }) }));
            }

            if (Chance(0.05))
            {
                claim = claim with { VolumeMode = VolumeMode.Block };
            }

            if (Chance(0.03))
            {
                claim = claim with { VolumeAttributesClassName = Pick(new[] { "fast-iops", "slow-iops", string.Empty }) };
            }

            if ((claim.StorageClassName is "local" or "fast") && Chance(0.5))
            {
                claim = claim.Annotated(WellKnown.SelectedNodeAnnotation, Pick(nodes).Name);
            }

            if (Chance(0.03) && volumeCount > 0)
            {
                claim = claim with { VolumeName = $"pv-{random.Next(volumeCount)}" };
            }

            claims.Add(claim);
        }

        // Some claims are already bound to an otherwise free volume, recorded both ways as the controller leaves them.
        for (var i = 0; i < claimCount / 10 && volumeCount > 0; i++)
        {
            var v = random.Next(volumeCount);
            var c = random.Next(claimCount);
            if (volumes[v].ClaimRef is not null || claims[c].HasVolumeName || claims[c].WasBound)
            {
                continue;
            }

            var uid = $"bound-{c}";
            claims[c] = (claims[c] with { VolumeName = volumes[v].Name, Phase = ClaimPhase.Bound }).Created(random.Next(10_000), uid);
            if (Chance(0.7))
            {
                claims[c] = claims[c].Annotated(WellKnown.BindCompletedAnnotation, "yes");
            }

            volumes[v] = volumes[v].ReservedFor(claims[c].Name, uid: uid) with { Phase = VolumePhase.Bound };
        }

        return Objects.Cluster(volumes, claims, classes, nodes);
    }
}
