using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Methods;

namespace VsphereK8sStorage.Operations.Vsphere;

public sealed record GetCnsVolumeRequest
{
    public required VsphereConnection Connection { get; init; }

    /// <summary>Container cluster ids (csi-vsphere.conf's cluster-id), wildcards allowed; empty means every cluster.</summary>
    public IReadOnlyList<string> ClusterIds { get; init; } = Array.Empty<string>();

    /// <summary>Datastore names, wildcards allowed; empty means every datastore.</summary>
    public IReadOnlyList<string> Datastores { get; init; } = Array.Empty<string>();

    /// <summary>PersistentVolume names the driver recorded, wildcards allowed.</summary>
    public IReadOnlyList<string> PvNames { get; init; } = Array.Empty<string>();

    /// <summary>Volume names, wildcards allowed.</summary>
    public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();

    /// <summary>Volume ids (CSI volume handles), exact.</summary>
    public IReadOnlyList<string> VolumeIds { get; init; } = Array.Empty<string>();

    /// <summary>Volumes asked for per CnsQueryVolume round trip.</summary>
    internal int PageSize { get; init; } = CnsVolumeReader.DefaultPageSize;
}

/// <summary>
/// Get-CnsVolume: vCenter's Container Volumes, read with CnsQueryVolume page by page. The filters go to vCenter
/// where its filter can say them (ids, exact cluster ids and names, datastores) and are applied again here to
/// every volume returned, so the answer is the same from servers that ignore them (VMware's simulator honours
/// only volume ids).
/// </summary>
public static class GetCnsVolume
{
    public static async Task<IReadOnlyList<CnsVolume>> RunAsync(GetCnsVolumeRequest request, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        var all = await ReadAsync(connection, request, host, ct).ConfigureAwait(false);
        foreach (var id in request.VolumeIds.Where(id => !all.Volumes.Any(v => string.Equals(v.VolumeId, id, StringComparison.OrdinalIgnoreCase))))
        {
            host.WriteError(new VsphereK8sException("CnsVolumeNotFound", ErrorKind.ObjectNotFound, $"No CNS volume with id '{id}' on {connection.Name}.", id));
        }

        foreach (var pv in request.PvNames.Select(NamePattern.Create).Where(p => !p.HasWildcards && !all.Volumes.Any(v => v.Pv is { } name && p.IsMatch(name))))
        {
            host.WriteError(new VsphereK8sException("CnsVolumeNotFound", ErrorKind.ObjectNotFound, $"No CNS volume on {connection.Name} records the PersistentVolume '{pv.Text}'{Among(request)}.", pv.Text));
        }

        return all.Volumes;
    }

    /// <summary>The volumes and the datastores read to name them; shared with the storage map.</summary>
    internal static async Task<(IReadOnlyList<CnsVolume> Volumes, InventoryIndex Datastores)> ReadAsync(VsphereConnection connection, GetCnsVolumeRequest request, IOperationHost host, CancellationToken ct)
    {
        if (!connection.Content.IsVcenter)
        {
            throw new VsphereK8sException("CnsNotSupported", ErrorKind.InvalidOperation, $"{connection.Name} ({connection.ProductName}) is not a vCenter; CNS volumes are kept by vCenter, so connect to the vCenter that manages this host.", connection.Name);
        }

        var index = await DatastoreReader.ReadAsync(connection, ct).ConfigureAwait(false);
        var datastores = index.Datastores().ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var datastore in datastores)
        {
            names.TryAdd(datastore.Url ?? string.Empty, index.NameOf(datastore.Self));
        }

        var byDatastore = request.Datastores.Count > 0;
        var chosenDatastores = byDatastore ? DatastoreReader.Select(index, request.Datastores, host, connection.Name) : new List<DatastoreMo>();
        if (byDatastore && chosenDatastores.Count == 0)
        {
            return (new List<CnsVolume>(), index);
        }

        var clusterPatterns = request.ClusterIds.Select(NamePattern.Create).ToList();
        var namePatterns = request.Names.Select(NamePattern.Create).ToList();
        var pvPatterns = request.PvNames.Select(NamePattern.Create).ToList();
        var filter = new CnsQueryFilterSpec
        {
            VolumeIds = request.VolumeIds,
            ContainerClusterIds = clusterPatterns.Any(p => p.HasWildcards) ? new List<string>() : request.ClusterIds,
            Names = namePatterns.Any(p => p.HasWildcards) ? new List<string>() : request.Names,
            Datastores = chosenDatastores.Select(d => d.Self).ToList(),
        };
        var pages = 0;
        var raw = await CnsVolumeReader.QueryAllAsync(connection.Soap, filter, connection.Name, ct, request.PageSize, (page, count) =>
        {
            pages = page;
            host.WriteProgress(new ProgressReport(1, "Reading CNS volumes", $"{count} volumes, {page} pages"));
        }).ConfigureAwait(false);
        host.WriteProgress(new ProgressReport(1, "Reading CNS volumes", "Done", 100, Completed: true));

        var chosenUrls = chosenDatastores.Select(d => d.Url ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        var ids = request.VolumeIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var volumes = raw.Select(v => CnsVolumeReader.ToVolume(v, names, connection.Name)).ToList();
        var matching = volumes
            .Where(v => ids.Count == 0 || ids.Contains(v.VolumeId))
            .Where(v => clusterPatterns.Count == 0 || v.ClusterIds.Any(c => clusterPatterns.Any(p => p.IsMatch(c))))
            .Where(v => namePatterns.Count == 0 || namePatterns.Any(p => p.IsMatch(v.Name)))
            .Where(v => pvPatterns.Count == 0 || (v.Pv is { } pv && pvPatterns.Any(p => p.IsMatch(pv))))
            .Where(v => !byDatastore || chosenUrls.Contains(v.DatastoreUrl))
            .OrderBy(v => v.Datastore, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.VolumeId, StringComparer.Ordinal)
            .ToList();
        host.WriteVerbose($"{volumes.Count} CNS volumes in {pages} pages of at most {request.PageSize} from {connection.Name}; {matching.Count} match.");
        if (volumes.Count > matching.Count && (filter.ContainerClusterIds.Count > 0 || filter.Names.Count > 0 || filter.Datastores.Count > 0 || filter.VolumeIds.Count > 0))
        {
            host.WriteVerbose($"{connection.Name} returned {volumes.Count - matching.Count} volumes its filter should have left out; they were left out here.");
        }

        return (matching, index);
    }

    private static string Among(GetCnsVolumeRequest request) =>
        request.ClusterIds.Count == 0 && request.Datastores.Count == 0 ? string.Empty : " among the volumes the other filters choose";
}
