using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>Counting tests share one process-wide counter: no other test runs beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MappingWorkCollection
{
    public const string Name = "mapping work is counted";
}

/// <summary>
/// A mapping of n keys costs work in proportion to n, not n²: every entry the reader looks up, indexes
/// or enumerates is counted (<see cref="MappingWork"/>), so growth is held without timing anything.
/// </summary>
[Collection(MappingWorkCollection.Name)]
public sealed class ManyKeysTests
{
    private const int Keys = 100_000;

    // Entries read per key: each key is added (a duplicate check), its entry enumerated, looked up and
    // checked a few times; a quadratic reader reads about Keys / 2 per key.
    private const int EntriesPerKey = 10;

    public static TheoryData<string, Func<int, string>, Func<ClusterSnapshot, int>> Mappings() => new()
    {
        { "a Node with many labels, YAML", n => Yaml("Node", "v1", "labels", n), s => s.Nodes.Single().Metadata.Labels.Count },
        { "a Node with many labels in a List, YAML", n => "apiVersion: v1\nkind: List\nitems:\n- " + Yaml("Node", "v1", "labels", n).Replace("\n", "\n  ", StringComparison.Ordinal).TrimEnd(), s => s.Nodes.Single().Metadata.Labels.Count },
        { "a PersistentVolume with many labels, YAML", n => Yaml("PersistentVolume", "v1", "labels", n, "spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a}}\n"), s => s.Volumes.Single().Metadata.Labels.Count },
        { "a Node with many labels, JSON", n => Json("Node", "labels", n), s => s.Nodes.Single().Metadata.Labels.Count },
        { "a claim selecting on many labels, YAML", n => Selector(n), s => s.Claims.Single().Selector!.Requirements.Count },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void A_mapping_of_100000_keys_is_read_with_work_in_proportion_to_its_keys(string name, Func<int, string> manifest, Func<ClusterSnapshot, int> keysRead)
    {
        var small = Measure(manifest(Keys / 10), keysRead);
        var large = Measure(manifest(Keys), keysRead);

        Assert.True(small.Read == Keys / 10, $"{name}: read {small.Read} of {Keys / 10} keys");
        Assert.True(large.Read == Keys, $"{name}: read {large.Read} of {Keys} keys");
        Assert.True(large.Work <= EntriesPerKey * (long)Keys, $"{name}: {large.Work} mapping entries read for {Keys} keys");
        Assert.True(large.Work <= 12 * small.Work, $"{name}: ten times the keys cost {(double)large.Work / small.Work:0.#} times the work");
    }

    [Theory]
    [InlineData("YAML", "yaml")]
    [InlineData("JSON", "json")]
    public void A_duplicate_key_at_the_end_of_a_large_mapping_is_refused_at_its_position(string name, string format)
    {
        var text = format == "yaml"
            ? Yaml("Node", "v1", "labels", Keys) + "    example.com/k0: again\n"
            : Json("Node", "labels", Keys).Replace("}}}", ", \"example.com/k0\": \"again\"}}}", StringComparison.Ordinal);

        var failure = ManifestLoader.Read(new[] { new ManifestSource("many." + format, () => new StringReader(text)) }, new RecordingHost(), CancellationToken.None).ReadFailure;

        var error = Assert.IsType<ManifestException>(failure);
        Assert.True(error.RuleId == ManifestRules.DuplicateKey.Id, $"{name}: {error.Message}");
        Assert.Contains("'example.com/k0' appears twice", error.Message);
        if (format == "yaml")
        {
            Assert.StartsWith($"many.yaml:{Keys + 6}:5: ", error.Message);
        }
    }

    [Fact]
    public void A_bad_label_key_among_100000_is_reported_at_its_own_line()
    {
        var text = Yaml("Node", "v1", "labels", Keys).Replace($"example.com/k{Keys - 1}:", "bad key!:", StringComparison.Ordinal);

        var failure = ManifestLoader.Read(new[] { new ManifestSource("many.yaml", () => new StringReader(text)) }, new RecordingHost(), CancellationToken.None).ReadFailure;

        var error = Assert.IsType<ManifestException>(failure);
        Assert.StartsWith($"many.yaml:{Keys + 5}:5: ", error.Message);
        Assert.Contains("metadata.labels", error.Message);
    }

    private static (int Read, long Work) Measure(string text, Func<ClusterSnapshot, int> keysRead)
    {
        ClusterSnapshot snapshot = null!;
        var work = MappingWork.During(() => snapshot = ManifestLoader.LoadText(text, "many.yaml"));
        return (keysRead(snapshot), work);
    }

    private static string Yaml(string kind, string apiVersion, string map, int keys, string rest = "")
    {
        var text = new StringBuilder($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: n1\n  {map}:\n");
        for (var i = 0; i < keys; i++)
        {
            text.Append("    example.com/k").Append(i).Append(": v").Append(i).Append('\n');
        }

        return text.Append(rest).ToString();
    }

    private static string Json(string kind, string map, int keys)
    {
        var text = new StringBuilder($"{{\"apiVersion\": \"v1\", \"kind\": \"{kind}\", \"metadata\": {{\"name\": \"n1\", \"{map}\": {{");
        for (var i = 0; i < keys; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append("\"example.com/k").Append(i).Append("\": \"v").Append(i).Append('"');
        }

        return text.Append("}}}").ToString();
    }

    private static string Selector(int keys)
    {
        var text = new StringBuilder("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c1}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n  selector:\n    matchLabels:\n");
        for (var i = 0; i < keys; i++)
        {
            text.Append("      example.com/k").Append(i).Append(": v").Append(i).Append('\n');
        }

        return text.ToString();
    }
}
