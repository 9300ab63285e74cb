using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Operations.Kubernetes;
using Xunit;
using Xunit.Abstractions;
using k8s;
using k8s.Models;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.KubeApiserver.Tests.Differential;

/// <summary>
/// The binding engine against the real PV controller: randomized volumes and claims are created on the API
/// server, the controller binds what it binds, and the engine plans the same objects as they were when created
/// (the API server's create responses: defaults and the default class applied, nothing bound yet). A claim agrees
/// when it has the volume the plan gives it, or one of the plan's alternatives where Kubernetes' pick is arbitrary,
/// or when both leave it Pending; the last event on a Pending claim is compared with the event the plan predicts.
/// The numbers are written to the test output and to $VK8S_DIFFERENTIAL_REPORT when that is set.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class ControllerDifferentialTests
{
    private static readonly string[] Capacities = { "500Mi", "1Gi", "1Gi", "2Gi", "3Gi", "5Gi" };
    private static readonly string[][] ModeSets = { new[] { "ReadWriteOnce" }, new[] { "ReadWriteOnce" }, new[] { "ReadOnlyMany" }, new[] { "ReadWriteMany" }, new[] { "ReadWriteOnce", "ReadOnlyMany" }, new[] { "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany" } };

    private readonly KubeControlPlane cluster;
    private readonly ITestOutputHelper output;

    public ControllerDifferentialTests(KubeControlPlane cluster, ITestOutputHelper output)
    {
        this.cluster = cluster;
        this.output = output;
    }

    [SkippableFact]
    public async Task The_plan_agrees_with_the_real_controller_on_randomized_volumes_and_claims()
    {
        cluster.Require();
        var seeds = int.TryParse(Environment.GetEnvironmentVariable("VK8S_DIFFERENTIAL_SEEDS"), out var n) ? n : 4;
        var totals = new Tally();
        var disagreements = new List<string>();
        for (var seed = 1; seed <= seeds; seed++)
        {
            var (tally, problems) = await RunSeedAsync(seed, volumes: 30, claims: 30);
            totals.Add(tally);
            disagreements.AddRange(problems);
        }

        var report = totals.Describe(seeds) + (disagreements.Count == 0 ? string.Empty : Environment.NewLine + string.Join(Environment.NewLine, disagreements));
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("VK8S_DIFFERENTIAL_REPORT") is { Length: > 0 } file)
        {
            File.WriteAllText(file, report + Environment.NewLine);
        }

        Assert.True(disagreements.Count == 0, report);
        Assert.True(totals.EventMatches == totals.PendingWithEvent, "every event the controller recorded on a Pending claim is the one the plan predicts: " + report);
        Assert.True(totals.Claims > 0 && totals.Bound > 0 && totals.Pending > 0, "the random clusters must exercise both outcomes: " + report);
    }

    private async Task<(Tally Tally, List<string> Disagreements)> RunSeedAsync(int seed, int volumes, int claims)
    {
        await QuietAsync();
        await using var scratch = await Scratch.CreateAsync(cluster, $"diff{seed}");
        var random = new Random(seed * 7919);
        var classes = new[] { string.Empty, scratch.Name("gold"), scratch.Name("silver"), scratch.Name("lazy"), scratch.Name("ghost") };

        // Everything already in the cluster takes part in binding too, so the plan starts from it.
        var before = await new LiveClusterSource(scratch.Session).ReadAsync(scratch.Host, CancellationToken.None);

        // Classes: hand-made volumes (no-provisioner), a provisioner nothing runs (the vSphere CSI driver), one that
        // waits for a first consumer; "ghost" does not exist. Every other seed makes gold the default class.
        var createdClasses = new List<V1StorageClass>();
        foreach (var (name, provisioner, mode) in new[] { (classes[1], "kubernetes.io/no-provisioner", "Immediate"), (classes[2], "csi.vsphere.vmware.com", "Immediate"), (classes[3], "kubernetes.io/no-provisioner", "WaitForFirstConsumer") })
        {
            var annotations = seed % 2 == 0 && name == classes[1] ? new Dictionary<string, string> { ["storageclass.kubernetes.io/is-default-class"] = "true" } : null;
            createdClasses.Add(await scratch.Client.StorageV1.CreateStorageClassAsync(new V1StorageClass { Metadata = new V1ObjectMeta { Name = name, Annotations = annotations }, Provisioner = provisioner, VolumeBindingMode = mode }));
            scratch.Owns(Resources.StorageClass, name);
        }

        var claimNames = Enumerable.Range(0, claims).Select(i => $"c{i:000}").ToList();
        var createdVolumes = new List<V1PersistentVolume>();
        for (var i = 0; i < volumes; i++)
        {
            var name = scratch.Name($"v{i:000}");
            var spec = new V1PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity(Pick(random, Capacities)) },
                AccessModes = Pick(random, ModeSets).ToList(),
                StorageClassName = Pick(random, classes.Take(4).ToArray()),
                VolumeMode = random.Next(8) == 0 ? "Block" : null,
                HostPath = new V1HostPathVolumeSource { Path = "/tmp/" + name },
                ClaimRef = random.Next(10) == 0 ? new V1ObjectReference { NamespaceProperty = scratch.Namespace, Name = Pick(random, claimNames.ToArray()) } : null,
                NodeAffinity = random.Next(6) == 0 ? new V1VolumeNodeAffinity { Required = new V1NodeSelector { NodeSelectorTerms = new List<V1NodeSelectorTerm> { new() { MatchExpressions = new List<V1NodeSelectorRequirement> { new() { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = new List<string> { "worker-" + random.Next(3) } } } } } } } : null,
            };
            var labels = new Dictionary<string, string> { ["tier"] = Pick(random, new[] { "gold", "silver" }) };
            createdVolumes.Add(await scratch.Client.CoreV1.CreatePersistentVolumeAsync(new V1PersistentVolume { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Spec = spec }));
            scratch.Owns(Resources.PersistentVolume, name);
        }

        // The controller binds from its own cache of volumes: on a loaded machine that cache can lag behind the creates,
        // and a claim synced then gets a larger volume than the plan, which sees them all. The controller writes each new
        // volume's phase once it has taken it in, so wait for every phase before making the claims.
        await WaitForVolumePhasesAsync(scratch, createdVolumes.Select(v => v.Metadata.Name).ToHashSet(StringComparer.Ordinal));

        // Claims in name order, so the order they reach the controller is the order the plan breaks same-second ties in.
        var createdClaims = new List<V1PersistentVolumeClaim>();
        foreach (var name in claimNames)
        {
            var spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = Pick(random, ModeSets).Take(1 + random.Next(2)).ToList(),
                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity(Pick(random, Capacities)) } },
                StorageClassName = random.Next(6) == 0 ? null : Pick(random, classes),
                Selector = random.Next(5) == 0 ? new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["tier"] = Pick(random, new[] { "gold", "silver" }) } } : null,
                VolumeMode = random.Next(8) == 0 ? "Block" : null,
                VolumeName = random.Next(12) == 0 ? Pick(random, createdVolumes.ToArray()).Metadata.Name : null,
            };
            createdClaims.Add(await scratch.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim { Metadata = new V1ObjectMeta { Name = name }, Spec = spec }, scratch.Namespace));
        }

        // Let the controller settle: nothing changes over three of its resyncs.
        var actual = await scratch.SettledClaimsAsync(TimeSpan.FromSeconds(6));
        var events = LiveClusterSource.LastEvents((await scratch.Api.ListAllAsync(Resources.Event, scratch.Namespace, CancellationToken.None)).Items);

        var snapshot = new ClusterSnapshot(
            before.Volumes.Concat(createdVolumes.Select(ClusterModelMapper.Volume)).ToList(),
            before.Claims.Concat(createdClaims.Select(ClusterModelMapper.Claim)).ToList(),
            before.StorageClasses.Concat(createdClasses.Select(ClusterModelMapper.Class)).ToList(),
            before.Nodes);
        var version = await scratch.Api.GetServerVersionAsync(CancellationToken.None);
        var request = new GetPvcBindingRequest { Source = ClusterSourceSpec.InMemory(snapshot), Detailed = true };
        var plan = GetPvcBinding.Plan(snapshot, request, new Version(version.Major, version.Minor));

        // The same objects planned as current Kubernetes would bind them: where that differs from the server's
        // release is a version difference, reported by name, not a disagreement.
        var current = GetPvcBinding.Plan(snapshot, request).Claims.ToDictionary(c => c.Claim, StringComparer.Ordinal);

        var tally = new Tally();
        var disagreements = new List<string>();
        foreach (var claim in createdClaims)
        {
            var key = $"{scratch.Namespace}/{claim.Metadata.Name}";
            var planned = plan.Claims.Single(c => c.Claim == key);
            var (phase, volume) = actual[claim.Metadata.Name];
            tally.Claims++;
            var later = current[key];
            if ((later.Phase, later.Volume, later.ReasonCode) != (planned.Phase, planned.Volume, planned.ReasonCode))
            {
                tally.VersionDifferences.Add($"{planned.ReasonCode} -> {later.ReasonCode} (outcome)");
            }
            else if (later.Event != planned.Event)
            {
                tally.VersionDifferences.Add($"{planned.Event?.Reason ?? "no event"} (event text)");
            }

            if (phase == "Bound")
            {
                tally.Bound++;
                if (planned.Phase == ClaimPhase.Bound && planned.Volume == volume)
                {
                    tally.Exact++;
                }
                else if (planned.Phase == ClaimPhase.Bound && planned.Alternatives.Contains(volume))
                {
                    tally.AmongAlternatives++;
                }
                else if (planned.DependsOn is not null)
                {
                    tally.AfterAnArbitraryPick++;
                }
                else
                {
                    disagreements.Add($"seed {seed}: {key}: the controller bound {volume}; the plan says {planned.Phase} {planned.Volume} ({planned.ReasonCode}: {planned.Reason}); alternatives: [{string.Join(", ", planned.Alternatives)}]");
                }
            }
            else
            {
                tally.Pending++;
                if (planned.Phase == ClaimPhase.Pending)
                {
                    tally.Exact++;
                }
                else if (planned.DependsOn is not null)
                {
                    tally.AfterAnArbitraryPick++;
                }
                else
                {
                    disagreements.Add($"seed {seed}: {key}: the controller left it {phase}; the plan says {planned.Phase} {planned.Volume} ({planned.ReasonCode}: {planned.Reason})");
                }

                if (events.TryGetValue(key, out var observed))
                {
                    tally.PendingWithEvent++;
                    if (observed == planned.Event)
                    {
                        tally.EventMatches++;
                    }
                    else
                    {
                        tally.EventDiffers.Add($"seed {seed}: {key}: controller said {observed}; plan predicts {(planned.Event?.ToString() ?? "no event")}");
                    }
                }
            }
        }

        return (tally, disagreements);
    }

    private static async Task WaitForVolumePhasesAsync(Scratch scratch, IReadOnlySet<string> names)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var volumes = (await scratch.Api.ListAllAsync(Resources.PersistentVolume, null, CancellationToken.None)).Items.Where(v => names.Contains(v.Metadata.Name)).ToList();
            var waiting = volumes.Count(v => string.IsNullOrEmpty(v.Status?.Phase) || v.Status.Phase == "Pending");
            if (volumes.Count == names.Count && waiting == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the PV controller did not take in {waiting} of {names.Count} new volumes within 60 s");
            await Task.Delay(200);
        }
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    /// <summary>Waits until what earlier tests deleted is gone (namespaces terminating, volumes and claims being deleted), so it cannot bind now.</summary>
    private async Task QuietAsync()
    {
        using var api = KubernetesApi.Connect(KubernetesConnection.From(cluster.AdminKubeconfig, null), _ => { });
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var namespaces = await api.Client.CoreV1.ListNamespaceAsync();
            var volumes = await api.ListAllAsync(Resources.PersistentVolume, null, CancellationToken.None);
            var claims = await api.ListAllAsync(Resources.PersistentVolumeClaim, null, CancellationToken.None);
            if (namespaces.Items.All(n => n.Status?.Phase != "Terminating")
                && volumes.Items.All(v => v.Metadata.DeletionTimestamp is null)
                && claims.Items.All(c => c.Metadata.DeletionTimestamp is null))
            {
                return;
            }

            await Task.Delay(500);
        }
    }

    private sealed class Tally
    {
        public int Claims;
        public int Bound;
        public int Pending;
        public int Exact;
        public int AmongAlternatives;
        public int AfterAnArbitraryPick;
        public int PendingWithEvent;
        public int EventMatches;
        public List<string> EventDiffers { get; } = new();

        /// <summary>Where the plan for the server's release and the plan for current Kubernetes differ, by kind.</summary>
        public List<string> VersionDifferences { get; } = new();

        public void Add(Tally other)
        {
            Claims += other.Claims;
            Bound += other.Bound;
            Pending += other.Pending;
            Exact += other.Exact;
            AmongAlternatives += other.AmongAlternatives;
            AfterAnArbitraryPick += other.AfterAnArbitraryPick;
            PendingWithEvent += other.PendingWithEvent;
            EventMatches += other.EventMatches;
            EventDiffers.AddRange(other.EventDiffers);
            VersionDifferences.AddRange(other.VersionDifferences);
        }

        public string Describe(int seeds)
        {
            var agreed = Exact + AmongAlternatives + AfterAnArbitraryPick;
            var versions = VersionDifferences.Count == 0
                ? "none"
                : string.Join(", ", VersionDifferences.GroupBy(d => d, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
            return $"{seeds} random clusters (seeds 1..{seeds}), {Claims} claims ({Bound} bound and {Pending} left Pending by the controller): "
                + $"{agreed} agree ({Exact} exactly, {AmongAlternatives} on one of the plan's alternatives, {AfterAnArbitraryPick} after an earlier arbitrary pick), {Claims - agreed} disagree; "
                + $"events on Pending claims: {EventMatches} of {PendingWithEvent} as the plan predicts; "
                + $"where planning as current Kubernetes ({PlanOptions.DefaultKubernetesVersion.ToString(2)}) would differ from the server's release: {versions}"
                + (EventDiffers.Count == 0 ? "." : ":" + Environment.NewLine + string.Join(Environment.NewLine, EventDiffers));
        }
    }
}
