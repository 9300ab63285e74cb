using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Operations.Vsphere;

public sealed record GetStorageMapRequest
{
    public required VsphereConnection Connection { get; init; }

    public required KubernetesSession Session { get; init; }

    /// <summary>This cluster's id (csi-vsphere.conf's cluster-id): CNS volumes that name it are its disks.</summary>
    public required string ClusterId { get; init; }

    /// <summary>Folders (<c>[ds] kubevols</c>) whose VMDKs belong to this cluster; every datastore's kubevols is searched too.</summary>
    public IReadOnlyList<string> Folders { get; init; } = Array.Empty<string>();
}

/// <summary>What the map read, and how many requests it took; the page and the tests use it.</summary>
public sealed record StorageMapResult(IReadOnlyList<StorageMapRow> Rows, IReadOnlyList<StorageMapDatastore> Datastores, int VsphereRequests, int KubernetesLists);

/// <summary>
/// Get-VsphereK8sStorageMap: one read of vCenter (datastores and the VMs' disks in one PropertyCollector request, CNS
/// volumes in pages, first-class disk ids per datastore, one search per folder that holds VMDKs) and one list per
/// Kubernetes kind (PersistentVolumes, claims, pods), joined by <see cref="StorageMapBuilder"/>.
/// </summary>
public static class GetVsphereK8sStorageMap
{
    public const string DefaultFolder = "kubevols";

    private const int Concurrency = 8;

    public static async Task<StorageMapResult> RunAsync(GetStorageMapRequest request, IOperationHost host, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.ClusterId))
        {
            throw new InvalidParameterException("StorageMapClusterIdMissing", "ClusterId", $"Give this cluster's id with {Param.Name("ClusterId")} (csi-vsphere.conf's cluster-id): only disks whose CNS metadata names it are this cluster's orphans.");
        }

        var given = request.Folders.Select(f => DatastorePath.TryParse(f, out var p) ? p : throw new InvalidParameterException("StorageMapFolderInvalid", "Folder", $"The folder '{f}' is not a datastore path; write it as '[datastore] folder', such as '[datastore1] kubevols'.", f)).ToList();
        var connection = request.Connection;
        if (!connection.Content.IsVcenter)
        {
            throw new VsphereK8sException("CnsNotSupported", ErrorKind.InvalidOperation, $"{connection.Name} ({connection.ProductName}) is not a vCenter; the storage map needs vCenter's CNS volumes, so connect to the vCenter that manages this host.", connection.Name);
        }

        // Kubernetes: one list per kind, the three at once.
        var api = request.Session.Api(host);
        var pvList = api.ListAllAsync(Resources.PersistentVolume, null, ct);
        var claimList = api.ListAllAsync(Resources.PersistentVolumeClaim, null, ct);
        var podList = api.ListAllAsync(Resources.Pod, null, ct);
        await Task.WhenAll(pvList, claimList, podList).ConfigureAwait(false);
        var volumes = pvList.Result.Items.Select(ToVolume).Where(v => v.VolumeHandle is not null || v.VolumePath is not null).ToList();
        var claims = claimList.Result.Items.Select(c => new MapClaim($"{c.Metadata?.NamespaceProperty}/{c.Metadata?.Name}", c.Spec?.VolumeName)).ToList();
        var pods = podList.Result.Items.Where(p => p.Status?.Phase is not ("Succeeded" or "Failed")).Select(ToPod).Where(p => p.Claims.Count > 0).ToList();
        host.WriteVerbose($"read {pvList.Result.Items.Count} PersistentVolumes ({volumes.Count} on vSphere), {claims.Count} claims and {podList.Result.Items.Count} pods from {api.Endpoint.Server}");

        // vCenter: datastores and the VMs' disks in one request.
        var requests = 0;
        var index = await InventoryIndex.ReadAsync(connection, DatastoreReader.Properties.Append(new PropertySpec(DatastoreMo.Type, new[] { DatastoreMo.Browser })).Append(DiskFileReader.VmDisks), ct).ConfigureAwait(false);
        requests++;
        var datastores = index.Datastores().ToList();
        var nameOf = datastores.ToDictionary(d => d.Self, d => index.NameOf(d.Self));
        var byUrl = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ds in datastores)
        {
            byUrl.TryAdd(ds.Url ?? string.Empty, nameOf[ds.Self]);
        }

        var attached = DiskFileReader.Attached(index);

        var cnsPages = 0;
        var cns = (await CnsVolumeReader.QueryAllAsync(connection.Soap, new CnsQueryFilterSpec(), connection.Name, ct, pageRead: (page, _) => cnsPages = page).ConfigureAwait(false))
            .Select(v => CnsVolumeReader.ToVolume(v, byUrl, connection.Name)).ToList();
        requests += cnsPages;

        // First-class disks: their ids per datastore; only those CNS does not know are read one by one.
        var cnsIds = cns.Select(v => v.VolumeId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fcdIds = new List<(DatastoreMo Datastore, string Id)>();
        if (connection.Content.VStorageObjectManager is { } manager)
        {
            foreach (var ds in datastores)
            {
                fcdIds.AddRange((await VimMethods.ListVStorageObjectAsync(connection.Soap, manager, ds.Self, ct).ConfigureAwait(false)).Select(id => (ds, id)));
                requests++;
            }
        }

        var unknownFcds = fcdIds.Where(f => !cnsIds.Contains(f.Id)).ToList();
        var fcds = new VsphereFcd?[unknownFcds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, unknownFcds.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (i, token) =>
        {
            try
            {
                var element = await VimMethods.RetrieveVStorageObjectAsync(connection.Soap, connection.Content.VStorageObjectManager!.Value, unknownFcds[i].Id, unknownFcds[i].Datastore.Self, token).ConfigureAwait(false);
                fcds[i] = FcdReader.ToFcd(element, index, unknownFcds[i].Datastore, connection.Name);
            }
            catch (VsphereFaultException ex) when (ex.FaultKind == VsphereFaultKind.NotFound)
            {
                // Deleted between the list and the read.
            }
        }).ConfigureAwait(false);
        requests += unknownFcds.Count;

        // VMDK files: the folders given, every datastore's kubevols, and the folders in-tree PersistentVolumes name.
        var folders = new Dictionary<string, (DatastorePath Folder, bool Given)>(StringComparer.Ordinal);
        foreach (var folder in given)
        {
            folders[folder.ToString()] = (folder, true);
        }

        foreach (var ds in datastores)
        {
            folders.TryAdd($"[{nameOf[ds.Self]}] {DefaultFolder}", (new DatastorePath(nameOf[ds.Self], DefaultFolder), false));
        }

        foreach (var path in volumes.Select(v => v.VolumePath).OfType<string>())
        {
            if (DatastorePath.TryParse(path, out var p))
            {
                folders.TryAdd(p.FolderPath.ToString(), (p.FolderPath, false));
            }
        }

        var files = await SearchAsync(connection, datastores, nameOf, folders.Values.ToList(), host, ct).ConfigureAwait(false);
        requests += files.Requests;

        var disks = new List<MapDisk>();
        var fcdFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var volume in cns)
        {
            disks.Add(new MapDisk { Kind = "Cns", VolumeId = volume.VolumeId, Datastore = volume.Datastore, CapacityBytes = volume.CapacityMB * 1024 * 1024, ClusterIds = volume.ClusterIds });
        }

        foreach (var fcd in fcds.OfType<VsphereFcd>())
        {
            fcdFiles.Add(StorageMapBuilder.Normalize(fcd.FilePath));
            attached.TryGetValue(StorageMapBuilder.Normalize(fcd.FilePath), out var vms);
            disks.Add(new MapDisk { Kind = "Fcd", VolumeId = fcd.VolumeHandle, Path = fcd.FilePath, Datastore = fcd.Datastore, CapacityBytes = fcd.CapacityMB * 1024 * 1024, AttachedTo = vms ?? new List<string>() });
        }

        foreach (var (file, givenFolder) in files.Files.Where(f => !fcdFiles.Contains(StorageMapBuilder.Normalize(f.File.Path))))
        {
            var path = StorageMapBuilder.Normalize(file.Path);
            attached.TryGetValue(path, out var vms);
            disks.Add(new MapDisk { Kind = "Vmdk", Path = path, Datastore = DatastorePath.TryParse(path, out var p) ? p.Datastore : null, CapacityBytes = file.Bytes, InGivenFolder = givenFolder, AttachedTo = vms ?? new List<string>() });
        }

        var rows = StorageMapBuilder.Build(request.ClusterId.Trim(), disks, volumes, claims, pods, connection.Name);
        host.WriteVerbose($"{disks.Count} disks on {datastores.Count} datastores ({cns.Count} CNS volumes, {fcds.Count(f => f is not null)} other first-class disks, {disks.Count(d => d.Kind == "Vmdk")} VMDK files) in {requests} vCenter requests; {rows.Count} rows.");
        var summaries = datastores.Select(ds => new StorageMapDatastore { Name = nameOf[ds.Self], CapacityBytes = ds.Capacity ?? 0, FreeSpaceBytes = ds.FreeSpace ?? 0 })
            .OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        return new StorageMapResult(rows, summaries, requests, 3);
    }

    private static async Task<(IReadOnlyList<(DiskFile File, bool Given)> Files, int Requests)> SearchAsync(VsphereConnection connection, IReadOnlyList<DatastoreMo> datastores, IReadOnlyDictionary<ManagedObjectReference, string> nameOf, IReadOnlyList<(DatastorePath Folder, bool Given)> folders, IOperationHost host, CancellationToken ct)
    {
        var tasks = new Dictionary<ManagedObjectReference, (DatastorePath Folder, bool Given)>();
        var requests = 0;
        foreach (var (folder, given) in folders)
        {
            var ds = datastores.FirstOrDefault(d => nameOf[d.Self] == folder.Datastore);
            if (ds?.DatastoreBrowser is not { } browser)
            {
                if (given)
                {
                    host.WriteError(new VsphereK8sException("VsphereDatastoreNotFound", ErrorKind.ObjectNotFound, $"No datastore named '{folder.Datastore}' on {connection.Name}, so {folder} was not searched.", folder.ToString()));
                }

                continue;
            }

            tasks[await VimMethods.SearchDatastoreSubFoldersAsync(connection.Soap, browser, folder.ToString(), ct).ConfigureAwait(false)] = (folder, given);
            requests++;
        }

        var files = new List<(DiskFile, bool)>();
        if (tasks.Count == 0)
        {
            return (files, requests);
        }

        var outcomes = await TaskWaiter.WaitAllAsync(connection, tasks.Keys.ToList(), null, ct).ConfigureAwait(false);
        requests++;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (task, (folder, given)) in tasks.OrderByDescending(t => t.Value.Given))
        {
            var outcome = outcomes[task];
            if (!outcome.Succeeded)
            {
                if (outcome.Fault?.Kind is not (VsphereFaultKind.FileNotFound or VsphereFaultKind.InvalidDatastorePath) || given)
                {
                    host.WriteWarning($"{folder} could not be searched ({outcome.Fault}); its VMDKs are not in the map.");
                }

                continue;
            }

            foreach (var file in DiskFileReader.Files(outcome.Result).Where(f => seen.Add(StorageMapBuilder.Normalize(f.Path))))
            {
                files.Add((file, given));
            }
        }

        return (files, requests);
    }

    private static MapVolume ToVolume(V1PersistentVolume pv)
    {
        var spec = pv.Spec;
        var handle = spec?.Csi is { } csi && csi.Driver == WellKnown.VsphereCsiDriver ? csi.VolumeHandle : null;
        var claimRef = spec?.ClaimRef is { Name.Length: > 0 } r ? $"{r.NamespaceProperty}/{r.Name}" : null;
        long capacity = 0;
        if (spec?.Capacity is { } resources && resources.TryGetValue("storage", out var storage) && Quantity.TryParse(storage.ToString(), out var q, out _) && q.Value <= long.MaxValue && q.Value >= 0)
        {
            capacity = (long)q.Value;
        }

        return new MapVolume(pv.Metadata?.Name ?? string.Empty, handle, spec?.VsphereVolume?.VolumePath, claimRef, pv.Status?.Phase, capacity);
    }

    private static MapPod ToPod(V1Pod pod)
    {
        var ns = pod.Metadata?.NamespaceProperty ?? "default";
        var claims = (pod.Spec?.Volumes ?? new List<V1Volume>()).Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().Select(c => $"{ns}/{c}").ToList();
        return new MapPod($"{ns}/{pod.Metadata?.Name}", claims);
    }
}
