using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Vsphere;

/// <summary>Why Remove-VsphereFcd or Remove-VsphereVmdk would not delete a disk (the error's code; -Force overrides all but <see cref="BacksFirstClassDisk"/>).</summary>
public enum DiskRemovalRefusal
{
    /// <summary>A PersistentVolume of the cluster read names the disk (its CSI volumeHandle or its vsphereVolume volumePath).</summary>
    ReferencedByPersistentVolume,

    /// <summary>The disk is attached to a VM.</summary>
    AttachedToVm,

    /// <summary>The disk's CNS metadata names a Kubernetes cluster that is not the one given (or no cluster id was given).</summary>
    OwnedByCluster,

    /// <summary>The cluster's PersistentVolumes could not be read (no kubeconfig, or the API server refused or did not answer).</summary>
    KubernetesNotRead,

    /// <summary>The VMDK file is the backing file of a first-class disk: deleting the file would break the disk's catalog entry. Never forced.</summary>
    BacksFirstClassDisk,
}

/// <summary>One disk Remove-VsphereFcd or Remove-VsphereVmdk deleted, written as soon as vCenter confirmed it.</summary>
public sealed record VsphereDiskRemoval
{
    /// <summary>Cns (a CNS volume, deleted with its disk), Fcd (a first-class disk) or Vmdk (a virtual disk file).</summary>
    [TableColumn("KIND", 0)]
    public string Kind { get; init; } = string.Empty;

    /// <summary>The CNS volume or first-class disk id; null for a VMDK file.</summary>
    [TableColumn("VOLUME ID", 1)]
    public string? VolumeId { get; init; }

    /// <summary>The disk's name (first-class disks and CNS volumes), where vCenter gives one.</summary>
    public string? Name { get; init; }

    /// <summary>The disk's file, <c>[datastore] folder/disk.vmdk</c>, where known.</summary>
    [TableColumn("PATH", 2)]
    public string? Path { get; init; }

    [TableColumn("DATASTORE", 3)]
    public string? Datastore { get; init; }

    /// <summary>The space the disk held, as a Kubernetes quantity; empty where vCenter reports none.</summary>
    [TableColumn("FREED", 4)]
    public string Capacity { get; init; } = string.Empty;

    public long CapacityBytes { get; init; }

    /// <summary>True when a refusal was overridden with -Force; <see cref="Overridden"/> says which.</summary>
    public bool Forced { get; init; }

    /// <summary>The refusals -Force overrode, and what they named (the owning cluster, PV, VMs).</summary>
    public IReadOnlyList<string> Overridden { get; init; } = new List<string>();

    public string Server { get; init; } = string.Empty;

    /// <summary>The disk's id or path, so a string made of this object is the disk, never the record text.</summary>
    public override string ToString() => VolumeId ?? Path ?? string.Empty;
}
