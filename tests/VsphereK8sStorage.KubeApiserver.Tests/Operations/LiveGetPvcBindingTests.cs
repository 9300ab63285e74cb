using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.KubeApiserver.Tests.Operations;

/// <summary>
/// Get-PvcBinding on a live cluster: the binding the real controller made, the plan's explanation of a
/// Pending claim beside the event the controller recorded on it, -Namespace and -Name, the release the plan
/// follows, paginated reads, the same plan as from kubectl get -o yaml.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class LiveGetPvcBindingTests
{
    /// <summary>What the v1.20 controller posts on a claim whose class names the vSphere CSI driver (pkg/controller/volume/persistentvolume, v1.20.2).</summary>
    private static readonly ClaimEvent V120ExternalProvisioning = new(
        EventType.Normal,
        "ExternalProvisioning",
        "waiting for a volume to be created, either by external provisioner \"csi.vsphere.vmware.com\" or manually created by system administrator");

    private readonly KubeControlPlane cluster;

    public LiveGetPvcBindingTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task Seed_walkthrough_pvc0001_shows_Bound_to_the_vsphereVolume_pv0001_the_controller_bound()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "live-seed");

        // vsphere-volume-pv.yaml and vsphere-volume-pvc.yaml; a class name of the test's own keeps other tests' claims away.
        var pv = scratch.Name("pv0001");
        scratch.Owns(Resources.PersistentVolume, pv);
        await NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest { Session = scratch.Session, Name = pv, Capacity = "2Gi", AccessModes = new[] { "ReadWriteOnce" }, ReclaimPolicy = "Retain", VolumePath = "[datastore1] volumes/myDisk", FsType = "ext4", StorageClassName = scratch.Name("static") }, scratch.Host, CancellationToken.None);
        var claim = await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "pvc0001", Namespace = scratch.Namespace, Capacity = "2Gi", AccessModes = new[] { "ReadWriteOnce" }, StorageClassName = scratch.Name("static"), Wait = true }, scratch.Host, CancellationToken.None);

        var result = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(scratch.Session), Namespace = scratch.Namespace }, scratch.Host, CancellationToken.None);

        Assert.Equal(("Bound", pv), (claim!.Status, claim.Volume)); // the real controller bound them
        var shown = Assert.Single(result.Plan.Claims);
        Assert.Equal(($"{scratch.Namespace}/pvc0001", ClaimPhase.Bound, pv, "2Gi", false, ReasonCode.Bound), (shown.Claim, shown.Phase, shown.Volume, shown.Capacity, shown.NewBinding, shown.ReasonCode));
        Assert.Null(shown.LastEvent); // a bound claim's events are history
        Assert.Null(result.InputFailure);
    }

    [SkippableFact]
    public async Task A_Pending_claim_of_a_vSphere_CSI_class_shows_ExternalProvisioning_and_the_event_the_controller_recorded()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "live-csi");
        var sc = scratch.Name("vsphere-sc");
        scratch.Owns(Resources.StorageClass, sc);
        await NewK8sStorageClass.RunAsync(new NewK8sStorageClassRequest { Session = scratch.Session, Name = sc, StoragePolicyName = "vSAN Default Storage Policy" }, scratch.Host, CancellationToken.None);
        await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "vsphere-pvc", Namespace = scratch.Namespace, Capacity = "5Gi", StorageClassName = sc }, scratch.Host, CancellationToken.None);
        var observed = await scratch.WaitForEventAsync("vsphere-pvc");

        var result = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(scratch.Session), Namespace = scratch.Namespace }, scratch.Host, CancellationToken.None);

        var pending = Assert.Single(result.Plan.Claims);
        Assert.Equal((ClaimPhase.Pending, (string?)null, ReasonCode.ExternalProvisioning, "csi.vsphere.vmware.com"), (pending.Phase, pending.Volume, pending.ReasonCode, pending.Provisioner));
        Assert.StartsWith("waiting for provisioner csi.vsphere.vmware.com", pending.Reason, StringComparison.Ordinal);
        Assert.Equal(V120ExternalProvisioning, observed);
        Assert.Equal(observed, pending.LastEvent); // what the cluster recorded
        Assert.Equal(observed, pending.Event); // what the plan, following v1.20, predicts: the same words
        Assert.DoesNotContain("last event", pending.Reason, StringComparison.Ordinal); // Reason stays the engine's own
    }

    /// <summary>-Namespace and -Name over two namespaces holding db-1, db-2, web and db-1, cache: {a} and {b} stand for them.</summary>
    public static TheoryData<string, string?, string[], string[]> Filters => new()
    {
        { "namespace only", "{a}", Array.Empty<string>(), new[] { "{a}/db-1", "{a}/db-2", "{a}/web" } },
        { "the other namespace", "{b}", Array.Empty<string>(), new[] { "{b}/cache", "{b}/db-1" } },
        { "star wildcard", "{a}", new[] { "db-*" }, new[] { "{a}/db-1", "{a}/db-2" } },
        { "question mark wildcard", "{a}", new[] { "db-?" }, new[] { "{a}/db-1", "{a}/db-2" } },
        { "character range", "{a}", new[] { "[v-x]eb" }, new[] { "{a}/web" } },
        { "several names", "{a}", new[] { "web", "db-2" }, new[] { "{a}/db-2", "{a}/web" } },
        { "name that matches nothing", "{a}", new[] { "nothing-*" }, Array.Empty<string>() },
        { "name across namespaces", null, new[] { "db-1" }, new[] { "{a}/db-1", "{b}/db-1" } },
    };

    [SkippableTheory]
    [MemberData(nameof(Filters))]
    public async Task Namespace_and_Name_with_wildcards_choose_the_claims_shown(string name, string? ns, string[] names, string[] expected)
    {
        cluster.Require();
        await using var a = await Scratch.CreateAsync(cluster, "filter-a");
        await using var b = await Scratch.CreateAsync(cluster, "filter-b");
        foreach (var (scratch, claim) in new[] { (a, "db-1"), (a, "db-2"), (a, "web"), (b, "db-1"), (b, "cache") })
        {
            await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = claim, Namespace = scratch.Namespace, Capacity = "1Gi", StorageClassName = scratch.Name("none") }, scratch.Host, CancellationToken.None);
        }

        string Expand(string text) => text.Replace("{a}", a.Namespace, StringComparison.Ordinal).Replace("{b}", b.Namespace, StringComparison.Ordinal);

        var result = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(a.Session), Namespace = ns is null ? null : Expand(ns), Names = names }, a.Host, CancellationToken.None);

        var ours = result.Plan.Claims.Where(c => c.Namespace == a.Namespace || c.Namespace == b.Namespace).Select(c => c.Claim).Order(StringComparer.Ordinal);
        Assert.True(expected.Select(Expand).SequenceEqual(ours), $"{name}: shown {string.Join(", ", ours)}");
        Assert.True(ns is null || result.Plan.Claims.All(c => c.Namespace == Expand(ns)), $"{name}: a claim of another namespace was shown");
        Assert.True(names.Length == 0 || result.Plan.Claims.All(c => names.Any(n => NameMatches(n, c.Name))), $"{name}: a claim of another name was shown");
    }

    [SkippableFact]
    public async Task Plans_for_the_servers_release_and_says_so_in_a_warning_when_it_is_older_than_current()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "release");
        var version = await OneCsiClaimOnV120Async(scratch);
        var host = new RecordingHost();

        var result = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(scratch.Session), Namespace = scratch.Namespace }, host, CancellationToken.None);

        var said = Assert.Single(host.Warnings, m => m.StartsWith("The cluster runs Kubernetes", StringComparison.Ordinal));
        Assert.Equal($"The cluster runs Kubernetes {version}; the plan follows the PV controller of Kubernetes 1.20, whose behaviour and event texts differ from current Kubernetes.", said);
        Assert.Equal(V120ExternalProvisioning, Assert.Single(result.Plan.Claims).Event); // the v1.20 wording, not current Kubernetes' (1.28 reworded it)
    }

    [SkippableFact]
    public async Task KubernetesVersion_overrides_the_servers_release_and_says_so()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "asked");
        var version = await OneCsiClaimOnV120Async(scratch);
        var host = new RecordingHost();

        var result = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(scratch.Session), Namespace = scratch.Namespace, KubernetesVersion = "1.32" }, host, CancellationToken.None);

        var said = Assert.Single(host.Warnings, m => m.StartsWith("The cluster runs Kubernetes", StringComparison.Ordinal));
        Assert.Equal($"The cluster runs Kubernetes {version}; the plan follows Kubernetes 1.32, as -KubernetesVersion asks.", said);
        Assert.StartsWith("Waiting for a volume to be created either by the external provisioner", Assert.Single(result.Plan.Claims).Event!.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Reads_every_page_of_each_kind_with_one_paginated_list_per_kind()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "paged");
        const int Pairs = 7;
        const int PageSize = 3;
        var cls = scratch.Name("paged");
        for (var i = 0; i < Pairs; i++)
        {
            var volume = scratch.Name($"v{i}");
            scratch.Owns(Resources.PersistentVolume, volume);
            await NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest { Session = scratch.Session, Name = volume, Capacity = "1Gi", StorageClassName = cls, HostPath = "/tmp/" + volume }, scratch.Host, CancellationToken.None);
            await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = $"c{i}", Namespace = scratch.Namespace, Capacity = "1Gi", StorageClassName = cls }, scratch.Host, CancellationToken.None);
        }

        var host = new RecordingHost();
        var result = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(scratch.Session) { PageSize = PageSize }, Namespace = scratch.Namespace }, host, CancellationToken.None);

        // Objects from every page are planned: each claim has one of the test's volumes (bound already, or in the plan).
        Assert.Equal(Pairs, result.Plan.Claims.Count);
        Assert.All(result.Plan.Claims, c => Assert.Equal((ClaimPhase.Bound, true), (c.Phase, c.Volume?.StartsWith(scratch.Name("v"), StringComparison.Ordinal) == true)));
        Assert.Equal(Pairs, result.Plan.Claims.Select(c => c.Volume).Distinct().Count());

        var read = Assert.Single(host.Verbose, v => v.StartsWith("read ", StringComparison.Ordinal) && v.Contains(" PersistentVolumes (", StringComparison.Ordinal));
        var kinds = Regex.Matches(read, @"(\d+) (PersistentVolumes|PersistentVolumeClaims|StorageClasses|Nodes) \((\d+) pages?\)");
        Assert.Equal(4, kinds.Count);
        foreach (Match kind in kinds)
        {
            var (items, pages) = (int.Parse(kind.Groups[1].Value), int.Parse(kind.Groups[3].Value));
            Assert.True(pages == Math.Max(1, (items + PageSize - 1) / PageSize), $"{kind.Groups[2].Value}: {items} items in {pages} pages of {PageSize}: {read}");
        }

        Assert.True(int.Parse(kinds[0].Groups[3].Value) >= 3 && int.Parse(kinds[1].Groups[3].Value) >= 3, "the page size must force several continue pages: " + read);
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

        // Both reads must see the same cluster: wait until the controller has done what it does.
        await scratch.SettledClaimsAsync(TimeSpan.FromSeconds(5));
        var (exit, yaml, error) = await cluster.KubectlAsync(null, "get", "pv,pvc,storageclass,nodes", "--all-namespaces", "-o", "yaml");
        Assert.True(exit == 0, error);
        var manifest = Path.Combine(cluster.Directory, scratch.Prefix + ".yaml");
        File.WriteAllText(manifest, yaml);
        var version = await scratch.Api.GetServerVersionAsync(CancellationToken.None);

        var live = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(scratch.Session), Namespace = scratch.Namespace }, scratch.Host, CancellationToken.None);
        var offlineSnapshot = await ClusterSourceSpec.Manifests(new[] { manifest }).Open().ReadAsync(scratch.Host, CancellationToken.None);
        var offline = GetPvcBinding.Plan(offlineSnapshot, new GetPvcBindingRequest { Source = ClusterSourceSpec.Manifests(new[] { manifest }) }, new Version(version.Major, version.Minor));

        var fromServer = live.Plan.Claims.Select(c => (c.Claim, c.Phase, c.Volume, c.ReasonCode, c.Reason, c.Event)).ToList();
        var fromYaml = offline.Claims.Where(c => c.Namespace == scratch.Namespace).Select(c => (c.Claim, c.Phase, c.Volume, c.ReasonCode, c.Reason, c.Event)).ToList();
        Assert.Equal(5, fromServer.Count);
        Assert.Equal(fromYaml, fromServer);
    }

    private static bool NameMatches(string pattern, string name) =>
        Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal).Replace(@"\[", "[", StringComparison.Ordinal) + "$");

    /// <summary>One Pending claim "c" of a vSphere CSI class in the scratch namespace; skips where the server is not the v1.20 peer.</summary>
    private static async Task<KubernetesServerVersion> OneCsiClaimOnV120Async(Scratch scratch)
    {
        var version = await scratch.Api.GetServerVersionAsync(CancellationToken.None);
        Skip.If(version.Major != 1 || version.Minor != 20, $"this test meets the v1.20 control plane tests/peers/install-kube.sh builds; the server runs {version}");
        var sc = scratch.Name("vsphere-sc");
        scratch.Owns(Resources.StorageClass, sc);
        await NewK8sStorageClass.RunAsync(new NewK8sStorageClassRequest { Session = scratch.Session, Name = sc }, scratch.Host, CancellationToken.None);
        await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "c", Namespace = scratch.Namespace, Capacity = "1Gi", StorageClassName = sc }, scratch.Host, CancellationToken.None);
        return version;
    }
}
