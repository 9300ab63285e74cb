using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

public sealed class ManifestLoaderTests
{
    public static TheoryData<string, string, string, string> InvalidFiles => new()
    {
        // fixture, expected "line:column: document N (object): upstream field path", the rule, the fix or upstream message the line must state
        { "access-mode-typo.yaml", "access-mode-typo.yaml:11:7: document 1 (PersistentVolume dir-pv): spec.accessModes: Unsupported value: \"ReadWriteOMany\"", "AccessModeNotSupported", "did you mean \"ReadWriteMany\"?" },
        { "annotations-as-string.yaml", "annotations-as-string.yaml:6:16: document 1 (StorageClass vsphere-sc): metadata.annotations", "WrongType", "write it as 'annotations: {storageclass.kubernetes.io/is-default-class: \"true\"}'" },
        { "bad-quantity.yaml", "bad-quantity.yaml:19:16: document 2 (PersistentVolumeClaim pvc0001): spec.resources.requests[storage]", "QuantitySyntax", "'5GB' is not a valid quantity" },
        { "boolean-label.yaml", "boolean-label.yaml:6:12: document 1 (PersistentVolume labelled): metadata.labels.ready", "WrongType", "quote it: \"true\"" },
        { "duplicate-key.yaml", "duplicate-key.yaml:9:3: document 1", "DuplicateKey", "'storageClassName' appears twice" },
        { "invalid-name.yaml", "invalid-name.yaml:4:9: document 1 (PersistentVolumeClaim My_Claim): metadata.name: Invalid value: \"My_Claim\"", "NameInvalid", "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters" },
        { "missing-capacity.yaml", "missing-capacity.yaml:6:3: document 1 (PersistentVolume no-size): spec.capacity: Required value", "PvCapacityRequired", "add 'capacity: {storage: 10Gi}'" },
        { "local-without-affinity.yaml", "local-without-affinity.yaml:6:3: document 1 (PersistentVolume local-pv): spec.nodeAffinity: Required value", "PvLocalNeedsNodeAffinity", "Local volume requires node affinity" },
        { "missing-kind.yaml", "missing-kind.yaml:1:1: document 1: kind", "KindMissing", "'kind: PersistentVolume'" },
        { "no-volume-source.yaml", "no-volume-source.yaml:6:3: document 1 (PersistentVolume sourceless): spec: Required value", "PvVolumeTypeRequired", "must specify a volume type" },
        { "rwop-combined.yaml", "rwop-combined.yaml:6:16: document 1 (PersistentVolumeClaim exclusive): spec.accessModes: Forbidden", "ReadWriteOncePodCombined", "may not use ReadWriteOncePod with other access modes" },
        { "scalar-document.json", "scalar-document.json:1:1: document 1", "NotAnObject", "expected a Kubernetes object" },
        { "selector-in-without-values.yaml", "selector-in-without-values.yaml:10:9: document 1 (PersistentVolumeClaim picky): spec.selector.matchExpressions[0].values: Required value", "SelectorValuesRequired", "must be specified when `operator` is 'In' or 'NotIn'" },
        { "selector-operator.yaml", "selector-operator.yaml:10:31: document 1 (PersistentVolumeClaim picky): spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\"", "SelectorOperatorInvalid", "not a valid selector operator" },
        { "volume-mode-case.yaml", "volume-mode-case.yaml:7:15: document 1 (PersistentVolumeClaim raw): spec.volumeMode: Unsupported value: \"block\"", "VolumeModeNotSupported", "did you mean \"Block\"?" },
        { "wrong-api-version.yaml", "wrong-api-version.yaml:1:13: document 1 (PersistentVolumeClaim claim): apiVersion", "ApiVersionUnknown", "use 'apiVersion: v1'" },
        { "yaml-syntax.yaml", "yaml-syntax.yaml:5:2: document 1: YAML syntax error", "YamlSyntax", "check the indentation" },
        { "zero-request.yaml", "zero-request.yaml:7:35: document 1 (PersistentVolumeClaim nothing): spec.resources[storage]: Invalid value: \"0\"", "PvcStorageNotPositive", "must be greater than zero" },
    };

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Each_malformed_document_gives_one_line_naming_file_line_document_and_field(string fixture, string location, string rule, string fix)
    {
        var host = new RecordingHost();
        var path = Fixtures.Manifest("invalid/" + fixture);
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load(ManifestLoader.ResolvePaths(new[] { path }, false, host), host));

        Assert.Empty(host.Errors); // the one problem is the terminating error, not also a second line
        Assert.StartsWith(path.Replace(fixture, string.Empty), error.Message);
        Assert.Contains(location, error.Message);
        Assert.Contains(fix, error.Message);
        Assert.Equal(rule, error.RuleId);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal("ManifestInvalid", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, error.Kind);
    }

    [Fact]
    public void Every_problem_of_a_document_is_reported_not_just_the_first()
    {
        const string yaml = """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: Bad_Name
            spec:
              accessModes: [ReadWriteTwice]
              resources: {requests: {storage: lots}}
            """;
        var host = new RecordingHost();
        var failure = Assert.Throws<ManifestSetInvalidException>(() => ManifestLoader.Load(new[] { new ManifestSource("c.yaml", () => new System.IO.StringReader(yaml)) }, host));
        Assert.StartsWith("3 problems with manifest documents in the input; the objects they are in were left out of the plan", failure.Message);
        Assert.Equal(
            new[] { "metadata.name", "spec.accessModes", "spec.resources.requests[storage]" },
            host.Errors.Cast<ManifestException>().Select(e => e.FieldPath));
    }

    [Fact]
    public void The_summary_of_several_problems_targets_every_source_read_good_ones_too()
    {
        const string bad = "apiVersion: v1\nkind: Node\nmetadata: {name: Bad_Name}\n";
        var sources = new[] { "a.yaml", "good.yaml", "b.yaml" }
            .Select(name => new ManifestSource(name, () => new System.IO.StringReader(name == "good.yaml" ? string.Empty : bad)))
            .ToArray();

        var failure = Assert.Throws<ManifestSetInvalidException>(() => ManifestLoader.Load(sources, new RecordingHost()));

        Assert.Equal(new[] { "a.yaml", "good.yaml", "b.yaml" }, Assert.IsAssignableFrom<IEnumerable<string>>(failure.Target));
    }

    [Fact]
    public void Json_lists_with_tabs_numbers_and_nulls_load_like_kubectl_reads_them()
    {
        var host = new RecordingHost();
        var snapshot = ManifestLoader.Load(ManifestLoader.ResolvePaths(new[] { Fixtures.Manifest("valid/list-and-json.json") }, false, host), host);

        var volume = Assert.Single(snapshot.Volumes);
        Assert.Equal("json-pv", volume.Name);
        Assert.Equal(Quantity.Parse("1Gi"), volume.Capacity);
        Assert.Equal(new VolumeSource("csi", "csi.vsphere.vmware.com 8f3c-fcd"), volume.Source);
        Assert.Equal("gold", volume.Metadata.Labels["tier"]);

        var claim = Assert.Single(snapshot.Claims);
        Assert.Equal("apps/json-pvc", claim.Key);
        Assert.Null(claim.StorageClassName);
        Assert.Equal("1234", claim.Metadata.Uid);
        Assert.Equal(new System.DateTimeOffset(2024, 5, 1, 10, 0, 0, System.TimeSpan.Zero), claim.Metadata.CreationTimestamp);
        Assert.Contains(host.Warnings, m => m.Contains("skipped 1 object of kinds binding does not read: Deployment (1)"));
    }

    [Fact]
    public void Kubectl_list_output_with_anchors_and_merge_keys_loads()
    {
        var snapshot = ManifestLoader.LoadText(System.IO.File.ReadAllText(Fixtures.Manifest("valid/anchors-and-kubectl-list.yaml")));

        Assert.Equal(new[] { ("anchored-a", "gold"), ("anchored-b", "silver") }, snapshot.Volumes.Select(v => (v.Name, v.StorageClass)).OrderBy(v => v.Name));
        Assert.All(snapshot.Volumes, v => Assert.Equal(Quantity.Parse("10Gi"), v.Capacity));
        Assert.Equal(VolumePhase.Available, snapshot.Volumes.Single(v => v.Name == "anchored-a").Phase);
    }

    [Fact]
    public void Unset_empty_and_null_storage_class_are_told_apart()
    {
        var snapshot = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: unset}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: empty}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, storageClassName: ""}
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: yaml-null}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
              storageClassName:
            """);
        var classes = snapshot.Claims.ToDictionary(c => c.Name, c => c.StorageClassName);
        Assert.Null(classes["unset"]);
        Assert.Equal(string.Empty, classes["empty"]);
        Assert.Null(classes["yaml-null"]);
    }

    [Fact]
    public void A_pair_written_in_a_flow_list_is_placed_where_its_key_is()
    {
        // YamlDotNet gives the mapping that '[a: b]' makes of the pair the position of the text's start, 1:1.
        var host = new RecordingHost();
        var yaml = """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: typo, namespace: apps}
            spec:
              accessModes: [ReadWriteO: nce]
              resources: {requests: {storage: 1Gi}}
            """;
        ManifestLoader.Read(new[] { new ManifestSource("typo.yaml", () => new System.IO.StringReader(yaml)) }, host, System.Threading.CancellationToken.None);

        Assert.Contains(host.Errors, e => e.Message.StartsWith("typo.yaml:5:17: document 1 (PersistentVolumeClaim typo): spec.accessModes[0]: expected a string, found a mapping", System.StringComparison.Ordinal));
    }

    [Fact]
    public void An_object_defined_twice_keeps_the_later_definition_and_warns()
    {
        var host = new RecordingHost();
        var yaml = """
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: twice}
            spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a}}
            ---
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: twice}
            spec: {capacity: {storage: 2Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /b}}
            """;
        var snapshot = ManifestLoader.Load(new[] { new ManifestSource("twice.yaml", () => new System.IO.StringReader(yaml)) }, host);

        Assert.Equal(Quantity.Parse("2Gi"), Assert.Single(snapshot.Volumes).Capacity);
        var warning = Assert.Single(host.Warnings);
        Assert.Contains("PersistentVolume twice is defined twice (twice.yaml:1:1 and twice.yaml:6:1)", warning);
    }

    [Fact]
    public void A_missing_path_is_an_error_naming_it()
    {
        var error = Assert.Throws<PathNotFoundException>(() => ManifestLoader.ResolvePaths(new[] { "/no/such/place.yaml" }, false, new RecordingHost()));
        Assert.Equal("PathNotFound", error.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
        Assert.Contains("'/no/such/place.yaml'", error.Message);
    }

    [Fact]
    public void Directories_read_manifest_files_only_and_recurse_on_request()
    {
        var root = System.IO.Directory.CreateTempSubdirectory("vk8s-dir-").FullName;
        try
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(root, "a.yaml"), "kind: Node\napiVersion: v1\nmetadata: {name: a}\n");
            System.IO.File.WriteAllText(System.IO.Path.Combine(root, "notes.txt"), "not yaml: [");
            System.IO.Directory.CreateDirectory(System.IO.Path.Combine(root, "sub"));
            System.IO.File.WriteAllText(System.IO.Path.Combine(root, "sub", "b.yml"), "kind: Node\napiVersion: v1\nmetadata: {name: b}\n");

            var flat = ManifestLoader.Load(ManifestLoader.ResolvePaths(new[] { root }, false, SilentHostFor.Tests), SilentHostFor.Tests);
            var deep = ManifestLoader.Load(ManifestLoader.ResolvePaths(new[] { root }, true, SilentHostFor.Tests), SilentHostFor.Tests);

            Assert.Equal(new[] { "a" }, flat.Nodes.Select(n => n.Name));
            Assert.Equal(new[] { "a", "b" }, deep.Nodes.Select(n => n.Name).OrderBy(n => n));
        }
        finally
        {
            System.IO.Directory.Delete(root, true);
        }
    }

    private static class SilentHostFor
    {
        public static readonly VsphereK8sStorage.Hosting.IOperationHost Tests = VsphereK8sStorage.Hosting.SilentHost.Instance;
    }
}
