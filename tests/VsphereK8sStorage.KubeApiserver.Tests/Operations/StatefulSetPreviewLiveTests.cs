using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using k8s.Models;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.TestSupport.Peers;
using Xunit;

namespace VsphereK8sStorage.KubeApiserver.Tests.Operations;

/// <summary>
/// The StatefulSet preview against the real StatefulSet controller: a set is created with no replicas, previewed
/// at three from the live cluster, then scaled to three; the claims kube-controller-manager creates and the
/// bindings its PV controller makes are held to the preview. No kubelet runs, so the set uses
/// <c>podManagementPolicy: Parallel</c> (OrderedReady would stop at ordinal 0 until its pod is Ready).
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class StatefulSetPreviewLiveTests
{
    private readonly KubeControlPlane cluster;

    public StatefulSetPreviewLiveTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task The_preview_names_fills_in_and_binds_the_claims_the_StatefulSet_controller_creates()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "sts");
        var manual = scratch.Name("manual");
        var local = scratch.Name("local");
        scratch.Owns(Resources.StorageClass, local);
        await scratch.Client.StorageV1.CreateStorageClassAsync(new V1StorageClass { Metadata = new V1ObjectMeta { Name = local }, Provisioner = "kubernetes.io/no-provisioner", VolumeBindingMode = "WaitForFirstConsumer" });

        // Three volumes for the data template (distinct sizes, so each claim's best match is one volume) and one
        // that its selector refuses.
        foreach (var (suffix, size, tier) in new[] { ("pv-1", "1Gi", "fast"), ("pv-2", "2Gi", "fast"), ("pv-3", "3Gi", "fast"), ("pv-slow", "1Gi", "slow") })
        {
            var name = scratch.Name(suffix);
            scratch.Owns(Resources.PersistentVolume, name);
            await scratch.Client.CoreV1.CreatePersistentVolumeAsync(new V1PersistentVolume
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["tier"] = tier } },
                Spec = new V1PersistentVolumeSpec
                {
                    Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) },
                    AccessModes = new[] { "ReadWriteOnce" },
                    StorageClassName = manual,
                    HostPath = new V1HostPathVolumeSource { Path = "/tmp/" + name },
                },
            });
            await scratch.WaitAvailableAsync(name);
        }

        var set = new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = scratch.Namespace },
            Spec = new V1StatefulSetSpec
            {
                Replicas = 0,
                ServiceName = "web",
                PodManagementPolicy = "Parallel",
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = new[] { new V1Container { Name = "c", Image = "nginx" } } },
                },
                VolumeClaimTemplates = new[]
                {
                    Template("data", manual, "1Gi", "Filesystem", new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["tier"] = "fast" } }, new Dictionary<string, string> { ["role"] = "db" }),
                    Template("logs", local, "1Gi", "Block", null, null),
                },
            },
        };
        await scratch.Client.AppsV1.CreateNamespacedStatefulSetAsync(set, scratch.Namespace);

        var preview = await GetPvcBinding.RunAsync(
            new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(scratch.Session), Namespace = scratch.Namespace, StatefulSet = "web", Replicas = 3 },
            scratch.Host,
            CancellationToken.None);

        await scratch.Client.AppsV1.PatchNamespacedStatefulSetScaleAsync(new V1Patch("{\"spec\":{\"replicas\":3}}", V1Patch.PatchType.MergePatch), "web", scratch.Namespace);
        var settled = await WaitForClaimsAsync(scratch, 6);
        var created = (await scratch.Api.ListAllAsync(Resources.PersistentVolumeClaim, scratch.Namespace, CancellationToken.None)).Items.ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal);

        // Names: the controller's claims are exactly the previewed ones.
        var previewed = preview.Plan.Claims.Where(b => b.Preview).ToDictionary(b => b.Name, StringComparer.Ordinal);
        Assert.Equal(previewed.Keys.Order(StringComparer.Ordinal), created.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "data-web-0", "data-web-1", "data-web-2", "logs-web-0", "logs-web-1", "logs-web-2" }, created.Keys.Order(StringComparer.Ordinal));

        // Spec and labels: what the preview planned is what the controller wrote.
        foreach (var (name, claim) in created)
        {
            var planned = previewed[name];
            Assert.Equal(
                (planned.StorageClass, planned.Requested, string.Join(",", planned.RequestedAccessModes), planned.VolumeMode.ToString()),
                (claim.Spec.StorageClassName, claim.Spec.Resources.Requests["storage"].ToString(), string.Join(",", claim.Spec.AccessModes), claim.Spec.VolumeMode));
            Assert.Equal(name.StartsWith("data", StringComparison.Ordinal) ? "db" : null, claim.Metadata.Labels.TryGetValue("role", out var role) ? role : null);
            Assert.Equal("web", claim.Metadata.Labels["app"]);
        }

        // Bindings: the three data claims bind the three fast volumes, as planned (which claim takes which of them
        // follows the order the controller happens to sync them in); the WaitForFirstConsumer claims stay Pending.
        var plannedData = previewed.Values.Where(b => b.Name.StartsWith("data", StringComparison.Ordinal)).ToList();
        Assert.All(plannedData, b => Assert.Equal(ClaimPhase.Bound, b.Phase));
        Assert.Equal(
            plannedData.Select(b => b.Volume!).Order(StringComparer.Ordinal),
            settled.Where(c => c.Key.StartsWith("data", StringComparison.Ordinal)).Select(c => Assert.IsType<string>(c.Value.Volume)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(scratch.Name("pv-slow"), plannedData.Select(b => b.Volume));
        foreach (var logs in previewed.Values.Where(b => b.Name.StartsWith("logs", StringComparison.Ordinal)))
        {
            Assert.Equal((ClaimPhase.Pending, ReasonCode.WaitForFirstConsumer), (logs.Phase, logs.ReasonCode));
            Assert.Equal("Pending", settled[logs.Name].Phase);
        }

        // Asked again now, nothing is previewed: the controller's claims are the ones the set reuses.
        var again = await GetPvcBinding.RunAsync(
            new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(scratch.Session), Namespace = scratch.Namespace, StatefulSet = "web", Replicas = 3 },
            scratch.Host,
            CancellationToken.None);
        Assert.Equal(6, again.Plan.Claims.Count);
        Assert.DoesNotContain(again.Plan.Claims, b => b.Preview);
    }

    private static V1PersistentVolumeClaim Template(string name, string storageClass, string size, string volumeMode, V1LabelSelector? selector, IDictionary<string, string>? labels) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = new[] { "ReadWriteOnce" },
            StorageClassName = storageClass,
            VolumeMode = volumeMode,
            Selector = selector,
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
        },
    };

    /// <summary>The namespace's claims once the controller has created <paramref name="count"/> and the PV controller has settled.</summary>
    private static async Task<Dictionary<string, (string Phase, string? Volume)>> WaitForClaimsAsync(Scratch scratch, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var settled = await scratch.SettledClaimsAsync(TimeSpan.FromSeconds(3));
            if (settled.Count >= count && settled.Count(c => c.Value.Phase == "Bound") >= 3)
            {
                return settled;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"the StatefulSet controller created {settled.Count} of {count} claims ({settled.Count(c => c.Value.Phase == "Bound")} bound) in {clock.Elapsed.TotalSeconds:0} s");
            }

            await Task.Delay(500);
        }
    }
}
