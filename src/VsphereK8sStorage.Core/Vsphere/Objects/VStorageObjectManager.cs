using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Objects;

/// <summary>First-class disks through vCenter's VStorageObjectManager: the create task started and waited on, its disk read.</summary>
internal static class VStorageObjectManager
{
    /// <summary>
    /// Creates a disk and waits for the task; a fault becomes a <see cref="Soap.VsphereFaultException"/> whose message
    /// starts with <paramref name="what"/>. Null when vCenter reported success without returning the disk.
    /// </summary>
    public static async Task<VStorageObject?> CreateDiskAsync(
        VsphereConnection connection, ManagedObjectReference manager, string name, long capacityMb, ManagedObjectReference datastore,
        string provisioningType, bool keepAfterDeleteVm, string? profileId, string what, CancellationToken ct)
    {
        var task = await VimMethods.CreateDiskAsync(connection.Soap, manager, name, capacityMb, datastore, provisioningType, keepAfterDeleteVm, profileId, ct).ConfigureAwait(false);
        var result = await TaskWaiter.WaitAsync(connection, task, what, ct).ConfigureAwait(false);
        return result is null ? null : VStorageObject.Parse(result);
    }
}
