using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Operations.Vsphere;

public sealed record GetVsphereFcdRequest
{
    public required VsphereConnection Connection { get; init; }

    /// <summary>Datastore names with wildcards; empty means every datastore.</summary>
    public IReadOnlyList<string> Datastores { get; init; } = Array.Empty<string>();

    /// <summary>FCD names with wildcards; empty means all.</summary>
    public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();

    /// <summary>FCD ids (volume handles).</summary>
    public IReadOnlyList<string> Ids { get; init; } = Array.Empty<string>();
}

/// <summary>Get-VsphereFcd: first-class disks per datastore (ListVStorageObject, then RetrieveVStorageObject for each, bounded).</summary>
public static class GetVsphereFcd
{
    private const int Concurrency = 8;

    public static async Task<IReadOnlyList<VsphereFcd>> RunAsync(GetVsphereFcdRequest request, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        var index = await DatastoreReader.ReadAsync(connection, ct).ConfigureAwait(false);
        var datastores = DatastoreReader.Select(index, request.Datastores, host, connection.Name);
        var disks = await ListAsync(connection, index, datastores, host, ct).ConfigureAwait(false);
        var names = request.Names.Select(NamePattern.Create).ToList();
        var ids = new HashSet<string>(request.Ids, StringComparer.OrdinalIgnoreCase);
        var chosen = disks.Where(d => (names.Count == 0 && ids.Count == 0) || names.Any(n => n.IsMatch(d.Name)) || ids.Contains(d.VolumeHandle)).ToList();
        foreach (var id in ids.Where(id => !disks.Any(d => string.Equals(d.VolumeHandle, id, StringComparison.OrdinalIgnoreCase))))
        {
            host.WriteError(new VsphereK8sException("VsphereFcdNotFound", ErrorKind.ObjectNotFound, $"No first-class disk with id '{id}' on the datastores read from {connection.Name}.", id));
        }

        foreach (var name in names.Where(n => !n.HasWildcards && !disks.Any(d => n.IsMatch(d.Name))))
        {
            host.WriteError(new VsphereK8sException("VsphereFcdNotFound", ErrorKind.ObjectNotFound, $"No first-class disk named '{name.Text}' on the datastores read from {connection.Name}.", name.Text));
        }

        return chosen;
    }

    /// <summary>Every FCD on the given datastores, ordered by datastore and name.</summary>
    internal static async Task<IReadOnlyList<VsphereFcd>> ListAsync(VsphereConnection connection, InventoryIndex index, IReadOnlyList<DatastoreMo> datastores, IOperationHost host, CancellationToken ct)
    {
        var manager = connection.Content.VStorageObjectManager
            ?? throw new VsphereK8sException("VsphereNotSupported", ErrorKind.InvalidOperation, $"{connection.Name} ({connection.ProductName}) has no first-class disk manager; FCDs need vCenter 6.5 or later.", connection.Name);
        var found = new List<(DatastoreMo Datastore, string Id)>();
        foreach (var datastore in datastores)
        {
            foreach (var id in await FcdReader.ListIdsAsync(connection, manager, datastore, ct).ConfigureAwait(false))
            {
                found.Add((datastore, id));
            }
        }

        host.WriteVerbose($"{found.Count} first-class disks on {datastores.Count} datastores.");
        var disks = new VsphereFcd?[found.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, found.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (i, token) =>
        {
            try
            {
                disks[i] = await FcdReader.ReadAsync(connection, manager, found[i].Id, index, found[i].Datastore, token).ConfigureAwait(false);
            }
            catch (VsphereFaultException ex) when (ex.FaultKind == VsphereFaultKind.NotFound)
            {
                // Deleted between the list and the read.
            }
        }).ConfigureAwait(false);
        return disks.OfType<VsphereFcd>().OrderBy(d => d.Datastore, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
    }
}
