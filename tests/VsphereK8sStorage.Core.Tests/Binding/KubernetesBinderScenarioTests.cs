using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using Xunit;
using static VsphereK8sStorage.Tests.TestSupport.Objects;
using static VsphereK8sStorage.Tests.TestSupport.PlanAssertions;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// The claim-sync scenarios of Kubernetes' binder tests (pkg/controller/volume/persistentvolume/binder_test.go,
/// sets 1, 2, 3, 13 and 14, and the retroactive default-class set 15 of pv_controller_test.go), restated as
/// facts: the same initial volumes and claims, and the phase and volume the claim ends with. Upstream
/// checks one sync; a plan predicts where syncs settle, which is the same in every case but 1-17 (noted).
/// </summary>
public sealed class KubernetesBinderScenarioTests
{
    public sealed record Case(string Name, PersistentVolume[] Volumes, PersistentVolumeClaim Claim, ClaimPhase Phase, string? Volume, string? ReasonContains = null, StorageClass[]? Classes = null)
    {
        public override string ToString() => Name;
    }

    private const string BoundByController = WellKnown.BoundByControllerAnnotation;
    private const string BindCompleted = WellKnown.BindCompletedAnnotation;
    private static readonly StorageClass Wait = Class("wait", string.Empty, VolumeBindingMode.WaitForFirstConsumer);

    /// <summary>newVolume: modes RWO+ROX, Filesystem; a claimRef (namespace default) only when a claim name is given.</summary>
    private static PersistentVolume NewVolume(string name, string capacity, string claimUid, string claimName, VolumePhase phase, string storageClass = "", params string[] annotations)
    {
        var volume = Pv(name, capacity, "RWO,ROX", storageClass) with
        {
            Phase = phase,
            VolumeMode = VolumeMode.Filesystem,
            Metadata = new ObjectMeta { Name = name, Annotations = annotations.ToDictionary(a => a, _ => "yes") },
        };
        return claimName.Length == 0 ? volume : volume with { ClaimRef = new ClaimReference("default", claimName, claimUid) };
    }

    /// <summary>newClaim: namespace default, modes RWO+ROX, Filesystem; class null means unset.</summary>
    private static PersistentVolumeClaim NewClaim(string name, string uid, string capacity, string volumeName, ClaimPhase phase, string? storageClass = null, params string[] annotations) =>
        Pvc(name, capacity, "RWO,ROX", storageClass) with
        {
            VolumeName = volumeName,
            Phase = phase,
            VolumeMode = VolumeMode.Filesystem,
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = uid, Annotations = annotations.ToDictionary(a => a, _ => "yes") },
        };

    private static readonly Dictionary<string, string> FooBar = new() { ["foo"] = "true", ["bar"] = "false" };

    private static PersistentVolumeClaim WithSelector(PersistentVolumeClaim claim) =>
        claim.Selecting(FooBar.Select(l => new SelectorRequirement(l.Key, SelectorOperator.In, new[] { l.Value })).ToArray());

    private static PersistentVolume WithFooBar(PersistentVolume volume) => volume with { Metadata = volume.Metadata with { Labels = FooBar } };

    public static IEnumerable<object[]> Cases() => new Case[]
    {
        // Set 1: claims without spec.volumeName.
        new("1-1 - successful bind", new[] { NewVolume("volume1-1", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim1-1", "uid1-1", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Bound, "volume1-1"),
        new("1-2 - noop", new[] { NewVolume("volume1-2", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim1-2", "uid1-2", "10Gi", "", ClaimPhase.Pending), ClaimPhase.Pending, null, "no storage class"),
        new("1-3 - reset to Pending", new[] { NewVolume("volume1-3", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim1-3", "uid1-3", "10Gi", "", ClaimPhase.Bound), ClaimPhase.Pending, null),
        new("1-4 - smallest volume", new[] { NewVolume("volume1-4_1", "10Gi", "", "", VolumePhase.Available), NewVolume("volume1-4_2", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim1-4", "uid1-4", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Bound, "volume1-4_2"),
        new("1-5 - prebound volume by name - success", new[] { NewVolume("volume1-5_1", "10Gi", "", "claim1-5", VolumePhase.Available), NewVolume("volume1-5_2", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim1-5", "uid1-5", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Bound, "volume1-5_1"),
        new("1-6 - prebound volume by UID - success", new[] { NewVolume("volume1-6_1", "10Gi", "uid1-6", "claim1-6", VolumePhase.Available), NewVolume("volume1-6_2", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim1-6", "uid1-6", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Bound, "volume1-6_1"),
        new("1-7 - prebound volume to different claim", new[] { NewVolume("volume1-7", "10Gi", "uid1-777", "claim1-7", VolumePhase.Available) }, NewClaim("claim1-7", "uid1-7", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Pending, null, "bound to an earlier claim named default/claim1-7"),
        new("1-8 - complete bind after crash - PV bound", new[] { NewVolume("volume1-8", "1Gi", "uid1-8", "claim1-8", VolumePhase.Available, "", BoundByController) }, NewClaim("claim1-8", "uid1-8", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Bound, "volume1-8"),
        new("1-9 - complete bind after crash - PV status saved", new[] { NewVolume("volume1-9", "1Gi", "uid1-9", "claim1-9", VolumePhase.Bound, "", BoundByController) }, NewClaim("claim1-9", "uid1-9", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Bound, "volume1-9"),
        new("1-10 - complete bind after crash - PVC bound", new[] { NewVolume("volume1-10", "1Gi", "uid1-10", "claim1-10", VolumePhase.Bound, "", BoundByController) }, NewClaim("claim1-10", "uid1-10", "1Gi", "volume1-10", ClaimPhase.Pending, null, BoundByController, BindCompleted), ClaimPhase.Bound, "volume1-10"),
        new("1-11 - bind when selector matches", new[] { WithFooBar(NewVolume("volume1-1", "1Gi", "", "", VolumePhase.Available)) }, WithSelector(NewClaim("claim1-1", "uid1-1", "1Gi", "", ClaimPhase.Pending)), ClaimPhase.Bound, "volume1-1"),
        new("1-12 - do not bind when selector does not match", new[] { NewVolume("volume1-1", "1Gi", "", "", VolumePhase.Available) }, WithSelector(NewClaim("claim1-1", "uid1-1", "1Gi", "", ClaimPhase.Pending)), ClaimPhase.Pending, null, "selector: lacks label"),
        new("1-13 - delayed binding", new[] { NewVolume("volume1-1", "1Gi", "", "", VolumePhase.Available, "wait") }, NewClaim("claim1-1", "uid1-1", "1Gi", "", ClaimPhase.Pending, "wait"), ClaimPhase.Pending, null, "waiting for first consumer", new[] { Wait }),
        new("1-14 - successful prebound PV", new[] { NewVolume("volume1-1", "1Gi", "", "claim1-1", VolumePhase.Available, "wait") }, NewClaim("claim1-1", "uid1-1", "1Gi", "", ClaimPhase.Pending, "wait"), ClaimPhase.Bound, "volume1-1", null, new[] { Wait }),
        new("1-15 - successful prebound PVC", new[] { NewVolume("volume1-15_1", "10Gi", "", "", VolumePhase.Available), NewVolume("volume1-15_2", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim1-15", "uid1-15", "1Gi", "volume1-15_1", ClaimPhase.Pending), ClaimPhase.Bound, "volume1-15_1"),
        new("1-16 - successful prebound PVC (incompatible access mode)", new[] { NewVolume("volume1-16", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim1-16", "uid1-16", "1Gi", "volume1-16", ClaimPhase.Pending) with { AccessModes = AccessModes.ReadWriteMany }, ClaimPhase.Pending, null, "access modes RWO,ROX lack RWX"),
        new("1-18 - successful pre-bound PV to PVC provisioning", new[] { NewVolume("volume1-18", "1Gi", "uid1-18", "claim1-18", VolumePhase.Available, "wait") }, NewClaim("claim1-18", "uid1-18", "1Gi", "", ClaimPhase.Pending, "wait").Annotated(WellKnown.SelectedNodeAnnotation, "node1"), ClaimPhase.Bound, "volume1-18", null, new[] { Wait }),

        // Set 2: claims that name their volume.
        new("2-1 - claim prebound to non-existing volume - noop", Array.Empty<PersistentVolume>(), NewClaim("claim2-1", "uid2-1", "10Gi", "volume2-1", ClaimPhase.Pending), ClaimPhase.Pending, null, "not in the input"),
        new("2-2 - claim prebound to non-existing volume - reset status", Array.Empty<PersistentVolume>(), NewClaim("claim2-2", "uid2-2", "10Gi", "volume2-2", ClaimPhase.Bound), ClaimPhase.Pending, null),
        new("2-3 - claim prebound to unbound volume", new[] { NewVolume("volume2-3", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim2-3", "uid2-3", "1Gi", "volume2-3", ClaimPhase.Pending), ClaimPhase.Bound, "volume2-3"),
        new("2-4 - claim prebound to prebound volume by name", new[] { NewVolume("volume2-4", "1Gi", "", "claim2-4", VolumePhase.Available) }, NewClaim("claim2-4", "uid2-4", "1Gi", "volume2-4", ClaimPhase.Pending), ClaimPhase.Bound, "volume2-4"),
        new("2-5 - claim prebound to prebound volume by UID", new[] { NewVolume("volume2-5", "1Gi", "uid2-5", "claim2-5", VolumePhase.Available) }, NewClaim("claim2-5", "uid2-5", "1Gi", "volume2-5", ClaimPhase.Pending), ClaimPhase.Bound, "volume2-5"),
        new("2-6 - claim prebound to already bound volume", new[] { NewVolume("volume2-6", "1Gi", "uid2-6_1", "claim2-6_1", VolumePhase.Bound) }, NewClaim("claim2-6", "uid2-6", "1Gi", "volume2-6", ClaimPhase.Bound), ClaimPhase.Pending, null, "already bound to a different claim"),
        new("2-7 - claim bound by controller to already bound volume", new[] { NewVolume("volume2-7", "1Gi", "uid2-7_1", "claim2-7_1", VolumePhase.Bound) }, NewClaim("claim2-7", "uid2-7", "1Gi", "volume2-7", ClaimPhase.Bound, null, BoundByController), ClaimPhase.Bound, null, "invalid binding"),
        new("2-8 - claim prebound to unbound volume that does not match the selector", new[] { NewVolume("volume2-8", "1Gi", "", "", VolumePhase.Available) }, WithSelector(NewClaim("claim2-8", "uid2-8", "1Gi", "volume2-8", ClaimPhase.Bound)), ClaimPhase.Bound, "volume2-8"),
        new("2-9 - claim prebound to unbound volume that size is smaller than requested", new[] { NewVolume("volume2-9", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim2-9", "uid2-9", "2Gi", "volume2-9", ClaimPhase.Bound), ClaimPhase.Pending, null, "too small"),
        new("2-10 - claim prebound to unbound volume that class is different", new[] { NewVolume("volume2-10", "1Gi", "", "", VolumePhase.Available, "gold") }, NewClaim("claim2-10", "uid2-10", "1Gi", "volume2-10", ClaimPhase.Bound), ClaimPhase.Pending, null, "storage class does not match"),
        new("2-11 - claim prebound to unbound volume that volume attributes class is different", new[] { NewVolume("volume2-11", "1Gi", "", "", VolumePhase.Available) with { VolumeAttributesClassName = "gold" } }, NewClaim("claim2-11", "uid2-11", "1Gi", "volume2-11", ClaimPhase.Bound), ClaimPhase.Pending, null, "volumeAttributesClassName does not match"),
        new("2-12 - claim prebound to unbound volume that volume attributes class is same", new[] { NewVolume("volume2-12", "1Gi", "", "", VolumePhase.Available) with { VolumeAttributesClassName = "gold" } }, NewClaim("claim2-12", "uid2-12", "1Gi", "volume2-12", ClaimPhase.Pending) with { VolumeAttributesClassName = "gold" }, ClaimPhase.Bound, "volume2-12"),

        // Set 3: claims the controller already bound (bind-completed).
        new("3-1 - bound claim with missing VolumeName", Array.Empty<PersistentVolume>(), NewClaim("claim3-1", "uid3-1", "10Gi", "", ClaimPhase.Bound, null, BoundByController, BindCompleted), ClaimPhase.Lost, null),
        new("3-2 - bound claim with missing volume", Array.Empty<PersistentVolume>(), NewClaim("claim3-2", "uid3-2", "10Gi", "volume3-2", ClaimPhase.Bound, null, BoundByController, BindCompleted), ClaimPhase.Lost, null),
        new("3-3 - bound claim with unbound volume", new[] { NewVolume("volume3-3", "10Gi", "", "", VolumePhase.Available) }, NewClaim("claim3-3", "uid3-3", "10Gi", "volume3-3", ClaimPhase.Pending, null, BoundByController, BindCompleted), ClaimPhase.Bound, "volume3-3"),
        new("3-4 - bound claim with prebound volume", new[] { NewVolume("volume3-4", "10Gi", "claim3-4-x", "claim3-4", VolumePhase.Available) }, NewClaim("claim3-4", "uid3-4", "10Gi", "volume3-4", ClaimPhase.Pending, null, BoundByController, BindCompleted), ClaimPhase.Lost, null),
        new("3-5 - bound claim with bound volume", new[] { NewVolume("volume3-5", "10Gi", "uid3-5", "claim3-5", VolumePhase.Available) }, NewClaim("claim3-5", "uid3-5", "10Gi", "volume3-5", ClaimPhase.Pending, null, BindCompleted), ClaimPhase.Bound, "volume3-5"),
        new("3-6 - bound claim with bound volume", new[] { NewVolume("volume3-6", "10Gi", "uid3-6-x", "claim3-6-x", VolumePhase.Available) }, NewClaim("claim3-6", "uid3-6", "10Gi", "volume3-6", ClaimPhase.Pending, null, BindCompleted), ClaimPhase.Lost, null),
        new("3-7 - bound claim with unbound volume where selector doesn't match", new[] { NewVolume("volume3-3", "10Gi", "", "", VolumePhase.Available) }, WithSelector(NewClaim("claim3-3", "uid3-3", "10Gi", "volume3-3", ClaimPhase.Pending, null, BoundByController, BindCompleted)), ClaimPhase.Bound, "volume3-3"),

        // Set 13: storage classes.
        new("13-1 - binding to class", new[] { NewVolume("volume13-1-1", "1Gi", "", "", VolumePhase.Available), NewVolume("volume13-1-2", "10Gi", "", "", VolumePhase.Available, "gold") }, NewClaim("claim13-1", "uid13-1", "1Gi", "", ClaimPhase.Pending, "gold"), ClaimPhase.Bound, "volume13-1-2"),
        new("13-2 - binding without a class", new[] { NewVolume("volume13-2-1", "1Gi", "", "", VolumePhase.Available, "gold"), NewVolume("volume13-2-2", "10Gi", "", "", VolumePhase.Available) }, NewClaim("claim13-2", "uid13-2", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Bound, "volume13-2-2"),
        new("13-3 - binding to specific a class", new[] { NewVolume("volume13-3-1", "1Gi", "", "", VolumePhase.Available, "silver"), NewVolume("volume13-3-2", "10Gi", "", "", VolumePhase.Available, "gold") }, NewClaim("claim13-3", "uid13-3", "1Gi", "", ClaimPhase.Pending, "gold"), ClaimPhase.Bound, "volume13-3-2"),
        new("13-4 - empty class", new[] { NewVolume("volume13-4", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim13-4", "uid13-4", "1Gi", "", ClaimPhase.Pending, ""), ClaimPhase.Bound, "volume13-4"),
        new("13-5 - nil class", new[] { NewVolume("volume13-5", "1Gi", "", "", VolumePhase.Available) }, NewClaim("claim13-5", "uid13-5", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Bound, "volume13-5"),

        // Set 14: volume modes.
        new("14-1 - binding to volumeMode block", new[] { NewVolume("volume14-1", "10Gi", "", "", VolumePhase.Available) with { VolumeMode = VolumeMode.Block } }, NewClaim("claim14-1", "uid14-1", "10Gi", "", ClaimPhase.Pending) with { VolumeMode = VolumeMode.Block }, ClaimPhase.Bound, "volume14-1"),
        new("14-2 - binding to volumeMode filesystem", new[] { NewVolume("volume14-2", "10Gi", "", "", VolumePhase.Available) }, NewClaim("claim14-2", "uid14-2", "10Gi", "", ClaimPhase.Pending), ClaimPhase.Bound, "volume14-2"),
        new("14-3 - do not bind pv volumeMode filesystem and pvc volumeMode block", new[] { NewVolume("volume14-3", "10Gi", "", "", VolumePhase.Available) }, NewClaim("claim14-3", "uid14-3", "10Gi", "", ClaimPhase.Pending) with { VolumeMode = VolumeMode.Block }, ClaimPhase.Pending, null, "volumeMode Filesystem ≠ Block"),
        new("14-4 - do not bind pv volumeMode block and pvc volumeMode filesystem", new[] { NewVolume("volume14-4", "10Gi", "", "", VolumePhase.Available) with { VolumeMode = VolumeMode.Block } }, NewClaim("claim14-4", "uid14-4", "10Gi", "", ClaimPhase.Pending), ClaimPhase.Pending, null, "volumeMode Block ≠ Filesystem"),
        new("14-5 - do not bind when matching class but not volumeMode", new[] { NewVolume("volume14-5", "10Gi", "", "", VolumePhase.Available, "gold") }, NewClaim("claim14-5", "uid14-5", "10Gi", "", ClaimPhase.Pending, "gold") with { VolumeMode = VolumeMode.Block }, ClaimPhase.Pending, null),
        new("14-7 - bind when pv volume is prebound and volumeModes match", new[] { NewVolume("volume14-7", "10Gi", "", "claim14-7", VolumePhase.Available) with { VolumeMode = VolumeMode.Block } }, NewClaim("claim14-7", "uid14-7", "10Gi", "", ClaimPhase.Pending) with { VolumeMode = VolumeMode.Block }, ClaimPhase.Bound, "volume14-7"),
        new("14-8 - do not bind when pvc is prebound to pv with mismatching volumeModes", new[] { NewVolume("volume14-8", "10Gi", "", "", VolumePhase.Available) with { VolumeMode = VolumeMode.Block } }, NewClaim("claim14-8", "uid14-8", "10Gi", "volume14-8", ClaimPhase.Pending), ClaimPhase.Pending, null, "volumeMode does not match"),
        new("14-8-1 - do not bind when pv is prebound to pvc with mismatching volumeModes", new[] { NewVolume("volume14-8-1", "10Gi", "", "claim14-8-1", VolumePhase.Available) with { VolumeMode = VolumeMode.Block } }, NewClaim("claim14-8-1", "uid14-8-1", "10Gi", "", ClaimPhase.Pending), ClaimPhase.Pending, null, "volumeMode Block ≠ Filesystem"),
        new("14-9 - bind when pvc is prebound to pv with matching volumeModes block", new[] { NewVolume("volume14-9", "10Gi", "", "", VolumePhase.Available) with { VolumeMode = VolumeMode.Block } }, NewClaim("claim14-9", "uid14-9", "10Gi", "volume14-9", ClaimPhase.Pending) with { VolumeMode = VolumeMode.Block }, ClaimPhase.Bound, "volume14-9"),
        new("14-10 - bind when pv is prebound to pvc with matching volumeModes block", new[] { NewVolume("volume14-10", "10Gi", "", "claim14-10", VolumePhase.Available) with { VolumeMode = VolumeMode.Block } }, NewClaim("claim14-10", "uid14-10", "10Gi", "", ClaimPhase.Pending) with { VolumeMode = VolumeMode.Block }, ClaimPhase.Bound, "volume14-10"),
        new("14-11 - bind when pvc is prebound to pv with matching volumeModes filesystem", new[] { NewVolume("volume14-11", "10Gi", "", "", VolumePhase.Available) }, NewClaim("claim14-11", "uid14-11", "10Gi", "volume14-11", ClaimPhase.Pending), ClaimPhase.Bound, "volume14-11"),
        new("14-12 - bind when pv is prebound to pvc with matching volumeModes filesystem", new[] { NewVolume("volume14-12", "10Gi", "", "claim14-12", VolumePhase.Available) }, NewClaim("claim14-12", "uid14-12", "10Gi", "", ClaimPhase.Pending), ClaimPhase.Bound, "volume14-12"),

        // Set 15: retroactive default StorageClass (equal creation times, so the name decides).
        new("15-1 - pvc storage class is not assigned retroactively if there are no default storage classes", Array.Empty<PersistentVolume>(), NewClaim("claim15-1", "uid15-1", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Pending, null, "no storage class"),
        new("15-2 - pvc storage class is assigned retroactively if there are multiple default storage classes", Array.Empty<PersistentVolume>(), NewClaim("claim15-2", "uid15-2", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Pending, null, "assigns the default class 'gold'", new[] { Class("gold", WellKnown.NoProvisioner, isDefault: true), Class("silver", WellKnown.NoProvisioner, isDefault: true) }),
        new("15-3 - pvc storage class is not assigned retroactively if claim is already bound", Array.Empty<PersistentVolume>(), NewClaim("claim15-3", "uid15-3", "1Gi", "test", ClaimPhase.Bound, "copper", BoundByController, BindCompleted), ClaimPhase.Lost, null, null, new[] { Class("gold", WellKnown.NoProvisioner, isDefault: true), Class("silver", WellKnown.NoProvisioner) }),
        new("15-4 - pvc storage class is not assigned retroactively if claim is already bound but annotations are missing", Array.Empty<PersistentVolume>(), NewClaim("claim15-4", "uid15-4", "1Gi", "test", ClaimPhase.Bound, "copper"), ClaimPhase.Pending, null, "names test, which is not in the input", new[] { Class("gold", WellKnown.NoProvisioner, isDefault: true), Class("silver", WellKnown.NoProvisioner) }),
        new("15-5 - pvc storage class is assigned retroactively if there is a default", Array.Empty<PersistentVolume>(), NewClaim("claim15-5", "uid15-5", "1Gi", "", ClaimPhase.Pending), ClaimPhase.Pending, null, "assigns the default class 'gold'", new[] { Class("gold", WellKnown.NoProvisioner, isDefault: true), Class("silver", WellKnown.NoProvisioner) }),
        new("15-6 - pvc storage class is not changed if claim is not bound but already has a storage class", Array.Empty<PersistentVolume>(), NewClaim("claim15-6", "uid15-6", "1Gi", "", ClaimPhase.Pending, "copper"), ClaimPhase.Pending, null, "StorageClass 'copper' uses kubernetes.io/no-provisioner", new[] { Class("gold", WellKnown.NoProvisioner, isDefault: true), Class("copper", WellKnown.NoProvisioner) }),
        new("15-7 - pvc storage class is not changed if claim is not bound but already set annotation", Array.Empty<PersistentVolume>(), NewClaim("claim15-7", "uid15-7", "1Gi", "", ClaimPhase.Pending).Annotated(WellKnown.BetaStorageClassAnnotation, "yes"), ClaimPhase.Pending, null, "StorageClass 'yes' does not exist", new[] { Class("gold", WellKnown.NoProvisioner, isDefault: true), Class("copper", WellKnown.NoProvisioner) }),
    }.Select(c => new object[] { c });

    /// <summary>
    /// The reason code of each case, and the event the controller posts on the claim (type and reason,
    /// as upstream's expectedEvents write them; null where it posts none).
    /// </summary>
    private static readonly Dictionary<string, (ReasonCode Code, string? Event)> Outcomes = new()
    {
        ["1-1"] = (ReasonCode.BestMatch, null),
        ["1-2"] = (ReasonCode.NoMatchingVolume, "Normal FailedBinding"),
        ["1-3"] = (ReasonCode.NoMatchingVolume, "Normal FailedBinding"),
        ["1-4"] = (ReasonCode.BestMatch, null),
        ["1-5"] = (ReasonCode.PreBound, null),
        ["1-6"] = (ReasonCode.PreBound, null),
        ["1-7"] = (ReasonCode.NoMatchingVolume, "Normal FailedBinding"),
        ["1-8"] = (ReasonCode.PreBound, null),
        ["1-9"] = (ReasonCode.PreBound, null),
        ["1-10"] = (ReasonCode.Bound, null),
        ["1-11"] = (ReasonCode.BestMatch, null),
        ["1-12"] = (ReasonCode.NoMatchingVolume, "Normal FailedBinding"),
        ["1-13"] = (ReasonCode.WaitForFirstConsumer, "Normal WaitForFirstConsumer"),
        ["1-14"] = (ReasonCode.PreBound, null),
        ["1-15"] = (ReasonCode.RequestedVolume, null),
        ["1-16"] = (ReasonCode.VolumeMismatch, "Warning VolumeMismatch"),
        ["1-18"] = (ReasonCode.PreBound, null),
        ["2-1"] = (ReasonCode.VolumeNotFound, null),
        ["2-2"] = (ReasonCode.VolumeNotFound, null),
        ["2-3"] = (ReasonCode.RequestedVolume, null),
        ["2-4"] = (ReasonCode.PreBound, null),
        ["2-5"] = (ReasonCode.PreBound, null),
        ["2-6"] = (ReasonCode.AlreadyBound, "Warning FailedBinding"),
        ["2-7"] = (ReasonCode.AlreadyBound, "Warning FailedBinding"),
        ["2-8"] = (ReasonCode.RequestedVolume, null),
        ["2-9"] = (ReasonCode.VolumeMismatch, "Warning VolumeMismatch"),
        ["2-10"] = (ReasonCode.VolumeMismatch, "Warning VolumeMismatch"),
        ["2-11"] = (ReasonCode.VolumeMismatch, "Warning VolumeMismatch"),
        ["2-12"] = (ReasonCode.RequestedVolume, null),
        ["3-1"] = (ReasonCode.ClaimLost, "Warning ClaimLost"),
        ["3-2"] = (ReasonCode.ClaimLost, "Warning ClaimLost"),
        ["3-3"] = (ReasonCode.BindingRestored, null),
        ["3-4"] = (ReasonCode.ClaimMisbound, "Warning ClaimMisbound"),
        ["3-5"] = (ReasonCode.Bound, null),
        ["3-6"] = (ReasonCode.ClaimMisbound, "Warning ClaimMisbound"),
        ["3-7"] = (ReasonCode.BindingRestored, null),
        ["13-1"] = (ReasonCode.BestMatch, null),
        ["13-2"] = (ReasonCode.BestMatch, null),
        ["13-3"] = (ReasonCode.BestMatch, null),
        ["13-4"] = (ReasonCode.BestMatch, null),
        ["13-5"] = (ReasonCode.BestMatch, null),
        ["14-1"] = (ReasonCode.BestMatch, null),
        ["14-2"] = (ReasonCode.BestMatch, null),
        ["14-3"] = (ReasonCode.NoMatchingVolume, "Normal FailedBinding"),
        ["14-4"] = (ReasonCode.NoMatchingVolume, "Normal FailedBinding"),
        ["14-5"] = (ReasonCode.ClassNotFound, "Warning ProvisioningFailed"),
        ["14-7"] = (ReasonCode.PreBound, null),
        ["14-8"] = (ReasonCode.VolumeMismatch, "Warning VolumeMismatch"),
        ["14-8-1"] = (ReasonCode.NoMatchingVolume, "Normal FailedBinding"),
        ["14-9"] = (ReasonCode.RequestedVolume, null),
        ["14-10"] = (ReasonCode.PreBound, null),
        ["14-11"] = (ReasonCode.RequestedVolume, null),
        ["14-12"] = (ReasonCode.PreBound, null),
        ["15-1"] = (ReasonCode.NoMatchingVolume, "Normal FailedBinding"),
        ["15-2"] = (ReasonCode.NoProvisioner, "Warning ProvisioningFailed"),
        ["15-3"] = (ReasonCode.ClaimLost, "Warning ClaimLost"),
        ["15-4"] = (ReasonCode.VolumeNotFound, null),
        ["15-5"] = (ReasonCode.NoProvisioner, "Warning ProvisioningFailed"),
        ["15-6"] = (ReasonCode.NoProvisioner, "Warning ProvisioningFailed"),
        ["15-7"] = (ReasonCode.ClassNotFound, "Warning ProvisioningFailed"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Claim_sync_settles_as_in_Kubernetes(Case c)
    {
        var plan = PlanBoth(Cluster(c.Volumes, new[] { c.Claim }, c.Classes ?? Array.Empty<StorageClass>()));
        var binding = plan.Claims.Single();
        var (code, controllerEvent) = Outcomes[c.Name.Split(' ')[0]];
        var gotEvent = binding.Event is null ? null : $"{binding.Event.Type} {binding.Event.Reason}";
        Assert.True(
            c.Phase == binding.Phase && c.Volume == binding.Volume && code == binding.ReasonCode && controllerEvent == gotEvent
                && (c.ReasonContains is null || binding.Reason.Contains(c.ReasonContains, StringComparison.Ordinal)),
            $"{c.Name}: expected {c.Phase} {c.Volume ?? "-"} {code} [{controllerEvent}] '{c.ReasonContains}', got {binding.Phase} {binding.Volume ?? "-"} {binding.ReasonCode} [{gotEvent}]: {binding.Reason}");
    }

    [Fact]
    public void Every_case_has_its_code_and_event() =>
        Assert.Equal(Cases().Select(row => ((Case)row[0]).Name.Split(' ')[0]).OrderBy(n => n), Outcomes.Keys.OrderBy(n => n));

    /// <summary>
    /// Upstream 1-17 runs one claim sync while four unreferenced volumes still record Pending, Failed,
    /// Released or no phase, and expects no binding. The controller's next volume sync makes every
    /// volume without a claimRef Available, so the plan, which predicts where syncs settle, binds one.
    /// </summary>
    [Fact]
    public void Case_1_17_differs_because_unreferenced_volumes_become_Available()
    {
        var volumes = new[]
        {
            NewVolume("volume1-17-pending", "1Gi", "", "", VolumePhase.Pending),
            NewVolume("volume1-17-failed", "1Gi", "", "", VolumePhase.Failed),
            NewVolume("volume1-17-released", "1Gi", "", "", VolumePhase.Released),
            NewVolume("volume1-17-empty", "1Gi", "", "", VolumePhase.Available) with { Phase = null },
        };
        var binding = PlanBoth(Cluster(volumes, new[] { NewClaim("claim1-17", "uid1-17", "1Gi", "", ClaimPhase.Pending) })).Claims.Single();
        Assert.Equal(ClaimPhase.Bound, binding.Phase);
        Assert.Equal("volume1-17-empty", binding.Volume);
    }
}
