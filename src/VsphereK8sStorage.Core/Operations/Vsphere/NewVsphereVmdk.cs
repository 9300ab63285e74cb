using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Operations.Vsphere;

/// <summary>One disk to create: a datastore path, its size and format.</summary>
public sealed record VmdkSpec
{
    /// <summary><c>[datastore1] volumes/myDisk.vmdk</c>.</summary>
    public required string Path { get; init; }

    /// <summary>A Kubernetes-style size: <c>2Gi</c>.</summary>
    public required string Capacity { get; init; }

    public VsphereDiskType DiskType { get; init; } = VsphereDiskType.Thin;

    public VmdkAdapterType AdapterType { get; init; } = VmdkAdapterType.LsiLogic;
}

public sealed record NewVsphereVmdkRequest
{
    public required VsphereConnection Connection { get; init; }

    public IReadOnlyList<VmdkSpec> Disks { get; init; } = Array.Empty<VmdkSpec>();

    /// <summary>Which datacenter's datastore, when the name exists in several.</summary>
    public string? Datacenter { get; init; }
}

/// <summary>
/// New-VsphereVmdk: creates VMDK files (FileManager.MakeDirectory with parents for the folder, then
/// VirtualDiskManager.CreateVirtualDisk_Task). An existing file is an error and is never overwritten.
/// One bad disk is reported and the others go on.
/// </summary>
public static class NewVsphereVmdk
{
    /// <summary>The datastore path of a disk named inside a datastore: <c>volumes/myDisk</c> in datastore1 is <c>[datastore1] volumes/myDisk.vmdk</c>.</summary>
    public static string DiskPath(string datastore, string name) => DatastorePath.ForDisk(datastore, name, "Name").ToString();

    /// <summary>
    /// Where the disks go: datastore paths, or names inside one datastore, never both and never neither
    /// (the cmdlet's parameter sets say the same; vk8s has only options).
    /// </summary>
    public static IReadOnlyList<string> DiskPaths(IReadOnlyList<string> paths, string? datastore, IReadOnlyList<string> names)
    {
        if ((paths.Count > 0) == (names.Count > 0 || datastore is not null) || (names.Count > 0) != (datastore is not null))
        {
            throw new InvalidParameterException(
                "NewVsphereVmdkTarget", "Path",
                $"Say where: {Param.Name("Path")} \"[datastore1] volumes/myDisk.vmdk\", or {Param.Name("Datastore")} datastore1 with {Param.Name("Name")} volumes/myDisk (not both).");
        }

        return paths.Count > 0 ? paths : names.Select(n => DiskPath(datastore!, n)).ToList();
    }

    public const string Activity = "Creating virtual disks";

    /// <summary>The error id of the summary that ends a run stopped early.</summary>
    public const string InterruptedId = "NewVsphereVmdkInterrupted";

    public static Task<IReadOnlyList<VsphereVmdk>> RunAsync(NewVsphereVmdkRequest request, IOperationHost host, CancellationToken ct) =>
        Emitted.CollectAsync<VsphereVmdk>(emit => RunAsync(request, host, emit, ct));

    /// <summary>Creates the disks one by one and hands each to <paramref name="emit"/> as soon as it exists.</summary>
    public static async Task RunAsync(NewVsphereVmdkRequest request, IOperationHost host, Action<VsphereVmdk> emit, CancellationToken ct)
    {
        var connection = request.Connection;
        if (request.Disks.Count == 0)
        {
            return;
        }

        host.WriteProgress(new ProgressReport(1, Activity, $"Reading the datastores of {connection.Name}", 0));
        var index = await DatastoreReader.ReadAsync(connection, ct).ConfigureAwait(false);
        await PerItem.RunAsync(request.Disks, Activity, "disk", host, (disk, token) => CreateAsync(connection, index, disk, request.Datacenter, host, token), emit, disk => disk.Path, InterruptedId, ct).ConfigureAwait(false);
    }

    private static async Task<VsphereVmdk?> CreateAsync(VsphereConnection connection, InventoryIndex index, VmdkSpec spec, string? datacenterName, IOperationHost host, CancellationToken ct)
    {
        var path = DatastorePath.ParseVmdk(spec.Path, "Path");
        var capacityKb = DiskCapacity.ToUnits(spec.Capacity, 1024, "KiB", "Capacity", host);
        var datastore = DatastoreReader.Resolve(index, path.Datastore, datacenterName, "Path", connection.Name);
        path = path with { Datastore = index.NameOf(datastore.Self) };
        var datacenter = index.DatacenterOf(datastore.Self);
        var capacity = DiskCapacity.ToQuantity(capacityKb * 1024);
        DiskCapacity.CheckFreeSpace(capacityKb * 1024, datastore.FreeSpace ?? long.MaxValue, path.Datastore, path.ToString(), "Capacity");
        var diskType = spec.DiskType switch
        {
            VsphereDiskType.Thick => "thick",
            VsphereDiskType.EagerZeroedThick => "eagerZeroedThick",
            _ => "thin",
        };
        var adapterType = spec.AdapterType switch
        {
            VmdkAdapterType.BusLogic => "busLogic",
            VmdkAdapterType.Ide => "ide",
            _ => "lsiLogic",
        };

        if (!host.ShouldProcess(path.ToString(), $"Create a {capacity} {diskType} virtual disk"))
        {
            return null;
        }

        var fileManager = connection.Content.FileManager ?? throw NotSupported(connection, "FileManager");
        var diskManager = connection.Content.VirtualDiskManager ?? throw NotSupported(connection, "VirtualDiskManager");
        if (path.Folder.Length > 0)
        {
            try
            {
                host.WriteVerbose($"Creating the folder {path.FolderPath} (with its parents) if it is missing.");
                await VimMethods.MakeDirectoryAsync(connection.Soap, fileManager, path.FolderPath.ToString(), datacenter, createParentDirectories: true, ct).ConfigureAwait(false);
            }
            catch (VsphereFaultException ex) when (ex.FaultKind == VsphereFaultKind.FileAlreadyExists)
            {
                // The folder is there already: what we wanted.
            }
        }

        try
        {
            var task = await VimMethods.CreateVirtualDiskAsync(connection.Soap, diskManager, path.ToString(), datacenter, diskType, adapterType, capacityKb, ct).ConfigureAwait(false);
            await TaskWaiter.WaitAsync(connection, task, $"Creating {path}", ct).ConfigureAwait(false);
        }
        catch (VsphereFaultException ex)
        {
            throw Explain(ex, path);
        }

        host.WriteVerbose($"Created {path} ({capacity}, {diskType}).");
        return new VsphereVmdk
        {
            VolumePath = path.ToString(),
            Datastore = path.Datastore,
            FilePath = path.Path,
            Capacity = capacity,
            CapacityBytes = capacityKb * 1024,
            DiskType = diskType,
            AdapterType = adapterType,
            Datacenter = datacenter is { } dc ? index.NameOf(dc) : null,
            Server = connection.Name,
        };
    }

    private static VsphereFaultException Explain(VsphereFaultException ex, DatastorePath path)
    {
        var folderNote = path.Folder.Length > 0 ? $" The folder {path.FolderPath} exists now." : string.Empty;
        return ex.FaultKind switch
        {
            VsphereFaultKind.FileAlreadyExists => new VsphereFaultException(ex.Fault,
                $"{path} already exists; nothing was changed. Pick another name, or use the existing disk.", "NewVsphereVmdkFileExists", path.ToString()),
            VsphereFaultKind.FileNotFound => new VsphereFaultException(ex.Fault,
                $"vCenter could not find the folder for {path} ({ex.Fault.Message}); no disk was created.{folderNote}", "NewVsphereVmdkFolderNotFound", path.ToString()),
            VsphereFaultKind.InvalidDatastore or VsphereFaultKind.InvalidDatastorePath => new VsphereFaultException(ex.Fault,
                $"vCenter refused the datastore path {path}: {ex.Fault}; no disk was created.", "NewVsphereVmdkInvalidPath", path.ToString()),
            _ => new VsphereFaultException(ex.Fault, $"Creating {path} failed: {ex.Fault}.{folderNote}", "NewVsphereVmdkFailed", path.ToString()),
        };
    }

    private static VsphereK8sException NotSupported(VsphereConnection connection, string manager) =>
        new("VsphereNotSupported", ErrorKind.InvalidOperation, $"{connection.Name} ({connection.ProductName}) has no {manager}; connect to a vCenter Server or an ESXi host.", connection.Name);
}
