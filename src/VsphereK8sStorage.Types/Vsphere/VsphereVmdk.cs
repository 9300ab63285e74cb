using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Vsphere;

/// <summary>
/// A virtual disk file New-VsphereVmdk created. <see cref="VolumePath"/> is the exact
/// <c>[datastore1] volumes/myDisk.vmdk</c> form a PersistentVolume's <c>vsphereVolume.volumePath</c> wants
/// (New-K8sPersistentVolume binds it by name).
/// </summary>
public sealed record VsphereVmdk
{
    [TableColumn("VOLUME PATH", 3)]
    public string VolumePath { get; init; } = string.Empty;

    [TableColumn("DATASTORE", 0)]
    public string Datastore { get; init; } = string.Empty;

    /// <summary>The path inside the datastore, <c>volumes/myDisk.vmdk</c>.</summary>
    public string FilePath { get; init; } = string.Empty;

    /// <summary>The size as a Kubernetes quantity (<c>2Gi</c>).</summary>
    [TableColumn("CAPACITY", 1)]
    public string Capacity { get; init; } = string.Empty;

    public long CapacityBytes { get; init; }

    [TableColumn("TYPE", 2)]
    public string DiskType { get; init; } = string.Empty;

    public string AdapterType { get; init; } = string.Empty;

    public string? Datacenter { get; init; }

    public string Server { get; init; } = string.Empty;

    /// <summary>The disk's datastore path, so a string made of this object (a parameter, "$x") is its name, never the record text.</summary>
    public override string ToString() => VolumePath;
}

/// <summary>How a disk's space is allocated (the names vSphere's UI and govc use).</summary>
public enum VsphereDiskType
{
    Thin,

    /// <summary>Lazily zeroed thick: allocated at creation, zeroed on first write.</summary>
    Thick,
    EagerZeroedThick,
}

/// <summary>VirtualDiskAdapterType: the controller a VMDK file's descriptor is made for.</summary>
public enum VmdkAdapterType
{
    LsiLogic,
    BusLogic,
    Ide,
}
