using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Cli;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Kubernetes.Tests.TestSupport;
using VsphereK8sStorage.Operations;
using VsphereK8sStorage.Operations.Kubernetes;
using Xunit;

namespace VsphereK8sStorage.Kubernetes.Tests.Operations;

/// <summary>
/// Get-PvcBinding on a live cluster: the binding the real controller made, the plan's explanation of a
/// Pending claim next to the event the controller recorded on it, the release the plan follows, and the
/// same plan whether the objects come from the API server or from kubectl get -o yaml.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class LiveGetPvcBindingTests
{
    private readonly KubeControlPlane cluster;

    public LiveGetPvcBindingTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task Shows_the_controllers_binding_and_for_a_Pending_claim_the_plan_beside_the_last_event()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "live");
        var sc = scratch.Name("csi");
        scratch.Owns(Resources.StorageClass, sc);
        await NewK8sStorageClass.RunAsync(new NewK8sStorageClassRequest { Session = scratch.Session, Name = sc, StoragePolicyName = "vSAN Default Storage Policy" }, scratch.Host, CancellationToken.None);
        var pv = scratch.Name("pv0001");
        scratch.Owns(Resources.PersistentVolume, pv);
        await NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest { Session = scratch.Session, Name = pv, Capacity = "2Gi", VolumePath = "[datastore1] volumes/myDisk", StorageClassName = scratch.Name("static") }, scratch.Host, CancellationToken.None);
        await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "pvc0001", Namespace = scratch.Namespace, Capacity = "2Gi", StorageClassName = scratch.Name("static"), Wait = true }, scratch.Host, CancellationToken.None);
        await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "vsphere-pvc", Namespace = scratch.Namespace, Capacity = "5Gi", StorageClassName = sc }, scratch.Host, CancellationToken.None);
        var observed = await WaitForEventAsync(scratch, "vsphere-pvc");

        var result = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(scratch.Session), Namespace = scratch.Namespace }, scratch.Host, CancellationToken.None);

        var bound = Assert.Single(result.Plan.Claims, c => c.Name == "pvc0001");
        var pending = Assert.Single(result.Plan.Claims, c => c.Name == "vsphere-pvc");
        Assert.Equal(2, result.Plan.Claims.Count);
        Assert.Equal((ClaimPhase.Bound, pv, false), (bound.Phase, bound.Volume, bound.NewBinding));
        Assert.Equal(ReasonCode.ExternalProvisioning, pending.ReasonCode);
        Assert.StartsWith("waiting for provisioner csi.vsphere.vmware.com", pending.Reason);
        Assert.EndsWith($"; last event: {observed}", pending.Reason);
        Assert.Equal(observed, pending.Event); // the plan, following v1.20, predicts the controller's own words
    }

    [SkippableFact]
    public async Task Plans_for_the_servers_release_and_says_so()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "release");
        var version = await scratch.Api.GetServerVersionAsync(CancellationToken.None);

        await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(scratch.Session), Namespace = scratch.Namespace }, scratch.Host, CancellationToken.None);

        var said = scratch.Host.Warnings.Concat(scratch.Host.Verbose).Single(m => m.StartsWith("The cluster runs Kubernetes", StringComparison.Ordinal));
        Assert.Contains($"The cluster runs Kubernetes {version.GitVersion}; the plan follows the PV controller of Kubernetes {version.Major}.{version.Minor}", said);
    }

    [SkippableFact]
    public async Task The_plan_is_the_same_from_the_API_server_and_from_kubectl_get_yaml()
    {
        cluster.RequireKubectl();
        await using var scratch = await Scratch.CreateAsync(cluster, "same-plan");
        var cls = scratch.Name("cls");
        for (var i = 0; i < 6; i++)
        {
            var name = scratch.Name($"v{i}");
            scratch.Owns(Resources.PersistentVolume, name);
            await NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest
            {
                Session = scratch.Session,
                Name = name,
                Capacity = $"{1 + (i % 3)}Gi",
                AccessModes = i % 2 == 0 ? new[] { "ReadWriteOnce" } : new[] { "ReadWriteOnce", "ReadOnlyMany" },
                StorageClassName = cls,
                Labels = new Dictionary<string, string> { ["tier"] = i < 3 ? "gold" : "silver" },
                NodeAffinity = i == 5 ? new[] { "kubernetes.io/hostname in (a,b)" } : Array.Empty<string>(),
                HostPath = "/tmp/" + name,
            }, scratch.Host, CancellationToken.None);
        }

        for (var i = 0; i < 5; i++)
        {
            await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest
            {
                Session = scratch.Session,
                Name = $"c{i}",
                Namespace = scratch.Namespace,
                Capacity = $"{1 + (i % 2)}Gi",
                StorageClassName = i == 4 ? scratch.Name("nothing") : cls,
                Selector = i == 2 ? "tier=silver" : null,
            }, scratch.Host, CancellationToken.None);
        }

        await Task.Delay(3000); // let the controller bind what it binds
        var (exit, yaml, error) = await cluster.KubectlAsync(null, "get", "pv,pvc,storageclass,nodes", "--all-namespaces", "-o", "yaml");
        Assert.True(exit == 0, error);
        var manifest = Path.Combine(cluster.Directory, scratch.Prefix + ".yaml");
        File.WriteAllText(manifest, yaml);
        var version = await scratch.Api.GetServerVersionAsync(CancellationToken.None);

        var live = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(scratch.Session), Namespace = scratch.Namespace }, scratch.Host, CancellationToken.None);
        var offlineSnapshot = await ClusterSourceSpec.Manifests(new[] { manifest }).Open().ReadAsync(scratch.Host, CancellationToken.None);
        var offline = GetPvcBinding.Plan(offlineSnapshot, new GetPvcBindingRequest { Source = ClusterSourceSpec.Manifests(new[] { manifest }) }, new Version(version.Major, version.Minor));

        var fromServer = live.Plan.Claims.Select(c => (c.Claim, c.Phase, c.Volume, c.ReasonCode, Reason: Strip(c.Reason))).ToList();
        var fromYaml = offline.Claims.Where(c => c.Namespace == scratch.Namespace).Select(c => (c.Claim, c.Phase, c.Volume, c.ReasonCode, Reason: c.Reason)).ToList();
        Assert.Equal(5, fromServer.Count);
        Assert.Equal(fromYaml, fromServer);
    }

    [SkippableFact]
    public async Task Vk8s_reads_the_cluster_without_path_and_filters_by_name()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "cli-live");
        foreach (var name in new[] { "db-1", "db-2", "web" })
        {
            await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = name, Namespace = scratch.Namespace, Capacity = "1Gi", StorageClassName = scratch.Name("none") }, scratch.Host, CancellationToken.None);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(new[] { "get-pvc-binding", "--kubeconfig", cluster.AdminKubeconfig, "--namespace", scratch.Namespace, "--name", "db-*" }, new ConsoleIO(TextReader.Null, output, error, ErrorIsTerminal: false));

        Assert.Equal(0, exit);
        var lines = output.ToString().TrimEnd().Split('\n');
        Assert.StartsWith("NAMESPACE ", lines[0]);
        Assert.Equal(new[] { "db-1", "db-2" }, lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.Contains("vk8s: warning: The cluster runs Kubernetes", error.ToString());
    }

    /// <summary>The Reason as the plan alone gives it, without the observed event a live read appends.</summary>
    private static string Strip(string reason)
    {
        var at = reason.IndexOf("; last event: ", StringComparison.Ordinal);
        return at < 0 ? reason : reason.Substring(0, at);
    }

    private static async Task<ClaimEvent> WaitForEventAsync(Scratch scratch, string claim)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var events = await scratch.Api.ListAllAsync(Resources.Event, scratch.Namespace, CancellationToken.None, fieldSelector: $"involvedObject.name={claim}");
            if (LiveClusterSource.LastEvents(events.Items).TryGetValue($"{scratch.Namespace}/{claim}", out var found))
            {
                return found;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"no event on {claim}");
    }
}
