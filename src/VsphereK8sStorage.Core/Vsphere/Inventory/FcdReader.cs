using System;
using System.Xml.Linq;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Inventory;

/// <summary>Turns a VStorageObject (RetrieveVStorageObject's answer) into a <see cref="VsphereFcd"/>.</summary>
internal static class FcdReader
{
    public static VsphereFcd ToFcd(XElement storageObject, InventoryIndex index, ObjectContent datastore, string server)
    {
        var config = storageObject.Child("config");
        var backing = config?.Child("backing");
        var capacityMb = config?.ChildLong("capacityInMB") ?? 0;
        return new VsphereFcd
        {
            Name = MessageText.Printable(config?.ChildText("name"), 200),
            VolumeHandle = config?.Child("id")?.ChildText("id") ?? string.Empty,
            Capacity = DiskCapacity.ToQuantity(capacityMb * 1024 * 1024),
            CapacityMB = capacityMb,
            Datastore = index.NameOf(datastore.Obj),
            DatastoreUrl = datastore.Text("summary.url") ?? string.Empty,
            FilePath = backing?.ChildText("filePath") ?? string.Empty,
            ProvisioningType = backing?.ChildText("provisioningType"),
            CreateTime = DateTimeOffset.TryParse(config?.ChildText("createTime"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var created) ? created : null,
            Server = server,
        };
    }
}
