using System;
using System.Collections.Generic;
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

/// <summary>
/// Reading in parallel (files side by side, a multi-document YAML file cut at its '---' lines) gives
/// exactly what reading everything in order gives: the same objects from the same file:line:column,
/// the same "defined twice" warnings, errors and counts, in the same order.
/// </summary>
public sealed class ParallelReadTests : IDisposable
{
    // Cut as finely as the file allows: a part from every few documents.
    private static readonly ManifestReadOptions FineParts = new(4, 1, 2);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "vk8s-parallel-" + Guid.NewGuid().ToString("N"));

    public ParallelReadTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>name, the file's text, whether it is read in parts (false: the split refuses it or its check sends it back to one read).</summary>
    public static TheoryData<string, string, bool> Files => new()
    {
        { "plain documents", Documents(40), true },
        { "claims and volumes with errors, more than are shown", Documents(30) + Join(Enumerable.Range(0, 25).Select(i => Pv($"bad-{i}", accessMode: "ReadWriteOMany"))), true },
        { "a volume defined many times across parts", Join(Enumerable.Range(0, 8).Select(i => Pv("twice", size: $"{i + 1}Gi")).Concat(Enumerable.Range(0, 20).Select(i => Claim($"c{i}")))), true },
        { "block scalars holding --- inside them", Join(Enumerable.Range(0, 20).Select(i => Pv($"note-{i}", note: "|\n      ---\n      a --- b\n       ---\n      --- c"))), true },
        { "a block scalar ended by a --- line", Join(Enumerable.Range(0, 20).Select(i => $"apiVersion: v1\nkind: PersistentVolume\nspec: {{capacity: {{storage: 1Gi}}, accessModes: [ReadWriteOnce], hostPath: {{path: /b}}}}\nmetadata:\n  name: cut-{i}\n  annotations:\n    note: |\n      last line\n")), true },
        { "--- inside quoted strings on one line", Join(Enumerable.Range(0, 20).Select(i => Pv($"q-{i}", note: i % 2 == 0 ? "\"---\"" : "'a\n  --- b'"))), true },
        { "a double-quoted string with a --- line inside (an error)", Documents(10) + Pv("broken", note: "\"starts\n--- here\"") + "---\n" + Documents(10), false },
        { "a single-quoted string with a --- line inside (an error)", Documents(10) + Pv("broken", note: "'starts\n--- here'") + "---\n" + Documents(10), false },
        { "a syntax error in a later document", Documents(20) + "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: unclosed\n---\n" + Documents(10), false },
        { "a duplicate key in a later document", Documents(20) + "apiVersion: v1\nkind: PersistentVolume\nkind: PersistentVolume\nmetadata: {name: dup}\n---\n" + Documents(10), true },
        { "a List among documents", Documents(10) + "apiVersion: v1\nkind: List\nitems:\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"- {{apiVersion: v1, kind: PersistentVolume, metadata: {{name: item-{i}}}, spec: {{capacity: {{storage: 1Gi}}, accessModes: [ReadWriteOnce], hostPath: {{path: /i}}}}}}\n")) + "---\n" + Documents(10), true },
        { "kinds binding does not read", Join(Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cm-{i}}}\n" : Claim($"c{i}"))), true },
        { "comments before the first ---", "# a comment\n   # another\n\n---\n" + Documents(30), true },
        { "a first document written without ---", Documents(30).Substring(4), true },
        { "a byte order mark", "\uFEFF" + Documents(30), true },
        { "a byte order mark, then a document without ---", "\uFEFF" + Documents(30).Substring(4), true },
        { "CRLF line ends", Documents(30).Replace("\n", "\r\n"), true },
        { "lone CR line ends", Documents(30).Replace("\n", "\r"), false },
        { "NEL line ends in a value", Documents(30) + Pv("nel", note: "\"a\u0085b\""), false },
        { "a directive", "%YAML 1.1\n" + Documents(30), false },
        { "document end markers", Documents(30).Replace("---\n", "...\n---\n"), false },
        { "empty documents", string.Concat(Enumerable.Repeat("---\n", 200)) + Documents(10) + string.Concat(Enumerable.Repeat("--- \n", 200)), true },
        { "a control character in a later document", Documents(20) + Pv("nul", note: "\"a\u0001b\"") + "---\n" + Documents(10), false },
        { "--- with text after it", Join(Enumerable.Range(0, 20).Select(i => Claim($"t{i}"))).Replace("---\n", "--- # comment\n"), true },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_file_read_in_parts_reads_as_it_does_from_start_to_end(string name, string text, bool inParts)
    {
        var path = Write("input.yaml", text);
        var source = ManifestSource.FromFile(path);

        var sequential = Transcript(new[] { source }, ManifestReadOptions.Sequential);
        var parallel = Transcript(new[] { source }, FineParts);

        Assert.Equal(sequential, parallel);
        Assert.True(inParts == ManifestLoader.ReadInParts(source, FineParts, CancellationToken.None).Length > 1, $"{name}: read in parts should be {inParts}");
    }

    [Fact]
    public void Files_read_side_by_side_read_as_they_do_one_after_another()
    {
        var sources = new List<ManifestSource>
        {
            ManifestSource.FromFile(Write("a.yaml", Documents(5) + Pv("shared", size: "1Gi"))),
            ManifestSource.FromFile(Write("b.yaml", Pv("shared", size: "2Gi") + "---\n" + Pv("bad", accessMode: "Nope"))),
            ManifestSource.FromFile(Path.Combine(folder, "missing.yaml")),
            new("<stdin>", () => new StringReader(Claim("from-stdin") + "---\n" + Pv("shared", size: "3Gi"))),
            ManifestSource.FromFile(Write("c.json", "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [" + string.Join(", ", Enumerable.Range(0, 5).Select(i => $"{{\"apiVersion\": \"v1\", \"kind\": \"PersistentVolumeClaim\", \"metadata\": {{\"name\": \"j{i}\", \"namespace\": \"default\"}}, \"spec\": {{\"accessModes\": [\"ReadWriteOnce\"], \"resources\": {{\"requests\": {{\"storage\": \"1Gi\"}}}}}}}}")) + "]}")),
            ManifestSource.FromFile(Write("d.yaml", Documents(40))),
        };

        var sequential = Transcript(sources, ManifestReadOptions.Sequential);
        var parallel = Transcript(sources, FineParts);

        Assert.Equal(sequential, parallel);
        Assert.Contains("PersistentVolume shared is defined twice", parallel);
    }

    [Fact]
    public void Many_empty_documents_end_quickly_with_the_same_bounded_report()
    {
        var text = string.Concat(Enumerable.Repeat("---\n- [a\n", 2)) + string.Concat(Enumerable.Repeat("---\nkind: Thing\n", 50_000));
        var source = ManifestSource.FromFile(Write("many.yaml", text));

        var sequential = Transcript(new[] { source }, ManifestReadOptions.Sequential);
        var parallel = Transcript(new[] { source }, FineParts);

        Assert.Equal(sequential, parallel);
        Assert.True(parallel.Length < 10_000, "the report stays bounded");
    }

    /// <summary>name, file name, the file's text: Lists, one document each, whose items the pipeline decodes on a second thread.</summary>
    public static TheoryData<string, string, string> Lists => new()
    {
        { "a JSON List", "list.json", JsonList(Enumerable.Range(0, 25).Select(i => JsonPv($"pv-{i}"))) },
        { "a JSON List with bad items, more than are shown", "bad.json", JsonList(Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? JsonPv($"bad-{i}", accessMode: "ReadWriteOMany") : JsonPv($"pv-{i}"))) },
        { "a JSON List with a duplicate key in an item", "dup.json", JsonList(Enumerable.Range(0, 9).Select(i => i == 5 ? JsonPv("dup").Replace("\"kind\"", "\"kind\": \"PersistentVolume\", \"kind\"") : JsonPv($"pv-{i}"))) },
        { "a JSON List ending in a syntax error", "cut.json", JsonList(Enumerable.Range(0, 11).Select(i => JsonPv($"pv-{i}")))[..^20] },
        { "a JSON List of kinds binding does not read", "kinds.json", JsonList(Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? $"{{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {{\"name\": \"cm-{i}\"}}}}" : JsonPv($"pv-{i}"))) },
        { "a JSON object with items that is not a List", "not-list.json", JsonList(Enumerable.Range(0, 7).Select(i => JsonPv($"pv-{i}"))).Replace("\"kind\": \"List\"", "\"kind\": \"Thing\"") },
        { "two JSON Lists, a volume in both", "two.json", JsonList(Enumerable.Range(0, 7).Select(i => JsonPv($"a-{i}"))) + "\n" + JsonList(Enumerable.Range(0, 7).Select(i => JsonPv(i == 3 ? "a-3" : $"b-{i}"))) },
        { "a JSON List with Lists inside", "nested.json", JsonList(Enumerable.Range(0, 5).Select(i => JsonList(Enumerable.Range(0, 3).Select(j => JsonPv($"pv-{i}-{j}"))))) },
        { "a YAML List", "list.yaml", "apiVersion: v1\nkind: List\nitems:\n" + string.Concat(Enumerable.Range(0, 25).Select(i => $"- {{apiVersion: v1, kind: PersistentVolume, metadata: {{name: item-{i}}}, spec: {{capacity: {{storage: {i + 1}Gi}}, accessModes: [ReadWriteOnce], hostPath: {{path: /i}}}}}}\n")) + "metadata: {resourceVersion: \"\"}\n" },
        { "a YAML List with anchors across items", "anchors.yaml", "kind: List\napiVersion: v1\nitems:\n- &first {apiVersion: v1, kind: PersistentVolume, metadata: {name: one}, spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a}}}\n" + string.Concat(Enumerable.Range(0, 9).Select(_ => "- *first\n")) },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void A_List_whose_items_are_decoded_on_a_second_thread_reads_as_it_does_on_one(string name, string file, string text)
    {
        var source = ManifestSource.FromFile(Write(file, text));
        AssertSameRead(name, source);
    }

    /// <summary>name, the file's text, whether its items are read in runs (false: the cut refuses it or its check sends it back to one read).</summary>
    public static TheoryData<string, string, bool> YamlLists => new()
    {
        { "a List as kubectl writes it", KubectlList(Items(40)), true },
        { "bad items, more than are shown", KubectlList(Items(10).Concat(Enumerable.Range(0, 25).Select(i => Pv($"bad-{i}", accessMode: "ReadWriteOMany")))), true },
        { "volumes defined twice and items that warn, more than are shown", KubectlList(Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? Pv("twice", size: $"{i + 1}Gi") : WarningClaim($"w{i}"))), true },
        { "kinds binding does not read", KubectlList(Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cm-{i}}}\n" : Claim($"c{i}"))), true },
        { "block scalars, comments and blank lines among the items", KubectlList(Enumerable.Range(0, 30).Select(i => Pv($"note-{i}", note: "|\n      - a\n      items:\n      kind: Thing"))).Replace("\n- ", "\n# a comment\n\n- "), true },
        { "items that are not objects", KubectlList(Items(10).Concat(Enumerable.Range(0, 10).Select(i => $"{i}\n"))), true },
        { "a byte order mark and CRLF line ends", "\uFEFF" + KubectlList(Items(30)).Replace("\n", "\r\n"), true },
        { "a --- line before the List", "---\n" + KubectlList(Items(30)), true },
        { "no fields after the items", "apiVersion: v1\nkind: List\nitems:\n" + string.Concat(Items(30).Select(ListItem)), true },
        { "a List kind of its own", KubectlList(Items(30)).Replace("kind: List\n", "kind: PersistentVolumeList\n"), true },
        { "an item as deep as a List allows", KubectlList(Items(10).Append(new string('[', TreeAssembler.MaxDepth - 2) + new string(']', TreeAssembler.MaxDepth - 2) + "\n").Concat(Items(10))), true },
        { "an item a level deeper than a List allows", KubectlList(Items(10).Append(new string('[', TreeAssembler.MaxDepth - 1) + new string(']', TreeAssembler.MaxDepth - 1) + "\n").Concat(Items(10))), false },
        { "items indented under items:", "apiVersion: v1\nitems:\n" + string.Concat(Items(30).Select(item => ListItem(item, indent: "  "))) + "kind: List\n", false },
        { "anchors and aliases among the items", KubectlList(Items(20)).Replace("- apiVersion: v1\n  kind: PersistentVolume\n  metadata:\n    name: pv-4\n", "- &four\n  apiVersion: v1\n  kind: PersistentVolume\n  metadata:\n    name: pv-4\n") + "other: *four\n", false },
        { "an anchor in an item", KubectlList(Items(20)).Replace("name: pv-6", "name: &six pv-6"), false },
        { "a duplicate key in an item", KubectlList(Items(20)).Replace("name: pv-8\n", "name: pv-8\n    name: pv-8\n"), false },
        { "a syntax error in an item", KubectlList(Items(20)).Replace("name: pv-8\n", "name: {pv-8\n"), false },
        { "a control character in an item", KubectlList(Items(20)).Replace("name: pv-8\n", "name: \"pv\u0001\"\n"), false },
        { "a double-quoted string with a - line inside", KubectlList(Items(20)).Replace("name: pv-8\n", "name: \"pv-8\n- apiVersion: v1\"\n"), false },
        { "an object with items that is not a List", KubectlList(Items(20)).Replace("kind: List\n", "kind: Thing\n"), false },
        { "the List's kind written twice", KubectlList(Items(20)).Replace("apiVersion: v1\nitems:", "apiVersion: v1\nkind: List\nitems:"), false },
        { "an item after the fields that follow the items", KubectlList(Items(20)) + ListItem(Claim("late")), false },
        { "more than the frame allows before the items", KubectlList(Items(20)).Replace("apiVersion: v1\nitems:", "apiVersion: v1\nnote: " + new string('x', YamlSplit.MaxListFrameBytes) + "\nitems:"), false },
    };

    [Theory]
    [MemberData(nameof(YamlLists))]
    public void A_YAML_List_read_in_runs_of_items_reads_as_it_does_from_start_to_end(string name, string text, bool inRuns)
    {
        var source = ManifestSource.FromFile(Write("list.yaml", text));

        AssertSameRead(name, source);
        Assert.True(inRuns == ManifestLoader.ReadInParts(source, FineParts, CancellationToken.None).Length > 1, $"{name}: read in runs should be {inRuns}");
    }

    // What damages a List's cut most: item and document starts, quotes, block scalars, anchors, flow brackets, keys.
    private static readonly string[] Damage = { "\n- ", "\n-", "\n", "\"", "'", "|\n", "# ", "&a ", "*a", "{", "[", "]", "\n---\n", "\nitems:\n", "\nkind: List\n", "\r", "\t", ": ", "  ", "\u0085", "\n..." };

    /// <summary>name, the text damaged: what is cut into runs of items, and into runs of documents.</summary>
    public static TheoryData<string, string> Undamaged => new()
    {
        { "a List", KubectlList(Items(12).Append(WarningClaim("warns")).Append(Pv("pv-0", size: "9Gi")).Concat(Items(12))) },
        { "documents", Join(Items(12).Append(WarningClaim("warns")).Append(Pv("pv-0", size: "9Gi")).Concat(Items(12))) },
    };

    [Theory]
    [MemberData(nameof(Undamaged))]
    public void Files_with_random_damage_read_in_parts_as_they_do_from_start_to_end(string name, string undamaged)
    {
        var random = new Random(20261207);
        var path = Path.Combine(folder, "damaged.yaml");
        var inRuns = 0;
        for (var round = 0; round < 300; round++)
        {
            var text = undamaged;
            var damage = new List<string>();
            for (var hits = random.Next(1, 4); hits > 0; hits--)
            {
                var at = random.Next(text.Length + 1);
                var piece = Damage[random.Next(Damage.Length)];
                text = text.Insert(at, piece);
                damage.Add($"{piece.Replace("\n", "\\n")} at {at}");
            }

            File.WriteAllText(path, text, new UTF8Encoding(false));
            var source = ManifestSource.FromFile(path);
            AssertSameRead($"{name}, round {round}: {string.Join(", ", damage)}", source);
            inRuns += ManifestLoader.ReadInParts(source, FineParts, CancellationToken.None).Length > 1 ? 1 : 0;
        }

        // Most damage leaves the cut intact somewhere; some sends the file back to one read: both paths were compared.
        Assert.InRange(inRuns, 30, 270);
    }

    [Fact]
    public void A_rule_warns_a_few_times_in_all_whether_its_warnings_come_from_documents_or_a_List()
    {
        var text = Join(Enumerable.Range(0, 3).Select(i => WarningClaim($"doc-{i}"))) + "---\n" + KubectlList(Enumerable.Range(0, 4).Select(i => WarningClaim($"item-{i}")));
        var transcript = Transcript(new[] { ManifestSource.FromFile(Write("warns.yaml", text)) }, ManifestReadOptions.Sequential);

        var shown = transcript.Split('\n').Where(line => line.StartsWith("warning: ", StringComparison.Ordinal) && line.Contains("Invalid value", StringComparison.Ordinal)).ToList();
        Assert.Equal(ManifestDiagnostics.ShownWarningsPerRule, shown.Count);
        Assert.All(shown, line => Assert.Contains("PersistentVolumeClaim doc-", line));
        Assert.Contains("warning: 4 more warnings like the above (SelectorValueInvalid) not shown", transcript);
    }

    /// <summary>name, whether the List is JSON, and whether its items are decoded on a second thread.</summary>
    public static TheoryData<string, bool, bool> CancelledLists => new()
    {
        { "a JSON List, items decoded on the reading thread", true, false },
        { "a JSON List, items decoded on a second thread", true, true },
        { "a YAML List, items decoded on the reading thread", false, false },
        { "a YAML List, items decoded on a second thread", false, true },
    };

    [Theory]
    [MemberData(nameof(CancelledLists))]
    public void A_List_read_whole_stops_within_a_few_hundred_items_of_being_cancelled(string name, bool json, bool secondThread)
    {
        var items = Enumerable.Range(0, 10_000);
        var text = json ? JsonList(items.Select(i => JsonPv($"pv-{i}"))) : KubectlList(items.Select(i => Pv($"pv-{i}")));
        var path = Write(json ? "big.json" : "big.yaml", text);
        using var cancel = new CancellationTokenSource();
        long read = 0;
        var source = new ManifestSource(path, () => new StreamReader(path))
        {
            // Cancelled once a tenth of the file has been read, as Ctrl+C would be partway through.
            OpenBytes = () => new CountingStream(File.OpenRead(path), bytes =>
            {
                read += bytes;
                if (read > text.Length / 10)
                {
                    cancel.Cancel();
                }
            }),
        };

        Assert.ThrowsAny<OperationCanceledException>(() => ManifestLoader.Read(new[] { source }, new RecordingHost(), cancel.Token, new ManifestReadOptions(1, long.MaxValue, secondThread ? 32 : 0)));
        Assert.True(read < text.Length / 2, $"{name}: read {read} of {text.Length} bytes after being cancelled at a tenth");
    }

    [Fact]
    public void Nodes_an_anchor_named_are_not_reused_by_the_next_document()
    {
        // Read whole (standard input is never split): the List's aliases share one node, which must not serve the next List twice.
        var anchored = "kind: List\napiVersion: v1\nitems:\n- &first {apiVersion: v1, kind: PersistentVolume, metadata: {name: one}, spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a}}}\n" + string.Concat(Enumerable.Range(0, 9).Select(_ => "- *first\n"));
        var next = "kind: List\napiVersion: v1\nitems:\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"- {{apiVersion: v1, kind: PersistentVolume, metadata: {{name: next-{i}}}, spec: {{capacity: {{storage: {i + 1}Gi}}, accessModes: [ReadWriteOnce], hostPath: {{path: /n{i}}}}}}}\n"));
        var source = new ManifestSource("<stdin>", () => new StringReader(anchored + "---\n" + next));

        AssertSameRead("an anchored List, then another", source);
    }

    private static void AssertSameRead(string name, ManifestSource source)
    {
        var sequential = Transcript(new[] { source }, ManifestReadOptions.Sequential);
        var pipelined = Transcript(new[] { source }, FineParts);

        Assert.True(sequential == pipelined, $"{name}, items decoded on a second thread:\n{pipelined}\nread on one thread:\n{sequential}");
    }

    // Everything a read tells: objects with where each came from, warnings, errors, the failure and the summary line.
    private static string Transcript(IReadOnlyList<ManifestSource> sources, ManifestReadOptions options)
    {
        var host = new RecordingHost();
        var snapshot = ManifestLoader.Read(sources, host, CancellationToken.None, options);
        var text = new StringBuilder();
        foreach (var volume in snapshot.Volumes)
        {
            text.AppendLine($"PV {volume.Name} {volume.Capacity} {volume.Metadata.Source}");
        }

        foreach (var claim in snapshot.Claims)
        {
            text.AppendLine($"PVC {claim.Key} {claim.Metadata.Source}");
        }

        foreach (var storageClass in snapshot.StorageClasses)
        {
            text.AppendLine($"SC {storageClass.Name} {storageClass.Metadata.Source}");
        }

        host.Warnings.ForEach(w => text.AppendLine("warning: " + w));
        host.Errors.ForEach(e => text.AppendLine($"error: {e.Message} {(e as ManifestException)?.Location}"));
        host.Verbose.ForEach(v => text.AppendLine("verbose: " + v));
        text.AppendLine($"failure: {snapshot.ReadFailure?.Message} {(snapshot.ReadFailure as ManifestException)?.Location}");
        return text.ToString();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    // As kubectl get -o yaml writes a List: its fields in key order, the items under 'items:' at its own indentation.
    private static string KubectlList(IEnumerable<string> items) =>
        "apiVersion: v1\nitems:\n" + string.Concat(items.Select(ListItem)) + "kind: List\nmetadata:\n  resourceVersion: \"\"\n";

    private static string ListItem(string document) => ListItem(document, indent: string.Empty);

    private static string ListItem(string document, string indent) => indent + "- " + document.TrimEnd('\n').Replace("\n", "\n" + indent + "  ") + "\n";

    private static IEnumerable<string> Items(int count) => Enumerable.Range(0, count).Select(i => i % 2 == 0 ? Pv($"pv-{i}") : Claim($"claim-{i}"));

    // A claim that exists (it has a uid), with a selector value the API server refuses only on creation: a warning.
    private static string WarningClaim(string name) =>
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: " + name + ", namespace: apps, uid: uid-" + name + "}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n  selector: {matchExpressions: [{key: tier, operator: In, values: [\"not a label value\"]}]}\n";

    private static string JsonList(IEnumerable<string> items) =>
        "{\n  \"apiVersion\": \"v1\",\n  \"items\": [\n    " + string.Join(",\n    ", items) + "\n  ],\n  \"kind\": \"List\",\n  \"metadata\": {\"resourceVersion\": \"\"}\n}\n";

    private static string JsonPv(string name, string accessMode = "ReadWriteOnce") =>
        $"{{\"apiVersion\": \"v1\", \"kind\": \"PersistentVolume\", \"metadata\": {{\"name\": \"{name}\"}}, \"spec\": {{\"capacity\": {{\"storage\": \"1Gi\"}}, \"accessModes\": [\"{accessMode}\"], \"hostPath\": {{\"path\": \"/data/{name}\"}}}}}}";

    private static string Documents(int count) =>
        Join(Enumerable.Range(0, count).Select(i => i % 2 == 0 ? Pv($"pv-{i}") : Claim($"claim-{i}"))) + "---\n";

    private static string Join(IEnumerable<string> documents) => "---\n" + string.Join("---\n", documents);

    private static string Pv(string name, string size = "1Gi", string accessMode = "ReadWriteOnce", string? note = null) =>
        "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: " + name + "\n" +
        (note is null ? string.Empty : "  annotations:\n    note: " + note + "\n") +
        "spec:\n  capacity: {storage: " + size + "}\n  accessModes: [" + accessMode + "]\n  hostPath: {path: /data/" + name + "}\n";

    private static string Claim(string name) =>
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: " + name + ", namespace: apps}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n";

    /// <summary>A stream that tells how many bytes each read returned.</summary>
    private sealed class CountingStream : Stream
    {
        private readonly Stream inner;
        private readonly Action<int> counted;

        public CountingStream(Stream inner, Action<int> counted)
        {
            this.inner = inner;
            this.counted = counted;
        }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            counted(read);
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
