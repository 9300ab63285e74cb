using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Operations.Vsphere;

/// <summary>
/// Remove-VsphereFcd: deletes first-class disks and CNS volumes by id, only when nothing uses them (see
/// <see cref="DiskRemovalRules"/>). One read decides for all (datastores and VM disks in one request, the CNS
/// volumes asked for in one query, first-class disk ids per datastore, the PersistentVolumes in one list); then
/// each disk is checked, confirmed and deleted in turn, and written out as soon as vCenter confirms it. A CNS volume
/// is deleted with CnsDeleteVolume (its record and its disk, as the CSI driver deletes it), any other first-class
/// disk with DeleteVStorageObject.
/// </summary>
public static class RemoveVsphereFcd
{
    public const string Activity = "Deleting first-class disks";

    /// <summary>The error id of the summary that ends a run stopped early.</summary>
    public const string InterruptedId = "RemoveVsphereFcdInterrupted";

    public static Task<IReadOnlyList<VsphereDiskRemoval>> RunAsync(RemoveVsphereDiskRequest request, IOperationHost host, CancellationToken ct) =>
        Emitted.CollectAsync<VsphereDiskRemoval>(emit => RunAsync(request, host, emit, ct));

    public static Task RunAsync(RemoveVsphereDiskRequest request, IOperationHost host, Action<VsphereDiskRemoval> emit, CancellationToken ct) =>
        RemoveVsphereDisk.RunAsync(request, host, Removal, emit, ct);

    private static readonly DiskRemoval<string> Removal = new("Id", Activity, InterruptedId, Usable, StringComparer.OrdinalIgnoreCase, id => id, PrepareAsync);

    /// <summary>Finds what each id is: a CNS volume (one query for all) or another first-class disk (the ids of each datastore).</summary>
    private static async Task<Func<string, CancellationToken, Task<VsphereDiskRemoval?>>> PrepareAsync(
        RemoveVsphereDiskRequest request, RemovalReads reads, IReadOnlyList<string> ids, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        var index = reads.Index;
        var datastores = index.Datastores().ToList();
        var byUrl = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ds in datastores)
        {
            byUrl.TryAdd(ds.Url ?? string.Empty, index.NameOf(ds.Self));
        }

        var cns = new Dictionary<string, CnsVolume>(StringComparer.OrdinalIgnoreCase);
        if (connection.Content.IsVcenter)
        {
            // The simulator filters by id, vCenter too; the answer is filtered again all the same.
            var found = await CnsVolumeReader.QueryAllAsync(connection.Soap, new CnsQueryFilterSpec { VolumeIds = ids }, connection.Name, ct).ConfigureAwait(false);
            foreach (var volume in found.Select(v => CnsVolumeReader.ToVolume(v, byUrl, connection.Name)).Where(v => ids.Contains(v.VolumeId, StringComparer.OrdinalIgnoreCase)))
            {
                cns.TryAdd(volume.VolumeId, volume);
            }
        }

        var manager = connection.Content.VStorageObjectManager;
        var fcdDatastore = new Dictionary<string, DatastoreMo>(StringComparer.OrdinalIgnoreCase);
        if (manager is { } m)
        {
            foreach (var ds in datastores)
            {
                foreach (var id in await FcdReader.ListIdsAsync(connection, m, ds, ct).ConfigureAwait(false))
                {
                    fcdDatastore.TryAdd(id, ds);
                }
            }
        }

        return (id, token) => RemoveAsync(request, reads, cns, fcdDatastore, id, host, token);
    }

    /// <summary>The id to delete, or null after an error when the item is not a first-class disk.</summary>
    private static string? Usable(DiskToRemove disk, IOperationHost host)
    {
        if (disk.MapStatus == StorageMapStatus.MissingDisk)
        {
            host.WriteError(new VsphereK8sException(
                "RemoveVsphereFcdMissingDisk", ErrorKind.ObjectNotFound,
                $"The storage map row of the PersistentVolume {disk.Pv} is MissingDisk: its disk {disk.Id ?? disk.Path} does not exist, so there is nothing to delete; delete the PersistentVolume if it is no longer wanted.",
                disk.Id ?? disk.Path));
            return null;
        }

        if (string.Equals(disk.Kind, "Vmdk", StringComparison.Ordinal) || (string.IsNullOrWhiteSpace(disk.Id) && !string.IsNullOrWhiteSpace(disk.Path)))
        {
            host.WriteError(new VsphereK8sException(
                "RemoveVsphereFcdNotAFirstClassDisk", ErrorKind.InvalidArgument,
                $"{disk.Path} is a VMDK file, not a first-class disk; nothing was deleted. Delete it with {Param.Command("Remove-VsphereVmdk")} (pipe the storage map's Vmdk rows there).",
                disk.Path));
            return null;
        }

        var id = disk.Id?.Trim() ?? string.Empty;
        if (id.Length == 0 || id.Length > 200 || id.Any(char.IsControl))
        {
            host.WriteError(new InvalidParameterException(
                "RemoveVsphereFcdIdInvalid", "Id",
                $"'{MessageText.Printable(disk.Id ?? string.Empty, 100)}' is not a first-class disk id; give the volume handle {Param.Command("Get-VsphereFcd")} or {Param.Command("Get-CnsVolume")} shows.",
                disk.Id));
            return null;
        }

        return id;
    }

    private static async Task<VsphereDiskRemoval?> RemoveAsync(
        RemoveVsphereDiskRequest request, RemovalReads reads, IReadOnlyDictionary<string, CnsVolume> cns, IReadOnlyDictionary<string, DatastoreMo> fcdDatastore,
        string id, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        cns.TryGetValue(id, out var volume);
        fcdDatastore.TryGetValue(id, out var datastore);
        VsphereFcd? fcd = null;
        if (datastore is not null)
        {
            try
            {
                fcd = await FcdReader.ReadAsync(connection, connection.Content.VStorageObjectManager!.Value, id, reads.Index, datastore, ct).ConfigureAwait(false);
            }
            catch (VsphereFaultException ex) when (ex.FaultKind == VsphereFaultKind.NotFound)
            {
                datastore = null;
            }
        }

        if (volume is null && fcd is null)
        {
            throw new VsphereK8sException(
                "VsphereFcdNotFound", ErrorKind.ObjectNotFound,
                $"No first-class disk or CNS volume with id '{id}' on {connection.Name}; nothing was deleted. {Param.Command("Get-VsphereFcd")} and {Param.Command("Get-CnsVolume")} list them.",
                id);
        }

        var kind = volume is not null ? "Cns" : "Fcd";
        var name = volume?.Name ?? fcd!.Name;
        var datastoreName = fcd?.Datastore ?? volume!.Datastore;
        var path = fcd is null ? null : StorageMapBuilder.Normalize(fcd.FilePath);
        var bytes = fcd is not null ? fcd.CapacityMB * 1024 * 1024 : volume!.CapacityMB * 1024 * 1024;
        var display = $"{(volume is not null ? "CNS volume" : "first-class disk")} '{name}' ({id}) on [{datastoreName}]";
        var attached = path is not null && reads.Attached.TryGetValue(path, out var vms) ? vms : Array.Empty<string>();
        var candidate = new RemovalCandidate
        {
            Kind = kind,
            Display = display,
            VolumeId = id,
            Path = path,
            AttachedTo = attached,
            ClusterIds = volume?.ClusterIds ?? Array.Empty<string>(),
            CnsPv = volume?.Pv,
            CnsClaim = volume?.Claim,
        };
        var overridden = RemoveVsphereDisk.Check(candidate, reads.Context, request.Force, host);
        if (!host.ShouldProcess(display, $"Delete the disk and its data, {RemoveVsphereDisk.Freeing(bytes)}"))
        {
            return null;
        }

        try
        {
            if (volume is not null)
            {
                var task = await CnsMethods.DeleteVolumeAsync(connection.Soap, new[] { id }, ct).ConfigureAwait(false);
                var result = await TaskWaiter.WaitAsync(connection, task, $"Deleting the {display}", ct).ConfigureAwait(false);
                if (result?.Descendants().FirstOrDefault(e => e.Name.LocalName == "fault") is { } fault)
                {
                    var text = fault.Descendants().FirstOrDefault(e => e.Name.LocalName == "localizedMessage")?.Value ?? fault.Value;
                    throw new VsphereK8sException("RemoveVsphereFcdFailed", ErrorKind.InvalidOperation, $"vCenter did not delete the {display}: {MessageText.Printable(text, 300)}.", id);
                }
            }
            else
            {
                var task = await VimMethods.DeleteVStorageObjectAsync(connection.Soap, connection.Content.VStorageObjectManager!.Value, id, datastore!.Self, ct).ConfigureAwait(false);
                await TaskWaiter.WaitAsync(connection, task, $"Deleting the {display}", ct).ConfigureAwait(false);
            }
        }
        catch (VsphereFaultException ex) when (!RunLedger.StopsTheRun(ex))
        {
            throw new VsphereFaultException(ex.Fault, $"Deleting the {display} failed: {ex.Fault}; it was not deleted.", "RemoveVsphereFcdFailed", id);
        }

        host.WriteVerbose($"Deleted the {display}.");
        return new VsphereDiskRemoval
        {
            Kind = kind,
            VolumeId = id,
            Name = name,
            Path = path,
            Datastore = datastoreName,
            Capacity = bytes > 0 ? DiskCapacity.ToQuantity(bytes) : string.Empty,
            CapacityBytes = bytes,
            Forced = overridden.Count > 0,
            Overridden = overridden,
            Server = connection.Name,
        };
    }
}
