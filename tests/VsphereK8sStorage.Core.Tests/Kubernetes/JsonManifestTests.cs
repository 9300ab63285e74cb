using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Kubernetes.Yaml;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>
/// JSON manifests (kubectl get -o json) take a reader of their own; it must read exactly what the YAML
/// reader reads from the same objects, and name lines and columns as well.
/// </summary>
public sealed class JsonManifestTests
{
    private static ClusterSnapshot ReadBytes(byte[] content, RecordingHost? host = null, string name = "input.json")
    {
        var source = new ManifestSource(name, () => new StreamReader(new MemoryStream(content))) { OpenBytes = () => new MemoryStream(content) };
        return ManifestLoader.Read(new[] { source }, host ?? new RecordingHost(), CancellationToken.None);
    }

    private static ClusterSnapshot ReadText(string content) => ManifestLoader.Read(new[] { new ManifestSource("input.json", () => new StringReader(content)) }, new RecordingHost(), CancellationToken.None);

    private static string Yaml(ClusterSnapshot snapshot)
    {
        var writer = new StringWriter();
        ManifestWriter.WriteYaml(writer, snapshot);
        return writer.ToString();
    }

    [Theory]
    [InlineData("indented, as kubectl prints it", true)]
    [InlineData("minified, one line", false)]
    public void A_json_list_reads_to_the_same_objects_as_the_same_yaml(string name, bool indented)
    {
        var cluster = ValidClusters.Generate(seed: 5, volumeCount: 300, claimCount: 300);
        var list = new System.Text.Json.Nodes.JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new System.Text.Json.Nodes.JsonArray(ManifestWriter.ToJson(cluster).Cast<System.Text.Json.Nodes.JsonNode?>().ToArray()) };
        var json = Encoding.UTF8.GetBytes(list.ToJsonString(new JsonSerializerOptions { WriteIndented = indented }));

        var fromBytes = ReadBytes(json);
        var fromText = ReadText(Encoding.UTF8.GetString(json));

        Assert.True(fromBytes.ReadFailure is null, name);
        Assert.Equal(Yaml(ManifestLoader.LoadText(Yaml(cluster))), Yaml(fromBytes));
        Assert.Equal(Yaml(fromBytes), Yaml(fromText));
    }

    [Fact]
    public void Objects_one_after_another_are_documents_in_order()
    {
        var json = "{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"a\"}}\n{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"Bad_B\"}}";

        var snapshot = ReadBytes(Encoding.UTF8.GetBytes(json));

        Assert.Equal("a", Assert.Single(snapshot.Nodes).Name);
        var error = Assert.IsType<ManifestException>(snapshot.ReadFailure);
        var column = json.Split('\n')[1].IndexOf("\"Bad_B\"", StringComparison.Ordinal) + 1;
        Assert.StartsWith($"input.json:2:{column}: document 2 (Node Bad_B): metadata.name: Invalid value: \"Bad_B\"", error.Message);
    }

    [Fact]
    public void A_json_syntax_error_names_its_line_and_column()
    {
        var json = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Node\",\n  \"metadata\": {\"name\": \"a\",}\n}\n";

        var error = Assert.IsType<ManifestException>(ReadBytes(Encoding.UTF8.GetBytes(json)).ReadFailure);

        Assert.StartsWith("input.json:4:", error.Message);
        Assert.Contains("JSON syntax error", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public void Positions_in_minified_json_count_characters()
    {
        var json = "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"node-a\",\"annotations\":{\"owner\":\"é\"},\"labels\":{\"ready\":true}}}";

        var error = Assert.IsType<ManifestException>(ReadBytes(Encoding.UTF8.GetBytes(json)).ReadFailure);

        // "ready": true is the decode error; the é before it is one character, two bytes.
        Assert.StartsWith($"input.json:1:{json.IndexOf("true", StringComparison.Ordinal) + 1}: ", error.Message);
    }

    [Fact]
    public void A_string_longer_than_the_read_buffer_is_read_whole()
    {
        var note = new string('n', 200_000); // beyond the 64 KB buffer, within the 256 KB annotation limit
        var json = $"{{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {{\"name\": \"a\", \"annotations\": {{\"note\": \"{note}\"}}}}}}";

        var node = Assert.Single(ReadBytes(Encoding.UTF8.GetBytes(json)).Nodes);

        Assert.Equal(note, node.Metadata.Annotations["note"]);
    }

    [Fact]
    public void A_byte_order_mark_before_json_is_skipped()
    {
        var json = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"a\"}}")).ToArray();

        Assert.Equal("a", Assert.Single(ReadBytes(json).Nodes).Name);
    }

    [Fact]
    public void A_list_whose_kind_comes_after_its_items_is_read_as_kubectl_writes_it()
    {
        var json = "{\"apiVersion\": \"v1\", \"items\": [{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"a\"}}], \"kind\": \"List\", \"metadata\": {\"resourceVersion\": \"\"}}";

        Assert.Equal("a", Assert.Single(ReadBytes(Encoding.UTF8.GetBytes(json)).Nodes).Name);
    }

    [Fact]
    public void Items_of_something_that_is_not_a_list_are_not_read_as_objects()
    {
        var json = "{\"apiVersion\": \"v1\", \"items\": [{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"a\"}}], \"kind\": \"Node\", \"metadata\": {\"name\": \"outer\"}}";

        Assert.Equal("outer", Assert.Single(ReadBytes(Encoding.UTF8.GetBytes(json)).Nodes).Name);
    }

    [Fact]
    public async Task Every_truncation_of_a_json_list_is_held_to_the_standard()
    {
        var cluster = ValidClusters.Generate(seed: 6, volumeCount: 4, claimCount: 4);
        var writer = new StringWriter();
        ManifestWriter.WriteJsonList(writer, cluster);
        var text = writer.ToString();
        for (var cut = 0; cut <= text.Length; cut += 3)
        {
            // The good claim is a JSON object first; the truncated list after it is one more document.
            await ManifestFuzzTests.AssertHeldToTheStandard(text.Substring(0, cut), $"json list cut at {cut}", json: true);
        }
    }
}
