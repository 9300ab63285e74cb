using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Rollout;

/// <summary>A Kubernetes node as the readiness checks read it.</summary>
internal sealed record NodeFacts
{
    public required string Name { get; init; }

    public string? ProviderId { get; init; }

    public string? SystemUuid { get; init; }

    /// <summary>The kubernetes.io/hostname label.</summary>
    public string? Hostname { get; init; }

    /// <summary>Labelled node-role.kubernetes.io/control-plane, /controlplane or /master (the CSI controller's affinity terms).</summary>
    public bool ControlPlane { get; init; }

    /// <summary>Carries node.cloudprovider.kubernetes.io/uninitialized.</summary>
    public bool Uninitialized { get; init; }
}

/// <summary>A StorageClass of the vSphere CSI driver, and what its parameters name.</summary>
internal sealed record StorageClassFacts
{
    public required string Name { get; init; }

    public string? DatastoreUrl { get; init; }

    public string? StoragePolicyName { get; init; }

    /// <summary>The URLs of the datastores compatible with the policy, or null when the policy was not found.</summary>
    public IReadOnlyList<string>? PolicyDatastoreUrls { get; init; }
}

/// <summary>Everything the checks decide on, read once; the evaluation itself reads nothing.</summary>
internal sealed record ReadinessFacts
{
    public required IReadOnlyList<NodeFacts> Nodes { get; init; }

    /// <summary>"1.20.2", or null when the API server did not say.</summary>
    public string? KubernetesVersion { get; init; }

    public required string VcenterApiVersion { get; init; }

    public required string VcenterName { get; init; }

    public required ClusterInventory Inventory { get; init; }

    /// <summary>Null when the server offers no AuthorizationManager (a standalone ESXi host).</summary>
    public PrivilegeSnapshot? Privileges { get; init; }

    public required string DriverUser { get; init; }

    public IReadOnlyList<StorageClassFacts> StorageClasses { get; init; } = Array.Empty<StorageClassFacts>();

    /// <summary>The installed CSI controller Deployment's replicas, or null when it is not installed.</summary>
    public int? CsiControllerReplicas { get; init; }

    /// <summary>The replicas an install will set (-Replicas), or null for the default (control-plane nodes, at most 3).</summary>
    public int? PlannedReplicas { get; init; }

    /// <summary>The CPI DaemonSet exists.</summary>
    public bool CpiInstalled { get; init; }

    public required CsiRelease Csi { get; init; }

    /// <summary>The CPI release chosen (v1.30), or null to pick the one for the cluster's minor.</summary>
    public string? CpiVersion { get; init; }

    public bool SkipVersionCheck { get; init; }

    /// <summary>
    /// When vCenter's events say disk.enableUUID was last set, per VM (the newest VmReconfiguredEvent that set it), for
    /// the power-cycle verdict; null when the events were not read. A VM missing from it has no such event retained.
    /// </summary>
    public IReadOnlyDictionary<ManagedObjectReference, DateTimeOffset>? DiskUuidChanges { get; init; }
}
