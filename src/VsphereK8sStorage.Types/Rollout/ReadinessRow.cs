using System.Text.Json.Serialization;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Rollout;

/// <summary>What a readiness row checks. Stable: filter on these, never on the prose of Detail.</summary>
public enum ReadinessCheck
{
    /// <summary>The node's VM was found: by spec.providerID, by status.nodeInfo.systemUUID (either byte order), or by name.</summary>
    NodeVm,

    /// <summary>Several VMs share the node VM's BIOS UUID (clones of one template): CPI and CSI cannot tell them apart.</summary>
    DuplicateBiosUuid,

    /// <summary>disk.enableUUID=TRUE on the node's VM, so the guest sees disk serial numbers.</summary>
    DiskUuid,

    /// <summary>VM hardware version 15 or later (vSphere 6.7 U2), which the CSI driver requires.</summary>
    HardwareVersion,

    /// <summary>The node's VM is powered on.</summary>
    PowerState,

    /// <summary>spec.providerID is vsphere://&lt;BIOS UUID&gt;, which the CPI sets when it initialises the node.</summary>
    ProviderId,

    /// <summary>The node.cloudprovider.kubernetes.io/uninitialized taint: present before the CPI, gone after.</summary>
    UninitializedTaint,

    /// <summary>The cluster's Kubernetes version is one the chosen CSI release supports.</summary>
    CsiKubernetesVersion,

    /// <summary>A CPI release targets the cluster's Kubernetes minor version.</summary>
    CpiKubernetesVersion,

    /// <summary>vCenter's API version is at least what the drivers require (6.7.3).</summary>
    VcenterVersion,

    /// <summary>The CSI controller's replicas fit on the control-plane nodes (one per node).</summary>
    ControlPlane,

    /// <summary>A StorageClass's datastore (or one compatible with its policy) is mounted on every host that runs a node VM.</summary>
    SharedDatastore,

    /// <summary>The driver's vCenter user holds the privileges the CSI driver documents on each object.</summary>
    Privileges,
}

/// <summary>A readiness row's verdict.</summary>
public enum ReadinessStatus
{
    Pass,

    /// <summary>Works, but not as it should (for example replicas that will stay Pending).</summary>
    Warn,

    /// <summary>The rollout will fail or the drivers will not work until this is fixed.</summary>
    Fail,

    /// <summary>Not checked: left out on request, or not applicable yet.</summary>
    Skip,
}

/// <summary>
/// One finding of Test-VsphereK8sReadiness: a check for one node (or, with Node empty, for the cluster), its
/// verdict, what was found and, when it is not a Pass, how to fix it. VmId binds by property name to
/// Enable-DiskUuid's -Id, so failing DiskUuid rows pipe straight into the fix.
/// </summary>
public sealed record ReadinessRow
{
    /// <summary>The Kubernetes node, or empty for rows about the cluster or vCenter as a whole.</summary>
    [TableColumn("NODE", 0)]
    public string Node { get; init; } = string.Empty;

    /// <summary>The node's VM name, when one was found.</summary>
    [TableColumn("VM", 1)]
    public string? VM { get; init; }

    /// <summary>The VM's id (VirtualMachine-vm-42), as Get-VsphereVm and Enable-DiskUuid take it.</summary>
    public string? VmId { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<ReadinessCheck>))]
    [TableColumn("CHECK", 2)]
    public ReadinessCheck Check { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<ReadinessStatus>))]
    [TableColumn("STATUS", 3)]
    public ReadinessStatus Status { get; init; }

    /// <summary>What was found, in words.</summary>
    [TableColumn("DETAIL", 4)]
    public string Detail { get; init; } = string.Empty;

    /// <summary>How to fix it; empty on Pass and Skip rows.</summary>
    public string Fix { get; init; } = string.Empty;

    public override string ToString() => $"{(Node.Length == 0 ? "(cluster)" : Node)} {Check}: {Status}";
}
