using System.Text.Json.Serialization;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Vsphere;

/// <summary>
/// A datastore as <c>govc datastore.info</c> shows it. <see cref="Url"/> is the <c>ds:///vmfs/volumes/…/</c>
/// value a vSphere CSI StorageClass's <c>datastoreurl</c> wants (New-K8sStorageClass binds it as -DatastoreUrl).
/// </summary>
public sealed record VsphereDatastore
{
    [TableColumn("NAME", 0)]
    public string Name { get; init; } = string.Empty;

    public string Path { get; init; } = string.Empty;

    public string Id { get; init; } = string.Empty;

    /// <summary>VMFS, NFS, NFS41, vsan, vvol, or (on the simulator) OTHER.</summary>
    [TableColumn("TYPE", 1)]
    public string Type { get; init; } = string.Empty;

    [TableColumn("URL", 6)]
    public string Url { get; init; } = string.Empty;

    public long CapacityBytes { get; init; }

    public long FreeSpaceBytes { get; init; }

    [TableColumn("CAPACITY GIB", 2)]
    public double CapacityGiB => Math.Round(CapacityBytes / (double)(1L << 30), 1);

    [TableColumn("FREE GIB", 3)]
    public double FreeSpaceGiB => Math.Round(FreeSpaceBytes / (double)(1L << 30), 1);

    // PowerCLI's names (Get-Datastore), so scripts written for PowerCLI read these objects too: exact, in units of
    // 2^30 and 2^20 bytes as PowerCLI counts them. Not in vk8s's JSON and YAML, which carry the bytes.

    /// <summary>PowerCLI's <c>CapacityGB</c>: the capacity in units of 2^30 bytes.</summary>
    [JsonIgnore]
    public decimal CapacityGB => CapacityBytes / (decimal)(1L << 30);

    /// <summary>PowerCLI's <c>FreeSpaceGB</c>: the free space in units of 2^30 bytes.</summary>
    [JsonIgnore]
    public decimal FreeSpaceGB => FreeSpaceBytes / (decimal)(1L << 30);

    /// <summary>PowerCLI's <c>CapacityMB</c>: the capacity in units of 2^20 bytes.</summary>
    [JsonIgnore]
    public decimal CapacityMB => CapacityBytes / (decimal)(1L << 20);

    /// <summary>PowerCLI's <c>FreeSpaceMB</c>: the free space in units of 2^20 bytes.</summary>
    [JsonIgnore]
    public decimal FreeSpaceMB => FreeSpaceBytes / (decimal)(1L << 20);

    /// <summary>The hosts that mount it.</summary>
    [TableColumn("HOSTS", 5)]
    public IReadOnlyList<string> Hosts { get; init; } = new List<string>();

    /// <summary>The datastore cluster (StoragePod) it belongs to, if any.</summary>
    [TableColumn("CLUSTER", 4)]
    public string? DatastoreCluster { get; init; }

    public string? Datacenter { get; init; }

    public bool Accessible { get; init; }

    public string? MaintenanceMode { get; init; }

    public string Server { get; init; } = string.Empty;

    /// <summary>The datastore's name, so a string made of this object (a parameter, "$x") is its name, never the record text.</summary>
    public override string ToString() => Name;
}
