using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests.KubeApiserver;

/// <summary>
/// examples/rollout.sh, the vk8s twin of rollout.ps1, run twice on the simulator and the real API server: the first run
/// rolls out, the second changes nothing. No kubelet runs, so the Node objects are made here and the script runs with
/// --no-wait; what the API server holds is checked, not that the drivers run. The script runs vk8s as <see cref="Vk8s"/>
/// starts it (the published binary, or the JIT build through dotnet).
/// </summary>
[Collection(KubeCollection.Name)]
[Trait("Peer", "kube-apiserver")]
[Trait("Peer", "vcsim")]
public sealed class RolloutScriptTests
{
    private const string User = "k8s-admin@vsphere.local";
    private const string Password = "rollout-script-pässword";
    private readonly KubeControlPlane cluster;

    public RolloutScriptTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task The_vk8s_runbook_rolls_out_then_re_runs_changing_nothing()
    {
        cluster.RequireKubectl();
        VcsimPeer.Require();
        var cpi = RepoPaths.UpstreamManifest("cloud-provider-vsphere", "v1.30-vsphere-cloud-controller-manager.yaml");
        var csi = RepoPaths.UpstreamManifest("vsphere-csi-driver", "v3.3.1-vsphere-csi-driver.yaml");
        using var server = VcsimServer.Start(new[] { "-vm", "1", "-rename", "DC0_H0_VM0=script-cp", "-rename", "DC0_C0_RP0_VM0=script-worker" }, User, Password);
        foreach (var (node, labels) in new[] { ("script-cp", "\n  labels:\n    node-role.kubernetes.io/control-plane: \"\""), ("script-worker", string.Empty) })
        {
            var made = await cluster.KubectlAsync($"apiVersion: v1\nkind: Node\nmetadata:\n  name: {node}{labels}\n", "create", "-f", "-");
            Assert.True(made.Exit == 0, made.Err);
        }

        var results = Path.Combine(cluster.Directory, "rollout-results");
        try
        {
            var first = await RunAsync(server, cpi, csi, results + "-1");
            var second = await RunAsync(server, cpi, csi, results + "-2");

            Assert.True(first.Exit == 0, first.Output);
            Assert.True(second.Exit == 0, second.Output);
            Assert.Contains("rollout.sh: every step done", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, first.Output + second.Output, StringComparison.Ordinal);

            // First run: disk UUIDs set and every driver object created; the second run changes nothing.
            Assert.Contains(Rows(results + "-1", "disk-uuid"), r => r.GetProperty("changed").GetBoolean());
            Assert.All(Rows(results + "-1", "cpi").Concat(Rows(results + "-1", "csi")), r => Assert.Equal("Created", r.GetProperty("action").GetString()));
            Assert.All(Rows(results + "-2", "disk-uuid"), r => Assert.False(r.GetProperty("changed").GetBoolean()));
            Assert.All(Rows(results + "-2", "cpi").Concat(Rows(results + "-2", "csi")), r => Assert.Equal("Unchanged", r.GetProperty("action").GetString()));
            // vk8s writes the StorageClass as the API server stored it: the same resourceVersion means the re-run left it alone.
            Assert.Equal(
                Rows(results + "-1", "storage-class").Single().GetProperty("metadata").GetProperty("resourceVersion").GetString(),
                Rows(results + "-2", "storage-class").Single().GetProperty("metadata").GetProperty("resourceVersion").GetString());

            // What the API server holds: one controller replica for one control-plane node, and the default class.
            var replicas = await cluster.KubectlAsync(null, "get", "deployment", "vsphere-csi-controller", "-n", "vmware-system-csi", "-o", "jsonpath={.spec.replicas}");
            Assert.Equal("1", replicas.Out);
            var isDefault = await cluster.KubectlAsync(null, "get", "storageclass", "script-sc", "-o", "jsonpath={.metadata.annotations.storageclass\\.kubernetes\\.io/is-default-class}");
            Assert.Equal("true", isDefault.Out);
        }
        finally
        {
            foreach (var uninstall in new[] { new[] { "uninstall-vsphere-csi", "--force" }, new[] { "uninstall-vsphere-cpi" } })
            {
                await Vk8s.RunAsync(string.Empty, uninstall.Concat(new[] { "--kubeconfig", cluster.AdminKubeconfig }).ToArray());
            }

            await cluster.KubectlAsync(null, "delete", "pvc", "vsphere-pvc", "-n", "default", "--ignore-not-found");
            await cluster.KubectlAsync(null, "delete", "storageclass", "script-sc", "--ignore-not-found");
            await cluster.KubectlAsync(null, "delete", "node", "script-cp", "script-worker", "--ignore-not-found");
        }
    }

    private async Task<(int Exit, string Output)> RunAsync(VcsimServer server, string cpi, string csi, string results)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Path.Combine(RepoPaths.Examples, "rollout.sh"), "--folder", "/DC0/vm", "--cpi-manifest", cpi, "--csi-manifest", csi,
            "--node", "script-cp", "--node", "script-worker", "--cluster-id", "script", "--storage-class", "script-sc", "--kubeconfig", cluster.AdminKubeconfig,
            "--force", "--skip-version-check", "--no-wait", "--results", results,
        })
        {
            info.ArgumentList.Add(argument);
        }

        var vk8s = Vk8s.StartInfo();
        info.Environment["VK8S"] = string.Join(' ', new[] { vk8s.FileName }.Concat(vk8s.ArgumentList));
        info.Environment["VSPHERE_SERVER"] = server.Url.Authority;
        info.Environment["VSPHERE_USER"] = User;
        info.Environment["VSPHERE_PASSWORD"] = Password;
        info.Environment["VSPHERE_THUMBPRINT"] = VcsimServer.Thumbprint;
        info.Environment["VK8S_SESSION_CACHE"] = "off";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static IEnumerable<JsonElement> Rows(string results, string step)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, step + ".json")));
        var root = document.RootElement.Clone();
        return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : new List<JsonElement> { root };
    }
}
