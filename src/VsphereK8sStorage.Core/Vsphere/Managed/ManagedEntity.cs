using VsphereK8sStorage.Vsphere.Property;

namespace VsphereK8sStorage.Vsphere.Managed;

/// <summary>
/// The properties every inventory object has, and the managed object types this module reads. Each type's
/// property paths are declared once, in its class here (as govmomi's <c>vim25/mo</c> declares them on structs);
/// readers ask for them by these names and turn the answer into the typed views beside them.
/// </summary>
internal static class ManagedEntity
{
    public const string Name = "name";
    public const string Parent = "parent";

    public const string Folder = "Folder";
    public const string Datacenter = "Datacenter";
    public const string StoragePod = "StoragePod";
    public const string ComputeResource = "ComputeResource";
    public const string ClusterComputeResource = "ClusterComputeResource";
    public const string HostSystem = "HostSystem";

    /// <summary>What names an object and places it in the inventory tree: name and parent.</summary>
    public static PropertySpec Naming(string type) => new(type, new[] { Name, Parent });

    /// <summary>Hosts by name, for the objects that point at them.</summary>
    public static readonly PropertySpec HostNames = Naming(HostSystem);

    /// <summary>The container types whose names make up inventory paths.</summary>
    public static readonly IReadOnlyList<PropertySpec> Navigation = new[]
    {
        Naming(Folder), Naming(Datacenter), Naming(StoragePod), Naming(ComputeResource), Naming(ClusterComputeResource),
    };
}
