using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using VsphereK8sStorage.Benchmarks.Baseline;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Kubernetes.Yaml;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Presentation;
using VsphereK8sStorage.Tests.Kubernetes;
using YamlDotNet.Core;

namespace VsphereK8sStorage.Benchmarks;

/// <summary>
/// Issue 11 §7: N volumes and N claims, generated and written as manifests once, then read (YAML, and
/// JSON as kubectl get -o json writes it), planned and written as JSON, each step on its own and end to
/// end. Every category has the reader or writer as it was before the issue as its baseline, measured
/// in the same run (Baseline/OldManifestReader.cs), so the Ratio column is new against old; the YAML
/// category also shows YamlDotNet's parser alone, the floor no YAML reader built on it can go below on one
/// core, SharpYaml's parser alone on the same input, and the reader on one core (ReadYamlSequential). The YAML List
/// category reads the same objects as one List (kubectl get -o yaml), in runs of items side by side against the
/// reader that parses it on one thread and decodes its items on a second (ReadYamlListWhole).
/// Run: dotnet run -c Release --project tests/VsphereK8sStorage.Benchmarks -- --filter '*ReadWrite*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[Config(typeof(PerObjectConfig))]
public class ReadWriteScaling
{
    private string folder = string.Empty;
    private string yamlFile = string.Empty;
    private string jsonFile = string.Empty;
    private string yamlListFile = string.Empty;
    private ClusterSnapshot snapshot = ClusterSnapshot.Empty;
    private IReadOnlyList<PvcBinding> claims = Array.Empty<PvcBinding>();

    [Params(5_000, 50_000)]
    public int ObjectsEach { get; set; }

    // Generating 2N objects costs more than reading them: the files are made once per size and kept
    // under the temp folder, where every benchmark process of this run (and later runs) finds them.
    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), "vk8s-bench", ManifestFiles.Version);
        yamlFile = Path.Combine(folder, $"cluster-{ObjectsEach}.yaml");
        jsonFile = Path.Combine(folder, $"cluster-{ObjectsEach}.json");
        yamlListFile = Path.Combine(folder, $"cluster-{ObjectsEach}-list.yaml");
        if (!File.Exists(yamlFile) || !File.Exists(jsonFile) || !File.Exists(yamlListFile))
        {
            ManifestFiles.Generate(ObjectsEach, folder);
        }
    }

    [GlobalSetup(Targets = new[] { nameof(Plan), nameof(OldWriteJson), nameof(WriteJson) })]
    public void SetupPlanned()
    {
        Setup();
        snapshot = ReadYaml();
        claims = BindingPlanner.Plan(snapshot).Claims;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("1 read YAML")]
    public ClusterSnapshot OldReadYaml() => OldRead(yamlFile);

    [Benchmark]
    [BenchmarkCategory("1 read YAML")]
    public ClusterSnapshot ReadYaml() => Read(yamlFile);

    [Benchmark]
    [BenchmarkCategory("1 read YAML")]
    public int YamlDotNetParserAlone()
    {
        using var reader = new StreamReader(yamlFile);
        var parser = new Parser(new Scanner(reader, skipComments: true));
        var events = 0;
        while (parser.MoveNext())
        {
            events++;
        }

        return events;
    }

    [Benchmark]
    [BenchmarkCategory("1 read YAML")]
    public ClusterSnapshot ReadYamlSequential() => Read(yamlFile, ManifestReadOptions.Sequential);

    [Benchmark]
    [BenchmarkCategory("1 read YAML")]
    public int SharpYamlParserAlone()
    {
        using var reader = new StreamReader(yamlFile);
        var parser = SharpYaml.Parser.CreateParser(reader);
        var events = 0;
        while (parser.MoveNext())
        {
            events++;
        }

        return events;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("1b read a YAML List")]
    public ClusterSnapshot ReadYamlListWhole() => Read(yamlListFile, ManifestReadOptions.Default with { MinPartBytes = long.MaxValue });

    [Benchmark]
    [BenchmarkCategory("1b read a YAML List")]
    public ClusterSnapshot ReadYamlList() => Read(yamlListFile);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("2 read JSON")]
    public ClusterSnapshot OldReadJson() => OldRead(jsonFile);

    [Benchmark]
    [BenchmarkCategory("2 read JSON")]
    public ClusterSnapshot ReadJson() => Read(jsonFile);

    [Benchmark]
    [BenchmarkCategory("2 read JSON")]
    public ClusterSnapshot ReadJsonSequential() => Read(jsonFile, ManifestReadOptions.Sequential);

    [Benchmark]
    [BenchmarkCategory("3 plan")]
    public int Plan() => BindingPlanner.Plan(snapshot).Claims.Count;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("4 write JSON")]
    public void OldWriteJson() => OldWrite(claims);

    [Benchmark]
    [BenchmarkCategory("4 write JSON")]
    public void WriteJson() => Write(claims);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("5 end to end, YAML in")]
    public void OldEndToEndYaml() => OldWrite(BindingPlanner.Plan(OldRead(yamlFile)).Claims);

    [Benchmark]
    [BenchmarkCategory("5 end to end, YAML in")]
    public void EndToEndYaml() => EndToEnd(yamlFile);

    [Benchmark]
    [BenchmarkCategory("5 end to end, YAML in")]
    public void EndToEndYamlSequential() => Write(BindingPlanner.Plan(Read(yamlFile, ManifestReadOptions.Sequential)).Claims);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("6 end to end, JSON in")]
    public void OldEndToEndJson() => OldWrite(BindingPlanner.Plan(OldRead(jsonFile)).Claims);

    [Benchmark]
    [BenchmarkCategory("6 end to end, JSON in")]
    public void EndToEndJson() => EndToEnd(jsonFile);

    private static ClusterSnapshot Read(string file) =>
        ManifestLoader.Load(new[] { ManifestSource.FromFile(file) }, SilentHost.Instance, CancellationToken.None);

    // The reader one document after another, on one core: the reader before parallel reading, in the same run.
    private static ClusterSnapshot Read(string file, ManifestReadOptions options) =>
        ManifestLoader.Read(new[] { ManifestSource.FromFile(file) }, SilentHost.Instance, CancellationToken.None, options);

    private static ClusterSnapshot OldRead(string file) =>
        OldManifestLoader.Load(new[] { (file, (Func<TextReader>)(() => new StreamReader(file))) }, SilentHost.Instance);

    private static void Write(IReadOnlyList<PvcBinding> claims)
    {
        using var output = new StreamWriter(Stream.Null);
        ResultView.Write(output, claims, OutputFormat.Json);
    }

    // The writer before issue 11: the whole output as one string, then written.
    private static void OldWrite(IReadOnlyList<PvcBinding> claims)
    {
        using var output = new StreamWriter(Stream.Null);
        output.WriteLine(JsonSerializer.Serialize(claims, ResultWriter.JsonOptions));
    }

    private static void EndToEnd(string file)
    {
        var request = new GetPvcBindingRequest { Source = ClusterSourceSpec.Manifests(new[] { file }) };
        var result = GetPvcBinding.RunAsync(request, SilentHost.Instance, CancellationToken.None).GetAwaiter().GetResult();
        Write(result.Plan.Claims);
    }
}

/// <summary>Adds "B/object": allocated bytes per operation over the 2N objects read (the goal is under 2 KB).</summary>
public sealed class PerObjectConfig : ManualConfig
{
    public PerObjectConfig() => AddColumn(new BytesPerObjectColumn());

    private sealed class BytesPerObjectColumn : IColumn
    {
        public string Id => "BytesPerObject";

        public string ColumnName => "B/object";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Metric;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Size;

        public string Legend => "Allocated bytes per operation divided by the 2N volumes and claims";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            var bytes = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is null ? "-" : (bytes.Value / (2.0 * (int)benchmarkCase.Parameters["ObjectsEach"])).ToString("N0", CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}

/// <summary>
/// Writes the generated cluster of N volumes and N claims as YAML documents, as a kubectl-style JSON List and as a
/// kubectl-style YAML List,
/// for cli-end-to-end.sh: <c>dotnet run -c Release --project tests/VsphereK8sStorage.Benchmarks -- generate N folder</c>.
/// </summary>
public static class ManifestFiles
{
    /// <summary>Changes when the generated files would: old files under another version are not reused.</summary>
    public const string Version = "2";

    public static void Generate(int objectsEach, string folder)
    {
        Directory.CreateDirectory(folder);
        var cluster = ValidClusters.Generate(seed: 42, volumeCount: objectsEach, claimCount: objectsEach);
        WriteAtomically(Path.Combine(folder, $"cluster-{objectsEach}.yaml"), writer => ManifestWriter.WriteYaml(writer, cluster));
        WriteAtomically(Path.Combine(folder, $"cluster-{objectsEach}.json"), writer => ManifestWriter.WriteJsonList(writer, cluster));
        WriteAtomically(Path.Combine(folder, $"cluster-{objectsEach}-list.yaml"), writer => WriteYamlList(writer, cluster));
    }

    // The same objects as one List, as kubectl get -o yaml writes it: its fields in key order, the items under
    // 'items:' at the key's own indentation.
    private static void WriteYamlList(TextWriter writer, ClusterSnapshot cluster)
    {
        using var documents = new StringWriter();
        ManifestWriter.WriteYaml(documents, cluster);
        writer.Write("apiVersion: v1\nitems:\n");
        foreach (var document in documents.ToString().Split("---\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = document.TrimEnd('\n').Split('\n');
            writer.Write("- ");
            writer.Write(lines[0]);
            writer.Write('\n');
            foreach (var line in lines.Skip(1))
            {
                writer.Write("  ");
                writer.Write(line);
                writer.Write('\n');
            }
        }

        writer.Write("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    }

    // A run stopped halfway leaves no half-written file for the next run to trust.
    private static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var partial = path + ".partial";
        using (var writer = new StreamWriter(partial))
        {
            write(writer);
        }

        File.Move(partial, path, overwrite: true);
    }
}
