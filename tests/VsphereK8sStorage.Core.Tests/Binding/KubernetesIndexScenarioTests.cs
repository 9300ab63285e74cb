using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using Xunit;
using static VsphereK8sStorage.Tests.TestSupport.Objects;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// The scenarios of Kubernetes' own PV index tests (pkg/controller/volume/persistentvolume/index_test.go)
/// and the component-helpers FindMatchingVolume test, restated as facts: the same volumes, the same
/// claims, the same expected choice. Each runs through both the linear search (Kubernetes' algorithm)
/// and the index, which must agree. Case names are upstream's, so a reader can look them up.
/// </summary>
public sealed class KubernetesIndexScenarioTests
{
    private static PersistentVolume Volume(string uid, string name, string capacity, string modes, string storageClass = "", VolumePhase? phase = VolumePhase.Available) =>
        Pv(name, capacity, modes, storageClass) with { Metadata = new ObjectMeta { Name = name, Uid = uid }, Phase = phase };

    private static PersistentVolume WithAffinity(PersistentVolume volume, string value) => volume with
    {
        NodeAffinity = new NodeSelector(new[] { new NodeSelectorTerm(new[] { new SelectorRequirement("key1", SelectorOperator.In, new[] { value }) }, Array.Empty<SelectorRequirement>()) }),
    };

    private static PersistentVolume WithLabel(PersistentVolume volume, string key, string value) =>
        volume with { Metadata = volume.Metadata with { Labels = new Dictionary<string, string> { [key] = value } } };

    /// <summary>createTestVolumes: 21 volumes, of which two share the name affinity003; the index keeps the later.</summary>
    private static PersistentVolume[] TestVolumes(bool asIndexed = true)
    {
        var volumes = new List<PersistentVolume>
        {
            Volume("gce-pd-10", "gce003", "10G", "RWO,ROX"),
            Volume("gce-pd-20", "gce004", "20G", "RWO,ROX", phase: VolumePhase.Bound) with { ClaimRef = new ClaimReference(string.Empty, string.Empty, "def456") },
            Volume("nfs-5", "nfs002", "5G", "RWO,ROX,RWX"),
            Volume("gce-pd-1", "gce001", "1G", "RWO,ROX", phase: VolumePhase.Bound) with { ClaimRef = new ClaimReference(string.Empty, string.Empty, "abc123") },
            Volume("nfs-10", "nfs003", "10G", "RWO,ROX,RWX"),
            Volume("gce-pd-5", "gce002", "5G", "RWO,ROX"),
            Volume("nfs-1", "nfs001", "1G", "RWO,ROX,RWX"),
            WithLabel(Volume("gce-pd-2", "gce0022", "20000G", "RWO"), "should-exist", "true"),
            WithLabel(Volume("gce-pd-silver1", "gce0023", "10000G", "RWO", "silver"), "should-exist", "true"),
            Volume("gce-pd-silver2", "gce0024", "100G", "RWO", "silver"),
            Volume("gce-pd-gold", "gce0025", "50G", "RWO", "gold"),
            Volume("local-pd-very-large", "local001", "200E", "RWO,ROX,RWX", "large"),
            Volume("local-pd-extremely-large", "local002", "800E", "RWO,ROX,RWX", "large"),
            WithAffinity(Volume("affinity-pv", "affinity001", "100G", "RWO,ROX", "wait"), "value1"),
            WithAffinity(Volume("affinity-pv2", "affinity002", "150G", "RWO,ROX", "wait"), "value1"),
            WithAffinity(Volume("affinity-prebound", "affinity003", "100G", "RWO,ROX", "wait"), "value1") with { ClaimRef = new ClaimReference("myns", "claim02", null) },
            WithAffinity(Volume("affinity-pv3", "affinity003", "200G", "RWO,ROX", "wait"), "value3"),
            WithAffinity(Volume("affinity-pv4-pending", "affinity004-pending", "200G", "RWO,ROX", "wait", VolumePhase.Pending), "value4"),
            WithAffinity(Volume("affinity-pv4-failed", "affinity004-failed", "200G", "RWO,ROX", "wait", VolumePhase.Failed), "value4"),
            WithAffinity(Volume("affinity-pv4-released", "affinity004-released", "200G", "RWO,ROX", "wait", VolumePhase.Released), "value4"),
            WithAffinity(Volume("affinity-pv4-empty", "affinity004-empty", "200G", "RWO,ROX", "wait", null), "value4"),
        };
        return asIndexed ? volumes.GroupBy(v => v.Name).Select(g => g.Last()).ToArray() : volumes.ToArray();
    }

    /// <summary>makePVC: claim01 in myns, ROX+RWO, Filesystem, no class.</summary>
    private static PersistentVolumeClaim Claim(string size, string modes = "ROX,RWO", string? storageClass = null, string name = "claim01") =>
        Pvc(name, size, modes, storageClass, "myns") with { VolumeMode = VolumeMode.Filesystem };

    /// <summary>findBestMatchForClaim through both searches; returns the chosen volume's uid.</summary>
    private static string? FindBest(IEnumerable<PersistentVolume> volumes, PersistentVolumeClaim claim, bool delayBinding = false)
    {
        var states = volumes.Select((v, i) => new VolumeState(i, v)).ToArray();
        var context = new ClaimContext(claim, claim.ExplicitStorageClass ?? string.Empty);
        var linear = new LinearVolumeSearch(states).FindForController(context, delayBinding);
        var indexed = new IndexedVolumeSearch(new VolumeIndex(states)).FindForController(context, delayBinding);
        Assert.Same(linear, indexed);
        return linear?.Volume.Metadata.Uid ?? linear?.Name;
    }

    public static TheoryData<string, PersistentVolumeClaim, string?> MatchVolume => new()
    {
        { "successful-match-gce-10", Claim("8G"), "gce-pd-10" },
        { "successful-match-nfs-5", Claim("5G", "ROX,RWO,RWX"), "nfs-5" },
        { "successful-skip-1g-bound-volume", Claim("1G"), "gce-pd-5" },
        { "successful-no-match", Claim("999G"), null },
        { "successful-no-match-due-to-label", Claim("999G").Selecting(new SelectorRequirement("should-not-exist", SelectorOperator.In, new[] { "true" })), null },
        { "successful-no-match-due-to-size-constraint-with-label-selector", Claim("20000G").Selecting(new SelectorRequirement("should-exist", SelectorOperator.In, new[] { "true" })), null },
        { "successful-match-due-with-constraint-and-label-selector", Claim("20000G", "RWO").Selecting(new SelectorRequirement("should-exist", SelectorOperator.In, new[] { "true" })), "gce-pd-2" },
        { "successful-match-with-class", Claim("1G", "RWO", "silver").Selecting(new SelectorRequirement("should-exist", SelectorOperator.In, new[] { "true" })), "gce-pd-silver1" },
        { "successful-match-with-class-and-labels", Claim("1G", "RWO", "silver"), "gce-pd-silver2" },
        { "successful-match-very-large", Claim("1E", "RWO", "large"), "local-pd-very-large" },
        { "successful-match-exact-extremely-large", Claim("800E", "RWO", "large"), "local-pd-extremely-large" },
        { "successful-no-match-way-too-large", Claim("950E", "RWO", "large"), null },
    };

    [Theory]
    [MemberData(nameof(MatchVolume))]
    public void TestMatchVolume(string name, PersistentVolumeClaim claim, string? expected) =>
        Assert.True(expected == FindBest(TestVolumes(), claim), name);

    [Fact]
    public void TestMatchingWithBoundVolumes()
    {
        var volumes = new[]
        {
            Volume("gce-pd-1", "gce001", "1G", "RWO,ROX", phase: VolumePhase.Bound) with { ClaimRef = new ClaimReference(string.Empty, string.Empty, "abc123") },
            Volume("gce-pd-2", "gce002", "1G", "RWO,ROX"),
        };
        Assert.Equal("gce-pd-2", FindBest(volumes, Claim("1G")));
    }

    [Fact]
    public void TestAllPossibleAccessModes_groups_are_searched_from_the_fewest_modes_up()
    {
        // RWO can be served by the RWO, RWO+ROX and RWO+ROX+RWX groups, in that order; RWX only by the last.
        var sets = new[] { Modes("RWO,ROX,RWX"), Modes("RWO"), Modes("RWO,ROX") }.ToList();
        sets.Sort(VolumeOrder.CompareModeSets);
        Assert.Equal(new[] { Modes("RWO"), Modes("RWO,ROX"), Modes("RWO,ROX,RWX") }, sets);
        Assert.Equal(3, sets.Count(s => s.Contains(Modes("RWO"))));
        Assert.Equal(1, sets.Count(s => s.Contains(Modes("RWX"))));
    }

    [Fact]
    public void The_search_order_holds_all_sixteen_sets_as_CompareModeSets_sorts_them_and_each_request_gets_those_that_hold_it()
    {
        var sorted = Enumerable.Range(0, 16).Select(bits => (AccessModes)bits).ToList();
        sorted.Sort(VolumeOrder.CompareModeSets);

        Assert.Equal(sorted, VolumeOrder.ModeSetsInSearchOrder);
        Assert.Equal(new[] { AccessModes.None, Modes("RWO"), Modes("ROX"), Modes("RWX"), Modes("RWOP") }, VolumeOrder.ModeSetsInSearchOrder.Take(5));
        Assert.Equal(
            new[] { Modes("RWO,ROX"), Modes("RWO,ROX,RWX"), Modes("RWO,ROX,RWOP"), Modes("RWO,ROX,RWX,RWOP") },
            VolumeOrder.SetsHolding(Modes("ROX,RWO")));
    }

    public static TheoryData<string, string, string, string?> DifferentAccessModes => new()
    {
        // step, claim modes, which volumes carry an empty claimRef {} (taken by nobody that matches), expected
        { "1 exact RWO", "RWO", "", "ebs" },
        { "2 exact RWO+ROX", "RWO,ROX", "", "gce" },
        { "3 order of requested modes does not matter", "RWX,RWO,ROX", "", "nfs" },
        { "4 fewer modes still match", "RWX", "", "nfs" },
        { "5 next level up when ebs is claimed", "RWO", "ebs", "gce" },
        { "6 next level up when ebs and gce are claimed", "RWO", "ebs,gce", "nfs" },
        { "7 partial mode request", "ROX", "ebs", "gce" },
    };

    [Theory]
    [MemberData(nameof(DifferentAccessModes))]
    public void TestFindingVolumeWithDifferentAccessModes(string step, string modes, string claimed, string? expected)
    {
        var taken = claimed.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        PersistentVolume Make(string uid, string name, string m)
        {
            var volume = Volume(uid, name, "10G", m);
            return taken.Contains(name) ? volume with { ClaimRef = new ClaimReference(string.Empty, string.Empty, string.Empty) } : volume;
        }

        var volumes = new[] { Make("001", "gce", "RWO,ROX"), Make("002", "ebs", "RWO"), Make("003", "nfs", "RWO,ROX,RWX") };
        var chosen = FindBest(volumes, Claim("1G", modes));
        Assert.True(expected == volumes.SingleOrDefault(v => v.Metadata.Uid == chosen)?.Name, step);
    }

    public static TheoryData<string, string?, string> PreboundVolumes => new()
    {
        // step, volume pre-bound to claim01 (or a foreign claimRef on pv1), expected
        { "1 exact size", null, "pv1" },
        { "2 next size up when pv1 is bound to foo/bar", "pv1:foreign", "pv5" },
        { "3 pre-bound pv8 wins over the smaller pv1", "pv8", "pv8" },
        { "4 a pre-bound volume that is too small is skipped", "pvBadSize", "pv1" },
        { "5 a pre-bound volume in a group that lacks the requested mode is never seen", "pvBadMode", "pv1" },
    };

    [Theory]
    [MemberData(nameof(PreboundVolumes))]
    public void TestFindingPreboundVolumes(string step, string? prebound, string expected)
    {
        PersistentVolume Make(string name, string size, string modes)
        {
            var volume = Pv(name, size, modes);
            if (prebound == name)
            {
                return volume.ReservedFor("claim01", "myns");
            }

            return prebound == name + ":foreign" ? volume.ReservedFor("foo", "bar") : volume;
        }

        var volumes = new[] { Make("pv1", "1Gi", "RWO"), Make("pv5", "5Gi", "RWO"), Make("pv8", "8Gi", "RWO"), Make("pvBadSize", "1Mi", "RWO"), Make("pvBadMode", "1Gi", "ROX") };
        Assert.True(expected == FindBest(volumes, Pvc("claim01", "1Gi", "RWO", ns: "myns")), step);
    }

    [Fact]
    public void TestBestMatchDelayed_only_pre_bound_volumes_count_without_a_node() =>
        Assert.Null(FindBest(TestVolumes(), Claim("8G"), delayBinding: true));

    public static TheoryData<string, VolumeMode?, VolumeMode?, bool> FilteringVolumeModes => new()
    {
        { "1-1 pvc block and pv filesystem", VolumeMode.Filesystem, VolumeMode.Block, false },
        { "1-2 pvc filesystem and pv block", VolumeMode.Block, VolumeMode.Filesystem, false },
        { "1-3 pvc block and pv no mode with default filesystem", null, VolumeMode.Block, false },
        { "1-4 pvc no mode defaulted to filesystem and pv block", VolumeMode.Block, null, false },
        { "1-5 pvc block and pv block", VolumeMode.Block, VolumeMode.Block, true },
        { "1-6 pvc filesystem and pv filesystem", VolumeMode.Filesystem, VolumeMode.Filesystem, true },
        { "1-7 pvc mode is nil and defaulted and pv mode is nil and defaulted", null, null, true },
    };

    [Theory]
    [MemberData(nameof(FilteringVolumeModes))]
    public void TestFilteringVolumeModes(string name, VolumeMode? volumeMode, VolumeMode? claimMode, bool match)
    {
        var volume = Volume("local-1", "block", "10G", "RWO") with { VolumeMode = volumeMode };
        var claim = Pvc("claim01", "8G", "RWO", ns: "myns") with { VolumeMode = claimMode };
        Assert.True(match == (FindBest(new[] { volume }, claim) is not null), name);
    }

    [Theory]
    [InlineData("pv deletionTimeStamp not set", false)]
    [InlineData("pv deletionTimeStamp set", true)]
    public void TestStorageObjectInUseProtectionFiltering(string name, bool deleting)
    {
        var volume = Pv("pv1", "1G");
        if (deleting)
        {
            volume = volume with { Metadata = volume.Metadata with { DeletionTimestamp = DateTimeOffset.UtcNow } };
        }

        var claim = Pvc("pvc1", "1G", ns: "myns");
        Assert.True(deleting == (FindBest(new[] { volume }, claim) is null), name + ": search");
        Assert.True(deleting == (MatchRules.CheckRequestedVolume(new VolumeState(0, volume), new ClaimContext(claim, string.Empty)) is not null), name + ": spec.volumeName check");
    }

    /// <summary>
    /// component-helpers TestFindMatchVolumeWithNode: FindMatchingVolume with a node and delayed binding,
    /// as the scheduler calls it. Excluded volumes are modelled as taken by another claim.
    /// </summary>
    public static TheoryData<string, string, string, string, string, string?, string?> WithNode => new()
    {
        // scenario, claim, modes, claim VAC ("-" unset), node, excluded volume names, expected uid
        { "success-match", "claim01", "RWO", "-", "node1", null, "affinity-pv" },
        { "success-prebound", "claim02", "RWO", "-", "node1", null, "affinity-prebound" },
        { "success-exclusion", "claim01", "RWO", "-", "node1", "affinity001", "affinity-pv2" },
        { "fail-exclusion", "claim01", "RWO", "-", "node1", "affinity001,affinity002", null },
        { "fail-accessmode", "claim01", "RWX", "-", "node1", null, null },
        { "fail-nodeaffinity", "claim01", "RWO", "-", "node2", null, null },
        { "fail-prebound-node-affinity", "claim02", "RWO", "-", "node3", null, null },
        { "success-bad-and-good-node-affinity", "claim03", "RWO", "-", "node3", null, "affinity-pv3" },
        { "fail-vac", "claim01", "RWO", "silver", "node1", null, null },
    };

    [Theory]
    [MemberData(nameof(WithNode))]
    public void TestFindMatchVolumeWithNode(string scenario, string claimName, string modes, string vac, string nodeName, string? excluded, string? expected)
    {
        var excludedNames = (excluded ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var volumes = NodeTestVolumes().Select(v => excludedNames.Contains(v.Name) ? v.ReservedFor("chosen-for-another-claim", "myns") : v);
        var claim = Pvc(claimName, "100G", modes, "wait", "myns") with { VolumeAttributesClassName = vac == "-" ? null : vac };
        var node = new NodeContext(nodeName, Node(nodeName, ("key1", "value" + nodeName.Substring(4))));

        Assert.True(expected == FindOnNode(volumes, claim, node), scenario);
    }

    [Fact]
    public void TestFindMatchVolumeWithNode_success_match_with_vac()
    {
        var volumes = NodeTestVolumes().Select(v => v with { VolumeAttributesClassName = "gold" });
        var claim = Pvc("claim01", "100G", "RWO", "wait", "myns") with { VolumeAttributesClassName = "gold" };
        Assert.Equal("affinity-pv", FindOnNode(volumes, claim, new NodeContext("node1", Node("node1", ("key1", "value1")))));
    }

    [Fact]
    public void TestFindMatchVolumeWithNode_fail_prebound_vac()
    {
        var volumes = NodeTestVolumes().Select(v => v with { VolumeAttributesClassName = "gold" });
        var claim = Pvc("claim02", "100G", "RWO", "wait", "myns") with { VolumeAttributesClassName = "silver" };
        Assert.Null(FindOnNode(volumes, claim, new NodeContext("node1", Node("node1", ("key1", "value1")))));
    }

    /// <summary>
    /// Upstream "fail-nonavaliable" expects no match because affinity-pv4 has no phase yet. A plan
    /// predicts the state after the controller's next sync, which makes an unreferenced volume
    /// Available, so here the volume is found: a deliberate difference, stated rather than hidden.
    /// </summary>
    [Fact]
    public void TestFindMatchVolumeWithNode_fail_nonavaliable_differs_because_plans_look_past_the_next_sync()
    {
        var claim = Pvc("claim04", "100G", "RWO", "wait", "myns");
        Assert.Equal("affinity-pv4", FindOnNode(NodeTestVolumes(), claim, new NodeContext("node4", Node("node4", ("key1", "value4")))));

        var stillReserved = NodeTestVolumes().Select(v => v.Name == "affinity004" ? v.ReservedFor("someone-else", "myns") with { Phase = VolumePhase.Bound } : v);
        Assert.Null(FindOnNode(stillReserved, claim, new NodeContext("node4", Node("node4", ("key1", "value4")))));
    }

    private static PersistentVolume[] NodeTestVolumes() => new[]
    {
        Volume("local-small", "local001", "5G", "RWO,ROX"),
        Volume("local-pd-very-large", "local002", "200E", "RWO,ROX", "large"),
        WithAffinity(Volume("affinity-pv", "affinity001", "100G", "RWO,ROX", "wait"), "value1"),
        WithAffinity(Volume("affinity-pv2", "affinity002", "150G", "RWO,ROX", "wait"), "value1"),
        WithAffinity(Volume("affinity-prebound", "affinity003", "100G", "RWO,ROX", "wait"), "value1") with { ClaimRef = new ClaimReference("myns", "claim02", null) },
        WithAffinity(Volume("affinity-pv3", "affinity003", "200G", "RWO,ROX", "wait"), "value3"),
        WithAffinity(Volume("affinity-pv4", "affinity004", "200G", "RWO,ROX", "wait", null), "value4"),
    };

    private static string? FindOnNode(IEnumerable<PersistentVolume> volumes, PersistentVolumeClaim claim, NodeContext node)
    {
        var states = volumes.Select((v, i) => new VolumeState(i, v)).ToArray();
        var context = new ClaimContext(claim, claim.ExplicitStorageClass ?? string.Empty);
        var linear = new LinearVolumeSearch(states).FindForNode(context, node);
        var indexed = new IndexedVolumeSearch(new VolumeIndex(states)).FindForNode(context, node);
        Assert.Same(linear, indexed);
        return linear?.Volume.Metadata.Uid;
    }
}
