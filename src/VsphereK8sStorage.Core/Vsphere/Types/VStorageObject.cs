using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Vsphere.Types;

/// <summary>vim25's VStorageObject (a first-class disk), the parts this module reads: its config and file backing.</summary>
internal sealed record VStorageObject
{
    public string? Name { get; init; }

    /// <summary><c>config.id.id</c>: the volume handle CSI uses.</summary>
    public string? Id { get; init; }

    public long CapacityInMB { get; init; }

    /// <summary><c>config.createTime</c> as vCenter wrote it.</summary>
    public string? CreateTime { get; init; }

    public string? FilePath { get; init; }

    public string? ProvisioningType { get; init; }

    public static VStorageObject Parse(XElement storageObject)
    {
        var config = storageObject.Child("config");
        var backing = config?.Child("backing");
        return new VStorageObject
        {
            Name = config?.ChildText("name"),
            Id = config?.Child("id")?.ChildText("id"),
            CapacityInMB = config?.ChildLong("capacityInMB") ?? 0,
            CreateTime = config?.ChildText("createTime"),
            FilePath = backing?.ChildText("filePath"),
            ProvisioningType = backing?.ChildText("provisioningType"),
        };
    }
}
