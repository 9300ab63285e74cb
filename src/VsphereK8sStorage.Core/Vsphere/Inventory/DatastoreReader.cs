using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Property;

namespace VsphereK8sStorage.Vsphere.Inventory;

/// <summary>Reads datastores (and the names of their hosts) in one PropertyCollector request.</summary>
internal static class DatastoreReader
{
    public static readonly IReadOnlyList<PropertySpec> Properties = new[] { DatastoreMo.Summary, ManagedEntity.HostNames };

    public static Task<InventoryIndex> ReadAsync(VsphereConnection connection, CancellationToken ct) =>
        InventoryIndex.ReadAsync(connection, Properties, ct);

    public static VsphereDatastore ToDatastore(InventoryIndex index, DatastoreMo ds, string server)
    {
        var datacenter = index.DatacenterOf(ds.Self);
        return new VsphereDatastore
        {
            Name = index.NameOf(ds.Self),
            Path = index.PathOf(ds.Self),
            Id = ds.Self.Id,
            Type = ds.FileSystemType ?? string.Empty,
            Url = ds.Url ?? string.Empty,
            CapacityBytes = ds.Capacity ?? 0,
            FreeSpaceBytes = ds.FreeSpace ?? 0,
            Hosts = ds.HostMounts.Select(index.NameOf).OrderBy(n => n, StringComparer.Ordinal).ToList(),
            DatastoreCluster = ds.Parent is { } p && p.Is(ManagedEntity.StoragePod) ? index.NameOf(p) : null,
            Datacenter = datacenter is { } dc ? index.NameOf(dc) : null,
            Accessible = ds.Accessible != false,
            MaintenanceMode = ds.MaintenanceMode,
            Server = server,
        };
    }

    /// <summary>
    /// The datastores name patterns choose (a pattern with a folder path is matched against the inventory path),
    /// every one when none is given; a name without wildcards that matches none gets its own error first.
    /// </summary>
    public static List<DatastoreMo> Select(InventoryIndex index, IReadOnlyList<string> names, IOperationHost host, string server)
    {
        var all = index.Datastores().ToList();
        if (names.Count == 0)
        {
            return all;
        }

        var patterns = names.Select(NamePattern.Create).ToList();
        bool Matches(NamePattern p, DatastoreMo d) => p.IsMatch(p.IsPath ? index.PathOf(d.Self) : index.NameOf(d.Self));
        foreach (var missing in patterns.Where(p => !p.HasWildcards && !all.Any(d => Matches(p, d))))
        {
            host.WriteError(new VsphereK8sException(
                "VsphereDatastoreNotFound", ErrorKind.ObjectNotFound,
                $"No datastore named '{missing.Text}' on {server}; list them with {Param.Command("Get-VsphereDatastore")}.", missing.Text));
        }

        return all.Where(d => patterns.Any(p => Matches(p, d))).ToList();
    }

    /// <summary>
    /// The one datastore a name means, in <paramref name="datacenter"/> when given; a clear error when none
    /// or several match (datastore names are unique per datacenter, not per vCenter).
    /// </summary>
    public static DatastoreMo Resolve(InventoryIndex index, string name, string? datacenter, string parameter, string server)
    {
        var all = index.Datastores().ToList();
        var matches = all.Where(d => string.Equals(index.NameOf(d.Self), name, StringComparison.Ordinal)).ToList();
        if (matches.Count == 0)
        {
            matches = all.Where(d => string.Equals(index.NameOf(d.Self), name, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        if (datacenter is not null)
        {
            matches = matches.Where(d => index.DatacenterOf(d.Self) is { } dc && string.Equals(index.NameOf(dc), datacenter, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        if (matches.Count == 1)
        {
            return matches[0];
        }

        if (matches.Count == 0)
        {
            var known = string.Join(", ", all.Select(d => index.NameOf(d.Self)).Distinct().OrderBy(n => n, StringComparer.Ordinal).Take(20));
            throw new InvalidParameterException(
                "VsphereDatastoreNotFound", parameter,
                $"No datastore named '{name}'{(datacenter is null ? string.Empty : $" in datacenter '{datacenter}'")} on {server}. Datastores there: {(known.Length == 0 ? "none" : known)}.",
                name);
        }

        var datacenters = string.Join(", ", matches.Select(d => index.DatacenterOf(d.Self) is { } dc ? index.NameOf(dc) : "?"));
        throw new InvalidParameterException(
            "VsphereDatastoreAmbiguous", parameter,
            $"The datastore name '{name}' exists in several datacenters on {server} ({datacenters}); say which with {Param.Name("Datacenter")}.",
            name);
    }
}
