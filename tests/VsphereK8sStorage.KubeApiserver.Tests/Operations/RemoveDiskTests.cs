using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using k8s.Models;
using VsphereK8sStorage.Errors;
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
/// Remove-VsphereFcd and Remove-VsphereVmdk on the simulator and the real API server: a mix of disks that may go and
/// disks something uses (a PersistentVolume, a VM, another cluster, a first-class disk above a file), fed from the
/// storage map's orphan rows as the pipeline feeds them; govc-lite, govmomi's own client, checks from outside what
/// is left on the simulator.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class RemoveDiskTests
{
    private const string Vm = "DC0_H0_VM0";

    private readonly KubeControlPlane cluster;

    public RemoveDiskTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task Orphans_go_and_every_disk_something_uses_stays_with_its_reason()
    {
        cluster.Require();
        using var vcsim = VcsimPeer.Start();
        await using var scratch = await Scratch.CreateAsync(cluster, "rm");
        using var vsphere = await VsphereConnection.ConnectAsync(new VsphereConnectOptions { Server = vcsim.Server, Credential = new NetworkCredential("user", "pass"), Thumbprint = VcsimServer.Thumbprint }, SilentHost.Instance, CancellationToken.None);
        var id = scratch.Name("cluster");
        var folder = $"[LocalDS_0] {scratch.Prefix}-kv";

        var orphanCns = await CnsAsync(vsphere, id, "pvc-deleted-long-ago", 3072);
        var usedCns = await CnsAsync(vsphere, id, scratch.Name("pv-used"));
        var foreignCns = GovcLite.Run(vcsim, "cns.create", "-ds", "LocalDS_0", "-name", "pvc-of-another-cluster", "-cluster", "another-cluster", "-pv", "pvc-of-another-cluster", "-mb", "1024");
        var fcds = await NewVsphereFcd.RunAsync(new NewVsphereFcdRequest { Connection = vsphere, Disks = new[] { "free", "attached" }.Select(n => new FcdSpec { Name = scratch.Name(n), Capacity = "2Gi", Datastore = "LocalDS_0" }).ToList() }, SilentHost.Instance, CancellationToken.None);
        var free = fcds.Single(f => f.Name.EndsWith("free", StringComparison.Ordinal));
        var attached = fcds.Single(f => f.Name.EndsWith("attached", StringComparison.Ordinal));
        GovcLite.Run(vcsim, "vm.disk.attach", "-vm", Vm, "-ds", "LocalDS_0", "-disk", attached.FilePath.Substring("[LocalDS_0] ".Length));
        await NewVsphereVmdk.RunAsync(new NewVsphereVmdkRequest { Connection = vsphere, Disks = new[] { "left", "used" }.Select(n => new VmdkSpec { Path = $"{folder}/{n}.vmdk", Capacity = "1Gi" }).ToList() }, SilentHost.Instance, CancellationToken.None);
        await PvAsync(scratch, "pv-used", csi: usedCns);
        await PvAsync(scratch, "pv-intree", path: $"{folder}/used.vmdk");

        // The pipeline: the map's orphan rows, as Remove-VsphereFcd and Remove-VsphereVmdk take them.
        var map = await GetVsphereK8sStorageMap.RunAsync(new GetStorageMapRequest { Connection = vsphere, Session = scratch.Session, ClusterId = id, Folders = new[] { folder } }, SilentHost.Instance, CancellationToken.None);
        var orphans = map.Rows.Where(r => r.Status == StorageMapStatus.OrphanDisk).ToList();
        Assert.Equal(new[] { $"{folder}/left.vmdk", orphanCns }.Order(StringComparer.Ordinal), orphans.Select(r => r.VolumeId ?? r.Path!).Order(StringComparer.Ordinal));
        DiskToRemove Row(StorageMapRow r) => new() { Id = r.VolumeId, Path = r.Path, Kind = r.DiskKind, MapStatus = r.Status, Pv = r.Pv, MapClusterId = r.MapClusterId };

        // -WhatIf: each disk that would go with the space it frees, the refusals as errors, nothing deleted. No cluster
        // id is given: the rows carry the one the map was made for.
        var whatIf = new VsphereK8sStorage.Tests.TestSupport.RecordingHost { ShouldProcessAnswer = false };
        var none = await RemoveVsphereFcd.RunAsync(Request(null, vsphere, scratch.Session, orphans.Select(Row).Append(new DiskToRemove { Id = usedCns })), whatIf, CancellationToken.None);
        Assert.Empty(none);
        Assert.Equal(new[] { ($"CNS volume 'pvc-deleted-long-ago' ({orphanCns}) on [LocalDS_0]", "Delete the disk and its data, freeing 3Gi") }, whatIf.ShouldProcessCalls);
        Assert.Equal(new[] { "RemoveVsphereFcdNotAFirstClassDisk", "RemoveDiskReferencedByPersistentVolume" }, whatIf.Errors.Select(e => e.ErrorId));

        // The deletes: one named case per disk, each deleted or refused with its code.
        var cases = new (string Name, bool Files, DiskToRemove Disk, string Expected)[]
        {
            ("an orphan CNS volume of this cluster goes", false, Row(orphans.Single(r => r.VolumeId == orphanCns)), "Cns"),
            ("a first-class disk nothing uses goes", false, new DiskToRemove { Id = free.VolumeHandle }, "Fcd"),
            ("an orphan VMDK in the folder goes", true, Row(orphans.Single(r => r.DiskKind == "Vmdk")), "Vmdk"),
            ("a CNS volume a PV names stays", false, new DiskToRemove { Id = usedCns }, "RemoveDiskReferencedByPersistentVolume"),
            ("another cluster's CNS volume stays", false, new DiskToRemove { Id = foreignCns }, "RemoveDiskOwnedByCluster"),
            ("a first-class disk attached to a VM stays", false, new DiskToRemove { Id = attached.VolumeHandle }, "RemoveDiskAttachedToVm"),
            ("a VMDK an in-tree PV names stays", true, new DiskToRemove { Path = $"{folder}/used.vmdk" }, "RemoveDiskReferencedByPersistentVolume"),
            ("the file under a first-class disk stays", true, new DiskToRemove { Path = attached.FilePath }, "RemoveDiskBacksFirstClassDisk"),
            ("an id that is no disk is not found", false, new DiskToRemove { Id = "00000000-0000-0000-0000-00000000dead" }, "VsphereFcdNotFound"),
            ("a path that is no file is not found", true, new DiskToRemove { Path = $"{folder}/never.vmdk" }, "VsphereVmdkNotFound"),
        };
        foreach (var (name, files, disk, expected) in cases)
        {
            var host = new VsphereK8sStorage.Tests.TestSupport.RecordingHost();
            var request = Request(id, vsphere, scratch.Session, new[] { disk });
            var removed = files ? await RemoveVsphereVmdk.RunAsync(request, host, CancellationToken.None) : await RemoveVsphereFcd.RunAsync(request, host, CancellationToken.None);
            var outcome = removed.SingleOrDefault()?.Kind ?? string.Join(",", host.Errors.Select(e => e.ErrorId));
            Assert.True(expected == outcome, $"{name}: expected {expected}, got {outcome} ({string.Join(" | ", host.Errors.Select(e => e.Message))})");
            Assert.All(host.Errors, e => Assert.Contains(disk.Id ?? disk.Path!, e.Message, StringComparison.Ordinal));
        }

        // A refusal says what uses the disk and how to free it.
        var refused = new VsphereK8sStorage.Tests.TestSupport.RecordingHost();
        await RemoveVsphereFcd.RunAsync(Request(id, vsphere, scratch.Session, new[] { new DiskToRemove { Id = foreignCns } }), refused, CancellationToken.None);
        var error = Assert.IsType<DiskRemovalRefusedException>(Assert.Single(refused.Errors));
        Assert.Equal(DiskRemovalRefusal.OwnedByCluster, error.Refusal);
        Assert.Contains("names the cluster 'another-cluster' (PersistentVolume pvc-of-another-cluster), not this cluster", error.Message, StringComparison.Ordinal);

        // From outside: govmomi's own client sees the free disk gone and the attached one still there.
        var disks = GovcLite.Run(vcsim, "disk.ls", "-ds", "LocalDS_0");
        Assert.DoesNotContain(free.VolumeHandle, disks, StringComparison.Ordinal);
        Assert.Contains(attached.VolumeHandle, disks, StringComparison.Ordinal);
        var listed = GovcLite.Run(vcsim, "datastore.ls", "-ds", "LocalDS_0", $"{scratch.Prefix}-kv");
        Assert.DoesNotContain("left.vmdk", listed, StringComparison.Ordinal);
        Assert.Contains("used.vmdk", listed, StringComparison.Ordinal);
        var cns = (await CnsVolumeReader.QueryAllAsync(vsphere.Soap, new CnsQueryFilterSpec(), vsphere.Name, CancellationToken.None)).Select(v => v.Descendants().First(e => e.Name.LocalName == "id").Value).ToList();
        Assert.DoesNotContain(orphanCns, cns);
        Assert.Contains(usedCns, cns);
        Assert.Contains(foreignCns, cns);

        // No cluster to read: refused; forced, deleted with a warning that says what was not checked and what owned it.
        var unread = new VsphereK8sStorage.Tests.TestSupport.RecordingHost();
        Assert.Empty(await RemoveVsphereFcd.RunAsync(Request(id, vsphere, null, new[] { new DiskToRemove { Id = foreignCns } }), unread, CancellationToken.None));
        Assert.Equal(new[] { DiskRemovalRefusal.OwnedByCluster, DiskRemovalRefusal.KubernetesNotRead }, Assert.IsType<DiskRemovalRefusedException>(Assert.Single(unread.Errors)).Refusals);
        var forced = new VsphereK8sStorage.Tests.TestSupport.RecordingHost();
        var gone = Assert.Single(await RemoveVsphereFcd.RunAsync(Request(id, vsphere, null, new[] { new DiskToRemove { Id = foreignCns } }) with { Force = true }, forced, CancellationToken.None));
        Assert.True(gone.Forced);
        Assert.Empty(forced.Errors);
        Assert.Contains(forced.Warnings, w => w.Contains("names the cluster 'another-cluster'", StringComparison.Ordinal) && w.Contains("-Force", StringComparison.Ordinal));
        Assert.Contains(forced.Warnings, w => w.StartsWith("The cluster's PersistentVolumes could not be read (no cluster was given)", StringComparison.Ordinal));
    }

    private static RemoveVsphereDiskRequest Request(string? clusterId, VsphereConnection vsphere, KubernetesSession? session, IEnumerable<DiskToRemove> disks) =>
        new() { Connection = vsphere, Session = session, ClusterId = clusterId, Disks = disks.ToList() };

    private static async Task<string> CnsAsync(VsphereConnection connection, string clusterId, string pv, long mb = 1024)
    {
        var index = await DatastoreReader.ReadAsync(connection, CancellationToken.None);
        var ds = index.OfType("Datastore").Single(d => index.NameOf(d.Obj) == "LocalDS_0").Obj;
        var entities = new[] { new CnsEntitySpec("PERSISTENT_VOLUME", pv, null, clusterId, Array.Empty<(string, string, string?)>()) };
        var task = await CnsMethods.CreateVolumeAsync(connection.Soap, new[] { new CnsCreateSpec(pv, ds, mb, clusterId, connection.User, entities) }, CancellationToken.None);
        var result = await TaskWaiter.WaitAsync(connection, task, "CnsCreateVolume", CancellationToken.None);
        return result!.Descendants().First(e => e.Name.LocalName == "id").Value;
    }

    /// <summary>An Available PersistentVolume (no claim) on a CSI handle or an in-tree path.</summary>
    private static async Task PvAsync(Scratch scratch, string name, string? csi = null, string? path = null)
    {
        var pvName = scratch.Name(name);
        await scratch.Client.CoreV1.CreatePersistentVolumeAsync(new V1PersistentVolume
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
            },
        });
        scratch.Owns(Resources.PersistentVolume, pvName);
    }
}
