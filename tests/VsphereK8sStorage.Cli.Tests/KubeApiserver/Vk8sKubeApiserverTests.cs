using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Cli.Tests.KubeApiserver;

/// <summary>
/// vk8s's Kubernetes commands as a shell sees them, against the real API server (kube-apiserver, etcd and
/// kube-controller-manager): stdout, stderr and exit codes. Each run is vk8s as <see cref="Vk8s"/> runs it (in this
/// process, or the published binary); a child process of its own where the environment ($KUBECONFIG, $HOME, a pod's
/// service account) is what is tested.
/// </summary>
[Collection(KubeCollection.Name)]
[Trait("Peer", "kube-apiserver")]
public sealed class Vk8sKubeApiserverTests
{
    private readonly KubeControlPlane cluster;

    public Vk8sKubeApiserverTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task New_persistent_volume_prints_a_kubectl_like_row_and_a_re_run_is_Unchanged()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "cli-pv");
        var name = scratch.Name("pv");
        scratch.Owns(Resources.PersistentVolume, name);
        var args = new[] { "new-k8s-persistent-volume", "--kubeconfig", cluster.AdminKubeconfig, "--name", name, "--capacity", "2Gi", "--access-mode", "ReadWriteOnce", "--reclaim-policy", "Retain", "--volume-path", "[datastore1] volumes/myDisk", "--fs-type", "ext4", "--storage-class-name", scratch.Name("none") };

        var first = await Run(args);
        await scratch.WaitAvailableAsync(name);
        var second = await Run(args);

        Assert.Equal((0, string.Empty), (first.Exit, first.Err));
        var lines = first.Out.TrimEnd().Split('\n');
        Assert.Matches("^NAME +CAPACITY +ACCESS MODES +RECLAIM POLICY +STATUS +CLAIM +STORAGECLASS +SOURCE +RESULT$", lines[0]);
        Assert.Matches($"^{name} +2Gi +RWO +Retain +(Pending|Available) +{scratch.Name("none")} +vsphereVolume \\[datastore1\\] volumes/myDisk +Created$", lines[1]);
        Assert.Equal(0, second.Exit);
        Assert.EndsWith("Unchanged", second.Out.TrimEnd());
    }

    [SkippableFact]
    public async Task Output_yaml_prints_the_object_the_server_stored()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "cli-yaml");

        var (exit, output, _) = await Run("new-k8s-persistent-volume-claim", "--kubeconfig", cluster.AdminKubeconfig, "--name", "pvc0001", "--namespace", scratch.Namespace, "--capacity", "2Gi", "--storage-class-name", "", "-o", "yaml");

        Assert.Equal(0, exit);
        Assert.StartsWith("---\napiVersion: v1\nkind: PersistentVolumeClaim\n", output);
        Assert.Contains($"namespace: {scratch.Namespace}", output);
        Assert.Contains("uid: ", output); // the server's object, not the input
        Assert.Contains("storageClassName: \"\"", output);
        Assert.DoesNotContain("managedFields", output);
    }

    [SkippableFact]
    public async Task Offline_prints_yaml_without_reading_any_kubeconfig()
    {
        cluster.Require();

        var (exit, output, error) = await Run("new-k8s-storage-class", "--name", "vsphere-sc", "--storage-policy-name", "vSAN Default Storage Policy", "--default", "--offline", "--kubeconfig", "/nonexistent/kubeconfig");

        Assert.Equal((0, string.Empty), (exit, error));
        Assert.Equal(File.ReadAllText(Golden("sc-vsphere-csi-default")), output);
    }

    [SkippableFact]
    public async Task Bad_input_is_one_line_on_stderr_and_exit_code_2_before_any_request()
    {
        cluster.Require();

        var (exit, output, error) = await Run("new-k8s-persistent-volume", "--kubeconfig", "/nonexistent/kubeconfig", "--name", "pv", "--capacity", "5GB", "--volume-path", "[ds] a.vmdk");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("vk8s: error: Invalid capacity '5GB'", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [SkippableFact]
    public async Task A_wrong_token_is_exit_code_1_with_the_reason()
    {
        cluster.Require();
        var file = cluster.WriteKubeconfig(Path.Combine(cluster.Directory, "cli-wrong.kubeconfig"), $"certificate-authority: {cluster.CaFile}", "token: not-a-token-x9");

        var (exit, _, error) = await Run("add-k8s-node-taint", "--kubeconfig", file, "--node", "*", "--key", "k", "--effect", "NoSchedule");

        Assert.Equal(1, exit);
        Assert.Contains("(401 Unauthorized)", error);
        Assert.DoesNotContain("not-a-token-x9", error);
    }

    [SkippableFact]
    public async Task Taints_print_one_row_per_node_and_a_missing_node_makes_exit_code_2()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "cli-taint");
        var node = scratch.Name("node");
        await scratch.Client.CoreV1.CreateNodeAsync(new k8s.Models.V1Node { Metadata = new k8s.Models.V1ObjectMeta { Name = node } });
        scratch.Owns(Resources.Node, node);

        var added = await Run("add-k8s-node-taint", "--kubeconfig", cluster.AdminKubeconfig, "--node", node, scratch.Name("ghost"), "--key", "node.cloudprovider.kubernetes.io/uninitialized", "--value", "true", "--effect", "NoSchedule", "-o", "json");

        Assert.Equal(2, added.Exit);
        Assert.Contains($"vk8s: error: Node '{scratch.Name("ghost")}' does not exist", added.Err);
        using var json = JsonDocument.Parse(added.Out);
        var row = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal(node, row.GetProperty("node").GetString());
        Assert.Equal("Added", row.GetProperty("outcome").GetString());
    }

    [SkippableFact]
    public async Task KUBECONFIG_with_several_files_is_merged_as_kubectl_merges_it()
    {
        cluster.Require();
        var dir = Path.Combine(cluster.Directory, "merged");
        Directory.CreateDirectory(dir);
        var clusterFile = Path.Combine(dir, "cluster.yaml");
        var userFile = Path.Combine(dir, "user.yaml");
        File.WriteAllText(clusterFile, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: lab
              cluster:
                server: {cluster.Server}
                certificate-authority: ../ca.crt
            contexts:
            - name: lab
              context: {"{"}cluster: lab, user: admin{"}"}
            current-context: lab
            """);
        File.WriteAllText(userFile, $"""
            apiVersion: v1
            kind: Config
            users:
            - name: admin
              user:
                token: {KubeControlPlane.AdminToken}
            """);
        var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = string.Join(Path.PathSeparator, Path.Combine(dir, "missing.yaml"), clusterFile, userFile), ["HOME"] = dir };

        var (exit, output, error) = await RunProcess(environment, "remove-k8s-node-taint", "--node", "no-such-node-*", "--key", "k", "-v");
        var kubectl = cluster.HasKubectl() ? await cluster.KubectlAsync(null, environment, "config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}") : (0, cluster.Server, string.Empty);

        Assert.True(exit == 2, error); // reached the server: no node matches the pattern
        Assert.Contains($"Kubernetes API server {cluster.Server}", error);
        Assert.Contains("skipped, as kubectl does", error);
        Assert.Contains("No node changed.", output);
        Assert.Equal(cluster.Server, kubectl.Item2); // kubectl, given the same $KUBECONFIG, resolves the same server
    }

    [SkippableFact]
    public async Task In_a_pod_the_service_account_is_used_when_no_kubeconfig_exists()
    {
        cluster.Require();
        const string accountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";
        Skip.If(Directory.Exists(accountDirectory), $"{accountDirectory} exists on this machine (a real pod?); the test writes its own there.");
        Skip.If(Environment.UserName != "root", $"writing {accountDirectory} needs root");
        Directory.CreateDirectory(accountDirectory);
        try
        {
            File.WriteAllText(Path.Combine(accountDirectory, "token"), KubeControlPlane.AdminToken);
            File.Copy(cluster.CaFile, Path.Combine(accountDirectory, "ca.crt"));
            File.WriteAllText(Path.Combine(accountDirectory, "namespace"), "default");
            var port = new Uri(cluster.Server).Port.ToString();
            var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = null, ["HOME"] = cluster.Directory + "/no-home", ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = port };

            var (exit, _, error) = await RunProcess(environment, "remove-k8s-node-taint", "--node", "no-such-node-*", "--key", "k", "-v");

            Assert.True(exit == 2, error);
            Assert.Contains("the pod's service account", error);
        }
        finally
        {
            Directory.Delete("/var/run/secrets/kubernetes.io", recursive: true);
        }
    }

    [SkippableFact]
    public async Task Get_pvc_binding_reads_the_cluster_of_kubeconfig_without_path_and_filters_by_namespace_and_name()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "cli-live");
        var sc = scratch.Name("vsphere-sc");
        scratch.Owns(Resources.StorageClass, sc);
        await NewK8sStorageClass.RunAsync(new NewK8sStorageClassRequest { Session = scratch.Session, Name = sc }, scratch.Host, CancellationToken.None);
        foreach (var name in new[] { "db-1", "db-2", "web" })
        {
            await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = name, Namespace = scratch.Namespace, Capacity = "1Gi", StorageClassName = sc }, scratch.Host, CancellationToken.None);
        }

        await scratch.WaitForEventAsync("db-1");
        var (tableExit, table, tableError) = await Run("get-pvc-binding", "--kubeconfig", cluster.AdminKubeconfig, "--namespace", scratch.Namespace, "--name", "db-*");
        var (jsonExit, json, _) = await Run("get-pvc-binding", "--kubeconfig", cluster.AdminKubeconfig, "--namespace", scratch.Namespace, "--name", "db-1", "--output", "json");

        Assert.Equal((0, 0), (tableExit, jsonExit));
        var lines = table.TrimEnd().Split('\n');
        Assert.StartsWith("NAMESPACE ", lines[0], StringComparison.Ordinal);
        Assert.Equal(new[] { "db-1", "db-2" }, lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.Contains("vk8s: warning: The cluster runs Kubernetes v1.20", tableError, StringComparison.Ordinal);
        var claim = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
        Assert.Equal("ExternalProvisioning", claim.GetProperty("reasonCode").GetString());
        Assert.Equal("ExternalProvisioning", claim.GetProperty("lastEvent").GetProperty("reason").GetString());
        Assert.Equal(claim.GetProperty("event").GetProperty("message").GetString(), claim.GetProperty("lastEvent").GetProperty("message").GetString());
    }

    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "golden", "kubernetes", name + ".yaml");

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => Vk8s.RunAsync(string.Empty, args);

    /// <summary>vk8s in a process of its own, with <paramref name="environment"/> changed (null removes a variable).</summary>
    private static async Task<(int Exit, string Out, string Err)> RunProcess(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = Vk8s.StartInfo(args);
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
