using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.Vsphere;
using Xunit;

namespace VsphereK8sStorage.Tests.StorageMap;

/// <summary>When a delete refuses a disk, one named case per rule, and what its message says.</summary>
public sealed class DiskRemovalRulesTests
{
    private const string Cluster = "prod-1";

    private static readonly RemovalContext Read = new(Cluster, new[]
    {
        new MapVolume("pv-csi", "v-used", null, "ns/data-0", "Bound", 0),
        new MapVolume("pv-other-driver", "v-nfs-handle", null, null, "Available", 0),
        new MapVolume("pv-intree", null, "  [ds1]   kubevols/used.vmdk", "ns/web", "Bound", 0),
    }, null, "https://127.0.0.1:6443");

    private static RemovalCandidate Cns(string id, params string[] clusters) =>
        new() { Kind = "Cns", Display = $"CNS volume {id}", VolumeId = id, ClusterIds = clusters, CnsPv = "pvc-1", CnsClaim = "ns/c" };

    private static RemovalCandidate Fcd(string id, params string[] vms) =>
        new() { Kind = "Fcd", Display = $"first-class disk {id}", VolumeId = id, Path = $"[ds1] fcd/{id}.vmdk", AttachedTo = vms };

    private static RemovalCandidate Vmdk(string path, string? backs = null, params string[] vms) =>
        new() { Kind = "Vmdk", Display = $"virtual disk {path}", Path = path, BacksFcd = backs, AttachedTo = vms };

    private static readonly Dictionary<string, (RemovalCandidate Disk, RemovalContext Context, DiskRemovalRefusal[] Expected)> Cases = new(StringComparer.Ordinal)
    {
        ["an orphan CNS volume of this cluster goes"] = (Cns("v-orphan", Cluster), Read, Array.Empty<DiskRemovalRefusal>()),
        ["a first-class disk nothing uses goes"] = (Fcd("v-free"), Read, Array.Empty<DiskRemovalRefusal>()),
        ["a VMDK nothing uses goes"] = (Vmdk("[ds1] kubevols/left.vmdk"), Read, Array.Empty<DiskRemovalRefusal>()),
        ["a CSI PV's volumeHandle keeps its disk"] = (Cns("v-used", Cluster), Read, new[] { DiskRemovalRefusal.ReferencedByPersistentVolume }),
        ["a handle compares without case"] = (Fcd("V-USED"), Read, new[] { DiskRemovalRefusal.ReferencedByPersistentVolume }),
        ["any CSI driver's handle keeps the disk"] = (Fcd("v-nfs-handle"), Read, new[] { DiskRemovalRefusal.ReferencedByPersistentVolume }),
        ["an in-tree volumePath with other spacing keeps its file"] = (Vmdk("[ds1] kubevols/used.vmdk"), Read, new[] { DiskRemovalRefusal.ReferencedByPersistentVolume }),
        ["a disk attached to a VM stays"] = (Fcd("v-free", "node-1"), Read, new[] { DiskRemovalRefusal.AttachedToVm }),
        ["another cluster's CNS volume stays"] = (Cns("v-orphan", "prod-2"), Read, new[] { DiskRemovalRefusal.OwnedByCluster }),
        ["a cluster id differing in case is another cluster"] = (Cns("v-orphan", "PROD-1"), Read, new[] { DiskRemovalRefusal.OwnedByCluster }),
        ["a volume shared with another cluster stays"] = (Cns("v-orphan", Cluster, "prod-2"), Read, new[] { DiskRemovalRefusal.OwnedByCluster }),
        ["without a cluster id any CNS owner stays"] = (Cns("v-orphan", Cluster), Read with { ClusterId = null }, new[] { DiskRemovalRefusal.OwnedByCluster }),
        ["without a cluster id a disk CNS does not know goes"] = (Fcd("v-free"), Read with { ClusterId = null }, Array.Empty<DiskRemovalRefusal>()),
        ["a cluster not read keeps every disk"] = (Fcd("v-free"), new RemovalContext(Cluster, null, "no cluster was given", "no cluster"), new[] { DiskRemovalRefusal.KubernetesNotRead }),
        ["the file under a first-class disk stays"] = (Vmdk("[ds1] fcd/abc.vmdk", backs: "abc"), Read, new[] { DiskRemovalRefusal.BacksFirstClassDisk }),
        ["every reason is reported, the most serious first"] = (Fcd("v-used", "node-1"), Read, new[] { DiskRemovalRefusal.ReferencedByPersistentVolume, DiskRemovalRefusal.AttachedToVm }),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_rule_keeps_the_disks_it_protects(string name)
    {
        var (disk, context, expected) = Cases[name];
        Assert.Equal(expected, DiskRemovalRules.Check(disk, context).Select(f => f.Code));
    }

    [Fact]
    public void The_refusal_names_the_disk_what_uses_it_and_the_fix_and_only_forcible_ones_offer_force()
    {
        var used = Fcd("v-used", "node-1");
        var message = Param.Render(DiskRemovalRules.Refusal(used, DiskRemovalRules.Check(used, Read)), ParameterSyntax.PowerShell);
        Assert.Equal(
            "The first-class disk v-used was not deleted: the PersistentVolume pv-csi (claim ns/data-0, Bound) on https://127.0.0.1:6443 uses it; it is attached to the VM node-1. "
            + "To delete it, delete the PersistentVolume first once nothing needs its data (kubectl delete pv pv-csi); or pass -Force to delete it anyway.",
            message);

        var file = Vmdk("[ds1] fcd/abc.vmdk", backs: "abc");
        var findings = DiskRemovalRules.Check(file, Read);
        Assert.False(findings.Single().Forcible);
        Assert.Equal(
            "The virtual disk [ds1] fcd/abc.vmdk was not deleted: it is the backing file of the first-class disk abc, and deleting the file would leave that disk's catalog entry pointing at nothing. To delete it, delete the disk instead: Remove-VsphereFcd -Id abc.",
            Param.Render(DiskRemovalRules.Refusal(file, findings), ParameterSyntax.PowerShell));

        var foreign = Cns("v-orphan", "prod-2");
        Assert.Contains("names the cluster 'prod-2' (PersistentVolume pvc-1, claim ns/c), not this cluster ('prod-1')", DiskRemovalRules.Refusal(foreign, DiskRemovalRules.Check(foreign, Read)), StringComparison.Ordinal);
        Assert.Contains("--cluster-id", Param.Render(DiskRemovalRules.Refusal(foreign, DiskRemovalRules.Check(foreign, Read with { ClusterId = null })), ParameterSyntax.Cli), StringComparison.Ordinal);
    }
}
