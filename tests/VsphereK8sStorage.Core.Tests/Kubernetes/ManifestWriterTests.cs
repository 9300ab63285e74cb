using System.IO;
using System.Linq;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Kubernetes.Yaml;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>The writer's promise: what it writes, the reader reads back to the same objects, in YAML and in kubectl's JSON List.</summary>
public sealed class ManifestWriterTests
{
    private static string Yaml(ClusterSnapshot snapshot)
    {
        var writer = new StringWriter();
        ManifestWriter.WriteYaml(writer, snapshot);
        return writer.ToString();
    }

    private static string JsonList(ClusterSnapshot snapshot)
    {
        var writer = new StringWriter();
        ManifestWriter.WriteJsonList(writer, snapshot);
        return writer.ToString();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Generated_clusters_read_back_unchanged_from_yaml(int seed)
    {
        var cluster = ValidClusters.Generate(seed, volumeCount: 150, claimCount: 150);
        var yaml = Yaml(cluster);

        var read = ManifestLoader.LoadText(yaml, "generated.yaml");

        Assert.Equal(cluster.ObjectCount, read.ObjectCount);
        Assert.Equal(yaml, Yaml(read));
    }

    [Fact]
    public void Generated_clusters_read_back_unchanged_from_a_kubectl_json_list()
    {
        var cluster = ValidClusters.Generate(seed: 4, volumeCount: 150, claimCount: 150);

        var read = ManifestLoader.LoadText(JsonList(cluster), "generated.json");

        Assert.Equal(Yaml(cluster), Yaml(read));
    }

    [Fact]
    public void Fields_keep_their_meaning_through_the_writer()
    {
        var volume = Objects.Pv("pv-1", "1500Mi", "RWO,ROX", "") with
        {
            Source = new VolumeSource("csi", "csi.vsphere.vmware.com fcd-1"),
        };
        var claim = Objects.Pvc("claim", "1Gi", "RWO", null).Annotated("ready", "true");
        var read = ManifestLoader.LoadText(Yaml(Objects.Cluster(new[] { volume }, new[] { claim })));

        var readVolume = read.Volumes.Single();
        Assert.Equal(("1500Mi", string.Empty, "csi.vsphere.vmware.com fcd-1"), (readVolume.Capacity.ToString(), readVolume.StorageClassName, readVolume.Source!.Identity));
        Assert.Null(read.Claims.Single().StorageClassName);
        Assert.Equal("true", read.Claims.Single().Metadata.Annotations["ready"]);
    }

    [Theory]
    [InlineData("empty string", "", true)]
    [InlineData("YAML 1.1 boolean", "yes", true)]
    [InlineData("number", "10", true)]
    [InlineData("octal in YAML 1.1", "0o17", true)]
    [InlineData("null word", "null", true)]
    [InlineData("plain word", "gold", false)]
    [InlineData("quantity", "5Gi", false)]
    public void Strings_a_yaml_reader_would_misread_are_quoted(string name, string text, bool quoted)
    {
        Assert.True(quoted == YamlScalars.NeedsQuotes(text), name);
    }
}
