using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Operations.Kubernetes;
using Xunit;
using k8s;
using k8s.Models;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.KubeApiserver.Tests.Client;

/// <summary>The adapter's verbs against the real server: paginated lists, discovery, and watch-based waits.</summary>
[Collection(KubeCollection.Name)]
public sealed class ClientBehaviourTests
{
    private readonly KubeControlPlane cluster;

    public ClientBehaviourTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task A_list_is_read_a_page_at_a_time_with_limit_and_continue()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "pages");
        for (var i = 0; i < 25; i++)
        {
            await scratch.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Claim($"c{i:00}"), scratch.Namespace);
        }

        var pages = new List<int>();
        var list = await scratch.Api.ListAllAsync(Resources.PersistentVolumeClaim, scratch.Namespace, CancellationToken.None, pageSize: 10, progress: pages.Add);

        Assert.Equal(25, list.Items.Count);
        Assert.Equal(new[] { 10, 20, 25 }, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"c{i:00}"), list.Items.Select(c => c.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.NotNull(list.ResourceVersion);
    }

    [SkippableFact]
    public async Task Discovery_maps_kinds_to_resources_and_v1_20_serves_no_VolumeAttributesClass()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "discovery");
        var version = await scratch.Api.GetServerVersionAsync(CancellationToken.None);

        var storageClass = await scratch.Api.ResolveKindAsync("storage.k8s.io/v1", "StorageClass", CancellationToken.None);
        var claim = await scratch.Api.ResolveKindAsync("v1", "PersistentVolumeClaim", CancellationToken.None);
        var attributesClass = await scratch.Api.ResolveKindAsync("storage.k8s.io/v1", "VolumeAttributesClass", CancellationToken.None);

        Assert.Equal(new ServedResource("StorageClass", "storageclasses", false), storageClass);
        Assert.Equal(new ServedResource("PersistentVolumeClaim", "persistentvolumeclaims", true), claim);
        if (!version.IsAtLeast(1, 34))
        {
            Assert.Null(attributesClass); // VolumeAttributesClass reaches storage.k8s.io/v1 in 1.34; v1.20 has none at all
        }
    }

    [SkippableFact]
    public async Task A_wait_for_a_claim_that_cannot_bind_times_out_saying_what_it_saw()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "timeout");
        await scratch.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Claim("lonely", "no-such-class"), scratch.Namespace);

        var error = await Assert.ThrowsAsync<KubernetesWaitTimeoutException>(() => scratch.Api.WaitAsync(
            Resources.PersistentVolumeClaim, "lonely", scratch.Namespace, "Bound", WaitConditions.ClaimBound, TimeSpan.FromSeconds(2), scratch.Host, CancellationToken.None));

        Assert.Equal("KubernetesWaitTimeout", error.ErrorId);
        Assert.Equal("Pending", error.LastSeen);
        Assert.Contains($"PersistentVolumeClaim {scratch.Namespace}/lonely did not become Bound within 2 seconds", error.Message);
        Assert.True(scratch.Host.Progress.Last().Completed);
    }

    [SkippableFact]
    public async Task A_wait_for_a_Deployment_sees_the_status_the_test_sets_because_no_kubelet_runs()
    {
        // No kubelet starts pods here, so the test writes the status a rolled-out Deployment would have
        // (the status subresource) and the watch must deliver it.
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "rollout");
        var deployment = await scratch.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), scratch.Namespace);
        var waiting = scratch.Api.WaitAsync(Resources.Deployment, "web", scratch.Namespace, "available", WaitConditions.DeploymentAvailable, TimeSpan.FromSeconds(60), scratch.Host, CancellationToken.None);

        for (var attempt = 0; attempt < 20 && !waiting.IsCompleted; attempt++)
        {
            var current = await scratch.Client.AppsV1.ReadNamespacedDeploymentAsync("web", scratch.Namespace);
            current.Status = new V1DeploymentStatus
            {
                ObservedGeneration = current.Metadata.Generation,
                Replicas = 1,
                UpdatedReplicas = 1,
                ReadyReplicas = 1,
                AvailableReplicas = 1,
            };
            try
            {
                await scratch.Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(current, "web", scratch.Namespace);
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                // The deployment controller wrote in between; try again with the new resourceVersion.
            }

            await Task.WhenAny(waiting, Task.Delay(500));
        }

        var done = await waiting;
        Assert.Equal(1, done!.Status.AvailableReplicas);
        Assert.Contains(scratch.Host.Progress, p => p.Status.Contains("1 of 1 replicas available"));
        Assert.NotNull(deployment);
    }

    private static V1PersistentVolumeClaim Claim(string name, string storageClass = "") => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = new List<string> { "ReadWriteOnce" },
            StorageClassName = storageClass,
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity("1Gi") } },
        },
    };

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = new List<V1Container> { new() { Name = name, Image = "registry.invalid/web:1" } } },
            },
        },
    };
}
