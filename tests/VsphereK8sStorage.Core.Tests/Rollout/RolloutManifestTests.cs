using System;
using System.IO;
using System.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.Rollout;
using VsphereK8sStorage.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Rollout;

/// <summary>
/// The rollout's manifest reader on the real inputs (the upstream release manifests in ../shared/fixtures/upstream)
/// and on small synthetic and hostile documents, and the pieces the installs render (image rehoming, csi-vsphere.conf).
/// </summary>
public sealed class RolloutManifestTests
{
    private static string Upstream(string driver, string file)
    {
        var path = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "fixtures", "upstream", driver, file));
        if (!File.Exists(path))
        {
            Console.WriteLine($"SKIPPED: {path} is absent (the upstream manifests live in ../shared outside a plain clone)");
            Skip.If(true, $"{path} is absent");
        }

        return path;
    }

    public static TheoryData<string, string, int, string?, string?> Releases => new()
    {
        { "vsphere-csi-driver", "v2.7.0-vsphere-csi-driver.yaml", 14, "v2.7.0", null },
        { "vsphere-csi-driver", "v3.3.1-vsphere-csi-driver.yaml", 14, "v3.3.1", null },
        { "vsphere-csi-driver", "v3.5.0-vsphere-csi-driver.yaml", 14, "v3.5.0", null },
        { "vsphere-csi-driver", "v3.7.3-vsphere-csi-driver.yaml", 14, "v3.7.3", null },
        { "cloud-provider-vsphere", "v1.24-vsphere-cloud-controller-manager.yaml", 7, null, "v1.24" },
        { "cloud-provider-vsphere", "v1.30-vsphere-cloud-controller-manager.yaml", 7, null, "v1.30" },
        { "cloud-provider-vsphere", "v1.32-vsphere-cloud-controller-manager.yaml", 7, null, "v1.32" },
        { "cloud-provider-vsphere", "v1.33-vsphere-cloud-controller-manager.yaml", 7, null, "v1.33" },
    };

    [SkippableTheory]
    [MemberData(nameof(Releases))]
    public void Each_upstream_release_reads_into_typed_objects_and_names_its_release(string driver, string file, int objects, string? csi, string? cpi)
    {
        var read = RolloutManifest.ReadFiles(new[] { Upstream(driver, file) });

        Assert.Equal(objects, read.Count);
        Assert.All(read, o => Assert.False(string.IsNullOrEmpty(o.Name)));
        Assert.Equal((csi, cpi), VsphereDriverRollout.ReleaseOf(read));
        if (csi is not null)
        {
            var deployment = read.Single(o => o.Kind == "Deployment").As<k8s.Models.V1Deployment>()!;
            Assert.Equal(3, deployment.Spec.Replicas);
        }
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "an unknown kind is named", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n", "kind Pod (v1) is not one a vSphere driver manifest holds" },
        { "a document that is a list", "- a\n- b\n", "a document is a mapping" },
        { "an object without a name", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n", "has no metadata.name" },
        { "a repeated key", "apiVersion: v1\nkind: ConfigMap\nkind: ConfigMap\nmetadata:\n  name: c\n", "key 'kind' is repeated" },
        { "broken YAML gives its line", "apiVersion: v1\nkind: [\n", "input.yaml:" },
        { "an alias bomb stops at the value budget", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n", "more than 1000000 values" },
        { "deep nesting stops at the depth bound", new string('[', 500) + new string(']', 500) + "\n", "nested deeper than 200 levels" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Bad_and_hostile_documents_end_in_one_message(string name, string text, string message)
    {
        var error = Assert.ThrowsAny<VsphereK8sException>(() => RolloutManifest.Read(text, "input.yaml"));
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{name}: {error.Message}");
    }

    [Theory]
    [InlineData("a device that never ends")]
    [InlineData("a file one byte over the limit")]
    public void A_manifest_file_too_large_to_be_one_is_refused_without_reading_it_whole(string name)
    {
        var folder = Directory.CreateTempSubdirectory("vk8s-manifest-size-").FullName;
        try
        {
            var file = name == "a device that never ends" && File.Exists("/dev/zero") ? "/dev/zero" : Path.Combine(folder, "release.yaml");
            if (file != "/dev/zero")
            {
                using var sparse = File.Create(file);
                sparse.SetLength(RolloutManifest.MaxBytes + 1);
            }

            var error = Assert.ThrowsAny<VsphereK8sException>(() => RolloutManifest.ReadFiles(new[] { file }));

            Assert.Equal("ManifestTooLarge", error.ErrorId);
            Assert.StartsWith(file + " holds more than 4 MB", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Scalars_are_typed_as_Kubernetes_types_them()
    {
        var read = RolloutManifest.Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  labels: {on: \"yes\"}\nspec:\n  replicas: 0x2\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      hostNetwork: yes\n      containers: [{name: c, image: i}]\n", "d.yaml");
        var deployment = Assert.Single(read).As<k8s.Models.V1Deployment>()!;
        Assert.Equal(2, deployment.Spec.Replicas);
        Assert.True(deployment.Spec.Template.Spec.HostNetwork);
        Assert.Equal("yes", deployment.Metadata.Labels["true"]);
    }

    [Theory]
    [InlineData("a registry host is replaced", "registry.k8s.io/sig-storage/csi-attacher:v4.9.0", "mirror.example/k8s", "mirror.example/k8s/sig-storage/csi-attacher:v4.9.0")]
    [InlineData("a registry with a port is replaced", "localhost:5000/driver:v1", "mirror.example", "mirror.example/driver:v1")]
    [InlineData("a Docker Hub path keeps its path", "library/busybox:1", "mirror.example/", "mirror.example/library/busybox:1")]
    [InlineData("a bare name gets the prefix", "busybox", "mirror.example", "mirror.example/busybox")]
    public void Images_move_to_the_internal_registry(string name, string image, string registry, string expected) =>
        Assert.True(VsphereDriverRollout.Rehome(image, registry) == expected, $"{name}: {VsphereDriverRollout.Rehome(image, registry)}");

    [Fact]
    public void Csi_vsphere_conf_quotes_values_and_refuses_a_line_break()
    {
        var conf = VsphereDriverRollout.CsiConf("c1", "vc.example", 443, "csi@vsphere.local", "p\"a\\ss", new[] { "DC0", "DC1" }, insecure: false, thumbprint: "AA:BB");
        Assert.Contains("[VirtualCenter \"vc.example\"]", conf);
        Assert.Contains("password = \"p\\\"a\\\\ss\"", conf);
        Assert.Contains("datacenters = \"DC0, DC1\"", conf);
        Assert.Contains("thumbprint = \"AA:BB\"", conf);

        var refused = Assert.Throws<InvalidParameterException>(() => VsphereDriverRollout.CsiConf(null, "vc", 443, "u", "secret\nline", new[] { "DC0" }, false, null));
        Assert.DoesNotContain("secret", refused.Message, StringComparison.Ordinal);
    }
}
