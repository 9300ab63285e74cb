using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Output;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Operations.Vsphere;

/// <summary>
/// A first-class disk (FCD, vSphere's "improved virtual disk"). <see cref="VolumeHandle"/> is its id, the
/// value a CSI PersistentVolume's <c>volumeHandle</c> wants for static provisioning with the vSphere CSI driver
/// (New-K8sPersistentVolume binds it by name).
/// </summary>
public sealed record VsphereFcd
{
    [TableColumn("NAME", 0)]
    public string Name { get; init; } = string.Empty;

    /// <summary>The FCD id (a UUID).</summary>
    [TableColumn("VOLUME HANDLE", 1)]
    public string VolumeHandle { get; init; } = string.Empty;

    /// <summary>The size as a Kubernetes quantity (<c>2Gi</c>).</summary>
    [TableColumn("CAPACITY", 2)]
    public string Capacity { get; init; } = string.Empty;

    public long CapacityMB { get; init; }

    [TableColumn("DATASTORE", 3)]
    public string Datastore { get; init; } = string.Empty;

    public string DatastoreUrl { get; init; } = string.Empty;

    /// <summary>The backing file, <c>[datastore1] fcd/….vmdk</c>.</summary>
    [TableColumn("FILE", 4)]
    public string FilePath { get; init; } = string.Empty;

    public string? ProvisioningType { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public string Server { get; init; } = string.Empty;

    internal static VsphereFcd From(XElement storageObject, InventoryIndex index, ObjectContent datastore, string server)
    {
        var config = storageObject.Child("config");
        var backing = config?.Child("backing");
        var capacityMb = config?.ChildLong("capacityInMB") ?? 0;
        return new VsphereFcd
        {
            Name = Xml.Printable(config?.ChildText("name"), 200),
            VolumeHandle = config?.Child("id")?.ChildText("id") ?? string.Empty,
            Capacity = DiskCapacity.ToQuantity(capacityMb * 1024 * 1024),
            CapacityMB = capacityMb,
            Datastore = index.NameOf(datastore.Obj),
            DatastoreUrl = datastore.Text("summary.url") ?? string.Empty,
            FilePath = backing?.ChildText("filePath") ?? string.Empty,
            ProvisioningType = backing?.ChildText("provisioningType"),
            CreateTime = DateTimeOffset.TryParse(config?.ChildText("createTime"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var created) ? created : null,
            Server = server,
        };
    }
}

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
        var datastores = index.OfType("Datastore").ToList();
        if (request.Datastores.Count > 0)
        {
            var patterns = request.Datastores.Select(NamePattern.Create).ToList();
            foreach (var missing in patterns.Where(p => !p.HasWildcards && !datastores.Any(d => p.IsMatch(index.NameOf(d.Obj)))))
            {
                host.WriteError(new VsphereK8sException("VsphereDatastoreNotFound", ErrorKind.ObjectNotFound, $"No datastore named '{missing.Text}' on {connection.Name}.", missing.Text));
            }

            datastores = datastores.Where(d => patterns.Any(p => p.IsMatch(index.NameOf(d.Obj)))).ToList();
        }

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
    internal static async Task<IReadOnlyList<VsphereFcd>> ListAsync(VsphereConnection connection, InventoryIndex index, IReadOnlyList<ObjectContent> datastores, IOperationHost host, CancellationToken ct)
    {
        var manager = connection.Content.VStorageObjectManager
            ?? throw new VsphereK8sException("VsphereNotSupported", ErrorKind.InvalidOperation, $"{connection.Name} ({connection.ProductName}) has no first-class disk manager; FCDs need vCenter 6.5 or later.", connection.Name);
        var found = new List<(ObjectContent Datastore, string Id)>();
        foreach (var datastore in datastores)
        {
            foreach (var id in await VimMethods.ListVStorageObjectAsync(connection.Soap, manager, datastore.Obj, ct).ConfigureAwait(false))
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
                var element = await VimMethods.RetrieveVStorageObjectAsync(connection.Soap, manager, found[i].Id, found[i].Datastore.Obj, token).ConfigureAwait(false);
                disks[i] = VsphereFcd.From(element, index, found[i].Datastore, connection.Name);
            }
            catch (VsphereFaultException ex) when (ex.FaultKind == VsphereFaultKind.NotFound)
            {
                // Deleted between the list and the read.
            }
        }).ConfigureAwait(false);
        return disks.OfType<VsphereFcd>().OrderBy(d => d.Datastore, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
    }
}

/// <summary>One first-class disk to create.</summary>
public sealed record FcdSpec
{
    public required string Name { get; init; }

    public required string Capacity { get; init; }

    public required string Datastore { get; init; }

    public VsphereDiskType DiskType { get; init; } = VsphereDiskType.Thin;
}

public sealed record NewVsphereFcdRequest
{
    public required VsphereConnection Connection { get; init; }

    public IReadOnlyList<FcdSpec> Disks { get; init; } = Array.Empty<FcdSpec>();

    public string? Datacenter { get; init; }

    /// <summary>A storage policy name to attach (resolved through SPBM), or null.</summary>
    public string? StoragePolicyName { get; init; }
}

/// <summary>
/// New-VsphereFcd: creates first-class disks (VcenterVStorageObjectManager.CreateDisk_Task). vSphere itself
/// allows two FCDs with one name; this refuses a name already used on the datastore, so a re-run does not
/// create a second disk.
/// </summary>
public static class NewVsphereFcd
{
    public const string Activity = "Creating first-class disks";

    public static async Task<IReadOnlyList<VsphereFcd>> RunAsync(NewVsphereFcdRequest request, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        if (request.Disks.Count == 0)
        {
            return Array.Empty<VsphereFcd>();
        }

        var manager = connection.Content.VStorageObjectManager
            ?? throw new VsphereK8sException("VsphereNotSupported", ErrorKind.InvalidOperation, $"{connection.Name} ({connection.ProductName}) has no first-class disk manager; FCDs need vCenter 6.5 or later.", connection.Name);
        host.WriteProgress(new ProgressReport(1, Activity, $"Reading the datastores of {connection.Name}", 0));
        var index = await DatastoreReader.ReadAsync(connection, ct).ConfigureAwait(false);
        var profileId = request.StoragePolicyName is { } policy ? await GetVsphereStoragePolicy.ResolveIdAsync(connection, policy, ct).ConfigureAwait(false) : null;
        var existing = new Dictionary<ManagedObjectReference, IReadOnlyList<VsphereFcd>>();
        return await PerItem.RunAsync(request.Disks, Activity, "disks", host, spec => CreateAsync(connection, manager, index, existing, spec, request.Datacenter, profileId, host, ct)).ConfigureAwait(false);
    }

    private static async Task<VsphereFcd?> CreateAsync(
        VsphereConnection connection, ManagedObjectReference manager, InventoryIndex index, Dictionary<ManagedObjectReference, IReadOnlyList<VsphereFcd>> existing,
        FcdSpec spec, string? datacenter, string? profileId, IOperationHost host, CancellationToken ct)
    {
        var name = spec.Name.Trim();
        if (name.Length == 0 || name.Length > 80)
        {
            throw new InvalidParameterException("NewVsphereFcdNameInvalid", "Name", $"The disk name '{Xml.Printable(spec.Name, 100)}' must have 1 to 80 characters.", spec.Name);
        }

        var capacityMb = DiskCapacity.ToUnits(spec.Capacity, 1024 * 1024, "MiB", "Capacity", host);
        var datastore = DatastoreReader.Resolve(index, spec.Datastore, datacenter, "Datastore", connection.Name);
        var datastoreName = index.NameOf(datastore.Obj);
        if (!existing.TryGetValue(datastore.Obj, out var onDatastore))
        {
            onDatastore = await GetVsphereFcd.ListAsync(connection, index, new[] { datastore }, host, ct).ConfigureAwait(false);
            existing[datastore.Obj] = onDatastore;
        }

        if (onDatastore.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal)) is { } twin)
        {
            throw new VsphereK8sException(
                "NewVsphereFcdExists", ErrorKind.ResourceExists,
                $"A first-class disk named '{name}' already exists on {datastoreName} (volume handle {twin.VolumeHandle}); nothing was created. Use it (Get-VsphereFcd -Name '{name}'), or pick another name.",
                name);
        }

        var capacity = DiskCapacity.ToQuantity(capacityMb * 1024 * 1024);
        var provisioning = spec.DiskType switch
        {
            VsphereDiskType.Thick => "lazyZeroedThick",
            VsphereDiskType.EagerZeroedThick => "eagerZeroedThick",
            _ => "thin",
        };
        if (!host.ShouldProcess($"{name} on [{datastoreName}]", $"Create a {capacity} {provisioning} first-class disk"))
        {
            return null;
        }

        XElement? result;
        try
        {
            var task = await VimMethods.CreateDiskAsync(connection.Soap, manager, name, capacityMb, datastore.Obj, provisioning, keepAfterDeleteVm: true, profileId, ct).ConfigureAwait(false);
            result = await TaskWaiter.WaitAsync(connection, task, $"Creating the first-class disk {name} on {datastoreName}", ct).ConfigureAwait(false);
        }
        catch (VsphereFaultException ex)
        {
            throw new VsphereFaultException(ex.Fault, $"Creating the first-class disk {name} on {datastoreName} failed: {ex.Fault}.", "NewVsphereFcdFailed", name);
        }

        var fcd = result is null
            ? throw new VsphereK8sException("NewVsphereFcdFailed", ErrorKind.InvalidOperation, $"vCenter created {name} on {datastoreName} but returned no disk; find it with Get-VsphereFcd.", name)
            : VsphereFcd.From(result, index, datastore, connection.Name);
        existing[datastore.Obj] = onDatastore.Append(fcd).ToList();
        host.WriteVerbose($"Created the first-class disk {fcd.Name} ({fcd.VolumeHandle}) on {datastoreName}.");
        return fcd;
    }
}
