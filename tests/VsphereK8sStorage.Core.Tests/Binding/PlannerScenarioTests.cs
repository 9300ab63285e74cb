using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using Xunit;
using static VsphereK8sStorage.Tests.TestSupport.Objects;
using static VsphereK8sStorage.Tests.TestSupport.PlanAssertions;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// Whole-cluster scenarios: initial volumes, claims, classes and nodes; the expected phase and volume
/// of each claim, and the words of the reason a user reads. Every scenario runs through both searches.
/// </summary>
public sealed class PlannerScenarioTests
{
    public sealed record Scenario(
        string Name,
        PersistentVolume[] Volumes,
        PersistentVolumeClaim[] Claims,
        (string Claim, ClaimPhase Phase, string? Volume, string ReasonContains)[] Expected,
        StorageClass[]? Classes = null,
        Node[]? Nodes = null,
        string? Node = null)
    {
        public override string ToString() => Name;
    }

    private static readonly StorageClass Gold = Class("gold");
    private static readonly StorageClass Local = Class("local", WellKnown.NoProvisioner, VolumeBindingMode.WaitForFirstConsumer);
    private static readonly StorageClass LocalCsi = Class("local-csi", "local.csi.example.com", VolumeBindingMode.WaitForFirstConsumer);

    public static IEnumerable<object[]> Scenarios() => new Scenario[]
    {
        new("smallest volume that fits wins",
            new[] { Pv("pv-10", "10Gi"), Pv("pv-5", "5Gi"), Pv("pv-1", "1Gi") },
            new[] { Pvc("claim", "3Gi") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"pv-5", "smallest Available volume without a class that fits 3Gi") }),
        new("exact size is enough",
            new[] { Pv("pv-2", "2Gi"), Pv("pv-3", "3Gi") },
            new[] { Pvc("claim", "2Gi") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"pv-2", "binds pv-2") }),
        new("sizes compare across binary and decimal units",
            new[] { Pv("pv-1G", "1G"), Pv("pv-1Gi", "1Gi") },
            new[] { Pvc("claim", "1000Mi") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"pv-1Gi", "binds pv-1Gi") }),
        new("a claim larger than every volume stays Pending and names the closest",
            new[] { Pv("pv0001", "2Gi") },
            new[] { Pvc("claim", "5Gi") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "closest: pv0001 (capacity 2Gi < requested 5Gi)") }),
        new("no class set and no default: only volumes without a class",
            new[] { Pv("gold-pv", "1Gi", storageClass: "gold"), Pv("plain-pv", "5Gi") },
            new[] { Pvc("claim", "1Gi") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"plain-pv", "without a class") },
            Classes: new[] { Gold }),
        new("class must match exactly",
            new[] { Pv("silver-pv", "1Gi", storageClass: "silver") },
            new[] { Pvc("claim", "1Gi", storageClass: "gold") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "closest: silver-pv (class 'silver' ≠ 'gold')") },
            Classes: new[] { Gold }),
        new("storageClassName \"\" ignores the default class",
            new[] { Pv("pv0001", "2Gi") },
            new[] { Pvc("pvc0001", "2Gi", storageClass: "") },
            new[] { ("pvc0001", ClaimPhase.Bound, (string?)"pv0001", "binds pv0001") },
            Classes: new[] { Class("vsphere-sc", isDefault: true) }),
        new("unset class of a new claim gets the default class on creation",
            new[] { Pv("pv0001", "2Gi") },
            new[] { Pvc("pvc0001", "2Gi") },
            new[] { ("pvc0001", ClaimPhase.Pending, (string?)null, "DefaultStorageClass admission plugin sets the default class 'vsphere-sc'") },
            Classes: new[] { Class("vsphere-sc", isDefault: true) }),
        new("unset class of an existing claim still binds a volume without a class first",
            new[] { Pv("pv0001", "2Gi") },
            new[] { Pvc("pvc0001", "2Gi").Created(1) },
            new[] { ("pvc0001", ClaimPhase.Bound, (string?)"pv0001", "binds pv0001") },
            Classes: new[] { Class("vsphere-sc", isDefault: true) }),
        new("unset class of an existing claim gets the default retroactively when nothing without a class fits",
            new[] { Pv("small", "1Gi") },
            new[] { Pvc("pvc0001", "2Gi").Created(1) },
            new[] { ("pvc0001", ClaimPhase.Pending, (string?)null, "PV controller assigns the default class 'vsphere-sc'") },
            Classes: new[] { Class("vsphere-sc", isDefault: true) }),
        new("access modes of the volume must contain the claim's",
            new[] { Pv("rwo", "1Gi", "RWO"), Pv("rox", "1Gi", "ROX") },
            new[] { Pvc("claim", "1Gi", "RWX") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "lack RWX") }),
        new("access-mode set closest to the request is searched first, even when a smaller volume has more modes",
            new[] { Pv("big-rwo", "10Gi", "RWO"), Pv("small-multi", "1Gi", "RWO,ROX") },
            new[] { Pvc("claim", "1Gi", "RWO") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"big-rwo", "not the smaller small-multi (1Gi, RWO,ROX)") }),
        new("a volume with more modes serves when the closest set has none that fits",
            new[] { Pv("tiny-rwo", "500Mi", "RWO"), Pv("multi", "2Gi", "RWO,ROX,RWX") },
            new[] { Pvc("claim", "1Gi", "RWO") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"multi", "binds multi") }),
        new("unset volumeMode means Filesystem on both sides",
            new[] { Pv("block", "1Gi") with { VolumeMode = VolumeMode.Block }, Pv("fs", "2Gi") },
            new[] { Pvc("claim", "1Gi") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"fs", "binds fs") }),
        new("a Block claim needs a Block volume",
            new[] { Pv("fs", "1Gi") with { VolumeMode = VolumeMode.Filesystem } },
            new[] { Pvc("claim", "1Gi") with { VolumeMode = VolumeMode.Block } },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "volumeMode Filesystem ≠ Block") }),
        new("selector with matchLabels and In skips volumes that fit but are not selected",
            new[] { Pv("beta", "80Gi").Labeled(("release", "beta"), ("capacity", "80Gi")), Pv("stable", "100Gi").Labeled(("release", "stable"), ("capacity", "100Gi")), Pv("huge", "200Gi").Labeled(("release", "stable"), ("capacity", "200Gi")) },
            new[] { Pvc("claim", "80Gi").Selecting(new SelectorRequirement("release", SelectorOperator.In, new[] { "stable" }), new SelectorRequirement("capacity", SelectorOperator.In, new[] { "80Gi", "100Gi" })) },
            new[] { ("claim", ClaimPhase.Bound, (string?)"stable", "binds stable") }),
        new("selector explains the label that fails",
            new[] { Pv("beta", "80Gi").Labeled(("release", "beta")) },
            new[] { Pvc("claim", "80Gi").Selecting(new SelectorRequirement("release", SelectorOperator.In, new[] { "stable" })) },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "selector: label release is 'beta', not 'stable'") }),
        new("NotIn and DoesNotExist match volumes without the label",
            new[] { Pv("tainted", "1Gi").Labeled(("tier", "scratch")), Pv("clean", "2Gi") },
            new[] { Pvc("claim", "1Gi").Selecting(new SelectorRequirement("tier", SelectorOperator.NotIn, new[] { "scratch" }), new SelectorRequirement("legacy", SelectorOperator.DoesNotExist, Array.Empty<string>())) },
            new[] { ("claim", ClaimPhase.Bound, (string?)"clean", "binds clean") }),
        new("a volume pre-bound by claimRef wins over a smaller one",
            new[] { Pv("small", "1Gi"), Pv("reserved", "5Gi").ReservedFor("claim") },
            new[] { Pvc("claim", "1Gi") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"reserved", "spec.claimRef reserves it for this claim") }),
        new("a pre-bound volume ignores class and selector but not size",
            new[] { Pv("reserved", "5Gi", storageClass: "other").ReservedFor("claim") },
            new[] { Pvc("claim", "1Gi", storageClass: "gold") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"reserved", "reserves it for this claim") },
            Classes: new[] { Gold }),
        new("a volume reserved for another claim is never chosen",
            new[] { Pv("theirs", "1Gi").ReservedFor("other"), Pv("mine", "9Gi") },
            new[] { Pvc("claim", "1Gi") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"mine", "binds mine") }),
        new("a claimRef without a namespace reserves the volume for a claim that cannot exist",
            new[] { Pv("half-reserved", "1Gi") with { ClaimRef = new ClaimReference(string.Empty, "claim", null) } },
            new[] { Pvc("claim", "1Gi") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "reserved by a spec.claimRef without a namespace, which no claim can match") }),
        new("an empty claimRef reserves the volume for nobody",
            new[] { Pv("empty-ref", "1Gi") with { ClaimRef = new ClaimReference(string.Empty, string.Empty, null) } },
            new[] { Pvc("claim", "1Gi") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "closest: empty-ref (reserved by a spec.claimRef without a namespace") }),
        new("a claimRef without a namespace but with the claim's uid still binds a bound claim",
            new[] { Pv("pv", "1Gi") with { ClaimRef = new ClaimReference(string.Empty, "claim", "u1"), Phase = VolumePhase.Bound } },
            new[] { (Pvc("claim", "1Gi") with { VolumeName = "pv", Phase = ClaimPhase.Bound }).Created(1, "u1").Annotated(WellKnown.BindCompletedAnnotation, "yes") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"pv", "bound to pv") }),
        new("a claimRef with another uid belongs to an earlier claim of the same name",
            new[] { Pv("old", "1Gi").ReservedFor("claim", uid: "uid-of-deleted-claim") with { Phase = VolumePhase.Released } },
            new[] { Pvc("claim", "1Gi").Created(5) },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "Released: its claim was deleted") }),
        new("Released, Failed and deleting volumes are never chosen",
            new[]
            {
                Pv("released", "1Gi").ReservedFor("gone", uid: "x") with { Phase = VolumePhase.Released },
                Pv("failed", "1Gi").ReservedFor("gone", uid: "y") with { Phase = VolumePhase.Failed },
                Pv("deleting", "1Gi") with { Metadata = new ObjectMeta { Name = "deleting", DeletionTimestamp = DateTimeOffset.UnixEpoch } },
            },
            new[] { Pvc("claim", "1Gi") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "no volume fits and the claim has no storage class") }),
        new("a Released volume whose claimRef was cleared becomes Available and binds",
            new[] { Pv("recycled", "1Gi") with { Phase = VolumePhase.Released } },
            new[] { Pvc("claim", "1Gi") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"recycled", "binds recycled") }),
        new("earlier claims take volumes first",
            new[] { Pv("pv-a", "1Gi"), Pv("pv-b", "2Gi") },
            new[] { Pvc("late", "1Gi").Created(2), Pvc("early", "1Gi").Created(1) },
            new[] { ("early", ClaimPhase.Bound, (string?)"pv-a", "binds pv-a"), ("late", ClaimPhase.Bound, (string?)"pv-b", "binds pv-b") }),
        new("a claim that loses the race is told who took the volume",
            new[] { Pv("only", "1Gi") },
            new[] { Pvc("first", "1Gi").Created(1), Pvc("second", "1Gi").Created(2) },
            new[] { ("first", ClaimPhase.Bound, (string?)"only", "binds only"), ("second", ClaimPhase.Pending, (string?)null, "bound in this plan to default/first") }),
        new("claims not yet created come after existing ones, then by name",
            new[] { Pv("only", "1Gi") },
            new[] { Pvc("a-new", "1Gi"), Pvc("z-existing", "1Gi").Created(9) },
            new[] { ("z-existing", ClaimPhase.Bound, (string?)"only", "binds only"), ("a-new", ClaimPhase.Pending, (string?)null, "bound in this plan to default/z-existing") }),
        new("spec.volumeName binds the named volume even if a smaller one fits",
            new[] { Pv("small", "1Gi"), Pv("chosen", "10Gi") },
            new[] { Pvc("claim", "1Gi") with { VolumeName = "chosen" } },
            new[] { ("claim", ClaimPhase.Bound, (string?)"chosen", "spec.volumeName requests it") }),
        new("spec.volumeName on a too-small volume is a VolumeMismatch",
            new[] { Pv("small", "1Gi") },
            new[] { Pvc("claim", "2Gi") with { VolumeName = "small" } },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "cannot bind to requested volume small: it is too small") }),
        new("spec.volumeName compares sizes rounded up to whole units, unlike the search",
            new[] { Pv("almost", "1.2") },
            new[] { Pvc("named", "1.5") with { VolumeName = "almost" }, Pvc("searching", "1.5").Created(1) },
            new[] { ("named", ClaimPhase.Bound, (string?)"almost", "satisfies the claim"), ("searching", ClaimPhase.Pending, (string?)null, "capacity 1.2 < requested 1.5") }),
        new("spec.volumeName naming a missing volume waits",
            Array.Empty<PersistentVolume>(),
            new[] { Pvc("claim", "1Gi") with { VolumeName = "later" } },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "names later, which is not in the input") }),
        new("spec.volumeName naming a volume bound elsewhere waits",
            new[] { Pv("taken", "1Gi").ReservedFor("owner") },
            new[] { Pvc("claim", "1Gi") with { VolumeName = "taken" } },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "already bound to a different claim (default/owner)") }),
        new("spec.volumeName and claimRef naming each other is a binding",
            new[] { Pv("pair", "1Gi").ReservedFor("claim") },
            new[] { Pvc("claim", "1Gi") with { VolumeName = "pair" } },
            new[] { ("claim", ClaimPhase.Bound, (string?)"pair", "name each other") }),
        new("a bound claim keeps its volume",
            new[] { Pv("pv", "1Gi").ReservedFor("claim", uid: "u1") with { Phase = VolumePhase.Bound } },
            new[] { (Pvc("claim", "1Gi") with { VolumeName = "pv", Phase = ClaimPhase.Bound }).Created(1, "u1") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"pv", "bound to pv") }),
        new("a bound claim whose volume is gone is Lost",
            Array.Empty<PersistentVolume>(),
            new[] { (Pvc("claim", "1Gi") with { VolumeName = "vanished", Phase = ClaimPhase.Bound }).Created(1).Annotated(WellKnown.BindCompletedAnnotation, "yes") },
            new[] { ("claim", ClaimPhase.Lost, (string?)null, "the volume is gone and the claim is Lost") }),
        new("a bound claim with an empty volumeName is Lost",
            Array.Empty<PersistentVolume>(),
            new[] { Pvc("claim", "1Gi").Annotated(WellKnown.BindCompletedAnnotation, "yes") },
            new[] { ("claim", ClaimPhase.Lost, (string?)null, "spec.volumeName is now empty") }),
        new("two claims on one volume: the one the volume does not name is misbound",
            new[] { Pv("shared", "1Gi").ReservedFor("right", uid: "u-right") with { Phase = VolumePhase.Bound } },
            new[] { (Pvc("right", "1Gi") with { VolumeName = "shared", Phase = ClaimPhase.Bound }).Created(1, "u-right").Annotated(WellKnown.BindCompletedAnnotation, "yes"), (Pvc("wrong", "1Gi") with { VolumeName = "shared", Phase = ClaimPhase.Bound }).Created(2, "u-wrong").Annotated(WellKnown.BindCompletedAnnotation, "yes") },
            new[] { ("right", ClaimPhase.Bound, (string?)"shared", "bound to shared"), ("wrong", ClaimPhase.Lost, (string?)null, "this one is bound incorrectly") }),
        new("a bound claim whose volume lost its claimRef is restored",
            new[] { Pv("pv", "1Gi") },
            new[] { (Pvc("claim", "1Gi") with { VolumeName = "pv", Phase = ClaimPhase.Bound }).Created(1).Annotated(WellKnown.BindCompletedAnnotation, "yes") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"pv", "the controller writes it back") }),
        new("a recorded Bound phase without bind-completed is not trusted: the claim is matched again",
            new[] { Pv("small", "1Gi") },
            new[] { (Pvc("claim", "10Gi") with { Phase = ClaimPhase.Bound }).Created(1) },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "capacity 1Gi < requested 10Gi") }),
        new("a class with a provisioner provisions when nothing fits",
            new[] { Pv("small", "1Gi", storageClass: "gold") },
            new[] { Pvc("claim", "5Gi", storageClass: "gold") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "waiting for provisioner csi.vsphere.vmware.com: no existing volume fits") },
            Classes: new[] { Gold }),
        new("a class that does not exist is named",
            Array.Empty<PersistentVolume>(),
            new[] { Pvc("claim", "1Gi", storageClass: "platinum") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "StorageClass 'platinum' does not exist") }),
        new("no-provisioner classes say the volume must be made by hand",
            Array.Empty<PersistentVolume>(),
            new[] { Pvc("claim", "1Gi", storageClass: "manual") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "uses kubernetes.io/no-provisioner: create a matching volume by hand") },
            Classes: new[] { Class("manual", WellKnown.NoProvisioner) }),
        new("WaitForFirstConsumer keeps a claim Pending until a node is chosen",
            new[] { Pv("local-1", "10Gi", storageClass: "local").OnHost("node-a") },
            new[] { Pvc("claim", "1Gi", storageClass: "local") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "waiting for first consumer") },
            Classes: new[] { Local }),
        new("WaitForFirstConsumer still binds a pre-bound volume at once",
            new[] { Pv("local-1", "10Gi", storageClass: "local").OnHost("node-a").ReservedFor("claim") },
            new[] { Pvc("claim", "1Gi", storageClass: "local") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"local-1", "reserves it for this claim") },
            Classes: new[] { Local }),
        new("on a node, a WaitForFirstConsumer claim binds a volume that node can reach",
            new[] { Pv("on-a", "10Gi", storageClass: "local").OnHost("node-a"), Pv("on-b", "5Gi", storageClass: "local").OnHost("node-b") },
            new[] { Pvc("claim", "1Gi", storageClass: "local") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"on-a", "on node node-a") },
            Classes: new[] { Local },
            Nodes: new[] { Node("node-a"), Node("node-b") },
            Node: "node-a"),
        new("a selected-node annotation means the scheduler chose to provision there, not to bind",
            new[] { Pv("on-a", "10Gi", storageClass: "local-csi").OnHost("node-a") },
            new[] { Pvc("claim", "1Gi", storageClass: "local-csi").Annotated(WellKnown.SelectedNodeAnnotation, "node-a") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "waiting for provisioner local.csi.example.com to create a volume for node node-a, which the scheduler chose") },
            Classes: new[] { LocalCsi },
            Nodes: new[] { Node("node-a") }),
        new("a selected node other than -Node is a conflict",
            Array.Empty<PersistentVolume>(),
            new[] { Pvc("claim", "1Gi", storageClass: "local-csi").Annotated(WellKnown.SelectedNodeAnnotation, "node-a") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "already chosen node node-a") },
            Classes: new[] { LocalCsi },
            Nodes: new[] { Node("node-a"), Node("node-b") },
            Node: "node-b"),
        new("allowedTopologies that exclude the node stop provisioning there",
            Array.Empty<PersistentVolume>(),
            new[] { Pvc("claim", "1Gi", storageClass: "zonal") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "allowedTopologies (topology.kubernetes.io/zone=zone-a) exclude the node") },
            Classes: new[] { Class("zonal", mode: VolumeBindingMode.WaitForFirstConsumer) with { AllowedTopologies = new[] { new NodeSelectorTerm(new[] { new SelectorRequirement("topology.kubernetes.io/zone", SelectorOperator.In, new[] { "zone-a" }) }, Array.Empty<SelectorRequirement>()) } } },
            Nodes: new[] { Node("node-b", ("topology.kubernetes.io/zone", "zone-b")) },
            Node: "node-b"),
        new("on a node without a fitting volume, no-provisioner leaves the claim Pending",
            new[] { Pv("on-a", "10Gi", storageClass: "local").OnHost("node-a") },
            new[] { Pvc("claim", "1Gi", storageClass: "local") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "node affinity (kubernetes.io/hostname=node-a) excludes node node-b") },
            Classes: new[] { Local },
            Nodes: new[] { Node("node-a"), Node("node-b") },
            Node: "node-b"),
        new("on a node, a provisioner creates what does not exist",
            Array.Empty<PersistentVolume>(),
            new[] { Pvc("claim", "1Gi", storageClass: "local-csi") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "waiting for provisioner local.csi.example.com to create a volume for node node-a") },
            Classes: new[] { LocalCsi },
            Nodes: new[] { Node("node-a") },
            Node: "node-a"),
        new("on a node the smallest fitting volume wins whatever its access modes",
            new[] { Pv("big-rwo", "10Gi", "RWO", "local"), Pv("small-multi", "1Gi", "RWO,ROX", "local") },
            new[] { Pvc("claim", "1Gi", "RWO", "local") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"small-multi", "binds small-multi") },
            Classes: new[] { Local },
            Nodes: new[] { Node("node-a") },
            Node: "node-a"),
        new("a pre-bound volume a node cannot reach means no match on that node",
            new[] { Pv("reserved", "5Gi", storageClass: "local").OnHost("node-a").ReservedFor("claim") with { Metadata = new ObjectMeta { Name = "reserved" } }, Pv("free", "5Gi", storageClass: "local") },
            new[] { Pvc("claim", "1Gi", storageClass: "local") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "no volume fits on node node-b") },
            Classes: new[] { Local },
            Nodes: new[] { Node("node-a"), Node("node-b") },
            Node: "node-b"),
        new("the PV controller binds a pre-bound WaitForFirstConsumer volume whatever node was selected",
            new[] { Pv("reserved", "5Gi", storageClass: "local").OnHost("node-a").ReservedFor("claim") },
            new[] { Pvc("claim", "1Gi", storageClass: "local").Annotated(WellKnown.SelectedNodeAnnotation, "node-b") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"reserved", "reserves it for this claim") },
            Classes: new[] { Local },
            Nodes: new[] { Node("node-a"), Node("node-b") }),
        new("-Node flags a pre-bound volume the controller binds on the selected node but the pod's node cannot reach",
            new[] { Pv("reserved", "5Gi", storageClass: "local").OnHost("node-a").ReservedFor("claim") },
            new[] { Pvc("claim", "1Gi", storageClass: "local").Annotated(WellKnown.SelectedNodeAnnotation, "node-a") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"reserved", "volume node affinity conflict") },
            Classes: new[] { Local },
            Nodes: new[] { Node("node-a"), Node("node-b") },
            Node: "node-b"),
        new("a selected node missing from the input is named",
            new[] { Pv("on-x", "5Gi", storageClass: "local").OnHost("node-x") },
            new[] { Pvc("claim", "1Gi", storageClass: "local").Annotated(WellKnown.SelectedNodeAnnotation, "node-x") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "node node-x is not in the input") },
            Classes: new[] { Local }),
        new("-Node flags a bound volume its pod could not reach",
            new[] { Pv("on-a", "5Gi").OnHost("node-a") },
            new[] { Pvc("claim", "1Gi") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"on-a", "volume node affinity conflict") },
            Nodes: new[] { Node("node-a"), Node("node-b") },
            Node: "node-b"),
        new("a claim without volumeAttributesClassName only gets volumes without one",
            new[] { Pv("fast", "1Gi") with { VolumeAttributesClassName = "fast" } },
            new[] { Pvc("claim", "1Gi") },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "volumeAttributesClass 'fast' ≠ ''") }),
        new("matching volumeAttributesClassName binds",
            new[] { Pv("fast", "1Gi") with { VolumeAttributesClassName = "fast" } },
            new[] { Pvc("claim", "1Gi") with { VolumeAttributesClassName = "fast" } },
            new[] { ("claim", ClaimPhase.Bound, (string?)"fast", "binds fast") }),
        new("a claim with volumeAttributesClassName needs exactly that class",
            new[] { Pv("fast", "1Gi") with { VolumeAttributesClassName = "fast" }, Pv("plain", "1Gi") },
            new[] { Pvc("claim", "1Gi") with { VolumeAttributesClassName = "slow" } },
            new[] { ("claim", ClaimPhase.Pending, (string?)null, "volumeAttributesClass 'fast' ≠ 'slow'") }),
        new("the beta class annotation wins over spec.storageClassName",
            new[] { Pv("gold-pv", "1Gi", storageClass: "gold") },
            new[] { Pvc("claim", "1Gi", storageClass: "silver").Annotated(WellKnown.BetaStorageClassAnnotation, "gold") },
            new[] { ("claim", ClaimPhase.Bound, (string?)"gold-pv", "class 'gold'") },
            Classes: new[] { Gold }),
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Plans_each_claim_as_Kubernetes_would(Scenario scenario)
    {
        var cluster = Cluster(scenario.Volumes, scenario.Claims, scenario.Classes, scenario.Nodes);
        var plan = PlanBoth(cluster, new PlanOptions { Node = scenario.Node });

        Assert.Equal(scenario.Claims.Length, plan.Claims.Count);
        foreach (var (claim, phase, volume, reason) in scenario.Expected)
        {
            var binding = plan.For(claim);
            Assert.True(phase == binding.Phase && volume == binding.Volume && binding.Reason.Contains(reason, StringComparison.Ordinal),
                $"{scenario.Name}: {claim} expected {phase} {volume ?? "-"} with '{reason}', got {binding.Phase} {binding.Volume ?? "-"}: {binding.Reason}");
        }
    }

    [Fact]
    public void Several_default_classes_use_the_newest_and_warn()
    {
        var older = Class("old-default", isDefault: true) with { Metadata = new ObjectMeta { Name = "old-default", CreationTimestamp = DateTimeOffset.UnixEpoch, Annotations = new Dictionary<string, string> { [WellKnown.DefaultClassAnnotation] = "true" } } };
        var newer = Class("new-default", isDefault: true) with { Metadata = new ObjectMeta { Name = "new-default", CreationTimestamp = DateTimeOffset.UnixEpoch.AddDays(1), Annotations = new Dictionary<string, string> { [WellKnown.DefaultClassAnnotation] = "true" } } };

        var plan = PlanBoth(Cluster(claims: new[] { Pvc("claim", "1Gi") }, classes: new[] { older, newer }));

        Assert.Equal("new-default", plan.For("claim").StorageClass);
        Assert.Contains(plan.Warnings, w => w.Contains("2 StorageClasses are marked default") && w.Contains("'new-default'"));
    }

    [Fact]
    public void A_node_that_is_not_in_the_input_is_an_error_naming_it()
    {
        var error = Assert.Throws<VsphereK8sException>(() => BindingPlanner.Plan(Cluster(), new PlanOptions { Node = "ghost" }));
        Assert.Equal(("NodeNotFound", ErrorKind.ObjectNotFound, (object?)"ghost"), (error.ErrorId, error.Kind, error.Target));
        Assert.Contains("Node 'ghost' is not in the input", error.Message);
    }

    [Fact]
    public void Planning_does_not_modify_the_input()
    {
        var volume = Pv("pv", "1Gi");
        var cluster = Cluster(new[] { volume }, new[] { Pvc("claim", "1Gi") });

        var plan = BindingPlanner.Plan(cluster);

        Assert.Equal("pv", plan.For("claim").Volume);
        Assert.Null(cluster.Volumes.Single().ClaimRef);
        Assert.Same(volume, cluster.Volumes.Single());
    }

    [Fact]
    public void Short_explanations_list_the_closest_three_and_detailed_lists_every_volume()
    {
        var volumes = Enumerable.Range(1, 8).Select(i => Pv($"pv-{i}", $"{i}Gi", storageClass: i % 2 == 0 ? "gold" : "silver")).ToArray();
        var cluster = Cluster(volumes, new[] { Pvc("claim", "20Gi", storageClass: "gold") }, new[] { Gold });

        var brief = PlanBoth(cluster).For("claim");
        var full = PlanBoth(cluster, new PlanOptions { Detailed = true }).For("claim");

        Assert.Equal(3, brief.Rejections.Count);
        Assert.Equal(new[] { "pv-8", "pv-6", "pv-4" }, brief.Rejections.Select(r => r.Volume));
        Assert.Equal(new[] { "capacity 8Gi < requested 20Gi" }, brief.Rejections[0].Reasons);
        Assert.Equal(8, full.Rejections.Count);
        Assert.Equal(new[] { "capacity 7Gi < requested 20Gi", "class 'silver' ≠ 'gold'" }, full.Rejections.Single(r => r.Volume == "pv-7").Reasons);
    }

    [Fact]
    public void Every_reason_is_listed_for_a_volume_that_fails_several_checks()
    {
        var volume = Pv("wrong", "1Gi", "ROX", "silver").Labeled(("tier", "bronze")) with { VolumeMode = VolumeMode.Block };
        var claim = Pvc("claim", "5Gi", "RWX", "gold").Selecting(new SelectorRequirement("tier", SelectorOperator.In, new[] { "gold" }));

        var rejection = Assert.Single(PlanBoth(Cluster(new[] { volume }, new[] { claim }, new[] { Gold })).For("claim").Rejections);

        Assert.Equal(
            new[]
            {
                "capacity 1Gi < requested 5Gi",
                "class 'silver' ≠ 'gold'",
                "volumeMode Block ≠ Filesystem",
                "access modes ROX lack RWX",
                "selector: label tier is 'bronze', not 'gold'",
            },
            rejection.Reasons);
    }
}
