using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests;

/// <summary>vk8s as a user and a shell script see it: what goes to stdout, what to stderr, and the exit code.</summary>
public sealed class CliTests
{
    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "manifests", name);

    private static Task<(int Exit, string Out, string Err)> RunWithInput(string stdin, params string[] args) => Vk8s.RunAsync(stdin, args);

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => RunWithInput(string.Empty, args);

    public static TheoryData<string, string[], string> MistypedCommands => new()
    {
        // name, command line, the error line
        { "a command missing its last letter", new[] { "get-pvc-bindin", "--path", "x" }, "vk8s: error: unknown command 'get-pvc-bindin'; did you mean 'vk8s get-pvc-binding'? Run 'vk8s --help' for usage." },
        { "two letters swapped", new[] { "enalbe-disk-uuid" }, "vk8s: error: unknown command 'enalbe-disk-uuid'; did you mean 'vk8s enable-disk-uuid'? Run 'vk8s --help' for usage." },
        { "the cmdlet's name", new[] { "Get-VsphereVm" }, "vk8s: error: unknown command 'Get-VsphereVm'; did you mean 'vk8s get-vsphere-vm'? Run 'vk8s --help' for usage." },
        { "nothing like any command", new[] { "foo" }, "vk8s: error: unknown command 'foo'. Run 'vk8s --help' for usage." },
        { "after a global option", new[] { "-o", "json", "foo" }, "vk8s: error: unknown command 'foo'. Run 'vk8s --help' for usage." },
    };

    [Theory]
    [MemberData(nameof(MistypedCommands))]
    public async Task A_mistyped_command_is_unknown_and_the_nearest_command_is_suggested(string name, string[] args, string expected)
    {
        var (exit, output, error) = await Run(args);

        Assert.True(exit == 2, $"{name}: exit {exit}");
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task No_command_at_all_still_says_a_command_is_required()
    {
        var (exit, _, error) = await Run();

        Assert.Equal(2, exit);
        Assert.Contains("Required command was not provided", error);
    }

    [Fact]
    public async Task Plans_an_example_as_a_kubectl_style_table_on_stdout()
    {
        var (exit, output, error) = await Run("get-pvc-binding", "--path", Example("static-pv-with-default-class"));

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("NAMESPACE   NAME             STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   REASON", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("default     pvc0001          Pending ") && l.Contains("waiting for provisioner csi.vsphere.vmware.com"));
        Assert.Contains(lines, l => l.StartsWith("default     pvc0001-static   Bound     pv0001   2Gi"));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public async Task Structured_output_carries_camelCase_fields(string format)
    {
        var (exit, output, _) = await Run("get-pvc-binding", "--path", Example("vsphere-pv-pvc-walkthrough"), "-o", format);

        Assert.Equal(0, exit);
        if (format == "json")
        {
            using var json = JsonDocument.Parse(output);
            var claim = Assert.Single(json.RootElement.EnumerateArray().ToList());
            Assert.Equal("default/pvc0001", claim.GetProperty("claim").GetString());
            Assert.Equal("Bound", claim.GetProperty("phase").GetString());
            Assert.Equal("pv0001", claim.GetProperty("volume").GetString());
        }
        else
        {
            Assert.Contains("- claim: default/pvc0001", output);
            Assert.Contains("phase: Bound", output);
            Assert.Contains("volume: pv0001", output);
        }
    }

    [Fact]
    public async Task Node_option_evaluates_wait_for_first_consumer_claims_there()
    {
        var (exit, output, _) = await Run("get-pvc-binding", "--path", Example("local-storage"), "--node", "minikube");

        Assert.Equal(0, exit);
        Assert.Contains("local-storage-claim   Bound    local-pv", output);
    }

    [Fact]
    public async Task Detailed_lists_rejected_volumes_under_the_table()
    {
        var (exit, output, _) = await Run("get-pvc-binding", "--path", Example("local-storage"), "--node", "worker-2", "--detailed");

        Assert.Equal(0, exit);
        Assert.Contains("default/local-storage-claim (Pending) did not get:", output);
        Assert.Contains("  local-pv: node affinity (kubernetes.io/hostname=minikube) excludes node worker-2", output);
    }

    [Fact]
    public async Task Standard_input_is_read_for_path_dash()
    {
        var yaml = File.ReadAllText(Path.Combine(Example("vsphere-pv-pvc-walkthrough"), "vsphere-volume-pv.yaml"))
            + "\n---\n" + File.ReadAllText(Path.Combine(Example("vsphere-pv-pvc-walkthrough"), "vsphere-volume-pvc.yaml"));

        var (exit, output, _) = await RunWithInput(yaml, "get-pvc-binding", "--path", "-");

        Assert.Equal(0, exit);
        Assert.Contains("pvc0001   Bound    pv0001", output);
    }

    [Fact]
    public async Task A_malformed_manifest_is_one_line_naming_file_line_field_and_fix_and_exit_code_2()
    {
        var path = Fixture(Path.Combine("invalid", "access-mode-typo.yaml"));
        var (exit, output, error) = await Run("get-pvc-binding", "--path", path);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var lines = error.TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.Equal($"vk8s: error: {path}:11:7: document 1 (PersistentVolume dir-pv): spec.accessModes: Unsupported value: \"ReadWriteOMany\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"; did you mean \"ReadWriteMany\"?", lines[0]);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Several_malformed_documents_are_a_line_each_then_one_summary()
    {
        const string manifests = """
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: Bad_Name}
            spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /x}}
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: c, namespace: default}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5GB}}}
            """;
        var (exit, output, error) = await RunWithInput(manifests, "get-pvc-binding", "--path", "-");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var lines = error.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("vk8s: error: <stdin>:3:18: document 1 (PersistentVolume Bad_Name): metadata.name", lines[0]);
        Assert.StartsWith("vk8s: error: <stdin>:9:70: document 2 (PersistentVolumeClaim c): spec.resources.requests[storage]: '5GB'", lines[1]);
        Assert.StartsWith("vk8s: error: 2 problems with manifest documents in the input; the objects they are in were left out of the plan", lines[2]);
    }

    [Theory]
    [InlineData("missing path", "Cannot find path '/nowhere/at-all.yaml'", "get-pvc-binding", "--path", "/nowhere/at-all.yaml")]
    [InlineData("unknown output format", "--output 'xml' is not a format vk8s knows; use table, json or yaml.", "get-pvc-binding", "--path", ".", "-o", "xml")]
    [InlineData("path and a kubeconfig, neither read", "--path reads manifests offline and --kubeconfig/--context read a cluster: give one or the other.", "get-pvc-binding", "--path", "/nowhere/at-all.yaml", "--kubeconfig", "/nowhere/kubeconfig")]
    [InlineData("path and a cluster both", "--path reads manifests offline", "get-pvc-binding", "--path", ".", "--context", "prod")]
    [InlineData("no such kubeconfig", "no such kubeconfig file", "get-pvc-binding", "--kubeconfig", "/nowhere/kubeconfig")]
    [InlineData("Kubernetes release older than modelled", "Kubernetes 1.19 is older than the releases the plan models (1.20 to 1.32)", "get-pvc-binding", "--path", "/nowhere/at-all.yaml", "--kubernetes-version", "1.19")]
    [InlineData("not a Kubernetes version", "'latest' is not a Kubernetes version", "get-pvc-binding", "--path", ".", "--kubernetes-version", "latest")]
    [InlineData("unknown option", "Unrecognized command or argument '--colour'", "get-pvc-binding", "--colour", "--path", ".")]
    [InlineData("no subcommand", "Required command was not provided.")]
    public async Task Bad_command_lines_get_one_line_and_exit_code_2(string name, string message, params string[] args)
    {
        var (exit, output, error) = await Run(args);

        Assert.True(exit == 2, $"{name}: exit {exit}");
        Assert.Equal(string.Empty, output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(message, error);
        Assert.StartsWith("vk8s: error: ", error);
    }

    [Fact]
    public async Task A_node_that_is_not_in_the_input_is_named()
    {
        var (exit, _, error) = await Run("get-pvc-binding", "--path", Example("local-storage"), "--node", "ghost");

        Assert.Equal(2, exit);
        Assert.StartsWith("vk8s: error: Node 'ghost' is not in the input. Add its Node object (kubectl get node ghost -o yaml)", error);
    }

    [Fact]
    public async Task Debug_adds_the_stack_trace()
    {
        var (exit, _, error) = await Run("get-pvc-binding", "--path", Example("local-storage"), "--node", "ghost", "--debug");

        Assert.Equal(2, exit);
        Assert.Contains("   at VsphereK8sStorage.", error);
    }

    [Fact]
    public async Task Warnings_go_to_stderr_and_leave_stdout_parseable()
    {
        var yaml = "apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: a}\n";
        var (exit, output, error) = await RunWithInput(yaml, "get-pvc-binding", "--path", "-", "-o", "json");

        Assert.Equal(0, exit);
        Assert.Equal("[]", output.Trim());
        Assert.StartsWith("vk8s: warning: Node a is defined twice", error);
    }

    [Fact]
    public async Task Help_lists_every_subcommand_and_the_exit_codes()
    {
        var (exit, output, _) = await Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("get-pvc-binding", output);
        Assert.Contains(ExitCodes.Help, output);
        Assert.Contains("3 stopped part-way by a failure", output);
    }

    /// <summary>The shipped entry point, as a separate process: the exit code reaches the shell.</summary>
    [Fact]
    public void The_vk8s_program_exits_with_the_documented_codes()
    {
        (int, string) Start(params string[] args)
        {
            using var process = Process.Start(Vk8s.StartInfo(args))!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout);
        }

        var (ok, stdout) = Start("get-pvc-binding", "--path", Example("raw-block"), "-o", "json");
        var (bad, _) = Start("get-pvc-binding", "--path", Fixture(Path.Combine("invalid", "bad-quantity.yaml")));

        Assert.Equal(0, ok);
        Assert.Equal(2, JsonDocument.Parse(stdout).RootElement.GetArrayLength());
        Assert.Equal(2, bad);
    }

    /// <summary>
    /// Issue 11 §2: 30,000 nested brackets used to overflow the stack (exit 134 and thousands of
    /// frames). As a separate process, so that a regression fails this test instead of the test run.
    /// </summary>
    [Fact]
    public void Thirty_thousand_nested_brackets_exit_2_with_one_line_instead_of_crashing()
    {
        using var process = Process.Start(Vk8s.StartInfo("get-pvc-binding", "--path", "-"))!;
        process.StandardInput.Write(new string('[', 30_000));
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "vk8s hangs");

        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("vk8s: error: <stdin>:1:", line);
        Assert.Contains("nests deeper than 10000 levels", line);
    }

    private const string StatefulSetInput = """
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv-a}
        spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], storageClassName: manual, hostPath: {path: /a}}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], storageClassName: manual, resources: {requests: {storage: 1Gi}}}

        """;

    [Fact]
    public async Task Statefulset_and_replicas_preview_the_claims_marked_preview_in_json()
    {
        var (exit, output, error) = await RunWithInput(StatefulSetInput, "get-pvc-binding", "--path", "-", "--statefulset", "web", "--replicas", "2", "-o", "json");

        Assert.Equal((0, string.Empty), (exit, error));
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var claims = json.RootElement.EnumerateArray().Select(c => (c.GetProperty("claim").GetString()!, c.GetProperty("preview").GetBoolean(), c.GetProperty("volume").ValueKind == System.Text.Json.JsonValueKind.Null ? null : c.GetProperty("volume").GetString())).ToList();
        Assert.Equal(new[] { ("default/data-web-0", true, (string?)"pv-a"), ("default/data-web-1", true, null) }, claims.OrderBy(c => c.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_negative_replicas_is_one_error_naming_the_option()
    {
        var (exit, output, error) = await RunWithInput(StatefulSetInput, "get-pvc-binding", "--path", "-", "--statefulset", "web", "--replicas", "-1");

        Assert.NotEqual(0, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--replicas", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
