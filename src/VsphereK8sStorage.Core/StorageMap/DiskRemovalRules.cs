using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.StorageMap;

/// <summary>What a delete needs to know about one disk, read from vCenter just before it.</summary>
internal sealed record RemovalCandidate
{
    /// <summary>Cns, Fcd or Vmdk.</summary>
    public required string Kind { get; init; }

    /// <summary>How messages name the disk: "first-class disk 'pv-a' (6f1c…) on [LocalDS_0]".</summary>
    public required string Display { get; init; }

    public string? VolumeId { get; init; }

    /// <summary>The disk's file, normalized (<c>[ds] a/b.vmdk</c>), where known.</summary>
    public string? Path { get; init; }

    public IReadOnlyList<string> AttachedTo { get; init; } = Array.Empty<string>();

    /// <summary>The cluster ids the disk's CNS metadata names (empty when CNS does not know the disk).</summary>
    public IReadOnlyList<string> ClusterIds { get; init; } = Array.Empty<string>();

    /// <summary>The PersistentVolume and claim CNS recorded for the disk, for saying what owns it.</summary>
    public string? CnsPv { get; init; }

    public string? CnsClaim { get; init; }

    /// <summary>For a VMDK file: the first-class disk whose backing file it is.</summary>
    public string? BacksFcd { get; init; }
}

/// <summary>The Kubernetes side as the delete read it: the PersistentVolumes, or why they could not be read.</summary>
internal sealed record RemovalContext(string? ClusterId, IReadOnlyList<MapVolume>? Volumes, string? NotReadWhy, string KubernetesServer);

/// <summary>One reason not to delete a disk, in words, with the way out.</summary>
internal sealed record RemovalFinding(DiskRemovalRefusal Code, string Words, string Fix)
{
    /// <summary>Whether -Force may override it: everything but deleting the file under a first-class disk.</summary>
    public bool Forcible => Code != DiskRemovalRefusal.BacksFirstClassDisk;
}

/// <summary>
/// Decides whether a disk may be deleted. Design: a disk goes only when nothing says it holds data someone uses: no
/// PersistentVolume of the cluster read names it (CSI volumeHandle, any driver, or in-tree volumePath), no VM has it
/// attached, its CNS metadata names no cluster other than the one given, and the cluster's PersistentVolumes were
/// actually read. Every finding is reported, the most serious first; -Force overrides them all except deleting the
/// file under a first-class disk, which would break the disk rather than free it. Pure: no I/O.
/// </summary>
internal static class DiskRemovalRules
{
    public static IReadOnlyList<RemovalFinding> Check(RemovalCandidate disk, RemovalContext context)
    {
        var findings = new List<RemovalFinding>();
        if (disk.BacksFcd is { } fcd)
        {
            findings.Add(new RemovalFinding(
                DiskRemovalRefusal.BacksFirstClassDisk,
                $"it is the backing file of the first-class disk {fcd}, and deleting the file would leave that disk's catalog entry pointing at nothing",
                $"delete the disk instead: {Param.Command("Remove-VsphereFcd")} {Param.Name("Id")} {fcd}"));
        }

        if (context.Volumes is { } volumes)
        {
            foreach (var pv in volumes.Where(v => Names(v, disk)))
            {
                var claim = pv.ClaimRef is null ? "no claim" : $"claim {pv.ClaimRef}";
                findings.Add(new RemovalFinding(
                    DiskRemovalRefusal.ReferencedByPersistentVolume,
                    $"the PersistentVolume {pv.Name} ({claim}{(pv.Phase is null ? string.Empty : $", {pv.Phase}")}) on {context.KubernetesServer} uses it",
                    $"delete the PersistentVolume first once nothing needs its data (kubectl delete pv {pv.Name})"));
            }
        }

        if (disk.AttachedTo.Count > 0)
        {
            findings.Add(new RemovalFinding(
                DiskRemovalRefusal.AttachedToVm,
                $"it is attached to the VM{(disk.AttachedTo.Count > 1 ? "s" : string.Empty)} {string.Join(", ", disk.AttachedTo)}",
                "detach it from the VM first"));
        }

        var others = disk.ClusterIds.Where(id => context.ClusterId is null || !string.Equals(id, context.ClusterId, StringComparison.Ordinal)).ToList();
        if (others.Count > 0)
        {
            var owner = $"cluster{(others.Count > 1 ? "s" : string.Empty)} '{string.Join("', '", others)}'{Recorded(disk)}";
            findings.Add(context.ClusterId is null
                ? new RemovalFinding(
                    DiskRemovalRefusal.OwnedByCluster,
                    $"its CNS metadata names the {owner}, and no cluster id says whether that is the cluster read",
                    $"if it is, give its id with {Param.Name("ClusterId")}; otherwise delete the volume from that cluster (delete its PersistentVolume there)")
                : new RemovalFinding(
                    DiskRemovalRefusal.OwnedByCluster,
                    $"its CNS metadata names the {owner}, not this cluster ('{context.ClusterId}')",
                    "delete the volume from the cluster that owns it (delete its PersistentVolume there)"));
        }

        if (context.Volumes is null)
        {
            findings.Add(new RemovalFinding(
                DiskRemovalRefusal.KubernetesNotRead,
                $"the cluster's PersistentVolumes could not be read ({context.NotReadWhy}), so nothing shows that no PersistentVolume uses it",
                $"give the cluster that uses these disks with {Param.Name("Kubeconfig")} (and {Param.Name("Context")})"));
        }

        return findings;
    }

    /// <summary>One line for the error: the disk, every finding, the first fix, and whether -Force would do it.</summary>
    public static string Refusal(RemovalCandidate disk, IReadOnlyList<RemovalFinding> findings)
    {
        var force = findings.All(f => f.Forcible) ? $"; or pass {Param.Name("Force")} to delete it anyway" : string.Empty;
        return $"The {disk.Display} was not deleted: {string.Join("; ", findings.Select(f => f.Words))}. To delete it, {findings[0].Fix}{force}.";
    }

    /// <summary>The warning a forced delete writes: what it overrode, so the log says what owned the disk.</summary>
    public static string Overriding(RemovalCandidate disk, IReadOnlyList<RemovalFinding> findings) =>
        $"Deleting the {disk.Display} although {string.Join("; ", findings.Select(f => f.Words))} ({Param.Name("Force")}).";

    private static bool Names(MapVolume pv, RemovalCandidate disk) =>
        (disk.VolumeId is { Length: > 0 } id && string.Equals(pv.VolumeHandle, id, StringComparison.OrdinalIgnoreCase))
        || (disk.Path is { Length: > 0 } path && pv.VolumePath is { } volumePath && string.Equals(StorageMapBuilder.Normalize(volumePath), path, StringComparison.Ordinal));

    private static string Recorded(RemovalCandidate disk) => (disk.CnsPv, disk.CnsClaim) switch
    {
        (null, null) => string.Empty,
        (string pv, null) => $" (PersistentVolume {pv})",
        (null, string claim) => $" (claim {claim})",
        var (pv, claim) => $" (PersistentVolume {pv}, claim {claim})",
    };
}
