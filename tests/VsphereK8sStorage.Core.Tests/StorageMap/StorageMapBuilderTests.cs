using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VsphereK8sStorage.StorageMap;
using Xunit;

namespace VsphereK8sStorage.Tests.StorageMap;

/// <summary>The join of disks and PersistentVolumes, one named case per status and per ownership rule.</summary>
public sealed class StorageMapBuilderTests
{
    private const string Cluster = "prod-1";

    private static MapDisk Cns(string id, string cluster = Cluster, long mb = 1024) =>
        new() { Kind = "Cns", VolumeId = id, Datastore = "ds1", CapacityBytes = mb << 20, ClusterIds = new[] { cluster } };

    private static MapDisk Vmdk(string path, bool given = false, params string[] vms) =>
        new() { Kind = "Vmdk", Path = path, Datastore = "ds1", CapacityBytes = 2L << 30, InGivenFolder = given, AttachedTo = vms };

    private static MapVolume Csi(string name, string handle, string? claim = null) => new(name, handle, null, claim, null, 1L << 30);

    private static MapVolume InTree(string name, string path, string? claim = null) => new(name, null, path, claim, null, 1L << 30);

    private static readonly Dictionary<string, (MapDisk[] Disks, MapVolume[] Volumes, MapClaim[] Claims, MapPod[] Pods, (StorageMapStatus Status, string Key, string[] Pods)[] Expected)> Cases = new(StringComparer.Ordinal)
    {
        ["a claim a pod uses is InUse"] = (new[] { Cns("v1") }, new[] { Csi("pv1", "v1", "ns/c1") }, new[] { new MapClaim("ns/c1", "pv1") }, new[] { new MapPod("ns/web-0", new[] { "ns/c1" }) }, new[] { (StorageMapStatus.InUse, "pv1", new[] { "ns/web-0" }) }),
        ["a bound claim no pod uses is Bound"] = (new[] { Cns("v1") }, new[] { Csi("pv1", "v1", "ns/c1") }, new[] { new MapClaim("ns/c1", "pv1") }, Array.Empty<MapPod>(), new[] { (StorageMapStatus.Bound, "pv1", Array.Empty<string>()) }),
        ["a volume without a claimRef is Available"] = (new[] { Cns("v1") }, new[] { Csi("pv1", "v1") }, Array.Empty<MapClaim>(), Array.Empty<MapPod>(), new[] { (StorageMapStatus.Available, "pv1", Array.Empty<string>()) }),
        ["a claimRef to a deleted claim is Released"] = (new[] { Cns("v1") }, new[] { Csi("pv1", "v1", "ns/gone") }, Array.Empty<MapClaim>(), new[] { new MapPod("ns/p", new[] { "ns/gone" }) }, new[] { (StorageMapStatus.Released, "pv1", Array.Empty<string>()) }),
        ["a claim of that name bound elsewhere leaves the volume Released"] = (new[] { Cns("v1") }, new[] { Csi("pv1", "v1", "ns/c1") }, new[] { new MapClaim("ns/c1", "pv2") }, Array.Empty<MapPod>(), new[] { (StorageMapStatus.Released, "pv1", Array.Empty<string>()) }),
        ["a handle that is no disk is MissingDisk with the pods that fail"] = (Array.Empty<MapDisk>(), new[] { Csi("pv1", "gone-id", "ns/c1") }, new[] { new MapClaim("ns/c1", "pv1") }, new[] { new MapPod("ns/db-0", new[] { "ns/c1" }) }, new[] { (StorageMapStatus.MissingDisk, "pv1", new[] { "ns/db-0" }) }),
        ["a volumePath that is no file is MissingDisk"] = (new[] { Vmdk("[ds1] kubevols/other.vmdk") }, new[] { InTree("pv1", "[ds1] kubevols/gone.vmdk") }, Array.Empty<MapClaim>(), Array.Empty<MapPod>(), new[] { (StorageMapStatus.MissingDisk, "pv1", Array.Empty<string>()), (StorageMapStatus.UnknownOwner, "[ds1] kubevols/other.vmdk", Array.Empty<string>()) }),
        ["a volumePath matches its file with other spacing"] = (new[] { Vmdk("[ds1] kubevols/a.vmdk") }, new[] { InTree("pv1", "  [ds1]   kubevols/a.vmdk") }, Array.Empty<MapClaim>(), Array.Empty<MapPod>(), new[] { (StorageMapStatus.Available, "pv1", Array.Empty<string>()) }),
        ["a CNS volume of this cluster with no PV is OrphanDisk"] = (new[] { Cns("v1") }, Array.Empty<MapVolume>(), Array.Empty<MapClaim>(), Array.Empty<MapPod>(), new[] { (StorageMapStatus.OrphanDisk, "v1", Array.Empty<string>()) }),
        ["another cluster's CNS volume is UnknownOwner, never an orphan"] = (new[] { Cns("v1", "prod-2") }, Array.Empty<MapVolume>(), Array.Empty<MapClaim>(), Array.Empty<MapPod>(), new[] { (StorageMapStatus.UnknownOwner, "v1", Array.Empty<string>()) }),
        ["a cluster id differing only in case is another cluster"] = (new[] { Cns("v1", "PROD-1") }, Array.Empty<MapVolume>(), Array.Empty<MapClaim>(), Array.Empty<MapPod>(), new[] { (StorageMapStatus.UnknownOwner, "v1", Array.Empty<string>()) }),
        ["a VMDK in the folder given is OrphanDisk"] = (new[] { Vmdk("[ds1] kv/a.vmdk", given: true) }, Array.Empty<MapVolume>(), Array.Empty<MapClaim>(), Array.Empty<MapPod>(), new[] { (StorageMapStatus.OrphanDisk, "[ds1] kv/a.vmdk", Array.Empty<string>()) }),
        ["a VMDK in a folder not given is UnknownOwner"] = (new[] { Vmdk("[ds1] kubevols/a.vmdk") }, Array.Empty<MapVolume>(), Array.Empty<MapClaim>(), Array.Empty<MapPod>(), new[] { (StorageMapStatus.UnknownOwner, "[ds1] kubevols/a.vmdk", Array.Empty<string>()) }),
        ["an unreferenced disk attached to a VM is UnknownOwner even in the folder given"] = (new[] { Vmdk("[ds1] kv/a.vmdk", true, "node-1") }, Array.Empty<MapVolume>(), Array.Empty<MapClaim>(), Array.Empty<MapPod>(), new[] { (StorageMapStatus.UnknownOwner, "[ds1] kv/a.vmdk", Array.Empty<string>()) }),
        ["PVs of other drivers are not in the map"] = (Array.Empty<MapDisk>(), new[] { new MapVolume("nfs", null, null, "ns/c", null, 1) }, Array.Empty<MapClaim>(), Array.Empty<MapPod>(), Array.Empty<(StorageMapStatus, string, string[])>()),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_volume_gets_its_status(string name)
    {
        var (disks, volumes, claims, pods, expected) = Cases[name];
        var rows = StorageMapBuilder.Build(Cluster, disks, volumes, claims, pods, "vcenter.test");

        Assert.Equal(
            expected.Select(e => (e.Status, e.Key, string.Join(",", e.Pods))).OrderBy(e => e.Key, StringComparer.Ordinal),
            rows.Select(r => (r.Status, r.Pv ?? r.VolumeId ?? r.Path!, string.Join(",", r.Pods))).OrderBy(e => e.Item2, StringComparer.Ordinal));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.Reason)));
    }

    [Fact]
    public void A_missing_disk_says_which_pods_will_fail_to_mount_and_an_orphan_says_how_much_space_it_holds()
    {
        var rows = StorageMapBuilder.Build(Cluster, new[] { Cns("v9", mb: 5120) }, new[] { Csi("pv1", "gone-id", "ns/c1") }, new[] { new MapClaim("ns/c1", "pv1") }, new[] { new MapPod("ns/db-0", new[] { "ns/c1" }) }, "vcenter.test");

        var missing = rows.Single(r => r.Status == StorageMapStatus.MissingDisk);
        var orphan = rows.Single(r => r.Status == StorageMapStatus.OrphanDisk);
        Assert.Equal("PersistentVolume pv1: its volumeHandle gone-id is neither a CNS volume nor a first-class disk on vcenter.test; pods ns/db-0 will fail to mount claim ns/c1", missing.Reason);
        Assert.Equal(("1Gi", "ns/c1"), (missing.Capacity, missing.Claim));
        Assert.Equal(("5Gi", 5L << 30), (orphan.Capacity, orphan.CapacityBytes));
    }

    [Fact]
    public void The_page_holds_every_row_encoded_and_fetches_nothing()
    {
        var rows = StorageMapBuilder.Build(Cluster, new[] { Cns("v1"), Vmdk("[ds1] kv/<script>alert(1)</script>.vmdk", true) }, new[] { Csi("pv\"1", "v1", "ns/c1") }, new[] { new MapClaim("ns/c1", "pv\"1") }, Array.Empty<MapPod>(), "vcenter.test");
        var writer = new StringWriter();

        StorageMapPage.Write(writer, rows, new[] { new StorageMapDatastore { Name = "ds1", CapacityBytes = 10L << 30, FreeSpaceBytes = 4L << 30 } }, Cluster, "vcenter.test", DateTimeOffset.UnixEpoch);

        var html = writer.ToString();
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("default-src 'none'", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "<tr class=\"[a-z]+\" data-status=").Count);
    }
}
