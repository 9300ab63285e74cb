using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Managed;

/// <summary>The Datastore properties this module reads, declared once, and a typed view of one read of them.</summary>
internal sealed record DatastoreMo : InventoryObjectMo
{
    public const string Type = "Datastore";
    public const string SummaryType = "summary.type";
    public const string SummaryUrl = "summary.url";
    public const string SummaryCapacity = "summary.capacity";
    public const string SummaryFreeSpace = "summary.freeSpace";
    public const string SummaryAccessible = "summary.accessible";
    public const string SummaryMaintenanceMode = "summary.maintenanceMode";
    public const string Host = "host";
    public const string Browser = "browser";

    /// <summary>What Get-VsphereDatastore shows, and what the disk and policy commands resolve datastores by.</summary>
    public static readonly PropertySpec Summary = new(Type, new[]
    {
        ManagedEntity.Name, ManagedEntity.Parent, SummaryType, SummaryUrl, SummaryCapacity, SummaryFreeSpace, SummaryAccessible, SummaryMaintenanceMode, Host,
    });

    /// <summary>Datastores by name, for the objects that point at them.</summary>
    public static readonly PropertySpec Names = ManagedEntity.Naming(Type);

    /// <summary><c>summary.type</c>: VMFS, NFS, NFS41, vsan, vvol…</summary>
    public string? FileSystemType { get; init; }

    /// <summary><c>summary.url</c>, the ds:/// URL StorageClasses and CNS name datastores by.</summary>
    public string? Url { get; init; }

    public long? Capacity { get; init; }

    public long? FreeSpace { get; init; }

    /// <summary><c>summary.accessible</c>; null when vCenter did not say.</summary>
    public bool? Accessible { get; init; }

    public string? MaintenanceMode { get; init; }

    /// <summary>The hosts that mount it (<c>host[].key</c>).</summary>
    public IReadOnlyList<ManagedObjectReference> HostMounts { get; init; } = Array.Empty<ManagedObjectReference>();

    /// <summary>The datastore's HostDatastoreBrowser, when the read asked for it.</summary>
    public ManagedObjectReference? DatastoreBrowser { get; init; }

    private DatastoreMo(ObjectContent content)
        : base(content)
    {
    }

    public static DatastoreMo From(ObjectContent content) => new(content)
    {
        FileSystemType = content.Text(SummaryType),
        Url = content.Text(SummaryUrl),
        Capacity = content.Long(SummaryCapacity),
        FreeSpace = content.Long(SummaryFreeSpace),
        Accessible = content.Text(SummaryAccessible) switch { "true" => true, "false" => false, _ => null },
        MaintenanceMode = content.Text(SummaryMaintenanceMode),
        DatastoreBrowser = content.MoRef(Browser),
        HostMounts = content.Items(Host).Select(mount => mount.ChildMoRef("key")).OfType<ManagedObjectReference>().ToList(),
    };
}
