using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using VsphereK8sStorage.PowerShell.Tests.Kubernetes;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using VsphereK8sStorage.TestSupport;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests;

/// <summary>
/// Manifests piped into Get-PvcBinding: text (Get-Content's lines, kubectl's output, whole documents) is read as
/// one stream and objects (ConvertFrom-Json) as one manifest each, giving the plan the same files give.
/// </summary>
public sealed class PipedManifestTests : IClassFixture<ModuleSession>, IDisposable
{
    private const string CommandClass = "VsphereK8sStorage.PowerShell.Commands.GetPvcBindingCommand";

    private readonly ModuleSession session;
    private readonly string scratch = Directory.CreateTempSubdirectory("vk8s-piped-").FullName;

    public PipedManifestTests(ModuleSession session) => this.session = session;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    public static TheoryData<string> Examples => new("static-pv-with-default-class", "local-storage", "hostpath-dir", "vsphere-pv-pvc-walkthrough", "raw-block");

    /// <summary>Ways of piping a file; $file is the manifest file.</summary>
    public static TheoryData<string, string> Pipings => new()
    {
        { "Get-Content's lines", "Get-Content -LiteralPath $file | Get-PvcBinding" },
        { "Get-Content -Raw, one string", "Get-Content -Raw -LiteralPath $file | Get-PvcBinding" },
        { "the lines with Windows line ends", "(Get-Content -Raw -LiteralPath $file) -replace \"`n\", \"`r`n\" | Get-PvcBinding" },
        { "the file object", "Get-Item -LiteralPath $file | Get-PvcBinding" },
        { "the resolved path", "Resolve-Path -LiteralPath $file | Get-PvcBinding" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Piping_a_multi_document_file_gives_the_plan_of_the_file(string example)
    {
        var file = OneFile(example);
        var expected = Plan(session.Run("Get-PvcBinding -LiteralPath $file", Vars(("file", file))).AssertSucceeded());

        foreach (var (name, script) in Pipings.Select(row => ((string)row[0], (string)row[1])))
        {
            var run = session.Run(script, Vars(("file", file)));
            Assert.True(run.AllErrors.Count == 0, $"{example}, {name}: {run.Describe()}");
            Assert.True(expected.SequenceEqual(Plan(run)), $"{example}, {name}: {string.Join(" | ", Plan(run))} instead of {string.Join(" | ", expected)}");
        }
    }

    [Fact]
    public void Get_Content_lines_are_text_even_with_their_PSPath_so_only_the_lines_piped_are_read()
    {
        // The last document (the default StorageClass) is left out: pvc0001 no longer gets the default class and binds pv0001.
        var file = OneFile("static-pv-with-default-class");
        var lines = File.ReadAllLines(file);
        var beforeLast = Array.LastIndexOf(lines, "---");
        var whole = Plan(session.Run("Get-PvcBinding -LiteralPath $file", Vars(("file", file))).AssertSucceeded());

        var run = session.Run("Get-Content -LiteralPath $file | Select-Object -First $n | Get-PvcBinding", Vars(("file", file), ("n", beforeLast)));

        Assert.Empty(run.AllErrors);
        Assert.Contains("default/pvc0001 Pending - ExternalProvisioning", whole);
        Assert.Contains("default/pvc0001 Bound pv0001 BestMatch", Plan(run));
    }

    [Theory]
    [InlineData("PSCustomObjects", "Get-Content -Raw -LiteralPath $file | ConvertFrom-Json | Get-PvcBinding")]
    [InlineData("PSCustomObjects, timestamps kept as text", "Get-Content -Raw -LiteralPath $file | ConvertFrom-Json -DateKind String | Get-PvcBinding")]
    [InlineData("hashtables", "Get-Content -Raw -LiteralPath $file | ConvertFrom-Json -AsHashtable | Get-PvcBinding")]
    [InlineData("each item of the List", "(Get-Content -Raw -LiteralPath $file | ConvertFrom-Json).items | Get-PvcBinding")]
    public void Objects_from_ConvertFrom_Json_give_the_plan_of_the_json_file(string name, string script)
    {
        var file = Path.Combine(RepoPaths.Fixtures, "manifests", "valid", "list-and-json.json");
        var expected = Plan(session.Run("Get-PvcBinding -LiteralPath $file", Vars(("file", file))).AssertSucceeded());

        var run = session.Run(script, Vars(("file", file)));

        Assert.True(run.AllErrors.Count == 0, $"{name}: {run.Describe()}");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Plan(run));
    }

    [Fact]
    public void Piped_text_and_a_path_are_planned_together_and_a_claim_defined_in_both_is_said_twice()
    {
        var dir = Path.Combine(RepoPaths.Examples, "static-pv-with-default-class");

        var both = session.Run("@(Get-Item -LiteralPath $dir) + @(Get-Content -LiteralPath (Join-Path $dir claims.yaml)) | Get-PvcBinding", Vars(("dir", dir)));

        Assert.Empty(both.AllErrors);
        Assert.Contains(both.Warnings, w => w.Message.Contains("PersistentVolumeClaim default/pvc0001 is defined twice", StringComparison.Ordinal));
        Assert.Equal(2, both.Output.Count);
    }

    /// <summary>Hostile or unusable piped input: one error, naming the pipeline, short, and no exception type.</summary>
    public static TheoryData<string, string, string, ErrorCategory, string> BadPipedInput => new()
    {
        { "binary text", "[string]::new([char[]](0..255)) | Get-PvcBinding", "ManifestInvalid", ErrorCategory.InvalidData, "<pipeline>:1:1: " },
        { "ten megabytes on one line", "('x' * 10MB) | Get-PvcBinding", "ManifestInvalid", ErrorCategory.InvalidData, "<pipeline>:1:1: " },
        { "a YAML syntax error on the third line", "'apiVersion: v1', 'kind: PersistentVolume', 'metadata: {name: [x'  | Get-PvcBinding", "ManifestInvalid", ErrorCategory.InvalidData, "<pipeline>:" },
        { "a script block", "{ 'not data' } | Get-PvcBinding", "PipedObjectUnsupported", ErrorCategory.InvalidData, "<pipeline object 1> is a ScriptBlock" },
        { "a script block inside a manifest", "@{ apiVersion = 'v1'; kind = 'PersistentVolume'; spec = { 1 } } | Get-PvcBinding", "PipedObjectUnsupported", ErrorCategory.InvalidData, "<pipeline object 1> holds a ScriptBlock" },
        { "an object that holds itself", "$o = [pscustomobject]@{ apiVersion = 'v1'; kind = 'List'; items = [Collections.ArrayList]::new() }; [void]$o.items.Add($o); $o | Get-PvcBinding", "PipedObjectUnsupported", ErrorCategory.InvalidData, "<pipeline object 1> nests deeper than" },
        { "a path string", "'./examples' | Get-PvcBinding", "ManifestInvalid", ErrorCategory.InvalidData, "<pipeline>:1:1: " },
    };

    [Theory]
    [MemberData(nameof(BadPipedInput))]
    public void Bad_piped_input_is_one_short_error_naming_the_pipeline(string name, string script, string errorId, ErrorCategory category, string messageStart)
    {
        var run = session.Run(script, Vars());

        var error = Assert.Single(run.AllErrors);
        Assert.True(error.FullyQualifiedErrorId == $"{errorId},{CommandClass}", $"{name}: {error.FullyQualifiedErrorId}: {error}");
        Assert.Equal(category, error.CategoryInfo.Category);
        var message = error.ToString();
        Assert.True(message.StartsWith(messageStart, StringComparison.Ordinal), $"{name}: {message}");
        Assert.True(message.Length < 600, $"{name}: {message.Length} characters");
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Kubectl_get_yaml_and_json_piped_in_give_the_plan_of_the_cluster_and_of_its_saved_output()
    {
        KubePeer.Require();
        var ns = KubePeer.UniqueName("piped");
        var variables = KubePeer.Variables(("ns", ns), ("pv", KubePeer.UniqueName("pv-piped")), ("static", KubePeer.UniqueName("static")), ("sc", KubePeer.UniqueName("sc-piped")), ("saved", Path.Combine(scratch, "cluster.yaml")));
        Assert.Equal(0, KubePeer.Kubectl(null, "create", "namespace", ns).Exit);
        try
        {
            session.Run(
                "New-K8sStorageClass -Kubeconfig $kubeconfig -Name $sc | Out-Null; "
                + "New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $pv -Capacity 2Gi -VolumePath '[datastore1] volumes/piped' -StorageClassName $static | Out-Null; "
                + "New-K8sPersistentVolumeClaim -Kubeconfig $kubeconfig -Name bound -Namespace $ns -Capacity 2Gi -StorageClassName $static -Wait | Out-Null; "
                + "New-K8sPersistentVolumeClaim -Kubeconfig $kubeconfig -Name waiting -Namespace $ns -Capacity 5Gi -StorageClassName $sc | Out-Null",
                variables).AssertSucceeded();

            var live = session.Run("Get-PvcBinding -Kubeconfig $kubeconfig -Namespace $ns -WarningAction SilentlyContinue", variables).AssertSucceeded();
            var yaml = session.Run("& $kubectl --kubeconfig $kubeconfig get pv,pvc,sc -A -o yaml | Get-PvcBinding -Namespace $ns -KubernetesVersion 1.20 -WarningAction SilentlyContinue", variables);
            var json = session.Run("& $kubectl --kubeconfig $kubeconfig get pv,pvc,sc -A -o json | Get-PvcBinding -Namespace $ns -KubernetesVersion 1.20 -WarningAction SilentlyContinue", variables);
            var objects = session.Run("& $kubectl --kubeconfig $kubeconfig get pv,pvc,sc -A -o json | ConvertFrom-Json | Get-PvcBinding -Namespace $ns -KubernetesVersion 1.20 -WarningAction SilentlyContinue", variables);
            var saved = session.Run("& $kubectl --kubeconfig $kubeconfig get pv,pvc,sc -A -o yaml | Set-Content -LiteralPath $saved; Get-PvcBinding -LiteralPath $saved -Namespace $ns -KubernetesVersion 1.20 -WarningAction SilentlyContinue", variables);

            var expected = Plan(live);
            Assert.Equal(new[] { $"{ns}/bound Bound {variables["pv"]} Bound", $"{ns}/waiting Pending - ExternalProvisioning" }, expected);
            foreach (var (name, run) in new[] { ("yaml", yaml), ("json", json), ("ConvertFrom-Json", objects), ("saved file", saved) })
            {
                Assert.True(run.AllErrors.Count == 0, $"{name}: {run.Describe()}");
                Assert.True(expected.SequenceEqual(Plan(run)), $"{name}: {string.Join(" | ", Plan(run))}");
            }
        }
        finally
        {
            KubePeer.Kubectl(null, "delete", "namespace", ns, "--wait=false");
            KubePeer.Kubectl(null, "delete", "pv", (string)variables["pv"]!, "--wait=false");
            KubePeer.Kubectl(null, "delete", "storageclass", (string)variables["sc"]!, "--wait=false");
        }
    }

    // The example's files as one multi-document file, as kubectl writes several objects.
    private string OneFile(string example)
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Examples, example), "*.yaml").Order(StringComparer.Ordinal);
        var path = Path.Combine(scratch, example + ".yaml");
        File.WriteAllText(path, string.Join("---\n", files.Select(f => File.ReadAllText(f).TrimEnd('\n') + "\n")));
        return path;
    }

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    // "namespace/name Phase volume ReasonCode" per claim, sorted.
    private static string[] Plan(PowerShellRun run) =>
        run.Output.Select(o => $"{o.Properties["Claim"].Value} {o.Properties["Phase"].Value} {o.Properties["Volume"].Value ?? "-"} {o.Properties["ReasonCode"].Value}").Order(StringComparer.Ordinal).ToArray();
}
