using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>
/// The reader against the API server's own rules (ManifestRules): every rule is broken once by a
/// manifest below and must be reported under its upstream path; every manifest the API server
/// accepts must load. The rule table and these tables are checked against each other.
/// </summary>
public sealed class ManifestRulesTests
{
    private const string PvSpec = "capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /tmp/pv}";
    private const string PvcSpec = "accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}";
    private const string LocalAffinity = "nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [node-1]}]}]}}";

    private static string Pv(string spec = PvSpec, string meta = "name: pv", string extra = "") =>
        $"apiVersion: v1\nkind: PersistentVolume\nmetadata: {{{meta}}}\nspec: {{{spec}}}\n{extra}";

    private static string PvAffinity(string term) =>
        Pv($"capacity: {{storage: 1Gi}}, accessModes: [ReadWriteOnce], local: {{path: /mnt/disk}}, nodeAffinity: {{required: {{nodeSelectorTerms: [{term}]}}}}");

    private static string Pvc(string spec = PvcSpec, string meta = "name: claim", string extra = "") =>
        $"apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {{{meta}}}\nspec: {{{spec}}}\n{extra}";

    private static string Selector(string selector) => Pvc($"{PvcSpec}, selector: {selector}");

    private static string Class(string fields = "provisioner: csi.vsphere.vmware.com", string meta = "name: gold") =>
        $"apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {{{meta}}}\n{fields}\n";

    private static string Topology(string terms) => Class($"provisioner: csi.vsphere.vmware.com\nallowedTopologies: {terms}");

    private static string Node(string meta = "name: node-1") => $"apiVersion: v1\nkind: Node\nmetadata: {{{meta}}}\n";

    /// <summary>Rule, a manifest that breaks it, and the upstream field path it is reported under.</summary>
    public static TheoryData<string, string, string> Refused => new()
    {
        // Decoding, before validation.
        { "FileUnreadable", Unreadable, string.Empty },
        { "YamlSyntax", "kind: [", string.Empty },
        { "DuplicateKey", "kind: Node\nkind: Node\n", string.Empty },
        { "NotAnObject", "just a string\n", string.Empty },
        { "KindMissing", "apiVersion: v1\nmetadata: {name: x}\n", "kind" },
        { "ApiVersionMissing", "kind: Node\nmetadata: {name: n}\n", "apiVersion" },
        { "ApiVersionUnknown", Class().Replace("storage.k8s.io/v1", "storage.k8s.io/v1beta1"), "apiVersion" },
        { "WrongType", Node("name: node-a, labels: {ready: true}"), "metadata.labels.ready" },
        { "QuantitySyntax", Pv("capacity: {storage: 5GB}, accessModes: [ReadWriteOnce], hostPath: {path: /a}"), "spec.capacity[storage]" },
        { "TimestampSyntax", Node("name: node-a, creationTimestamp: yesterday"), "metadata.creationTimestamp" },
        { "ListItemsNotAList", "apiVersion: v1\nkind: List\nitems: {a: b}\n", "items" },

        // ObjectMeta.
        { "NameRequired", Node("labels: {a: b}"), "metadata.name" },
        { "NameInvalid", Node("name: Bad_Name"), "metadata.name" },
        { "GenerateNameInvalid", Node("name: node-a, generateName: Bad_"), "metadata.generateName" },
        { "NamespaceInvalid", Pvc(meta: "name: claim, namespace: Bad_NS"), "metadata.namespace" },
        { "LabelKeyInvalid", Node("name: node-a, labels: {-bad: x}"), "metadata.labels" },
        { "LabelValueInvalid", Node("name: node-a, labels: {a: -x-}"), "metadata.labels" },
        { "AnnotationKeyInvalid", Node("name: node-a, annotations: {a/b/c: x}"), "metadata.annotations" },
        { "AnnotationsTooLong", Node($"name: node-a, annotations: {{a: {new string('x', 262144)}}}"), "metadata.annotations" },
        { "FinalizerInvalid", Node("name: node-a, finalizers: [a/b/c]"), "metadata.finalizers" },
        { "FinalizersConflict", Node("name: node-a, finalizers: [orphan, foregroundDeletion]"), "metadata.finalizers" },
        { "GenerationNegative", Node("name: node-a, generation: -1"), "metadata.generation" },
        { "OwnerReferenceApiVersionEmpty", Node("name: node-a, ownerReferences: [{kind: Pod, name: p, uid: u}]"), "metadata.ownerReferences.apiVersion" },
        { "OwnerReferenceKindEmpty", Node("name: node-a, ownerReferences: [{apiVersion: v1, name: p, uid: u}]"), "metadata.ownerReferences.kind" },
        { "OwnerReferenceNameEmpty", Node("name: node-a, ownerReferences: [{apiVersion: v1, kind: Pod, uid: u}]"), "metadata.ownerReferences.name" },
        { "OwnerReferenceUidEmpty", Node("name: node-a, ownerReferences: [{apiVersion: v1, kind: Pod, name: p}]"), "metadata.ownerReferences.uid" },

        // Volumes and claims alike.
        { "PvAccessModesRequired", Pv("capacity: {storage: 1Gi}, hostPath: {path: /a}"), "spec.accessModes" },
        { "PvcAccessModesRequired", Pvc("resources: {requests: {storage: 1Gi}}"), "spec.accessModes" },
        { "AccessModeNotSupported", Pvc("accessModes: [ReadWriteSometimes], resources: {requests: {storage: 1Gi}}"), "spec.accessModes" },
        { "ReadWriteOncePodCombined", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOncePod, ReadWriteOnce], hostPath: {path: /a}"), "spec.accessModes" },
        { "StorageClassNameInvalid", Pvc($"{PvcSpec}, storageClassName: Gold"), "spec.storageClassName" },
        { "VolumeModeNotSupported", Pv($"{PvSpec}, volumeMode: ''"), "spec.volumeMode" },
        { "VolumeAttributesClassNameInvalid", Pvc($"{PvcSpec}, volumeAttributesClassName: Fast_"), "spec.volumeAttributesClassName" },

        // PersistentVolume.
        { "PvCapacityRequired", Pv("capacity: {}, accessModes: [ReadWriteOnce], hostPath: {path: /a}"), "spec.capacity" },
        { "PvCapacityNotSupported", Pv("capacity: {storage: 1Gi, iops: 5}, accessModes: [ReadWriteOnce], hostPath: {path: /a}"), "spec.capacity" },
        { "PvCapacityNegative", Pv("capacity: {storage: -1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a}"), "spec.capacity[storage]" },
        { "PvCapacityNotPositive", Pv("capacity: {storage: 0}, accessModes: [ReadWriteOnce], hostPath: {path: /a}"), "spec.capacity[storage]" },
        { "PvReclaimPolicyNotSupported", Pv($"{PvSpec}, persistentVolumeReclaimPolicy: Recycled"), "spec.persistentVolumeReclaimPolicy" },
        { "PvRecycleHostPathRoot", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /tmp/..}, persistentVolumeReclaimPolicy: Recycle"), "spec.persistentVolumeReclaimPolicy" },
        { "PvVolumeTypeRequired", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce]"), "spec" },
        { "PvVolumeTypeMultiple", Pv($"{PvSpec}, nfs: {{server: s, path: /export}}"), "spec.nfs" },
        { "PvSourceFieldRequired", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], vsphereVolume: {fsType: ext4}"), "spec.vsphereVolume.volumePath" },
        { "PvPathBacksteps", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a/../b}"), "spec.hostPath.path" },
        { "PvHostPathTypeNotSupported", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a, type: Folder}"), "spec.hostPath.type" },
        { "PvNfsPathNotAbsolute", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], nfs: {server: s, path: export}"), "spec.nfs.path" },
        { "PvCsiDriverTooLong", Pv($"capacity: {{storage: 1Gi}}, accessModes: [ReadWriteOnce], csi: {{driver: {new string('d', 64)}, volumeHandle: h}}"), "spec.csi.driver" },
        { "PvCsiDriverInvalid", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], csi: {driver: 'csi_driver!', volumeHandle: h}"), "spec.csi.driver" },
        { "PvLocalNeedsNodeAffinity", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], local: {path: /mnt/disk}"), "spec.nodeAffinity" },
        { "PvNodeAffinityRequiredMissing", Pv($"{PvSpec}, nodeAffinity: {{}}"), "spec.nodeAffinity.required" },
        { "PvVolumeAttributesClassEmpty", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], csi: {driver: csi.vsphere.vmware.com, volumeHandle: h}, volumeAttributesClassName: ''"), "spec.volumeAttributesClassName" },
        { "PvVolumeAttributesClassNeedsCsi", Pv($"{PvSpec}, volumeAttributesClassName: fast"), "spec.csi" },

        // Volume node affinity.
        { "NodeSelectorTermsRequired", Pv($"{PvSpec}, nodeAffinity: {{required: {{nodeSelectorTerms: []}}}}"), "spec.nodeAffinity.required.nodeSelectorTerms" },
        { "NodeSelectorValuesRequired", PvAffinity("{matchExpressions: [{key: zone, operator: In}]}"), "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values" },
        { "NodeSelectorValuesForbidden", PvAffinity("{matchExpressions: [{key: zone, operator: Exists, values: [a]}]}"), "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values" },
        { "NodeSelectorSingleValue", PvAffinity("{matchExpressions: [{key: rack, operator: Gt, values: ['1', '2']}]}"), "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values" },
        { "NodeSelectorOperatorInvalid", PvAffinity("{matchExpressions: [{key: zone, operator: Equals, values: [a]}]}"), "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].operator" },
        { "NodeSelectorKeyInvalid", PvAffinity("{matchExpressions: [{key: a/b/c, operator: Exists}]}"), "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].key" },
        { "NodeSelectorValueInvalid", PvAffinity("{matchExpressions: [{key: zone, operator: In, values: [-x]}]}"), "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]" },
        { "NodeFieldSelectorSingleValue", PvAffinity("{matchFields: [{key: metadata.name, operator: In, values: [a, b]}]}"), "spec.nodeAffinity.required.nodeSelectorTerms[0].matchFields[0].values" },
        { "NodeFieldSelectorOperatorInvalid", PvAffinity("{matchFields: [{key: metadata.name, operator: Exists}]}"), "spec.nodeAffinity.required.nodeSelectorTerms[0].matchFields[0].operator" },
        { "NodeFieldSelectorKeyInvalid", PvAffinity("{matchFields: [{key: metadata.namespace, operator: In, values: [a]}]}"), "spec.nodeAffinity.required.nodeSelectorTerms[0].matchFields[0].key" },
        { "NodeFieldSelectorValueInvalid", PvAffinity("{matchFields: [{key: metadata.name, operator: In, values: [Bad_Node]}]}"), "spec.nodeAffinity.required.nodeSelectorTerms[0].matchFields[0].values[0]" },

        // PersistentVolumeClaim.
        { "PvcStorageRequired", Pvc("accessModes: [ReadWriteOnce], resources: {}"), "spec.resources[storage]" },
        { "PvcStorageNotPositive", Pvc("accessModes: [ReadWriteOnce], resources: {requests: {storage: '0'}}"), "spec.resources[storage]" },
        { "DataSourceNameRequired", Pvc($"{PvcSpec}, dataSource: {{kind: PersistentVolumeClaim}}"), "spec.dataSource.name" },
        { "DataSourceKindRequired", Pvc($"{PvcSpec}, dataSource: {{name: source}}"), "spec.dataSource.kind" },
        { "DataSourceCoreKind", Pvc($"{PvcSpec}, dataSource: {{kind: VolumeSnapshot, name: snap}}"), "spec.dataSource" },
        { "DataSourceApiGroupInvalid", Pvc($"{PvcSpec}, dataSource: {{apiGroup: Snapshot_Group, kind: VolumeSnapshot, name: snap}}"), "spec.dataSource.apiGroup" },
        { "DataSourceRefNamespaceInvalid", Pvc($"{PvcSpec}, dataSourceRef: {{kind: PersistentVolumeClaim, name: a, namespace: Bad_NS}}"), "spec.dataSourceRef.namespace" },
        { "DataSourceWithCrossNamespaceRef", Pvc($"{PvcSpec}, dataSource: {{kind: PersistentVolumeClaim, name: a}}, dataSourceRef: {{kind: PersistentVolumeClaim, name: a, namespace: other}}"), "spec" },
        { "DataSourceMismatch", Pvc($"{PvcSpec}, dataSource: {{kind: PersistentVolumeClaim, name: a}}, dataSourceRef: {{kind: PersistentVolumeClaim, name: b}}"), "spec" },

        // Claim label selectors.
        { "SelectorValuesRequired", Selector("{matchExpressions: [{key: tier, operator: NotIn}]}"), "spec.selector.matchExpressions[0].values" },
        { "SelectorValuesForbidden", Selector("{matchExpressions: [{key: tier, operator: DoesNotExist, values: [a]}]}"), "spec.selector.matchExpressions[0].values" },
        { "SelectorOperatorInvalid", Selector("{matchExpressions: [{key: tier, operator: Gt, values: ['1']}]}"), "spec.selector.matchExpressions[0].operator" },
        { "SelectorKeyInvalid", Selector("{matchExpressions: [{key: -tier, operator: Exists}]}"), "spec.selector.matchExpressions[0].key" },
        { "SelectorValueInvalid", Selector("{matchExpressions: [{key: tier, operator: In, values: [-gold]}]}"), "spec.selector.matchExpressions[0].values[0]" },
        { "SelectorMatchLabelKeyInvalid", Selector("{matchLabels: {a/b/c: x}}"), "spec.selector.matchLabels" },
        { "SelectorMatchLabelValueInvalid", Selector("{matchLabels: {tier: -x}}"), "spec.selector.matchLabels" },

        // StorageClass.
        { "ProvisionerRequired", Class("parameters: {a: b}"), "provisioner" },
        { "ProvisionerInvalid", Class("provisioner: a/b/c"), "provisioner" },
        { "ParametersTooMany", Class("provisioner: p\nparameters: {" + string.Join(", ", Enumerable.Range(0, 513).Select(i => $"k{i}: v")) + "}"), "parameters" },
        { "ParameterKeyEmpty", Class("provisioner: p\nparameters: {'': v}"), "parameters" },
        { "ParametersTooLong", Class($"provisioner: p\nparameters: {{a: {new string('x', 262144)}}}"), "parameters" },
        { "ScReclaimPolicyNotSupported", Class("provisioner: p\nreclaimPolicy: Recycle"), "reclaimPolicy" },
        { "VolumeBindingModeNotSupported", Class("provisioner: p\nvolumeBindingMode: Lazy"), "volumeBindingMode" },
        { "TopologyValuesRequired", Topology("[{matchLabelExpressions: [{key: zone, values: []}]}]"), "allowedTopologies[0].matchLabelExpressions[0].values" },
        { "TopologyValueDuplicate", Topology("[{matchLabelExpressions: [{key: zone, values: [a, a]}]}]"), "allowedTopologies[0].matchLabelExpressions[0].values[1]" },
        { "TopologyKeyInvalid", Topology("[{matchLabelExpressions: [{key: a/b/c, values: [a]}]}]"), "allowedTopologies[0].matchLabelExpressions[0].key" },
        { "TopologyKeyDuplicate", Topology("[{matchLabelExpressions: [{key: zone, values: [a]}, {key: zone, values: [b]}]}]"), "allowedTopologies[0].matchLabelExpressions[1].key" },
        { "TopologyTermDuplicate", Topology("[{matchLabelExpressions: [{key: zone, values: [a]}]}, {matchLabelExpressions: [{key: zone, values: [a]}]}]"), "allowedTopologies[1].matchLabelExpressions" },
    };

    /// <summary>Rule, a manifest that breaks it, and the path: the API server accepts these objects and changes or ignores the field, so the reader warns.</summary>
    public static TheoryData<string, string, string> Warned => new()
    {
        { "NameGenerated", Node("generateName: node-"), "metadata.name" },
        { "NamespaceCleared", Node("name: node-a, namespace: default"), "metadata.namespace" },
        { "PhaseUnknown", Pv(extra: "status: {phase: Bogus}"), "status.phase" },
        { "NodeSelectorValueInvalid", PvAffinity("{matchExpressions: [{key: zone, operator: In, values: [-x]}]}").Replace("name: pv", "name: pv, uid: '1234'"), "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]" },
        { "SelectorValueInvalid", Selector("{matchExpressions: [{key: tier, operator: In, values: [-gold]}]}").Replace("name: claim", "name: claim, uid: '1234'"), "spec.selector.matchExpressions[0].values[0]" },
        { "DataSourceApiGroupInvalid", Pvc($"{PvcSpec}, dataSource: {{apiGroup: Snapshot_Group, kind: VolumeSnapshot, name: snap}}", meta: "name: claim, uid: '1234'"), "spec.dataSource.apiGroup" },
    };

    /// <summary>Objects the API server accepts (v1.20 and v1.32 alike), named for what they show; they must load without an error.</summary>
    public static TheoryData<string, string> Accepted => new()
    {
        { "claimRef with a name only", Pv($"{PvSpec}, claimRef: {{name: mine}}") },
        { "claimRef with a uid only", Pv($"{PvSpec}, claimRef: {{uid: 0a1b}}") },
        { "claimRef that is empty", Pv($"{PvSpec}, claimRef: {{}}") },
        { "claimRef with a namespace only", Pv($"{PvSpec}, claimRef: {{namespace: apps}}") },
        { "Gt with a value that is not a number", PvAffinity("{matchExpressions: [{key: rack, operator: Gt, values: [abc]}]}") },
        { "node selector term without requirements", PvAffinity("{}") },
        { "empty reclaim policy", Pv($"{PvSpec}, persistentVolumeReclaimPolicy: ''") },
        { "empty hostPath type", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a, type: ''}") },
        { "volumeName that is not a valid name", Pvc($"{PvcSpec}, volumeName: Not_A_Name") },
        { "empty storageClassName on both", Pv($"{PvSpec}, storageClassName: ''") + "---\n" + Pvc($"{PvcSpec}, storageClassName: ''") },
        { "class without binding mode or reclaim policy", Class() },
        { "upper-case annotation key (checked lower-cased)", Node("name: node-a, annotations: {Example.com/Key: x}") },
        { "empty label value", Node("name: node-a, labels: {a: ''}") },
        { "finalizers kubectl shows", Pv(meta: "name: pv, finalizers: [kubernetes.io/pv-protection]") },
        { "capacity written as a number", Pv("capacity: {storage: 1073741824}, accessModes: [ReadWriteOnce], hostPath: {path: /a}") },
        { "node spec and status not read", Node() + "spec: {taints: [{key: a, effect: NoSchedule}]}\nstatus: {capacity: {cpu: '2'}}\n" },
        { "csi volume with an attributes class", Pv("capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], csi: {driver: csi.vsphere.vmware.com, volumeHandle: h}, volumeAttributesClassName: gold") },
        { "matching dataSource and dataSourceRef", Pvc($"{PvcSpec}, dataSource: {{kind: PersistentVolumeClaim, name: a}}, dataSourceRef: {{kind: PersistentVolumeClaim, name: a}}") },
    };

    // Stands for a file that cannot be opened (permissions, a vanished file).
    private const string Unreadable = "<unreadable>";

    private static (ClusterSnapshot? Snapshot, RecordingHost Host, IReadOnlyList<ManifestException> Errors) Load(string yaml)
    {
        var host = new RecordingHost();
        var source = new ManifestSource("rule.yaml", () => yaml == Unreadable ? throw new UnauthorizedAccessException("Access to the path 'rule.yaml' is denied.") : new StringReader(yaml));
        try
        {
            return (ManifestLoader.Load(new[] { source }, host), host, Array.Empty<ManifestException>());
        }
        catch (ManifestException single)
        {
            return (null, host, new[] { single });
        }
        catch (ManifestSetInvalidException many)
        {
            return (null, host, many.Problems);
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Each_rule_refuses_what_the_api_server_refuses_under_the_upstream_path(string rule, string yaml, string path)
    {
        var (snapshot, _, errors) = Load(yaml);

        Assert.Null(snapshot);
        var error = Assert.Single(errors, e => e.RuleId == rule);
        Assert.Equal(path, error.FieldPath);
        if (yaml != Unreadable)
        {
            Assert.Matches(@"^rule\.yaml:\d+:\d+: ", error.Message);
            Assert.True(error.Location.Line > 0, "every message carries a line and column");
        }

        var upstream = ManifestRules.All.Single(r => r.Id == rule);
        var partial = ManifestLoader.Read(new[] { new ManifestSource("rule.yaml", () => new StringReader(yaml == Unreadable ? string.Empty : yaml)) }, new RecordingHost(), System.Threading.CancellationToken.None);
        Assert.True(yaml == Unreadable || partial.ObjectCount == 0, $"{rule}: the object that breaks it is left out of the plan");
        if (upstream.Type != FieldErrorType.Decode)
        {
            Assert.Contains($"{path}: {upstream.TypeText}", error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Warned))]
    public void Defaulted_and_creation_only_rules_warn_for_objects_the_api_server_keeps(string rule, string yaml, string path)
    {
        var (snapshot, host, errors) = Load(yaml);

        Assert.Empty(errors);
        Assert.NotNull(snapshot);
        Assert.Equal(1, snapshot!.ObjectCount);
        var warning = Assert.Single(host.Warnings);
        Assert.Contains($": {path}: ", warning);
        Assert.NotEqual(RuleSeverity.Error, ManifestRules.All.Single(r => r.Id == rule).Severity);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Objects_the_api_server_accepts_load(string name, string yaml)
    {
        var (snapshot, host, errors) = Load(yaml);

        Assert.True(errors.Count == 0, $"{name}: {string.Join(" | ", errors.Select(e => e.Message))}");
        Assert.True(snapshot!.ObjectCount > 0, name);
        Assert.Empty(host.Warnings);
    }

    [Theory]
    [InlineData("name only", "{name: mine}", "", "mine", null)]
    [InlineData("uid only", "{uid: 0a1b}", "", "", "0a1b")]
    [InlineData("empty", "{}", "", "", null)]
    [InlineData("namespace and name", "{namespace: apps, name: data}", "apps", "data", null)]
    public void A_claimRef_is_read_as_the_controller_reads_it_whatever_it_lacks(string name, string claimRef, string ns, string claim, string? uid)
    {
        var volume = Assert.Single(ManifestLoader.LoadText(Pv($"{PvSpec}, claimRef: {claimRef}")).Volumes);

        Assert.True(new ClaimReference(ns, claim, uid) == volume.ClaimRef, name);
    }

    [Fact]
    public void Every_rule_in_the_table_is_exercised_here()
    {
        var exercised = Refused.Select(row => (string)row[0]).Concat(Warned.Select(row => (string)row[0])).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(ManifestRules.All.Select(r => r.Id), id => !exercised.Contains(id));
        Assert.Equal(ManifestRules.All.Count, ManifestRules.All.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Name_messages_are_apimachinery_s_own()
    {
        // As kubectl prints them, double space included.
        Assert.Equal(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            Assert.Single(KubernetesNames.IsDns1123Label("Bad_NS")));
        Assert.Equal(new[] { "must be no more than 63 characters" }, KubernetesNames.IsValidLabelValue(new string('a', 64)));
        Assert.Equal(new[] { "prefix part must be non-empty" }, KubernetesNames.IsQualifiedName("/name"));
        Assert.Empty(KubernetesNames.IsDns1123SubdomainPrefix("node-"));
        Assert.NotEmpty(KubernetesNames.IsDns1123Subdomain("node\n"));
    }
}
