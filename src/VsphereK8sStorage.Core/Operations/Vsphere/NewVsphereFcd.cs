using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Operations.Vsphere;

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

    /// <summary>The error id of the summary that ends a run stopped early.</summary>
    public const string InterruptedId = "NewVsphereFcdInterrupted";

    public static Task<IReadOnlyList<VsphereFcd>> RunAsync(NewVsphereFcdRequest request, IOperationHost host, CancellationToken ct) =>
        Emitted.CollectAsync<VsphereFcd>(emit => RunAsync(request, host, emit, ct));

    /// <summary>Creates the disks one by one and hands each to <paramref name="emit"/> as soon as it exists.</summary>
    public static async Task RunAsync(NewVsphereFcdRequest request, IOperationHost host, Action<VsphereFcd> emit, CancellationToken ct)
    {
        var connection = request.Connection;
        if (request.Disks.Count == 0)
        {
            return;
        }

        var manager = connection.Content.VStorageObjectManager
            ?? throw new VsphereK8sException("VsphereNotSupported", ErrorKind.InvalidOperation, $"{connection.Name} ({connection.ProductName}) has no first-class disk manager; FCDs need vCenter 6.5 or later.", connection.Name);
        host.WriteProgress(new ProgressReport(1, Activity, $"Reading the datastores of {connection.Name}", 0));
        var index = await DatastoreReader.ReadAsync(connection, ct).ConfigureAwait(false);
        var profileId = request.StoragePolicyName is { } policy ? await GetVsphereStoragePolicy.ResolveIdAsync(connection, policy, ct).ConfigureAwait(false) : null;
        var existing = new Dictionary<ManagedObjectReference, IReadOnlyList<VsphereFcd>>();
        await PerItem.RunAsync(request.Disks, Activity, "disk", host, (spec, token) => CreateAsync(connection, manager, index, existing, spec, request.Datacenter, profileId, host, token), emit, spec => spec.Name, InterruptedId, ct).ConfigureAwait(false);
    }

    private static async Task<VsphereFcd?> CreateAsync(
        VsphereConnection connection, ManagedObjectReference manager, InventoryIndex index, Dictionary<ManagedObjectReference, IReadOnlyList<VsphereFcd>> existing,
        FcdSpec spec, string? datacenter, string? profileId, IOperationHost host, CancellationToken ct)
    {
        var name = spec.Name.Trim();
        if (name.Length == 0 || name.Length > 80)
        {
            throw new InvalidParameterException("NewVsphereFcdNameInvalid", "Name", $"The disk name '{MessageText.Printable(spec.Name, 100)}' must have 1 to 80 characters.", spec.Name);
        }

        var capacityMb = DiskCapacity.ToUnits(spec.Capacity, 1024 * 1024, "MiB", "Capacity", host);
        var datastore = DatastoreReader.Resolve(index, spec.Datastore, datacenter, "Datastore", connection.Name);
        var datastoreName = index.NameOf(datastore.Self);
        DiskCapacity.CheckFreeSpace(capacityMb * 1024 * 1024, datastore.FreeSpace ?? long.MaxValue, datastoreName, $"The first-class disk {name}", "Capacity");
        if (!existing.TryGetValue(datastore.Self, out var onDatastore))
        {
            onDatastore = await GetVsphereFcd.ListAsync(connection, index, new[] { datastore }, host, ct).ConfigureAwait(false);
            existing[datastore.Self] = onDatastore;
        }

        if (onDatastore.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal)) is { } twin)
        {
            throw new VsphereK8sException(
                "NewVsphereFcdExists", ErrorKind.ResourceExists,
                $"A first-class disk named '{name}' already exists on {datastoreName} (volume handle {twin.VolumeHandle}); nothing was created. Use it ({Param.Command("Get-VsphereFcd")} {Param.Name("Name")} '{name}'), or pick another name.",
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

        VStorageObject? result;
        try
        {
            result = await VStorageObjectManager.CreateDiskAsync(
                connection, manager, name, capacityMb, datastore.Self, provisioning, keepAfterDeleteVm: true, profileId, $"Creating the first-class disk {name} on {datastoreName}", ct).ConfigureAwait(false);
        }
        catch (VsphereFaultException ex)
        {
            throw new VsphereFaultException(ex.Fault, $"Creating the first-class disk {name} on {datastoreName} failed: {ex.Fault}.", "NewVsphereFcdFailed", name);
        }

        var fcd = result is null
            ? throw new VsphereK8sException("NewVsphereFcdFailed", ErrorKind.InvalidOperation, $"vCenter created {name} on {datastoreName} but returned no disk; find it with {Param.Command("Get-VsphereFcd")}.", name)
            : FcdReader.ToFcd(result, index, datastore, connection.Name);
        existing[datastore.Self] = onDatastore.Append(fcd).ToList();
        host.WriteVerbose($"Created the first-class disk {fcd.Name} ({fcd.VolumeHandle}) on {datastoreName}.");
        return fcd;
    }
}
