using System.Runtime.CompilerServices;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Rollout;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli.Output;

/// <summary>One column of a table view: its header, the property it shows, and how to read it without reflection.</summary>
public sealed record TableColumn(string Header, string Property, Func<object, object?> Value);

/// <summary>
/// The table view of every type vk8s prints, declared here so a table needs no reflection (vk8s is compiled
/// ahead of time). The result models mark the same columns with [TableColumn] for people and for the
/// PowerShell views; <c>TableColumnsTests</c> holds each list here to those marks, header by header and in
/// order, and fails for a marked type that is missing here. The property a column shows is the text of its
/// accessor (<c>r => r.Phase</c> shows Phase), so the two cannot drift apart.
/// </summary>
public static class TableColumns
{
    private static readonly Dictionary<Type, TableColumn[]> Declared = new()
    {
        [typeof(PvcBinding)] = Of<PvcBinding>(
            Column<PvcBinding>("NAMESPACE", r => r.Namespace),
            Column<PvcBinding>("NAME", r => r.Name),
            Column<PvcBinding>("STATUS", r => r.Phase),
            Column<PvcBinding>("VOLUME", r => r.Volume),
            Column<PvcBinding>("CAPACITY", r => r.Capacity),
            Column<PvcBinding>("ACCESS MODES", r => r.AccessModeSummary),
            Column<PvcBinding>("STORAGECLASS", r => r.StorageClass),
            Column<PvcBinding>("REASON", r => r.Reason)),
        [typeof(VsphereVm)] = Of<VsphereVm>(
            Column<VsphereVm>("NAME", r => r.Name),
            Column<VsphereVm>("POWER", r => r.PowerState),
            Column<VsphereVm>("DISK UUID", r => r.DiskUuidEnabled),
            Column<VsphereVm>("BIOS UUID", r => r.BiosUuid),
            Column<VsphereVm>("HW", r => r.HardwareVersion),
            Column<VsphereVm>("HOST", r => r.Host),
            Column<VsphereVm>("PATH", r => r.Path)),
        [typeof(DiskUuidResult)] = Of<DiskUuidResult>(
            Column<DiskUuidResult>("NAME", r => r.Name),
            Column<DiskUuidResult>("CHANGED", r => r.Changed),
            Column<DiskUuidResult>("ENABLED", r => r.Enabled),
            Column<DiskUuidResult>("POWER", r => r.PowerState),
            Column<DiskUuidResult>("POWER CYCLE", r => r.NeedsPowerCycle),
            Column<DiskUuidResult>("ERROR", r => r.Error),
            Column<DiskUuidResult>("PATH", r => r.Path)),
        [typeof(DiskUuidStatus)] = Of<DiskUuidStatus>(
            Column<DiskUuidStatus>("NAME", r => r.Name),
            Column<DiskUuidStatus>("ENABLED", r => r.Enabled),
            Column<DiskUuidStatus>("POWER", r => r.PowerState),
            Column<DiskUuidStatus>("POWER CYCLE", r => r.NeedsPowerCycle),
            Column<DiskUuidStatus>("PATH", r => r.Path)),
        [typeof(CnsVolume)] = Of<CnsVolume>(
            Column<CnsVolume>("VOLUME ID", r => r.VolumeId),
            Column<CnsVolume>("NAME", r => r.Name),
            Column<CnsVolume>("CLUSTER ID", r => r.ClusterId),
            Column<CnsVolume>("PV", r => r.Pv),
            Column<CnsVolume>("CLAIM", r => r.Claim),
            Column<CnsVolume>("CAPACITY", r => r.Capacity),
            Column<CnsVolume>("DATASTORE", r => r.Datastore)),
        [typeof(StorageMapRow)] = Of<StorageMapRow>(
            Column<StorageMapRow>("STATUS", r => r.Status),
            Column<StorageMapRow>("DATASTORE", r => r.Datastore),
            Column<StorageMapRow>("VOLUME ID", r => r.VolumeId),
            Column<StorageMapRow>("PATH", r => r.Path),
            Column<StorageMapRow>("CAPACITY", r => r.Capacity),
            Column<StorageMapRow>("PV", r => r.Pv),
            Column<StorageMapRow>("CLAIM", r => r.Claim),
            Column<StorageMapRow>("PODS", r => r.Pods)),
        [typeof(ReadinessRow)] = Of<ReadinessRow>(
            Column<ReadinessRow>("NODE", r => r.Node),
            Column<ReadinessRow>("VM", r => r.VM),
            Column<ReadinessRow>("CHECK", r => r.Check),
            Column<ReadinessRow>("STATUS", r => r.Status),
            Column<ReadinessRow>("DETAIL", r => r.Detail)),
        [typeof(RolloutObjectResult)] = Of<RolloutObjectResult>(
            Column<RolloutObjectResult>("KIND", r => r.Kind),
            Column<RolloutObjectResult>("NAMESPACE", r => r.Namespace),
            Column<RolloutObjectResult>("NAME", r => r.Name),
            Column<RolloutObjectResult>("ACTION", r => r.Action),
            Column<RolloutObjectResult>("FIELDS", r => r.Fields)),
        [typeof(VsphereDatastore)] = Of<VsphereDatastore>(
            Column<VsphereDatastore>("NAME", r => r.Name),
            Column<VsphereDatastore>("TYPE", r => r.Type),
            Column<VsphereDatastore>("CAPACITY GIB", r => r.CapacityGiB),
            Column<VsphereDatastore>("FREE GIB", r => r.FreeSpaceGiB),
            Column<VsphereDatastore>("CLUSTER", r => r.DatastoreCluster),
            Column<VsphereDatastore>("HOSTS", r => r.Hosts),
            Column<VsphereDatastore>("URL", r => r.Url)),
        [typeof(VsphereFcd)] = Of<VsphereFcd>(
            Column<VsphereFcd>("NAME", r => r.Name),
            Column<VsphereFcd>("VOLUME HANDLE", r => r.VolumeHandle),
            Column<VsphereFcd>("CAPACITY", r => r.Capacity),
            Column<VsphereFcd>("DATASTORE", r => r.Datastore),
            Column<VsphereFcd>("FILE", r => r.FilePath)),
        [typeof(VsphereDiskRemoval)] = Of<VsphereDiskRemoval>(
            Column<VsphereDiskRemoval>("KIND", r => r.Kind),
            Column<VsphereDiskRemoval>("VOLUME ID", r => r.VolumeId),
            Column<VsphereDiskRemoval>("PATH", r => r.Path),
            Column<VsphereDiskRemoval>("DATASTORE", r => r.Datastore),
            Column<VsphereDiskRemoval>("FREED", r => r.Capacity)),
        [typeof(VsphereVmdk)] = Of<VsphereVmdk>(
            Column<VsphereVmdk>("DATASTORE", r => r.Datastore),
            Column<VsphereVmdk>("CAPACITY", r => r.Capacity),
            Column<VsphereVmdk>("TYPE", r => r.DiskType),
            Column<VsphereVmdk>("VOLUME PATH", r => r.VolumePath)),
        [typeof(VsphereStoragePolicy)] = Of<VsphereStoragePolicy>(
            Column<VsphereStoragePolicy>("NAME", r => r.Name),
            Column<VsphereStoragePolicy>("COMPATIBLE DATASTORES", r => r.CompatibleDatastores)),
        [typeof(PersistentVolumeResult)] = Of<PersistentVolumeResult>(
            Column<PersistentVolumeResult>("NAME", r => r.Name),
            Column<PersistentVolumeResult>("CAPACITY", r => r.Capacity),
            Column<PersistentVolumeResult>("ACCESS MODES", r => r.AccessModeSummary),
            Column<PersistentVolumeResult>("RECLAIM POLICY", r => r.ReclaimPolicy),
            Column<PersistentVolumeResult>("STATUS", r => r.Status),
            Column<PersistentVolumeResult>("CLAIM", r => r.Claim),
            Column<PersistentVolumeResult>("STORAGECLASS", r => r.StorageClass),
            Column<PersistentVolumeResult>("SOURCE", r => r.Source),
            Column<PersistentVolumeResult>("RESULT", r => r.Outcome)),
        [typeof(PersistentVolumeClaimResult)] = Of<PersistentVolumeClaimResult>(
            Column<PersistentVolumeClaimResult>("NAMESPACE", r => r.Namespace),
            Column<PersistentVolumeClaimResult>("NAME", r => r.Name),
            Column<PersistentVolumeClaimResult>("STATUS", r => r.Status),
            Column<PersistentVolumeClaimResult>("VOLUME", r => r.Volume),
            Column<PersistentVolumeClaimResult>("CAPACITY", r => r.Capacity),
            Column<PersistentVolumeClaimResult>("ACCESS MODES", r => r.AccessModeSummary),
            Column<PersistentVolumeClaimResult>("STORAGECLASS", r => r.StorageClass),
            Column<PersistentVolumeClaimResult>("RESULT", r => r.Outcome)),
        [typeof(StorageClassResult)] = Of<StorageClassResult>(
            Column<StorageClassResult>("NAME", r => r.Name),
            Column<StorageClassResult>("PROVISIONER", r => r.Provisioner),
            Column<StorageClassResult>("RECLAIMPOLICY", r => r.ReclaimPolicy),
            Column<StorageClassResult>("VOLUMEBINDINGMODE", r => r.VolumeBindingMode),
            Column<StorageClassResult>("ALLOWVOLUMEEXPANSION", r => r.AllowVolumeExpansion),
            Column<StorageClassResult>("DEFAULT", r => r.IsDefault),
            Column<StorageClassResult>("RESULT", r => r.Outcome)),
        [typeof(NodeTaintResult)] = Of<NodeTaintResult>(
            Column<NodeTaintResult>("NODE", r => r.Node),
            Column<NodeTaintResult>("TAINT", r => r.Taint),
            Column<NodeTaintResult>("RESULT", r => r.Outcome),
            Column<NodeTaintResult>("TAINTS NOW", r => r.TaintSummary)),

        // A connection is a transport object, not a result record: its columns are vk8s's alone.
        [typeof(VsphereConnection)] = Of<VsphereConnection>(
            Column<VsphereConnection>("NAME", r => r.Name),
            Column<VsphereConnection>("USER", r => r.User),
            Column<VsphereConnection>("VERSION", r => r.Version),
            Column<VsphereConnection>("BUILD", r => r.Build),
            Column<VsphereConnection>("CONNECTED", r => r.IsConnected),
            Column<VsphereConnection>("THUMBPRINT", r => r.CertificateThumbprint)),
    };

    /// <summary>Every type with a table view.</summary>
    public static IEnumerable<Type> Types => Declared.Keys;

    /// <summary>The columns of <paramref name="type"/>, in order; empty for a type without a table view.</summary>
    public static IReadOnlyList<TableColumn> For(Type type) => Declared.TryGetValue(type, out var columns) ? columns : Array.Empty<TableColumn>();

    private static TableColumn[] Of<T>(params TableColumn[] columns) => columns;

    private static TableColumn Column<T>(string header, Func<T, object?> value, [CallerArgumentExpression(nameof(value))] string accessor = "")
    {
        // "r => r.Phase": the property is what follows the parameter's dot.
        var dot = accessor.IndexOf('.', StringComparison.Ordinal);
        return new TableColumn(header, accessor[(dot + 1)..].Trim(), row => value((T)row));
    }
}
