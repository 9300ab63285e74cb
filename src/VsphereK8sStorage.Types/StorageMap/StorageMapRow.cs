using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.StorageMap;

/// <summary>What a row of the storage map says about its disk and its PersistentVolume.</summary>
public enum StorageMapStatus
{
    /// <summary>The disk's PersistentVolume is bound to a claim that a pod uses.</summary>
    InUse,

    /// <summary>The disk's PersistentVolume is bound to a claim no pod uses.</summary>
    Bound,

    /// <summary>The disk's PersistentVolume has no claim (Available): nothing uses it yet.</summary>
    Available,

    /// <summary>The disk's PersistentVolume was released: its claim is gone (or another claim holds its name).</summary>
    Released,

    /// <summary>A disk of this cluster (its CNS metadata names the cluster id, or it lies in the folder given) that no PersistentVolume references.</summary>
    OrphanDisk,

    /// <summary>A PersistentVolume whose disk does not exist: its claim's pods will fail to mount it.</summary>
    MissingDisk,

    /// <summary>A disk no PersistentVolume of this cluster references and nothing says belongs to this cluster.</summary>
    UnknownOwner,
}

/// <summary>
/// One volume of the storage map: datastore → disk (CNS volume, first-class disk or VMDK) → PersistentVolume →
/// claim → pods, with its <see cref="Status"/>. Orphan rows pipe into Remove-VsphereFcd (by VolumeId) and
/// Remove-VsphereVmdk (by Path).
/// </summary>
public sealed record StorageMapRow
{
    [TableColumn("STATUS", 0)]
    public StorageMapStatus Status { get; init; }

    [TableColumn("DATASTORE", 1)]
    public string? Datastore { get; init; }

    /// <summary>The CNS volume or first-class disk id (a CSI volumeHandle); null for a VMDK file.</summary>
    [TableColumn("VOLUME ID", 2)]
    public string? VolumeId { get; init; }

    /// <summary>The disk's file, <c>[datastore] folder/disk.vmdk</c>, where known.</summary>
    [TableColumn("PATH", 3)]
    public string? Path { get; init; }

    /// <summary>Cns, Fcd or Vmdk; null for a missing disk.</summary>
    public string? DiskKind { get; init; }

    /// <summary>The disk's size as a Kubernetes quantity; for a missing disk, the PersistentVolume's capacity.</summary>
    [TableColumn("CAPACITY", 4)]
    public string Capacity { get; init; } = string.Empty;

    /// <summary>The disk's size in bytes (0 where the server reports none).</summary>
    public long CapacityBytes { get; init; }

    [TableColumn("PV", 5)]
    public string? Pv { get; init; }

    /// <summary>The claim as <c>namespace/name</c>.</summary>
    [TableColumn("CLAIM", 6)]
    public string? Claim { get; init; }

    /// <summary>The pods (<c>namespace/name</c>) that use the claim, and for a missing disk will fail to mount it.</summary>
    [TableColumn("PODS", 7)]
    public IReadOnlyList<string> Pods { get; init; } = new List<string>();

    /// <summary>The cluster ids the disk's CNS metadata names.</summary>
    public IReadOnlyList<string> ClusterIds { get; init; } = new List<string>();

    /// <summary>The VMs the disk is attached to.</summary>
    public IReadOnlyList<string> AttachedTo { get; init; } = new List<string>();

    /// <summary>Why the row has its status, in words.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>The cluster id the map was made for: Remove-VsphereFcd takes it from a piped row as its -ClusterId.</summary>
    public string? MapClusterId { get; init; }

    public string Server { get; init; } = string.Empty;
}

/// <summary>A datastore as the storage map's page shows it: its space, and what its volumes and orphans hold.</summary>
public sealed record StorageMapDatastore
{
    public string Name { get; init; } = string.Empty;

    public long CapacityBytes { get; init; }

    public long FreeSpaceBytes { get; init; }
}
