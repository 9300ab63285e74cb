using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.TestSupport.Peers;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using Xunit;

namespace VsphereK8sStorage.KubeApiserver.Tests.Operations;

/// <summary>
/// The storage map on the simulator and the real API server together: CNS volumes registered as the CSI driver
/// registers them, VMDKs in a folder, and PersistentVolumes, claims and pods written to the API server, in every
/// state the map names. Then the same map as a page, opened in headless Chromium.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class StorageMapTests
{
    private readonly KubeControlPlane cluster;

    public StorageMapTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task Every_status_on_a_mix_of_in_use_bound_released_orphaned_and_missing_disks_and_the_page_agrees()
    {
        cluster.Require();
        using var vcsim = VcsimPeer.Start();
        await using var scratch = await Scratch.CreateAsync(cluster, "map");
        using var vsphere = await VsphereConnection.ConnectAsync(new VsphereConnectOptions { Server = vcsim.Server, Credential = new NetworkCredential("user", "pass"), Thumbprint = VcsimServer.Thumbprint }, SilentHost.Instance, CancellationToken.None);
        var id = scratch.Name("cluster");
        var ns = scratch.Namespace;

        var inUse = await CnsAsync(vsphere, id, scratch.Name("pv-inuse"));
        var bound = await CnsAsync(vsphere, id, scratch.Name("pv-bound"));
        var released = await CnsAsync(vsphere, id, scratch.Name("pv-released"));
        var orphan = await CnsAsync(vsphere, id, "pvc-deleted-long-ago", 3072);
        var foreign = await CnsAsync(vsphere, "another-cluster", "pvc-of-another-cluster");
        var folder = $"[LocalDS_0] {scratch.Prefix}-kv";
        await NewVsphereVmdk.RunAsync(new NewVsphereVmdkRequest { Connection = vsphere, Disks = new[] { new VmdkSpec { Path = $"{folder}/used.vmdk", Capacity = "1Gi" }, new VmdkSpec { Path = $"{folder}/left.vmdk", Capacity = "1Gi" } } }, SilentHost.Instance, CancellationToken.None);

        await PvAsync(scratch, "pv-inuse", csi: inUse, claim: "c-inuse");
        await PvAsync(scratch, "pv-bound", csi: bound, claim: "c-bound");
        await PvAsync(scratch, "pv-released", csi: released, claim: "c-deleted", createClaim: false);
        await PvAsync(scratch, "pv-missing", csi: "00000000-0000-0000-0000-00000000dead", claim: "c-missing");
        await PvAsync(scratch, "pv-intree", path: $"{folder}/used.vmdk", claim: "c-intree");
        await PvAsync(scratch, "pv-intree-missing", path: $"{folder}/gone.vmdk");
        await PodAsync(scratch, "web-0", "c-inuse");
        await PodAsync(scratch, "db-0", "c-missing");

        var host = new VsphereK8sStorage.Tests.TestSupport.RecordingHost();
        var map = await GetVsphereK8sStorageMap.RunAsync(new GetStorageMapRequest { Connection = vsphere, Session = scratch.Session, ClusterId = id, Folders = new[] { folder } }, host, CancellationToken.None);

        var mine = map.Rows.Where(r => r.Pv?.StartsWith(scratch.Prefix, StringComparison.Ordinal) == true || r.Pv is null).ToList();
        string Key(StorageMapRow r) => r.Pv ?? r.VolumeId ?? r.Path!;
        var expected = new Dictionary<string, (StorageMapStatus, string?, string)>
        {
            [scratch.Name("pv-inuse")] = (StorageMapStatus.InUse, $"{ns}/c-inuse", $"{ns}/web-0"),
            [scratch.Name("pv-bound")] = (StorageMapStatus.Bound, $"{ns}/c-bound", string.Empty),
            [scratch.Name("pv-released")] = (StorageMapStatus.Released, $"{ns}/c-deleted", string.Empty),
            [scratch.Name("pv-missing")] = (StorageMapStatus.MissingDisk, $"{ns}/c-missing", $"{ns}/db-0"),
            [scratch.Name("pv-intree")] = (StorageMapStatus.Bound, $"{ns}/c-intree", string.Empty),
            [scratch.Name("pv-intree-missing")] = (StorageMapStatus.MissingDisk, null, string.Empty),
            [orphan] = (StorageMapStatus.OrphanDisk, null, string.Empty),
            [foreign] = (StorageMapStatus.UnknownOwner, null, string.Empty),
            [$"{folder}/left.vmdk"] = (StorageMapStatus.OrphanDisk, null, string.Empty),
        };
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value)), mine.OrderBy(Key, StringComparer.Ordinal).Select(r => (Key(r), (r.Status, r.Claim, string.Join(",", r.Pods)))));
        Assert.Equal(("3Gi", 3L << 30, "LocalDS_0"), (mine.Single(r => r.VolumeId == orphan).Capacity, mine.Single(r => r.VolumeId == orphan).CapacityBytes, mine.Single(r => r.VolumeId == orphan).Datastore));
        Assert.Equal(3, map.KubernetesLists);
        Assert.Empty(host.Errors);

        // The page: its numbers are the map's, its filters and sorting work in a real browser, and it holds no credentials.
        var page = Path.Combine(Path.GetTempPath(), $"{scratch.Prefix}-map.html");
        try
        {
            using (var writer = new StreamWriter(page))
            {
                StorageMapPage.Write(writer, map.Rows, map.Datastores, id, vsphere.Name, DateTimeOffset.UtcNow);
            }

            var html = File.ReadAllText(page);
            Assert.DoesNotContain("pass", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(KubeControlPlane.AdminToken, html);

            var all = Chromium.DumpDom(page);
            Assert.Equal(map.Rows.Count.ToString(), Text(all, "id=\"total\""));
            Assert.Equal(map.Rows.Count.ToString(), Text(all, "id=\"shown\""));
            Assert.Equal(map.Rows.Count, VisibleRows(all).Count);
            foreach (StorageMapDatastore ds in map.Datastores)
            {
                var line = Regex.Match(all, $"<tr data-datastore=\"{Regex.Escape(ds.Name)}\">(.*?)</tr>").Groups[1].Value;
                Assert.Contains($"data-bytes=\"{ds.CapacityBytes}\"", line);
                Assert.Contains($"data-bytes=\"{ds.FreeSpaceBytes}\"", line);
                Assert.Contains($"<td class=\"volumes\">{map.Rows.Count(r => r.Datastore == ds.Name)}</td>", line);
            }

            var orphans = Chromium.DumpDom(page, "status=OrphanDisk");
            Assert.Equal(map.Rows.Count(r => r.Status == StorageMapStatus.OrphanDisk), VisibleRows(orphans).Count);
            Assert.All(VisibleRows(orphans), r => Assert.Contains("data-status=\"OrphanDisk\"", r));

            var sorted = Chromium.DumpDom(page, $"q={scratch.Prefix}&sort=capacity-desc");
            Assert.Equal(mine.Count, VisibleRows(sorted).Count); // every row of this test names the prefix: in its PV, its path or its cluster id
            foreach (var section in sorted.Split("<section class=\"datastore\"").Skip(1))
            {
                var sizes = VisibleRows(section).Select(r => long.Parse(Regex.Match(r, "data-bytes=\"(\\d+)\"").Groups[1].Value)).ToList();
                Assert.Equal(sizes.OrderByDescending(s => s), sizes);
            }

            Assert.Contains(3L << 30, VisibleRows(sorted.Split("data-datastore=\"LocalDS_0\"><h2>")[1]).Take(1).Select(r => long.Parse(Regex.Match(r, "data-bytes=\"(\\d+)\"").Groups[1].Value)));
        }
        finally
        {
            File.Delete(page);
        }
    }

    private static List<string> VisibleRows(string dom) =>
        Regex.Matches(dom, "<tr class=\"[a-z]+\" data-status=\"[A-Za-z]+\"( hidden=\"\")?>.*?</tr>").Where(m => !m.Groups[1].Success).Select(m => m.Value).ToList();

    private static string Text(string dom, string attribute) => Regex.Match(dom, $"<span {Regex.Escape(attribute)}[^>]*>([^<]*)</span>").Groups[1].Value;

    private static async Task<string> CnsAsync(VsphereConnection connection, string clusterId, string pv, long mb = 1024)
    {
        var index = await DatastoreReader.ReadAsync(connection, CancellationToken.None);
        var ds = index.OfType("Datastore").Single(d => index.NameOf(d.Obj) == "LocalDS_0").Obj;
        var entities = new[] { new CnsEntitySpec("PERSISTENT_VOLUME", pv, null, clusterId, Array.Empty<(string, string, string?)>()) };
        var task = await CnsMethods.CreateVolumeAsync(connection.Soap, new[] { new CnsCreateSpec(pv, ds, mb, clusterId, connection.User, entities) }, CancellationToken.None);
        var result = await TaskWaiter.WaitAsync(connection, task, "CnsCreateVolume", CancellationToken.None);
        return result!.Descendants().First(e => e.Name.LocalName == "id").Value;
    }

    /// <summary>A PersistentVolume pre-bound to a claim in the scratch namespace, and that claim naming it (bound both ways at once).</summary>
    private static async Task PvAsync(Scratch scratch, string name, string? csi = null, string? path = null, string? claim = null, bool createClaim = true)
    {
        var pvName = scratch.Name(name);
        var pv = new V1PersistentVolume
        {
            Metadata = new V1ObjectMeta { Name = pvName },
            Spec = new V1PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") },
                AccessModes = new[] { "ReadWriteOnce" },
                StorageClassName = string.Empty,
                PersistentVolumeReclaimPolicy = "Retain",
                Csi = csi is null ? null : new V1CSIPersistentVolumeSource { Driver = "csi.vsphere.vmware.com", VolumeHandle = csi },
                VsphereVolume = path is null ? null : new V1VsphereVirtualDiskVolumeSource { VolumePath = path },
                ClaimRef = claim is null ? null : new V1ObjectReference { NamespaceProperty = scratch.Namespace, Name = claim },
            },
        };
        await scratch.Client.CoreV1.CreatePersistentVolumeAsync(pv);
        scratch.Owns(Resources.PersistentVolume, pvName);
        if (claim is not null && createClaim)
        {
            await scratch.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(
                new V1PersistentVolumeClaim
                {
                    Metadata = new V1ObjectMeta { Name = claim },
                    Spec = new V1PersistentVolumeClaimSpec
                    {
                        AccessModes = new[] { "ReadWriteOnce" },
                        StorageClassName = string.Empty,
                        VolumeName = pvName,
                        Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } },
                    },
                },
                scratch.Namespace);
        }
    }

    private static Task PodAsync(Scratch scratch, string name, string claim) =>
        scratch.Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1PodSpec
                {
                    Containers = new[] { new V1Container { Name = "app", Image = "registry.invalid/app:1" } },
                    Volumes = new[] { new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } } },
                },
            },
            scratch.Namespace);
}
