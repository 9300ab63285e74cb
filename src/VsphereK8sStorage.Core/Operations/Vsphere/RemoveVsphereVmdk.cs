using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Operations.Vsphere;

/// <summary>
/// Remove-VsphereVmdk: deletes VMDK files (VirtualDiskManager.DeleteVirtualDisk_Task, the descriptor and its
/// extents), only when nothing uses them (see <see cref="DiskRemovalRules"/>). One read decides for all: datastores
/// and VM disks in one request, one search per folder named, the first-class disks of those datastores (a file
/// under a first-class disk is never deleted as a file), the PersistentVolumes in one list; then each file is
/// checked, confirmed and deleted in turn, and written out as soon as vCenter confirms it.
/// </summary>
public static class RemoveVsphereVmdk
{
    public const string Activity = "Deleting virtual disks";

    /// <summary>The error id of the summary that ends a run stopped early.</summary>
    public const string InterruptedId = "RemoveVsphereVmdkInterrupted";

    public static Task<IReadOnlyList<VsphereDiskRemoval>> RunAsync(RemoveVsphereDiskRequest request, IOperationHost host, CancellationToken ct) =>
        Emitted.CollectAsync<VsphereDiskRemoval>(emit => RunAsync(request, host, emit, ct));

    public static Task RunAsync(RemoveVsphereDiskRequest request, IOperationHost host, Action<VsphereDiskRemoval> emit, CancellationToken ct) =>
        RemoveVsphereDisk.RunAsync(request, host, Removal, emit, ct);

    private static readonly DiskRemoval<DatastorePath> Removal = new("Path", Activity, InterruptedId, Usable, EqualityComparer<DatastorePath>.Default, path => path.ToString(), PrepareAsync);

    /// <summary>Finds each path's datastore, the files in its folder (one search per folder) and the files under first-class disks.</summary>
    private static async Task<Func<DatastorePath, CancellationToken, Task<VsphereDiskRemoval?>>> PrepareAsync(
        RemoveVsphereDiskRequest request, RemovalReads reads, IReadOnlyList<DatastorePath> paths, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        var index = reads.Index;
        var datastores = new Dictionary<string, DatastoreMo>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (!datastores.ContainsKey(path.Datastore) && index.Datastores().Any(d => index.NameOf(d.Self) == path.Datastore))
            {
                datastores[path.Datastore] = DatastoreReader.Resolve(index, path.Datastore, request.Datacenter, "Path", connection.Name);
            }
        }

        var files = await SearchAsync(connection, datastores, paths, ct).ConfigureAwait(false);
        var fcdFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (connection.Content.VStorageObjectManager is not null && datastores.Count > 0)
        {
            foreach (var fcd in await GetVsphereFcd.ListAsync(connection, index, datastores.Values.ToList(), host, ct).ConfigureAwait(false))
            {
                fcdFiles.TryAdd(StorageMapBuilder.Normalize(fcd.FilePath), fcd.VolumeHandle);
            }
        }

        return (path, token) => RemoveAsync(request, reads, datastores, files, fcdFiles, path, host, token);
    }

    /// <summary>The path to delete, or null after an error when the item is not a VMDK path.</summary>
    private static DatastorePath? Usable(DiskToRemove disk, IOperationHost host)
    {
        if (disk.MapStatus == StorageMapStatus.MissingDisk)
        {
            host.WriteError(new VsphereK8sException(
                "RemoveVsphereVmdkMissingDisk", ErrorKind.ObjectNotFound,
                $"The storage map row of the PersistentVolume {disk.Pv} is MissingDisk: its disk {disk.Path ?? disk.Id} does not exist, so there is nothing to delete; delete the PersistentVolume if it is no longer wanted.",
                disk.Path ?? disk.Id));
            return null;
        }

        if (disk.Kind is "Cns" or "Fcd" || (string.IsNullOrWhiteSpace(disk.Path) && !string.IsNullOrWhiteSpace(disk.Id)))
        {
            host.WriteError(new VsphereK8sException(
                "RemoveVsphereVmdkNotAFile", ErrorKind.InvalidArgument,
                $"{disk.Id} is a {(disk.Kind == "Cns" ? "CNS volume" : "first-class disk")}, not a VMDK file; nothing was deleted. Delete it with {Param.Command("Remove-VsphereFcd")} {Param.Name("Id")} {disk.Id}.",
                disk.Id));
            return null;
        }

        try
        {
            var path = DatastorePath.ParseVmdk(disk.Path ?? string.Empty, "Path");
            return DatastorePath.TryParse(StorageMapBuilder.Normalize(path.ToString()), out var normal) ? normal : path;
        }
        catch (VsphereK8sException ex)
        {
            host.WriteError(ex);
            return null;
        }
    }

    /// <summary>Every VMDK under the folders of the paths, by normalized path, with its size: one search per folder, waited on together.</summary>
    private static async Task<IReadOnlyDictionary<string, DiskFile>> SearchAsync(VsphereConnection connection, IReadOnlyDictionary<string, DatastoreMo> datastores, IReadOnlyList<DatastorePath> paths, CancellationToken ct)
    {
        var found = new Dictionary<string, DiskFile>(StringComparer.Ordinal);
        var tasks = new List<ManagedObjectReference>();
        foreach (var folder in paths.Select(p => p.FolderPath).Distinct())
        {
            if (datastores.TryGetValue(folder.Datastore, out var ds) && ds.DatastoreBrowser is { } browser)
            {
                tasks.Add(await VimMethods.SearchDatastoreSubFoldersAsync(connection.Soap, browser, folder.ToString(), ct).ConfigureAwait(false));
            }
        }

        if (tasks.Count == 0)
        {
            return found;
        }

        foreach (var outcome in (await TaskWaiter.WaitAllAsync(connection, tasks, null, ct).ConfigureAwait(false)).Values.Where(o => o.Succeeded))
        {
            foreach (var file in DiskFileReader.Files(outcome.Result))
            {
                found.TryAdd(StorageMapBuilder.Normalize(file.Path), file);
            }
        }

        return found;
    }

    private static async Task<VsphereDiskRemoval?> RemoveAsync(
        RemoveVsphereDiskRequest request, RemovalReads reads, IReadOnlyDictionary<string, DatastoreMo> datastores, IReadOnlyDictionary<string, DiskFile> files,
        IReadOnlyDictionary<string, string> fcdFiles, DatastorePath path, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        var text = path.ToString();
        if (!datastores.TryGetValue(path.Datastore, out var datastore))
        {
            throw new VsphereK8sException("VsphereDatastoreNotFound", ErrorKind.ObjectNotFound, $"No datastore named '{path.Datastore}' on {connection.Name}, so {text} was not deleted; check the name in brackets ({Param.Command("Get-VsphereDatastore")} lists them).", text);
        }

        if (!files.TryGetValue(text, out var file))
        {
            throw new VsphereK8sException("VsphereVmdkNotFound", ErrorKind.ObjectNotFound, $"{text} is not a virtual disk on {connection.Name} (no such file); nothing was deleted.", text);
        }

        var display = $"virtual disk {text}";
        var candidate = new RemovalCandidate
        {
            Kind = "Vmdk",
            Display = display,
            Path = text,
            AttachedTo = reads.Attached.TryGetValue(text, out var vms) ? vms : Array.Empty<string>(),
            BacksFcd = fcdFiles.TryGetValue(text, out var fcd) ? fcd : null,
        };
        var overridden = RemoveVsphereDisk.Check(candidate, reads.Context, request.Force, host);
        if (!host.ShouldProcess(text, $"Delete the virtual disk and its data, {RemoveVsphereDisk.Freeing(file.Bytes)}"))
        {
            return null;
        }

        var diskManager = connection.Content.VirtualDiskManager
            ?? throw new VsphereK8sException("VsphereNotSupported", ErrorKind.InvalidOperation, $"{connection.Name} ({connection.ProductName}) has no VirtualDiskManager; connect to a vCenter Server or an ESXi host.", connection.Name);
        try
        {
            var task = await VimMethods.DeleteVirtualDiskAsync(connection.Soap, diskManager, text, reads.Index.DatacenterOf(datastore.Self), ct).ConfigureAwait(false);
            await TaskWaiter.WaitAsync(connection, task, $"Deleting {text}", ct).ConfigureAwait(false);
        }
        catch (VsphereFaultException ex) when (!RunLedger.StopsTheRun(ex))
        {
            throw new VsphereFaultException(ex.Fault, $"Deleting {text} failed: {ex.Fault}; it was not deleted.", "RemoveVsphereVmdkFailed", text);
        }

        host.WriteVerbose($"Deleted {text}.");
        return new VsphereDiskRemoval
        {
            Kind = "Vmdk",
            Path = text,
            Datastore = path.Datastore,
            Capacity = file.Bytes > 0 ? DiskCapacity.ToQuantity(file.Bytes) : string.Empty,
            CapacityBytes = file.Bytes,
            Forced = overridden.Count > 0,
            Overridden = overridden,
            Server = connection.Name,
        };
    }
}
