using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Vsphere;

/// <summary>
/// A first-class disk (FCD, vSphere's "improved virtual disk"). <see cref="VolumeHandle"/> is its id, the
/// value a CSI PersistentVolume's <c>volumeHandle</c> wants for static provisioning with the vSphere CSI driver
/// (New-K8sPersistentVolume binds it by name).
/// </summary>
public sealed record VsphereFcd
{
    [TableColumn("NAME", 0)]
    public string Name { get; init; } = string.Empty;

    /// <summary>The FCD id (a UUID).</summary>
    [TableColumn("VOLUME HANDLE", 1)]
    public string VolumeHandle { get; init; } = string.Empty;

    /// <summary>The size as a Kubernetes quantity (<c>2Gi</c>).</summary>
    [TableColumn("CAPACITY", 2)]
    public string Capacity { get; init; } = string.Empty;

    public long CapacityMB { get; init; }

    [TableColumn("DATASTORE", 3)]
    public string Datastore { get; init; } = string.Empty;

    public string DatastoreUrl { get; init; } = string.Empty;

    /// <summary>The backing file, <c>[datastore1] fcd/….vmdk</c>.</summary>
    [TableColumn("FILE", 4)]
    public string FilePath { get; init; } = string.Empty;

    public string? ProvisioningType { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public string Server { get; init; } = string.Empty;

    /// <summary>The disk's name, so a string made of this object (a parameter, "$x") is its name, never the record text.</summary>
    public override string ToString() => Name;
}
