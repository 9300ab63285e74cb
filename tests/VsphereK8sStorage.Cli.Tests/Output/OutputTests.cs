using System.IO;
using System.Linq;
using System.Text.Json;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Presentation;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests.Output;

public sealed class OutputTests
{
    private static BindingPlan ExamplePlan(string example) =>
        BindingPlanner.Plan(ManifestLoader.Load(ManifestLoader.ResolvePaths(new[] { Fixtures.Example(example) }, false, new RecordingHost()), new RecordingHost()));

    [Fact]
    public void Json_uses_camelCase_names_string_enums_and_readable_text()
    {
        var writer = new StringWriter();
        ResultView.Write(writer, ExamplePlan("static-pv-with-default-class").Claims, OutputFormat.Json, new ResultViewOptions { Detailed = false });

        using var json = JsonDocument.Parse(writer.ToString());
        var pending = json.RootElement.EnumerateArray().Single(e => e.GetProperty("claim").GetString() == "default/pvc0001");
        Assert.Equal("Pending", pending.GetProperty("phase").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("volume").ValueKind);
        Assert.Equal("csi.vsphere.vmware.com", pending.GetProperty("provisioner").GetString());
        Assert.Equal("pv0001", pending.GetProperty("rejections")[0].GetProperty("volume").GetString());
        Assert.Contains("class '' ≠ 'vsphere-sc'", writer.ToString());
        Assert.False(pending.TryGetProperty("accessModeSummary", out _));
        Assert.Equal("ReadWriteOnce", pending.GetProperty("requestedAccessModes")[0].GetString());
    }

    [Fact]
    public void Yaml_carries_the_same_fields_and_quotes_strings_yaml_would_misread()
    {
        var writer = new StringWriter();
        ResultView.Write(writer, ExamplePlan("static-pv-with-default-class").Claims, OutputFormat.Yaml, new ResultViewOptions { Detailed = false });
        var snapshotYaml = writer.ToString();

        Assert.Contains("claim: default/pvc0001-static", snapshotYaml);
        Assert.Contains("storageClass: \"\"", snapshotYaml);
        Assert.Contains("newBinding: true", snapshotYaml);
        var parsed = new YamlDotNet.RepresentationModel.YamlStream();
        parsed.Load(new StringReader(snapshotYaml));
        Assert.Equal(2, ((YamlDotNet.RepresentationModel.YamlSequenceNode)parsed.Documents[0].RootNode).Children.Count);
    }

    [Fact]
    public void The_table_looks_like_kubectl_get_pvc_with_a_reason_column()
    {
        var writer = new StringWriter();
        ResultView.Write(writer, ExamplePlan("vsphere-pv-pvc-walkthrough").Claims, OutputFormat.Table, new ResultViewOptions { Detailed = false });
        var lines = writer.ToString().TrimEnd().Split('\n');

        Assert.Equal("NAMESPACE   NAME      STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   REASON", lines[0]);
        Assert.StartsWith("default     pvc0001   Bound    pv0001   2Gi        RWO                           binds pv0001", lines[1]);
    }

    [Fact]
    public void Detailed_tables_list_every_rejected_volume_under_the_table()
    {
        var writer = new StringWriter();
        ResultView.Write(writer, ExamplePlan("hostpath-dir").Claims, OutputFormat.Table, new ResultViewOptions { Detailed = true });

        Assert.Contains("default/dir-pvc (Pending) did not get:\n  dir-pv: class 'dir' ≠ 'standard'; access modes RWX lack RWO", writer.ToString().Replace("\r", string.Empty));
    }
}
