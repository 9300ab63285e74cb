namespace VsphereK8sStorage.Binding;

/// <summary>
/// The events the PV controller posts on a claim (pkg/controller/volume/persistentvolume,
/// pv_controller.go; reasons from pkg/controller/volume/events), with their texts as the modelled
/// release writes them. Where v1.20 differs, <see cref="KubernetesRelease"/> says so.
/// </summary>
internal static class ControllerEvents
{
    /// <summary>syncUnboundClaim, delayed binding and no pod scheduled (a pod waiting to be scheduled makes it WaitForPodScheduled, naming the pod).</summary>
    public static readonly ClaimEvent WaitForFirstConsumer = new(EventType.Normal, "WaitForFirstConsumer", "waiting for first consumer to be created before binding");

    /// <summary>syncUnboundClaim: no volume matched and the claim has no class.</summary>
    public static readonly ClaimEvent NoClassNoVolume = new(EventType.Normal, "FailedBinding", "no persistent volumes available for this claim and no storage class is set");

    /// <summary>syncBoundClaim: spec.volumeName was emptied.</summary>
    public static readonly ClaimEvent LostReference = new(EventType.Warning, "ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");

    /// <summary>syncBoundClaim: the volume the claim names does not exist.</summary>
    public static readonly ClaimEvent LostVolume = new(EventType.Warning, "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");

    /// <summary>syncBoundClaim: the volume the claim names is bound to another claim.</summary>
    public static readonly ClaimEvent Misbound = new(EventType.Warning, "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly");

    /// <summary>provisionClaimOperationExternal.</summary>
    public static ClaimEvent ExternalProvisioning(KubernetesRelease release, string provisioner) =>
        new(EventType.Normal, "ExternalProvisioning", release.ExternalProvisioningMessage(provisioner));

    /// <summary>provisionClaim: findProvisionablePlugin failed because the class does not exist (the lister's NotFound error).</summary>
    public static ClaimEvent ClassNotFound(string storageClass) =>
        new(EventType.Warning, "ProvisioningFailed", $"storageclass.storage.k8s.io \"{storageClass}\" not found");

    /// <summary>provisionClaim: a kubernetes.io/ provisioner with no plugin (the plugin manager's error).</summary>
    public static ClaimEvent NoPlugin(string provisioner) =>
        new(EventType.Warning, "ProvisioningFailed", $"no volume plugin matched name: {provisioner}");

    /// <summary>syncUnboundClaim: checkVolumeSatisfyClaim refused the volume spec.volumeName names.</summary>
    public static ClaimEvent VolumeMismatch(string volume, string controllerError) =>
        new(EventType.Warning, "VolumeMismatch", $"Cannot bind to requested volume \"{volume}\": {controllerError}");

    /// <summary>syncUnboundClaim: the volume spec.volumeName names is bound to someone else.</summary>
    public static ClaimEvent AlreadyBound(string volume) =>
        new(EventType.Warning, "FailedBinding", $"volume \"{volume}\" already bound to a different claim.");
}
