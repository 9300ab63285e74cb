using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Presentation;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;
using static VsphereK8sStorage.Tests.TestSupport.Objects;
using static VsphereK8sStorage.Tests.TestSupport.PlanAssertions;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// Each outcome's stable code, and the event the real controller posts on the claim, word for word as
/// <c>kubectl describe pvc</c> shows it (pv_controller.go). The texts are v1.32's; cases marked 1.20
/// hold the older controller's texts and behaviour, for the differential check against a real v1.20.
/// </summary>
public sealed class ReasonCodeAndEventTests
{
    public sealed record Case(
        string Name,
        PersistentVolume[] Volumes,
        PersistentVolumeClaim Claim,
        ReasonCode Code,
        ClaimEvent? Event,
        StorageClass[]? Classes = null,
        Node[]? Nodes = null,
        string? Node = null,
        string Version = "1.32",
        PersistentVolumeClaim[]? Others = null)
    {
        public override string ToString() => $"{Name} (v{Version})";
    }

    private static readonly StorageClass Csi = Class("csi", WellKnown.VsphereCsiDriver);
    private static readonly StorageClass Manual = Class("manual", WellKnown.NoProvisioner);
    private static readonly StorageClass Wait = Class("wait", WellKnown.VsphereCsiDriver, VolumeBindingMode.WaitForFirstConsumer);
    private static readonly StorageClass LocalWait = Class("local", WellKnown.NoProvisioner, VolumeBindingMode.WaitForFirstConsumer);
    private static readonly StorageClass InTreeVsphere = Class("thin", "kubernetes.io/vsphere-volume");

    private static ClaimEvent Normal(string reason, string message) => new(EventType.Normal, reason, message);

    private static ClaimEvent Warning(string reason, string message) => new(EventType.Warning, reason, message);

    private static PersistentVolumeClaim Named(string volume, string size = "1Gi", string modes = "RWO") => Pvc("claim", size, modes) with { VolumeName = volume };

    private static PersistentVolumeClaim BoundTo(string volume) => (Pvc("claim", "1Gi") with { VolumeName = volume, Phase = ClaimPhase.Bound }).Created(1, "uid-claim").Annotated(WellKnown.BindCompletedAnnotation, "yes");

    private const string NoClassMessage = "no persistent volumes available for this claim and no storage class is set";

    public static IEnumerable<object[]> Cases() => new Case[]
    {
        // Bound: the controller posts no event on the claim.
        new("bound in the input", new[] { Pv("pv", "1Gi").ReservedFor("claim", uid: "uid-claim") with { Phase = VolumePhase.Bound } }, BoundTo("pv"), ReasonCode.Bound, null),
        new("bound, the volume lost its claimRef", new[] { Pv("pv", "1Gi") }, BoundTo("pv"), ReasonCode.BindingRestored, null),
        new("pre-bound by claimRef", new[] { Pv("pv", "1Gi").ReservedFor("claim") }, Pvc("claim", "1Gi"), ReasonCode.PreBound, null),
        new("requested by volumeName", new[] { Pv("pv", "1Gi") }, Named("pv"), ReasonCode.RequestedVolume, null),
        new("best match", new[] { Pv("pv", "1Gi") }, Pvc("claim", "1Gi"), ReasonCode.BestMatch, null),
        new("-Node: bound volume the node cannot reach", new[] { Pv("pv", "1Gi").OnHost("node-a") }, Pvc("claim", "1Gi"), ReasonCode.NodeAffinityConflict, null, Nodes: new[] { Node("node-a"), Node("node-b") }, Node: "node-b"),

        // Pending with a search that found nothing.
        new("WaitForFirstConsumer", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "wait"), ReasonCode.WaitForFirstConsumer, Normal("WaitForFirstConsumer", "waiting for first consumer to be created before binding"), new[] { Wait }),
        new("WaitForFirstConsumer", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "wait"), ReasonCode.WaitForFirstConsumer, Normal("WaitForFirstConsumer", "waiting for first consumer to be created before binding"), new[] { Wait }, Version: "1.20"),
        new("external provisioner", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "csi"), ReasonCode.ExternalProvisioning, Normal("ExternalProvisioning", "Waiting for a volume to be created either by the external provisioner 'csi.vsphere.vmware.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."), new[] { Csi }),
        new("external provisioner", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "csi"), ReasonCode.ExternalProvisioning, Normal("ExternalProvisioning", "waiting for a volume to be created, either by external provisioner \"csi.vsphere.vmware.com\" or manually created by system administrator"), new[] { Csi }, Version: "1.20"),
        new("in-tree vsphere-volume, migrated to the CSI driver", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "thin"), ReasonCode.ExternalProvisioning, Normal("ExternalProvisioning", "Waiting for a volume to be created either by the external provisioner 'csi.vsphere.vmware.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."), new[] { InTreeVsphere }),
        new("in-tree vsphere-volume, provisioned by the controller itself", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "thin"), ReasonCode.InTreeProvisioning, null, new[] { InTreeVsphere }, Version: "1.20"),
        new("kubernetes.io/no-provisioner", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "manual"), ReasonCode.NoProvisioner, Warning("ProvisioningFailed", "no volume plugin matched name: kubernetes.io/no-provisioner"), new[] { Manual }),
        new("kubernetes.io/no-provisioner", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "manual"), ReasonCode.NoProvisioner, Warning("ProvisioningFailed", "no volume plugin matched name: kubernetes.io/no-provisioner"), new[] { Manual }, Version: "1.20"),
        new("a removed in-tree provisioner", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "gluster"), ReasonCode.NoProvisioner, Warning("ProvisioningFailed", "no volume plugin matched name: kubernetes.io/glusterfs"), new[] { Class("gluster", "kubernetes.io/glusterfs") }),
        new("class not found", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "platinum"), ReasonCode.ClassNotFound, Warning("ProvisioningFailed", "storageclass.storage.k8s.io \"platinum\" not found")),
        new("no class, nothing fits", new[] { Pv("small", "1Gi") }, Pvc("claim", "2Gi"), ReasonCode.NoMatchingVolume, Normal("FailedBinding", NoClassMessage)),
        new("no class, nothing fits", new[] { Pv("small", "1Gi") }, Pvc("claim", "2Gi"), ReasonCode.NoMatchingVolume, Normal("FailedBinding", NoClassMessage), Version: "1.20"),
        new("existing claim without a class gets the default class retroactively", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi").Created(1), ReasonCode.ExternalProvisioning, Normal("ExternalProvisioning", "Waiting for a volume to be created either by the external provisioner 'csi.vsphere.vmware.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."), new[] { Class("default", isDefault: true) }),
        new("existing claim without a class keeps none: no retroactive default class", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi").Created(1), ReasonCode.NoMatchingVolume, Normal("FailedBinding", NoClassMessage), new[] { Class("default", isDefault: true) }, Version: "1.20"),
        new("volumeAttributesClassName does not exist yet and is ignored", new[] { Pv("fast", "1Gi") with { VolumeAttributesClassName = "fast" } }, Pvc("claim", "1Gi"), ReasonCode.BestMatch, null, Version: "1.20"),
        new("-Node: no-provisioner cannot create a volume there", new[] { Pv("on-a", "1Gi", storageClass: "local").OnHost("node-a") }, Pvc("claim", "1Gi", storageClass: "local"), ReasonCode.NoVolumeOnNode, null, new[] { LocalWait }, new[] { Node("node-a"), Node("node-b") }, "node-b"),
        new("-Node: allowedTopologies exclude the node", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "zonal"), ReasonCode.TopologyMismatch, null, new[] { Class("zonal", mode: VolumeBindingMode.WaitForFirstConsumer) with { AllowedTopologies = new[] { new NodeSelectorTerm(new[] { new SelectorRequirement("zone", SelectorOperator.In, new[] { "a" }) }, Array.Empty<SelectorRequirement>()) } } }, new[] { Node("node-b", ("zone", "b")) }, "node-b"),
        new("-Node: provisioning on the node", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "wait"), ReasonCode.ExternalProvisioning, Normal("ExternalProvisioning", "Waiting for a volume to be created either by the external provisioner 'csi.vsphere.vmware.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."), new[] { Wait }, new[] { Node("node-a") }, "node-a"),
        new("-Node: the scheduler chose another node", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "wait").Annotated(WellKnown.SelectedNodeAnnotation, "node-a"), ReasonCode.SelectedNodeConflict, Normal("ExternalProvisioning", "Waiting for a volume to be created either by the external provisioner 'csi.vsphere.vmware.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."), new[] { Wait }, new[] { Node("node-a"), Node("node-b") }, "node-b"),
        new("selected node with no-provisioner", Array.Empty<PersistentVolume>(), Pvc("claim", "1Gi", storageClass: "local").Annotated(WellKnown.SelectedNodeAnnotation, "node-a"), ReasonCode.NoProvisioner, Warning("ProvisioningFailed", "no volume plugin matched name: kubernetes.io/no-provisioner"), new[] { LocalWait }, new[] { Node("node-a") }),

        // spec.volumeName.
        new("requested volume does not exist", Array.Empty<PersistentVolume>(), Named("missing"), ReasonCode.VolumeNotFound, null),
        new("requested volume too small", new[] { Pv("pv", "1Gi") }, Named("pv", "2Gi"), ReasonCode.VolumeMismatch, Warning("VolumeMismatch", "Cannot bind to requested volume \"pv\": requested PV is too small")),
        new("requested volume of another class", new[] { Pv("pv", "1Gi", storageClass: "gold") }, Named("pv"), ReasonCode.VolumeMismatch, Warning("VolumeMismatch", "Cannot bind to requested volume \"pv\": storageClassName does not match")),
        new("requested volume of another attributes class", new[] { Pv("pv", "1Gi") with { VolumeAttributesClassName = "fast" } }, Named("pv"), ReasonCode.VolumeMismatch, Warning("VolumeMismatch", "Cannot bind to requested volume \"pv\": volumeAttributesClassName does not match")),
        new("requested volume of another volume mode", new[] { Pv("pv", "1Gi") with { VolumeMode = VolumeMode.Block } }, Named("pv"), ReasonCode.VolumeMismatch, Warning("VolumeMismatch", "Cannot bind to requested volume \"pv\": incompatible volumeMode")),
        new("requested volume lacks an access mode", new[] { Pv("pv", "1Gi") }, Named("pv", modes: "RWX"), ReasonCode.VolumeMismatch, Warning("VolumeMismatch", "Cannot bind to requested volume \"pv\": incompatible accessMode")),
        new("requested volume being deleted", new[] { Pv("pv", "1Gi") with { Metadata = new ObjectMeta { Name = "pv", DeletionTimestamp = DateTimeOffset.UnixEpoch } } }, Named("pv"), ReasonCode.VolumeMismatch, Warning("VolumeMismatch", "Cannot bind to requested volume \"pv\": the volume is marked for deletion \"pv\"")),
        new("requested volume bound to another claim", new[] { Pv("pv", "1Gi").ReservedFor("other") }, Named("pv"), ReasonCode.AlreadyBound, Warning("FailedBinding", "volume \"pv\" already bound to a different claim.")),
        new("requested volume bound to another claim", new[] { Pv("pv", "1Gi").ReservedFor("other") }, Named("pv"), ReasonCode.AlreadyBound, Warning("FailedBinding", "volume \"pv\" already bound to a different claim."), Version: "1.20"),
        new("requested volume taken by an earlier claim in this plan", new[] { Pv("pv", "1Gi") }, Named("pv").Created(2), ReasonCode.AlreadyBound, Warning("FailedBinding", "volume \"pv\" already bound to a different claim."), Others: new[] { Pvc("first", "1Gi").Created(1) }),

        // Lost.
        new("bound claim with an empty volumeName", Array.Empty<PersistentVolume>(), BoundTo(string.Empty), ReasonCode.ClaimLost, Warning("ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!")),
        new("bound claim whose volume is gone", Array.Empty<PersistentVolume>(), BoundTo("gone"), ReasonCode.ClaimLost, Warning("ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!")),
        new("bound claim whose volume is bound to another claim", new[] { Pv("pv", "1Gi").ReservedFor("other", uid: "uid-other") with { Phase = VolumePhase.Bound } }, BoundTo("pv"), ReasonCode.ClaimMisbound, Warning("ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly")),
    }.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_outcome_has_its_code_and_the_controllers_event(Case c)
    {
        var claims = new[] { c.Claim }.Concat(c.Others ?? Array.Empty<PersistentVolumeClaim>());
        var plan = PlanBoth(Cluster(c.Volumes, claims, c.Classes, c.Nodes), new PlanOptions { Node = c.Node, KubernetesVersion = Version.Parse(c.Version) });
        var binding = plan.For("claim");

        Assert.True(c.Code == binding.ReasonCode && Equals(c.Event, binding.Event), $"{c}: expected {c.Code} [{c.Event}], got {binding.ReasonCode} [{binding.Event}]: {binding.Reason}");
    }

    [Fact]
    public void Every_code_has_a_case()
    {
        var covered = Cases().Select(row => ((Case)row[0]).Code).ToHashSet();
        Assert.Equal(Array.Empty<ReasonCode>(), Enum.GetValues<ReasonCode>().Where(code => !covered.Contains(code)).ToArray());
    }

    [Fact]
    public void The_readme_documents_every_code()
    {
        var readme = File.ReadAllText(Fixtures.RepoFile("README.md"));
        var section = readme.Substring(readme.IndexOf("### What the plan follows", StringComparison.Ordinal));
        Assert.Equal(Array.Empty<ReasonCode>(), Enum.GetValues<ReasonCode>().Where(code => !section.Contains($"`{code}`", StringComparison.Ordinal)).ToArray());
        Assert.Contains("`Event`", section, StringComparison.Ordinal);
        Assert.Contains("`Alternatives`", section, StringComparison.Ordinal);
        Assert.Contains("`DependsOn`", section, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> Provisioners => new()
    {
        // provisioner, release, kind, name the controller uses
        { "csi.vsphere.vmware.com", "1.32", "External", "csi.vsphere.vmware.com" },
        { "kubernetes.io/vsphere-volume", "1.32", "External", "csi.vsphere.vmware.com" },
        { "kubernetes.io/vsphere-volume", "1.20", "InTree", "kubernetes.io/vsphere-volume" },
        { "kubernetes.io/aws-ebs", "1.32", "External", "ebs.csi.aws.com" },
        { "kubernetes.io/aws-ebs", "1.20", "InTree", "kubernetes.io/aws-ebs" },
        { "kubernetes.io/glusterfs", "1.32", "NoPlugin", "kubernetes.io/glusterfs" },
        { "kubernetes.io/glusterfs", "1.20", "InTree", "kubernetes.io/glusterfs" },
        { "kubernetes.io/no-provisioner", "1.32", "NoPlugin", "kubernetes.io/no-provisioner" },
        { "kubernetes.io/no-provisioner", "1.20", "NoPlugin", "kubernetes.io/no-provisioner" },
        { "kubernetes.io/made-up", "1.32", "NoPlugin", "kubernetes.io/made-up" },
        { "example.com/kubernetes.io-lookalike", "1.32", "External", "example.com/kubernetes.io-lookalike" },
    };

    [Theory]
    [MemberData(nameof(Provisioners))]
    public void Provisioners_are_classified_as_findProvisionablePlugin_does(string provisioner, string release, string kind, string name)
    {
        var got = new KubernetesRelease(Version.Parse(release)).Classify(provisioner, out var effective);
        Assert.Equal((kind, name), (got.ToString(), effective));
    }
}
