using VsphereK8sStorage.Vsphere.Objects;

namespace VsphereK8sStorage.StorageMap;

/// <summary>A disk vCenter holds: a CNS volume, a first-class disk (a CNS block volume is both: one disk), or a VMDK file.</summary>
internal sealed record MapDisk
{
    public required string Kind { get; init; }

    public string? VolumeId { get; init; }

    public string? Path { get; init; }

    public string? Datastore { get; init; }

    public long CapacityBytes { get; init; }

    public IReadOnlyList<string> ClusterIds { get; init; } = new List<string>();

    /// <summary>The VMDK lies in a folder the user named as this cluster's.</summary>
    public bool InGivenFolder { get; init; }

    public IReadOnlyList<string> AttachedTo { get; init; } = new List<string>();
}

/// <summary>What the map needs of a PersistentVolume: its vSphere disk (CSI volumeHandle or in-tree volumePath) and its claimRef.</summary>
internal sealed record MapVolume(string Name, string? VolumeHandle, string? VolumePath, string? ClaimRef, string? Phase, long CapacityBytes);

/// <summary>What the map needs of a claim.</summary>
internal sealed record MapClaim(string Key, string? VolumeName);

/// <summary>A pod that has not finished, and the claims its volumes name.</summary>
internal sealed record MapPod(string Key, IReadOnlyList<string> Claims);

/// <summary>
/// Joins vCenter's disks with Kubernetes' PersistentVolumes, claims and pods. Design: every vSphere PersistentVolume
/// gives one row (its disk, or MissingDisk); every disk no PersistentVolume references gives one row (OrphanDisk or
/// UnknownOwner); nothing else. A disk is an orphan of this cluster only when its CNS metadata names this cluster's
/// id, or it lies in a folder the user named; anything else no PersistentVolume here references has an unknown
/// owner, since another cluster may use it. A disk attached to a VM is never an orphan. Pure: no I/O.
/// </summary>
internal static class StorageMapBuilder
{
    public static IReadOnlyList<StorageMapRow> Build(string clusterId, IReadOnlyList<MapDisk> disks, IReadOnlyList<MapVolume> volumes, IReadOnlyList<MapClaim> claims, IReadOnlyList<MapPod> pods, string server)
    {
        var byId = new Dictionary<string, MapDisk>(StringComparer.OrdinalIgnoreCase);
        var byPath = new Dictionary<string, MapDisk>(StringComparer.Ordinal);
        foreach (var disk in disks)
        {
            if (disk.VolumeId is { Length: > 0 } id)
            {
                byId.TryAdd(id, disk);
            }

            if (disk.Path is { Length: > 0 } path)
            {
                byPath.TryAdd(Normalize(path), disk);
            }
        }

        var claimsByKey = claims.GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var podsByClaim = pods.SelectMany(p => p.Claims.Distinct(StringComparer.Ordinal).Select(c => (Claim: c, Pod: p.Key)))
            .GroupBy(x => x.Claim, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Pod).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var referenced = new HashSet<MapDisk>(ReferenceEqualityComparer.Instance);
        var rows = new List<StorageMapRow>();

        foreach (var pv in volumes.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            MapDisk? disk;
            string what;
            if (pv.VolumeHandle is { Length: > 0 } handle)
            {
                byId.TryGetValue(handle, out disk);
                what = $"its volumeHandle {handle} is neither a CNS volume nor a first-class disk on {server}";
            }
            else if (pv.VolumePath is { Length: > 0 } volumePath)
            {
                byPath.TryGetValue(Normalize(volumePath), out disk);
                what = $"its volumePath {volumePath} is not a disk file on {server}";
            }
            else
            {
                continue;
            }

            var bound = pv.ClaimRef is { } claimKey && claimsByKey.TryGetValue(claimKey, out var claim) && claim.VolumeName == pv.Name;
            var claimPods = bound && podsByClaim.TryGetValue(pv.ClaimRef!, out var using_) ? using_ : new List<string>();
            StorageMapStatus status;
            string reason;
            if (disk is null)
            {
                status = StorageMapStatus.MissingDisk;
                reason = claimPods.Count > 0
                    ? $"PersistentVolume {pv.Name}: {what}; pods {string.Join(", ", claimPods)} will fail to mount claim {pv.ClaimRef}"
                    : bound ? $"PersistentVolume {pv.Name}: {what}; a pod that uses claim {pv.ClaimRef} will fail to mount it" : $"PersistentVolume {pv.Name}: {what}";
            }
            else
            {
                referenced.Add(disk);
                (status, reason) = (pv.ClaimRef, bound, claimPods.Count) switch
                {
                    (null, _, _) => (StorageMapStatus.Available, $"PersistentVolume {pv.Name} is not bound to a claim"),
                    (_, true, > 0) => (StorageMapStatus.InUse, $"claim {pv.ClaimRef} is used by {string.Join(", ", claimPods)}"),
                    (_, true, _) => (StorageMapStatus.Bound, $"claim {pv.ClaimRef} is bound and no pod uses it"),
                    _ => (StorageMapStatus.Released, $"PersistentVolume {pv.Name} was released: claim {pv.ClaimRef} is gone; the disk keeps its data until the volume is deleted or reclaimed"),
                };
            }

            var capacity = disk?.CapacityBytes is > 0 ? disk.CapacityBytes : pv.CapacityBytes;
            rows.Add(new StorageMapRow
            {
                Status = status,
                Datastore = disk?.Datastore ?? DatastoreOf(pv.VolumePath),
                VolumeId = disk?.VolumeId ?? pv.VolumeHandle,
                Path = disk?.Path ?? pv.VolumePath,
                DiskKind = disk?.Kind,
                Capacity = Quantity(capacity),
                CapacityBytes = capacity,
                Pv = pv.Name,
                Claim = pv.ClaimRef,
                Pods = claimPods,
                ClusterIds = disk?.ClusterIds ?? new List<string>(),
                AttachedTo = disk?.AttachedTo ?? new List<string>(),
                Reason = reason,
                MapClusterId = clusterId,
                Server = server,
            });
        }

        foreach (var disk in disks.Where(d => !referenced.Contains(d)))
        {
            var ours = disk.ClusterIds.Contains(clusterId, StringComparer.Ordinal) || disk.InGivenFolder;
            var name = disk.VolumeId ?? disk.Path;
            var (status, reason) = (disk.AttachedTo.Count > 0, ours) switch
            {
                (true, _) => (StorageMapStatus.UnknownOwner, $"no PersistentVolume references {name}, but it is attached to {string.Join(", ", disk.AttachedTo)}"),
                (false, true) => (StorageMapStatus.OrphanDisk, disk.InGivenFolder
                    ? $"no PersistentVolume references {name}, which lies in a folder given as this cluster's"
                    : $"no PersistentVolume references {name}, whose CNS metadata names cluster {clusterId}"),
                _ => (StorageMapStatus.UnknownOwner, disk.ClusterIds.Count > 0
                    ? $"no PersistentVolume references {name}; its CNS metadata names cluster {string.Join(", ", disk.ClusterIds)}, not {clusterId}"
                    : $"no PersistentVolume references {name}, and nothing says which cluster it belongs to"),
            };
            rows.Add(new StorageMapRow
            {
                Status = status,
                Datastore = disk.Datastore,
                VolumeId = disk.VolumeId,
                Path = disk.Path,
                DiskKind = disk.Kind,
                Capacity = Quantity(disk.CapacityBytes),
                CapacityBytes = disk.CapacityBytes,
                ClusterIds = disk.ClusterIds,
                AttachedTo = disk.AttachedTo,
                Reason = reason,
                MapClusterId = clusterId,
                Server = server,
            });
        }

        return rows.OrderBy(r => r.Datastore ?? string.Empty, StringComparer.Ordinal).ThenBy(r => r.Status).ThenBy(r => r.Pv ?? r.VolumeId ?? r.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary><c>[ds] a/b.vmdk</c> with single spaces and no surrounding blanks, as paths compare.</summary>
    public static string Normalize(string path) => DatastorePath.TryParse(path.Trim(), out var parsed) ? parsed.ToString() : path.Trim();

    private static string? DatastoreOf(string? path) => path is not null && DatastorePath.TryParse(path.Trim(), out var parsed) ? parsed.Datastore : null;

    private static string Quantity(long bytes) => bytes > 0 ? DiskCapacity.ToQuantity(bytes) : string.Empty;
}
