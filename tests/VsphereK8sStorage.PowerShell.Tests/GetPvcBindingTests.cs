using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.PowerShell.Tests;

/// <summary>Get-PvcBinding through PowerShell's own parameter binder and pipeline: each set, each way of binding, each bad input.</summary>
public sealed class GetPvcBindingTests : IClassFixture<ModuleSession>, IDisposable
{
    private const string CommandClass = "VsphereK8sStorage.PowerShell.Commands.GetPvcBindingCommand";
    private const string StaticExample = "static-pv-with-default-class";

    private readonly ModuleSession session;
    private readonly string scratch = Directory.CreateTempSubdirectory("vk8s-ps-").FullName;

    public GetPvcBindingTests(ModuleSession session) => this.session = session;

    public static TheoryData<string> InvalidManifests => new(
        Directory.GetFiles(Path.Combine(RepoPaths.Fixtures, "manifests", "invalid")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    /// <summary>Bad input, its error id, category and target; {examples} stands for the examples folder.</summary>
    public static TheoryData<string, string, string, ErrorCategory, string?> BadInputs => new()
    {
        { "path that matches nothing", "Get-PvcBinding -Path ./no-such-dir", "PathNotFound", ErrorCategory.ObjectNotFound, "./no-such-dir" },
        { "literal path that does not exist", "Get-PvcBinding -LiteralPath ./no-such-dir", "PathNotFound", ErrorCategory.ObjectNotFound, "{root}/no-such-dir" },
        { "node not in the input", "Get-PvcBinding -Path ./examples/local-storage -Node worker-9", "NodeNotFound", ErrorCategory.ObjectNotFound, "worker-9" },
        { "empty path", "Get-PvcBinding -Path ''", "ParameterArgumentValidationError", ErrorCategory.InvalidData, null },
        { "null path", "Get-PvcBinding -Path $null", "ParameterArgumentValidationError", ErrorCategory.InvalidData, null },
        { "empty literal path", "Get-PvcBinding -LiteralPath ''", "ParameterArgumentValidationError", ErrorCategory.InvalidData, null },
        { "empty node", "Get-PvcBinding -Path ./examples/local-storage -Node ''", "ParameterArgumentValidationError", ErrorCategory.InvalidData, null },
        { "a path and a kubeconfig", "Get-PvcBinding -Path ./examples -Kubeconfig ./no-such-kubeconfig", "PathWithCluster", ErrorCategory.InvalidArgument, null },
        { "a literal path and a context", "Get-PvcBinding -LiteralPath ./examples -Context prod", "PathWithCluster", ErrorCategory.InvalidArgument, null },
        { "a Kubernetes release older than modelled", "Get-PvcBinding -Path ./examples -KubernetesVersion 1.19", "KubernetesVersionUnsupported", ErrorCategory.InvalidArgument, "1.19" },
        { "not a Kubernetes version", "Get-PvcBinding -Path ./examples -KubernetesVersion latest", "KubernetesVersionInvalid", ErrorCategory.InvalidArgument, "latest" },
        { "empty Kubernetes version", "Get-PvcBinding -Path ./examples -KubernetesVersion ''", "ParameterArgumentValidationError", ErrorCategory.InvalidData, null },
        { "both path parameters", "Get-PvcBinding -Path ./examples -LiteralPath ./examples", "AmbiguousParameterSet", ErrorCategory.InvalidArgument, null },
        { "unknown parameter", "Get-PvcBinding -Path ./examples -Nodes worker-2", "NamedParameterNotFound", ErrorCategory.InvalidArgument, null },
        { "a switch given a value", "Get-PvcBinding -Path ./examples -Recurse:'yes'", "CannotConvertArgument", ErrorCategory.InvalidArgument, null },
        { "a StatefulSet not in the input", "Get-PvcBinding -Path ./examples/local-storage -StatefulSet web -Replicas 2", "StatefulSetNotFound", ErrorCategory.ObjectNotFound, "web" },
        { "negative replicas", "Get-PvcBinding -Path ./examples/local-storage -StatefulSet web -Replicas -1", "ReplicasInvalid", ErrorCategory.InvalidArgument, "-1" },
        { "replicas without a StatefulSet", "Get-PvcBinding -Path ./examples/local-storage -Replicas 2", "ReplicasWithoutStatefulSet", ErrorCategory.InvalidArgument, "2" },
    };

    [Fact]
    public void Path_binds_by_position_and_plans_the_folder()
    {
        var run = session.Run("Get-PvcBinding $dir", Vars(("dir", Example(StaticExample)))).AssertSucceeded();

        Assert.Equal(new[] { "default/pvc0001 Pending -", "default/pvc0001-static Bound pv0001" }, Summary(run));
    }

    [Fact]
    public void Path_expands_wildcards_and_LiteralPath_does_not()
    {
        var pattern = Path.Combine(Example(StaticExample), "*.yaml");

        var expanded = session.Run("Get-PvcBinding -Path $p", Vars(("p", pattern))).AssertSucceeded();
        var literal = session.Run("Get-PvcBinding -LiteralPath $p", Vars(("p", pattern)));

        Assert.Equal(2, expanded.Output.Count);
        literal.AssertSingleError($"PathNotFound,{CommandClass}", ErrorCategory.ObjectNotFound, pattern);
    }

    [Fact]
    public void LiteralPath_reads_names_with_wildcard_characters()
    {
        var bracketed = CopyExampleWithBracketedNames(StaticExample);

        var run = session.Run("Get-PvcBinding -LiteralPath $files", Vars(("files", Directory.GetFiles(bracketed)))).AssertSucceeded();

        Assert.Equal(2, run.Output.Count);
    }

    [Fact]
    public void Folders_from_the_pipeline_are_planned_together()
    {
        // One plan over both folders: both define default/pvc0001, and only a single plan can notice.
        var run = session.Run("Get-Item -LiteralPath $a, $b | Get-PvcBinding", Vars(("a", Example(StaticExample)), ("b", Example("vsphere-pv-pvc-walkthrough"))));

        Assert.Empty(run.AllErrors);
        Assert.Contains(run.Warnings, w => w.Message.Contains("PersistentVolumeClaim default/pvc0001 is defined twice", StringComparison.Ordinal));
        Assert.Equal(2, run.Output.Count);
    }

    [Fact]
    public void Get_ChildItem_output_binds_to_LiteralPath_through_PSPath()
    {
        // Bracketed names: only -LiteralPath (bound from PSPath by property name) can read them.
        var bracketed = CopyExampleWithBracketedNames(StaticExample);

        var run = session.Run("Get-ChildItem -LiteralPath $dir -Filter *.yaml | Get-PvcBinding", Vars(("dir", bracketed))).AssertSucceeded();

        Assert.Equal(new[] { "default/pvc0001 Pending -", "default/pvc0001-static Bound pv0001" }, Summary(run));
    }

    [Fact]
    public void Objects_with_a_Path_property_bind_by_property_name()
    {
        var run = session.Run("[pscustomobject]@{ Path = $dir } | Get-PvcBinding", Vars(("dir", Example(StaticExample)))).AssertSucceeded();

        Assert.Equal(2, run.Output.Count);
    }

    [Fact]
    public void Node_evaluates_WaitForFirstConsumer_claims_for_that_node_and_Detailed_lists_every_rejection()
    {
        var onMinikube = session.Run("Get-PvcBinding -Path $dir -Node minikube", Vars(("dir", Example("local-storage")))).AssertSucceeded();
        var onWorker = session.Run("Get-PvcBinding -Path $dir -Node worker-2 -Detailed", Vars(("dir", Example("local-storage")))).AssertSucceeded();

        Assert.Equal(new[] { "default/local-storage-claim Bound local-pv" }, Summary(onMinikube));
        var pending = Assert.Single(onWorker.Output);
        Assert.Equal("Pending", pending.Properties["Phase"].Value.ToString());
        var rejection = Assert.Single((IEnumerable<object>)pending.Properties["Rejections"].Value);
        Assert.Contains("node affinity", rejection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Node_tab_completes_the_node_names_of_the_manifests_Path_names()
    {
        var line = $"Get-PvcBinding -Path '{Example("local-storage")}' -Node ";

        var run = session.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText", Vars(("line", line))).AssertSucceeded();

        Assert.Equal(new[] { "minikube", "worker-2" }, run.Objects.Cast<string>().Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string, string[]> Completions => new()
    {
        // name, command line to complete, completions
        { "releases the plan models", "Get-PvcBinding -KubernetesVersion 1.3", new[] { "1.30", "1.31", "1.32" } },
        { "a release written with a v", "Get-PvcBinding -KubernetesVersion v1.2", new[] { "1.20", "1.21", "1.22", "1.23", "1.24", "1.25", "1.26", "1.27", "1.28", "1.29" } },
        { "the namespaces of the manifests' claims", $"Get-PvcBinding -Path '{Example("local-storage")}' -Namespace ", new[] { "default" } },
        { "no namespace for a path that reads nothing", "Get-PvcBinding -Path './no/such/dir' -Namespace ", new string[0] },
    };

    [Theory]
    [MemberData(nameof(Completions))]
    public void Tab_completes_Kubernetes_versions_and_namespaces(string name, string line, string[] expected)
    {
        var run = session.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText", Vars(("line", line))).AssertSucceeded();

        Assert.True(expected.SequenceEqual(run.Objects.Cast<string>().Order(StringComparer.Ordinal)), $"{name}: {string.Join(", ", run.Objects)}");
    }

    [Fact]
    public void Recurse_reads_subfolders_and_without_it_an_empty_folder_is_a_warning()
    {
        var flat = session.Run("Get-PvcBinding -Path $dir", Vars(("dir", RepoPaths.Examples))).AssertSucceeded();
        var recursive = session.Run("Get-PvcBinding -Path $dir -Recurse -WarningAction SilentlyContinue", Vars(("dir", RepoPaths.Examples))).AssertSucceeded();

        Assert.Empty(flat.Output);
        Assert.Contains("add -Recurse", Assert.Single(flat.Warnings).Message, StringComparison.Ordinal);
        Assert.True(recursive.Output.Count > 2, $"-Recurse planned {recursive.Output.Count} claims");
    }

    [Fact]
    public void Verbose_says_what_was_read()
    {
        var run = session.Run("Get-PvcBinding -Path $dir -Verbose", Vars(("dir", Example(StaticExample)))).AssertSucceeded();

        Assert.Contains(run.Verbose, v => v.Message.StartsWith("Read 4 documents", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_objects_are_the_type_OutputType_declares()
    {
        var run = session.Run("Get-PvcBinding -Path $dir", Vars(("dir", Example(StaticExample)))).AssertSucceeded();
        var declared = session.Run("(Get-Command Get-PvcBinding).OutputType.Name").AssertSucceeded();

        Assert.Equal(new[] { "VsphereK8sStorage.Binding.PvcBinding" }, declared.Objects);
        Assert.All(run.Output, o => Assert.Equal("VsphereK8sStorage.Binding.PvcBinding", o.TypeNames[0]));
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_one_error_record_with_a_specific_id_category_and_target(string name, string script, string errorId, ErrorCategory category, string? target)
    {
        var run = RunAtRoot(script);

        var error = run.AssertSingleError($"{errorId},{CommandClass}", category, target?.Replace("{root}", RepoPaths.Root, StringComparison.Ordinal));
        Assert.Empty(run.Output);
        Assert.False(string.IsNullOrWhiteSpace(error.Exception.Message), name);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void ErrorAction_Stop_makes_every_bad_input_terminating(string name, string script, string errorId, ErrorCategory category, string? target)
    {
        var caught = Caught(RunAtRoot(TryCatch(script + " -ErrorAction Stop")), name);

        Assert.Equal($"{errorId},{CommandClass}", caught.FullyQualifiedErrorId);
        Assert.Equal(category, caught.CategoryInfo.Category);
        Assert.Equal(target?.Replace("{root}", RepoPaths.Root, StringComparison.Ordinal), caught.TargetObject);
    }

    [Fact]
    public void A_path_that_matches_nothing_is_not_terminating_and_the_other_paths_are_planned()
    {
        var vars = Vars(("missing", "./no-such-dir"), ("dir", Example(StaticExample)));

        var run = session.Run(TryCatch("Get-PvcBinding -Path $missing, $dir"), vars);
        var stopped = session.Run(TryCatch("Get-PvcBinding -Path $missing, $dir -ErrorAction Stop"), vars);

        run.AssertSingleError($"PathNotFound,{CommandClass}", ErrorCategory.ObjectNotFound, "./no-such-dir");
        Assert.Equal(new object[] { "PvcBinding", "PvcBinding", "not caught" }, run.Objects.Select(o => o is string ? o : o.GetType().Name));
        Assert.Equal($"PathNotFound,{CommandClass}", Caught(stopped, "-ErrorAction Stop").FullyQualifiedErrorId);
    }

    [Fact]
    public void A_wildcard_that_matches_nothing_is_silent_as_in_Get_Item()
    {
        var run = RunAtRoot("Get-PvcBinding -Path ./no-such-*.yaml; Get-Item ./no-such-*.yaml").AssertSucceeded();

        Assert.Empty(run.Output);
    }

    [Theory]
    [MemberData(nameof(InvalidManifests))]
    public void A_malformed_manifest_is_one_ManifestInvalid_error_naming_the_file_and_nothing_is_planned(string file)
    {
        var path = Path.Combine(RepoPaths.Fixtures, "manifests", "invalid", file);

        var run = session.Run("Get-PvcBinding -LiteralPath $file", Vars(("file", path)));
        var stopped = session.Run(TryCatch("Get-PvcBinding -LiteralPath $file -ErrorAction Stop"), Vars(("file", path)));

        var error = run.AssertSingleError($"ManifestInvalid,{CommandClass}", ErrorCategory.InvalidData, path);
        Assert.StartsWith(path + ":", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Equal($"ManifestInvalid,{CommandClass}", Caught(stopped, file).FullyQualifiedErrorId);
    }

    [Fact]
    public void Several_malformed_manifests_are_each_reported_then_one_terminating_summary_targeting_every_file_read()
    {
        var invalid = Path.Combine(RepoPaths.Fixtures, "manifests", "invalid");
        var bad = new[] { "access-mode-typo.yaml", "bad-quantity.yaml" }.Select(f => Path.Combine(invalid, f)).ToArray();
        // A good file (a volume, no claims: nothing to output) is part of the input the summary is about.
        var files = bad.Append(Path.Combine(Example(StaticExample), "pv0001.yaml")).ToArray();

        var run = session.Run("Get-PvcBinding -LiteralPath $files", Vars(("files", files)));

        Assert.Equal(bad, run.Errors.Take(2).Select(e => e.TargetObject));
        Assert.All(run.Errors.Take(2), e => Assert.Equal($"ManifestInvalid,{CommandClass}", e.FullyQualifiedErrorId));
        var summary = run.AllErrors[^1];
        Assert.Equal($"ManifestSetInvalid,{CommandClass}", summary.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, summary.CategoryInfo.Category);
        Assert.Equal(files, Assert.IsAssignableFrom<IEnumerable<string>>(summary.TargetObject));
        Assert.Empty(run.Output);
    }

    // Every property a user sees (Get-Member, Select-Object *, ConvertTo-Json) is documented: new ones cannot go
    // unmentioned, and plumbing that is not meant for users (the CLI's detail block) cannot surface as a property.
    [Fact]
    public void Get_Help_names_every_property_of_the_output_objects()
    {
        var properties = session.Run("(Get-PvcBinding -Path $dir)[0].PSObject.Properties.Name", Vars(("dir", Example(StaticExample))))
            .AssertSucceeded().Objects.Cast<string>().ToList();
        // The text itself: Get-Help's rendering wraps words at its own width whatever Out-String is given.
        var outputs = session.Run("@((Get-Help Get-PvcBinding -Full).returnValues.returnValue.description.Text) -join ' '").AssertSucceeded().Text;

        Assert.NotEmpty(properties);
        var missing = properties.Where(p => !System.Text.RegularExpressions.Regex.IsMatch(outputs, $@"\b{p}\b")).ToList();
        Assert.True(missing.Count == 0, "Get-Help's OUTPUTS does not name " + string.Join(", ", missing));
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private static string Example(string name) => Path.Combine(RepoPaths.Examples, name);

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    // "namespace/name Phase volume" per claim, sorted: what a plan decided, independent of output order.
    private static string[] Summary(PowerShellRun run) =>
        run.Output.Select(o => $"{o.Properties["Claim"].Value} {o.Properties["Phase"].Value} {o.Properties["Volume"].Value ?? "-"}").Order(StringComparer.Ordinal).ToArray();

    // Runs a command in try/catch: the output ends with the caught ErrorRecord, or with 'not caught'.
    private static string TryCatch(string command) => "try { " + command + "; 'not caught' } catch { $_ }";

    private static ErrorRecord Caught(PowerShellRun run, string what)
    {
        var last = run.Output.Count > 0 ? run.Output[^1].BaseObject : null;
        return last as ErrorRecord ?? throw new Xunit.Sdk.XunitException($"{what}: nothing was caught; the run ended with '{last}' ({run.Describe()})");
    }

    private PowerShellRun RunAtRoot(string script) =>
        session.Run("Push-Location -LiteralPath $root; try { " + script + " } finally { Pop-Location }", Vars(("root", RepoPaths.Root)));

    private string CopyExampleWithBracketedNames(string example)
    {
        var target = Directory.CreateDirectory(Path.Combine(scratch, "[" + example + "]")).FullName;
        foreach (var file in Directory.GetFiles(Example(example)))
        {
            File.Copy(file, Path.Combine(target, "[" + Path.GetFileNameWithoutExtension(file) + "]" + Path.GetExtension(file)));
        }

        return target;
    }

    [Fact]
    public void StatefulSet_adds_its_replicas_claims_from_piped_text_marked_Preview()
    {
        const string text = """
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: pv-a}
            spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], storageClassName: manual, hostPath: {path: /a}}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}
              volumeClaimTemplates:
              - metadata: {name: data}
                spec: {accessModes: [ReadWriteOnce], storageClassName: manual, resources: {requests: {storage: 1Gi}}}
            """;

        var run = session.Run("$text | Get-PvcBinding -StatefulSet web -Replicas 2", Vars(("text", text))).AssertSucceeded();

        Assert.Equal(new[] { "shop/data-web-0 Bound pv-a", "shop/data-web-1 Pending -" }, Summary(run).Order(StringComparer.Ordinal));
        Assert.All(run.Output, o => Assert.Equal(true, o.Properties["Preview"].Value));
    }
}
