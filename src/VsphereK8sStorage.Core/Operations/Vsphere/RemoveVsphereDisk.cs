using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Property;

namespace VsphereK8sStorage.Operations.Vsphere;

/// <summary>One disk to delete, as given or as a piped object described it.</summary>
public sealed record DiskToRemove
{
    /// <summary>A first-class disk or CNS volume id (a CSI volumeHandle).</summary>
    public string? Id { get; init; }

    /// <summary>A VMDK file, <c>[datastore] folder/disk.vmdk</c>.</summary>
    public string? Path { get; init; }

    /// <summary>What the piped object said the disk is (Cns, Fcd or Vmdk), or null.</summary>
    public string? Kind { get; init; }

    /// <summary>The storage map row's status, when a row was piped.</summary>
    public StorageMapStatus? MapStatus { get; init; }

    /// <summary>The storage map row's PersistentVolume, when a row was piped.</summary>
    public string? Pv { get; init; }

    /// <summary>The cluster id the piped storage map row was made for; the request's cluster id when none is given.</summary>
    public string? MapClusterId { get; init; }
}

public sealed record RemoveVsphereDiskRequest
{
    public required VsphereConnection Connection { get; init; }

    /// <summary>The cluster whose PersistentVolumes are checked; null when none was given (every disk is then refused unless forced).</summary>
    public KubernetesSession? Session { get; init; }

    /// <summary>This cluster's id (csi-vsphere.conf's cluster-id): a CNS volume that names another cluster is refused.</summary>
    public string? ClusterId { get; init; }

    public IReadOnlyList<DiskToRemove> Disks { get; init; } = Array.Empty<DiskToRemove>();

    /// <summary>Delete despite the refusals that may be overridden; each overridden one is written as a warning.</summary>
    public bool Force { get; init; }

    /// <summary>The datacenter whose datastore a VMDK path means, when the name exists in several.</summary>
    public string? Datacenter { get; init; }
}

/// <summary>What sets one delete apart from the other: the disks it takes, how it reads what they name, and how it deletes one.</summary>
internal sealed record DiskRemoval<TDisk>(
    string Parameter,
    string Activity,
    string InterruptedId,
    Func<DiskToRemove, IOperationHost, TDisk?> Usable,
    IEqualityComparer<TDisk> Comparer,
    Func<TDisk, string> Display,
    Func<RemoveVsphereDiskRequest, RemovalReads, IReadOnlyList<TDisk>, IOperationHost, CancellationToken, Task<Func<TDisk, CancellationToken, Task<VsphereDiskRemoval?>>>> PrepareAsync)
    where TDisk : notnull;

/// <summary>What both deletes read once before deleting anything: datastores, the VMs' disks, and the cluster's PersistentVolumes.</summary>
internal sealed record RemovalReads(InventoryIndex Index, IReadOnlyDictionary<string, IReadOnlyList<string>> Attached, RemovalContext Context);

/// <summary>The reads and checks Remove-VsphereFcd and Remove-VsphereVmdk share.</summary>
internal static class RemoveVsphereDisk
{
    /// <summary>
    /// The run both deletes share: refuse a request that names no disk, keep each usable disk once (an unusable one
    /// gets its error), read everything once, then check, confirm and delete each disk in turn, emitting each as
    /// vCenter confirms it.
    /// </summary>
    public static async Task RunAsync<TDisk>(RemoveVsphereDiskRequest request, IOperationHost host, DiskRemoval<TDisk> removal, Action<VsphereDiskRemoval> emit, CancellationToken ct)
        where TDisk : notnull
    {
        if (request.Disks.Count == 0)
        {
            throw NothingGiven(removal.Parameter);
        }

        var disks = new List<TDisk>();
        foreach (var disk in request.Disks)
        {
            if (removal.Usable(disk, host) is { } usable && !disks.Contains(usable, removal.Comparer))
            {
                disks.Add(usable);
            }
        }

        if (disks.Count == 0)
        {
            return;
        }

        host.WriteProgress(new ProgressReport(1, removal.Activity, $"Reading {request.Connection.Name} and the cluster", 0));
        var reads = await ReadAsync(request, host, ct).ConfigureAwait(false);
        var remove = await removal.PrepareAsync(request, reads, disks, host, ct).ConfigureAwait(false);
        await PerItem.RunAsync(disks, removal.Activity, "disk", host, remove, emit, removal.Display, removal.InterruptedId, ct, "deleted").ConfigureAwait(false);
    }

    /// <summary>One PropertyCollector request (datastores with their browsers, VMs with their disks) and one list of PersistentVolumes.</summary>
    public static async Task<RemovalReads> ReadAsync(RemoveVsphereDiskRequest request, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        var given = string.IsNullOrWhiteSpace(request.ClusterId) ? request.Disks.Select(d => d.MapClusterId).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)) : request.ClusterId;
        var clusterId = given?.Trim();
        var volumes = ReadVolumesAsync(request.Session, host, ct);
        var index = await InventoryIndex.ReadAsync(connection, DatastoreReader.Properties.Append(new PropertySpec(DatastoreMo.Type, new[] { DatastoreMo.Browser })).Append(DiskFileReader.VmDisks), ct).ConfigureAwait(false);
        var (pvs, why, server) = await volumes.ConfigureAwait(false);
        if (pvs is null && request.Force)
        {
            host.WriteWarning($"The cluster's PersistentVolumes could not be read ({why}); {Param.Name("Force")} deletes the disks without that check.");
        }

        return new RemovalReads(index, DiskFileReader.Attached(index), new RemovalContext(clusterId, pvs, why, server));
    }

    /// <summary>Checks one disk: throws the refusal, or (forced) warns what it overrides; returns the overridden findings.</summary>
    public static IReadOnlyList<string> Check(RemovalCandidate candidate, RemovalContext context, bool force, IOperationHost host)
    {
        var findings = DiskRemovalRules.Check(candidate, context);
        if (findings.Count == 0)
        {
            return Array.Empty<string>();
        }

        if (!force || findings.Any(f => !f.Forcible))
        {
            throw new DiskRemovalRefusedException(findings.Select(f => f.Code).ToList(), DiskRemovalRules.Refusal(candidate, findings), candidate.VolumeId ?? candidate.Path ?? string.Empty);
        }

        host.WriteWarning(DiskRemovalRules.Overriding(candidate, findings));
        return findings.Select(f => $"{f.Code}: {f.Words}").ToList();
    }

    /// <summary>A run given no disk at all: the command line named none (piped input that is empty runs nothing instead).</summary>
    public static InvalidParameterException NothingGiven(string parameter) =>
        new("RemoveVsphereDiskNothingGiven", parameter, $"Say which disks to delete: {Param.Name(parameter)} with one or more values, or {Param.Name("InputObject", "path")} - with the storage map's JSON rows on standard input.");

    public static string Freeing(long bytes) => bytes > 0 ? $"freeing {DiskCapacity.ToQuantity(bytes)}" : "freeing space vCenter reports no size for";

    private static async Task<(IReadOnlyList<MapVolume>? Volumes, string? Why, string Server)> ReadVolumesAsync(KubernetesSession? session, IOperationHost host, CancellationToken ct)
    {
        if (session is null)
        {
            return (null, "no cluster was given", "no cluster");
        }

        KubernetesApi api;
        try
        {
            api = session.Api(host);
        }
        catch (VsphereK8sException ex) when (ex.ErrorId == KubeconfigResolver.NotConfiguredErrorId)
        {
            return (null, ex.Message.TrimEnd('.'), "no cluster");
        }

        try
        {
            var list = await api.ListAllAsync(Resources.PersistentVolume, null, ct).ConfigureAwait(false);
            host.WriteVerbose($"read {list.Items.Count} PersistentVolumes from {api.Endpoint.Server}");
            return (list.Items.Select(ToVolume).ToList(), null, api.Endpoint.Server);
        }
        catch (KubernetesApiException ex)
        {
            return (null, ex.Message.TrimEnd('.'), api.Endpoint.Server);
        }
    }

    /// <summary>A PersistentVolume's disk: any CSI driver's volumeHandle (a handle names one disk whatever the driver) and the in-tree volumePath.</summary>
    private static MapVolume ToVolume(V1PersistentVolume pv)
    {
        var claimRef = pv.Spec?.ClaimRef is { Name.Length: > 0 } r ? $"{r.NamespaceProperty}/{r.Name}" : null;
        return new MapVolume(pv.Metadata?.Name ?? string.Empty, pv.Spec?.Csi?.VolumeHandle, pv.Spec?.VsphereVolume?.VolumePath, claimRef, pv.Status?.Phase, 0);
    }
}
