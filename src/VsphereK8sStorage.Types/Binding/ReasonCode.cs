namespace VsphereK8sStorage.Binding;

/// <summary>
/// Why a claim has the outcome the plan gives it, as a stable code for scripts and tests
/// (<c>Where-Object ReasonCode -eq WaitForFirstConsumer</c>). Each value is one branch of Kubernetes'
/// PV controller (syncBoundClaim, syncUnboundClaim, provisionClaim) or of the scheduler's volume
/// binder; <see cref="PvcBinding.Reason"/> says the same in words, with the detail. Values are never
/// renamed or renumbered; new ones are added at the end.
/// </summary>
public enum ReasonCode
{
    /// <summary>The input already records the binding both ways and the controller keeps it.</summary>
    Bound,

    /// <summary>The claim was bound, its volume lost its claimRef, and the controller binds the two again.</summary>
    BindingRestored,

    /// <summary>The volume's <c>spec.claimRef</c> reserves it for this claim, so the claim gets it.</summary>
    PreBound,

    /// <summary>The claim's <c>spec.volumeName</c> names a free volume that satisfies it, so it gets that volume.</summary>
    RequestedVolume,

    /// <summary>The controller's search (or, on a node, the scheduler's) picks the smallest volume that fits.</summary>
    BestMatch,

    /// <summary>Bound, but the volume's node affinity excludes the node given with -Node: a pod using the claim cannot run there.</summary>
    NodeAffinityConflict,

    /// <summary>The class is WaitForFirstConsumer and no pod using the claim has been scheduled yet.</summary>
    WaitForFirstConsumer,

    /// <summary>Nothing fits and the class names a provisioner outside the controller (a CSI driver): it waits for that provisioner.</summary>
    ExternalProvisioning,

    /// <summary>Nothing fits and the controller provisions with one of its own (in-tree) plugins; the outcome depends on the cloud.</summary>
    InTreeProvisioning,

    /// <summary>Nothing fits and nothing will provision: <c>kubernetes.io/no-provisioner</c>, or a <c>kubernetes.io/</c> name the controller has no plugin for.</summary>
    NoProvisioner,

    /// <summary>Nothing fits and the claim's StorageClass does not exist.</summary>
    ClassNotFound,

    /// <summary>Nothing fits and the claim has no class, so nothing will provision one.</summary>
    NoMatchingVolume,

    /// <summary>With -Node: no volume fits on that node and the class cannot provision one there.</summary>
    NoVolumeOnNode,

    /// <summary>With -Node: no volume fits on that node and the class's allowedTopologies forbid provisioning there.</summary>
    TopologyMismatch,

    /// <summary>With -Node: the scheduler has already chosen another node for this claim (volume.kubernetes.io/selected-node).</summary>
    SelectedNodeConflict,

    /// <summary><c>spec.volumeName</c> names a volume that does not exist; the claim waits for it.</summary>
    VolumeNotFound,

    /// <summary><c>spec.volumeName</c> names a free volume that does not satisfy the claim (size, class, mode, access modes).</summary>
    VolumeMismatch,

    /// <summary><c>spec.volumeName</c> names a volume that is bound (or reserved) for a different claim.</summary>
    AlreadyBound,

    /// <summary>The claim was bound, but its volume is gone or it no longer names one.</summary>
    ClaimLost,

    /// <summary>The claim was bound, but its volume is bound to another claim.</summary>
    ClaimMisbound,
}
