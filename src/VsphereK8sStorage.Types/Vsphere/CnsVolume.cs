using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Vsphere;

/// <summary>
/// A Cloud Native Storage volume, as vCenter's Container Volumes view shows it: the disk the vSphere CSI driver
/// made or registered for a PersistentVolume, with the Kubernetes metadata the driver recorded on it.
/// <see cref="VolumeId"/> is the CSI <c>volumeHandle</c>.
/// </summary>
public sealed record CnsVolume
{
    /// <summary>The CNS volume id (for block volumes, the first-class disk's id); a CSI PV's volumeHandle.</summary>
    [TableColumn("VOLUME ID", 0)]
    public string VolumeId { get; init; } = string.Empty;

    /// <summary>The volume's name (the driver names dynamically provisioned volumes after their PV).</summary>
    [TableColumn("NAME", 1)]
    public string Name { get; init; } = string.Empty;

    /// <summary>Block or File.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>The size as a Kubernetes quantity (<c>2Gi</c>); empty for file volumes, which report none.</summary>
    [TableColumn("CAPACITY", 5)]
    public string Capacity { get; init; } = string.Empty;

    public long CapacityMB { get; init; }

    /// <summary>The container cluster (csi-vsphere.conf's cluster-id) that registered the volume.</summary>
    [TableColumn("CLUSTER ID", 2)]
    public string ClusterId { get; init; } = string.Empty;

    /// <summary>Every cluster id the volume names (a volume shared between clusters names several).</summary>
    public IReadOnlyList<string> ClusterIds { get; init; } = new List<string>();

    /// <summary>The PersistentVolume the driver recorded, or null.</summary>
    [TableColumn("PV", 3)]
    public string? Pv { get; init; }

    /// <summary>The claim as <c>namespace/name</c>, or null.</summary>
    [TableColumn("CLAIM", 4)]
    public string? Claim { get; init; }

    /// <summary>The pods the driver recorded as using the volume, <c>namespace/name</c>.</summary>
    public IReadOnlyList<string> Pods { get; init; } = new List<string>();

    /// <summary>The datastore's name; its URL when vCenter has no datastore at that URL.</summary>
    [TableColumn("DATASTORE", 6)]
    public string Datastore { get; init; } = string.Empty;

    public string DatastoreUrl { get; init; } = string.Empty;

    public string? StoragePolicyId { get; init; }

    /// <summary>The storage policy compliance vCenter reports (<c>compliant</c>, <c>nonCompliant</c>, …), where it gives one.</summary>
    public string? ComplianceStatus { get; init; }

    /// <summary>The volume's health (<c>green</c>, <c>red</c>, …), where vCenter gives one.</summary>
    public string? HealthStatus { get; init; }

    /// <summary>Whether the datastore is accessible, as vCenter reports it.</summary>
    public string? DatastoreAccessibilityStatus { get; init; }

    public string Server { get; init; } = string.Empty;
}
