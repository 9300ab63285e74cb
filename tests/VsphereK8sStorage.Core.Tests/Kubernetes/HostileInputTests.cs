using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>
/// Issue 11 §2, one class of hostile input per test: each used to crash, hang, flood or be misread,
/// and each must now end in bounded errors that name the file and the position.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    // A guard against hangs, not a speed test: the old reader needed minutes or forever for these.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private const string GoodVolume = "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: good-pv}\nspec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a}}\n";

    private const string GoodVolumeFlow = "{apiVersion: v1, kind: PersistentVolume, metadata: {name: good-pv}, spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a}}}";

    private readonly string scratch = Directory.CreateTempSubdirectory("vk8s-hostile-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private static ClusterSnapshot Read(string text, RecordingHost host, string name = "hostile.yaml") =>
        ManifestLoader.Read(new[] { new ManifestSource(name, () => new StringReader(text)) }, host, CancellationToken.None);

    private static T WithinGuard<T>(Func<T> work)
    {
        var task = Task.Run(work);
        Assert.True(task.Wait(HangGuard), "did not finish: the reader hangs on this input");
        return task.Result;
    }

    [Theory]
    [InlineData("unclosed flow sequence, then a block key", "a: [b\nc: d\n")]
    [InlineData("unclosed flow sequence at the end of the file", "a: [b")]
    [InlineData("unclosed flow mapping, then a block key", "a: {b: c\nd: e\n")]
    public void An_exception_of_any_type_from_the_yaml_scanner_is_one_line_naming_the_file_and_position(string name, string text)
    {
        var host = new RecordingHost();

        var failure = Read(text, host).ReadFailure;

        var error = Assert.IsType<ManifestException>(failure);
        Assert.Matches(@"^hostile\.yaml:\d+:\d+: document 1: YAML syntax error", error.Message);
        Assert.DoesNotContain("Exception", error.Message);
        Assert.DoesNotContain("Operation is not valid", error.Message);
        Assert.True(error.RuleId == "YamlSyntax", name);
    }

    [Theory]
    [InlineData("30,000 nested flow sequences", 30_000, "[", "]")]
    [InlineData("100,000 nested flow mappings", 100_000, "{a: ", "}")]
    [InlineData("30,000 nested block sequences", 30_000, "- ", "")]
    public void Deep_nesting_is_refused_at_kubectls_depth_without_recursion(string name, int depth, string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth)) + "\n";

        var failure = WithinGuard(() => Read(text, new RecordingHost()).ReadFailure);

        var error = Assert.IsType<ManifestException>(failure);
        Assert.True(error.Message.Contains($"nests deeper than {TreeAssembler.MaxDepth} levels", StringComparison.Ordinal), $"{name}: {error.Message}");
        Assert.Matches(@"^hostile\.yaml:1:\d+: ", error.Message);
    }

    [Fact]
    public void Eight_thousand_nested_lists_are_refused_at_kubectls_depth_limit_and_fewer_read_in_linear_time()
    {
        static string Nested(int lists) =>
            string.Concat(Enumerable.Repeat("{apiVersion: v1, kind: List, items: [", lists)) + GoodVolumeFlow + string.Concat(Enumerable.Repeat("]}", lists));

        var tooDeep = WithinGuard(() => Read(Nested(8_000), new RecordingHost()));
        var deep = WithinGuard(() => Read(Nested(4_000), new RecordingHost()));

        Assert.Contains("nests deeper than", tooDeep.ReadFailure!.Message);
        Assert.Null(deep.ReadFailure);
        Assert.Equal("good-pv", Assert.Single(deep.Volumes).Name);
    }

    [Fact]
    public void Recursing_through_symlink_loops_ends_and_reads_each_real_file_once()
    {
        Directory.CreateDirectory(Path.Combine(scratch, "sub"));
        File.WriteAllText(Path.Combine(scratch, "pv.yaml"), GoodVolume);
        File.WriteAllText(Path.Combine(scratch, "sub", "node.yaml"), "apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\n");
        File.CreateSymbolicLink(Path.Combine(scratch, "self"), ".");
        File.CreateSymbolicLink(Path.Combine(scratch, "self-again"), scratch);
        File.CreateSymbolicLink(Path.Combine(scratch, "sub", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(scratch, "pv-link.yaml"), "pv.yaml");
        var host = new RecordingHost();

        var sources = WithinGuard(() => ManifestPaths.Resolve(ClusterSourceSpec.Manifests(new[] { scratch }, recurse: true), host));
        var snapshot = ManifestLoader.Read(sources, host, CancellationToken.None);

        Assert.Equal(2, sources.Count);
        Assert.Equal(("good-pv", "node-1"), (Assert.Single(snapshot.Volumes).Name, Assert.Single(snapshot.Nodes).Name));
        Assert.DoesNotContain(host.Warnings, w => w.Contains("defined twice"));
    }

    [Fact]
    public void A_list_of_a_thousand_bad_items_reports_twenty_and_counts_the_rest()
    {
        var items = string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"{{apiVersion: v1, kind: Node, metadata: {{name: Bad_{i}}}}}"));
        var host = new RecordingHost();

        var failure = Read($"apiVersion: v1\nkind: List\nitems: [{items}]\n", host).ReadFailure;

        var summary = Assert.IsType<ManifestSetInvalidException>(failure);
        Assert.Equal(ManifestDiagnostics.ShownErrors, host.Errors.Count);
        Assert.Equal(1000, summary.ProblemCount);
        Assert.Contains("(980 more not shown)", summary.Message);
    }

    [Fact]
    public void A_dangling_symlink_is_an_input_error_for_that_file_and_the_others_are_read()
    {
        File.WriteAllText(Path.Combine(scratch, "pv.yaml"), GoodVolume);
        File.CreateSymbolicLink(Path.Combine(scratch, "gone.yaml"), "nowhere.yaml");
        var host = new RecordingHost();

        var snapshot = ManifestLoader.Read(ManifestPaths.Resolve(ClusterSourceSpec.Manifests(new[] { scratch }), host), host, CancellationToken.None);

        var error = Assert.IsType<ManifestException>(snapshot.ReadFailure);
        Assert.Equal((ErrorKind.InvalidData, "FileUnreadable"), (error.Kind, error.RuleId));
        Assert.Contains("gone.yaml: file: cannot be read: it is a symbolic link to 'nowhere.yaml'", error.Message);
        Assert.Equal("good-pv", Assert.Single(snapshot.Volumes).Name);
    }

    [Fact]
    public void A_dangling_symlink_given_as_the_path_is_an_input_error_naming_its_target()
    {
        var link = Path.Combine(scratch, "gone.yaml");
        File.CreateSymbolicLink(link, "nowhere.yaml");
        var host = new RecordingHost();

        var snapshot = ManifestLoader.Read(ManifestPaths.Resolve(ClusterSourceSpec.Manifests(new[] { link }), host), host, CancellationToken.None);

        var error = Assert.IsType<ManifestException>(snapshot.ReadFailure);
        Assert.Equal((ErrorKind.InvalidData, "FileUnreadable"), (error.Kind, error.RuleId));
        Assert.Contains("it is a symbolic link to 'nowhere.yaml', which does not exist", error.Message);
    }

    [Fact]
    public void Unknown_kinds_are_counted_in_one_warning_that_names_them()
    {
        var host = new RecordingHost();
        var text = "apiVersion: v1\nkind: node\nmetadata: {name: worker}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n";

        var snapshot = Read(text, host);

        Assert.Equal(0, snapshot.ObjectCount);
        var warning = Assert.Single(host.Warnings);
        Assert.Equal("skipped 3 objects of kinds binding does not read: Deployment (2), node (did you mean Node? kind is case-sensitive) (1)", warning);
    }

    [Theory]
    [InlineData("only NUL bytes", "\0\0\0\0", 1, 1)]
    [InlineData("a NUL after a key", "kind: Node\0", 1, 11)]
    [InlineData("a control character", "apiVersion: v1\nkind: \u0007Node\n", 2, 7)]
    public void A_file_with_nul_or_control_characters_is_an_error_at_the_character_not_an_empty_file(string name, string text, int line, int column)
    {
        var failure = Read(text, new RecordingHost()).ReadFailure;

        var error = Assert.IsType<ManifestException>(failure);
        Assert.True((line, column) == (error.Location.Line, error.Location.Column), $"{name}: {error.Message}");
        Assert.Equal("YamlSyntax", error.RuleId);
    }

    [Fact]
    public void A_control_character_many_reads_into_a_file_is_placed_at_its_line_and_column()
    {
        // 400 lines: the parser has taken the text in many blocks, and the reader 16 KiB at a time, before the character.
        var text = string.Concat(Enumerable.Repeat("# a comment line that fills the buffers before the bad character\n", 400)) + "apiVersion: v1\nkind: \u0007Node\n";

        var error = Assert.IsType<ManifestException>(Read(text, new RecordingHost()).ReadFailure);

        Assert.Equal((402, 7), (error.Location.Line, error.Location.Column));
        Assert.Contains("control character U+0007", error.Message);
    }

    [Fact]
    public void A_bad_file_leaves_out_only_its_own_objects()
    {
        var host = new RecordingHost();
        var sources = new[]
        {
            new ManifestSource("good.yaml", () => new StringReader(GoodVolume)),
            new ManifestSource("bad.yaml", () => new StringReader("apiVersion: v1\nkind: Node\nmetadata: {name: [x}\n")),
        };

        var snapshot = ManifestLoader.Read(sources, host, CancellationToken.None);

        Assert.Equal("good-pv", Assert.Single(snapshot.Volumes).Name);
        Assert.StartsWith("bad.yaml:3:", Assert.IsType<ManifestException>(snapshot.ReadFailure).Message);
    }

    [Fact]
    public async Task The_operation_plans_what_could_be_read_warns_that_it_is_partial_and_returns_the_failure()
    {
        var host = new RecordingHost();
        var claim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {storageClassName: '', accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n";
        var source = ClusterSourceSpec.Manifests(new[] { "-" }, standardInput: () => new StringReader(GoodVolume + "---\n" + claim + "---\nkind: [\n"));

        var result = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = source }, host, CancellationToken.None);

        Assert.Equal(("default/data", "good-pv"), (result.Plan.Claims.Single().Claim, result.Plan.Claims.Single().Volume));
        Assert.Equal("ManifestInvalid", result.InputFailure!.ErrorId);
        Assert.Contains(host.Warnings, w => w.StartsWith("the plan leaves out what could not be read", StringComparison.Ordinal));
    }

    [Fact]
    public void An_alias_bomb_is_refused_before_it_expands()
    {
        var bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            bomb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var failure = WithinGuard(() => Read("apiVersion: v1\nkind: List\n" + bomb + "items: [*a8]\n", new RecordingHost()).ReadFailure);

        Assert.Contains("alias bomb", Assert.IsType<ManifestException>(failure).Message);
    }

    [Fact]
    public void An_alias_inside_its_own_anchor_is_an_unknown_alias_not_a_cycle()
    {
        var failure = WithinGuard(() => Read("apiVersion: v1\nkind: List\nitems: &loop [{apiVersion: v1, kind: List, items: *loop}]\n", new RecordingHost()).ReadFailure);

        Assert.Contains("the alias *loop names no anchor defined before it", Assert.IsType<ManifestException>(failure).Message);
    }
}
