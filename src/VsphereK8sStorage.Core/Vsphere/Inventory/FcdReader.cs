using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Inventory;

/// <summary>Reads first-class disks (ListVStorageObject, RetrieveVStorageObject) and turns them into <see cref="VsphereFcd"/>.</summary>
internal static class FcdReader
{
    /// <summary>The ids of the first-class disks on <paramref name="datastore"/>.</summary>
    public static Task<IReadOnlyList<string>> ListIdsAsync(VsphereConnection connection, ManagedObjectReference manager, DatastoreMo datastore, CancellationToken ct) =>
        VimMethods.ListVStorageObjectAsync(connection.Soap, manager, datastore.Self, ct);

    /// <summary>One first-class disk; a <see cref="Soap.VsphereFaultException"/> of kind NotFound when it is gone.</summary>
    public static async Task<VsphereFcd> ReadAsync(VsphereConnection connection, ManagedObjectReference manager, string id, InventoryIndex index, DatastoreMo datastore, CancellationToken ct) =>
        ToFcd(await VimMethods.RetrieveVStorageObjectAsync(connection.Soap, manager, id, datastore.Self, ct).ConfigureAwait(false), index, datastore, connection.Name);

    public static VsphereFcd ToFcd(VStorageObject disk, InventoryIndex index, DatastoreMo datastore, string server) => new()
    {
        Name = MessageText.Printable(disk.Name, 200),
        VolumeHandle = disk.Id ?? string.Empty,
        Capacity = DiskCapacity.ToQuantity(disk.CapacityInMB * 1024 * 1024),
        CapacityMB = disk.CapacityInMB,
        Datastore = index.NameOf(datastore.Self),
        DatastoreUrl = datastore.Url ?? string.Empty,
        FilePath = disk.FilePath ?? string.Empty,
        ProvisioningType = disk.ProvisioningType,
        CreateTime = DateTimeOffset.TryParse(disk.CreateTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var created) ? created : null,
        Server = server,
    };
}
