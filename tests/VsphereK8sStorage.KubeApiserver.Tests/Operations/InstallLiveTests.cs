using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using k8s.Models;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.Rollout;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;
using VsphereK8sStorage.Vsphere;
using Xunit;

namespace VsphereK8sStorage.KubeApiserver.Tests.Operations;

/// <summary>
/// Install-VsphereCsi and Install-VsphereCpi on the simulator and the real API server, from the upstream release
/// manifests in ../shared/fixtures/upstream. The driver objects are cluster-wide (vmware-system-csi, ClusterRoles,
/// the CSIDriver), so each test ends with the uninstall. No kubelet runs, so pods never start: these tests use NoWait
/// and hold what the API server stores; the simulator reports vCenter 6.5 and its VMs are at hardware version 13, so
/// the preflight refuses without Force, which the first test holds.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class InstallLiveTests : IClassFixture<InstallLiveTests.Simulator>
{
    public const string Password = "s3cr3t-\"quoted\"-pässword";

    private readonly KubeControlPlane cluster;
    private readonly Simulator vcsim;
    private readonly Xunit.Abstractions.ITestOutputHelper output;

    public InstallLiveTests(KubeControlPlane cluster, Simulator vcsim, Xunit.Abstractions.ITestOutputHelper output)
    {
        this.cluster = cluster;
        this.vcsim = vcsim;
        this.output = output;
    }

    public sealed class Simulator : IDisposable
    {
        private readonly Lazy<VcsimServer> server = new(() => VcsimServer.Start(), LazyThreadSafetyMode.ExecutionAndPublication);

        public VcsimServer Server
        {
            get
            {
                VcsimPeer.Require();
                return server.Value;
            }
        }

        public Task<VsphereConnection> ConnectAsync() => VsphereConnection.ConnectAsync(
            new VsphereConnectOptions { Server = Server.Server, Credential = new NetworkCredential("administrator@vsphere.local", Password), Thumbprint = VcsimServer.Thumbprint },
            SilentHost.Instance,
            CancellationToken.None);

        public void Dispose()
        {
            if (server.IsValueCreated)
            {
                server.Value.Dispose();
            }
        }
    }

    [SkippableFact]
    public async Task The_simulator_fails_readiness_so_the_CSI_install_refuses_and_applies_nothing()
    {
        cluster.Require();
        var manifest = RepoPaths.UpstreamManifest("vsphere-csi-driver", "v3.7.3-vsphere-csi-driver.yaml");
        await using var scratch = await Scratch.CreateAsync(cluster, "refuse");
        await NodesAsync(scratch);
        var results = new List<RolloutObjectResult>();
        var connection = await vcsim.ConnectAsync();
        var refused = await Assert.ThrowsAsync<VsphereK8sException>(() => InstallVsphereCsi.RunAsync(Request(scratch, connection, manifest), scratch.Host, results.Add, CancellationToken.None));

        Assert.Equal("InstallPreflightFailed", refused.ErrorId);
        foreach (var expected in new[] { "VcenterVersion", "HardwareVersion", "DiskUuid", "Fix:" })
        {
            Assert.True(refused.Message.Contains(expected, StringComparison.Ordinal), $"no {expected} in: {refused.Message}");
        }
        Assert.Empty(results);
        Assert.Null(await scratch.Api.GetAsync(Resources.Secret, "vsphere-config-secret", "vmware-system-csi", CancellationToken.None));
        Assert.Null(await scratch.Api.GetAsync(Resources.CSIDriver, "csi.vsphere.vmware.com", null, CancellationToken.None));
    }

    [SkippableFact]
    public async Task An_install_into_a_namespace_still_terminating_stops_before_applying_anything()
    {
        cluster.Require();
        var manifest = RepoPaths.UpstreamManifest("vsphere-csi-driver", "v3.3.1-vsphere-csi-driver.yaml");
        await using var scratch = await Scratch.CreateAsync(cluster, "terminating");
        await NodesAsync(scratch);
        const string hold = "vk8s.test/hold";
        await scratch.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "vmware-system-csi", Finalizers = new List<string> { hold } } });
        await scratch.Client.CoreV1.DeleteNamespaceAsync("vmware-system-csi");
        try
        {
            var results = new List<RolloutObjectResult>();
            var connection = await vcsim.ConnectAsync();
            var refused = await Assert.ThrowsAsync<VsphereK8sException>(() => InstallVsphereCsi.RunAsync(Request(scratch, connection, manifest) with { Force = true }, scratch.Host, results.Add, CancellationToken.None));

            Assert.Equal("DriverNamespaceTerminating", refused.ErrorId);
            Assert.Contains("vmware-system-csi", refused.Message, StringComparison.Ordinal);
            Assert.Empty(results);
            Assert.Null(await scratch.Api.GetAsync(Resources.CSIDriver, "csi.vsphere.vmware.com", null, CancellationToken.None));
        }
        finally
        {
            // Let the deletion finish: drop the finalizer that held it, then wait until the namespace is gone.
            await scratch.Client.CoreV1.PatchNamespaceAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "vmware-system-csi");
            for (var i = 0; i < 240 && await scratch.Api.GetAsync(Resources.Namespace, "vmware-system-csi", null, CancellationToken.None) is not null; i++)
            {
                await Task.Delay(500);
            }
        }
    }

    [SkippableFact]
    public async Task CSI_installs_with_Force_re_runs_unchanged_changes_only_what_changed_and_uninstalls()
    {
        cluster.Require();
        var manifest = RepoPaths.UpstreamManifest("vsphere-csi-driver", "v3.3.1-vsphere-csi-driver.yaml");
        await using var scratch = await Scratch.CreateAsync(cluster, "csi");
        await NodesAsync(scratch);
        var connection = await vcsim.ConnectAsync();
        try
        {
            // First run: everything Created, streamed in manifest order; the preflight's failures are warnings.
            var first = new List<RolloutObjectResult>();
            await InstallVsphereCsi.RunAsync(Request(scratch, connection, manifest) with { Force = true }, scratch.Host, first.Add, CancellationToken.None);
            Assert.All(first, r => Assert.Equal(RolloutAction.Created, r.Action));
            Assert.Equal(new[] { "Namespace", "Secret", "CSIDriver" }, first.Take(3).Select(r => r.Kind));
            Assert.Contains(first, r => r.Kind == "Deployment" && r.Name == "vsphere-csi-controller");
            Assert.Contains(scratch.Host.Warnings, w => w.StartsWith("Going on despite a failed readiness check", StringComparison.Ordinal));

            // One control-plane node: one replica, not the manifest's three (the seed guide's "2 of 3 Pending").
            var deployment = await scratch.Api.GetAsync(Resources.Deployment, "vsphere-csi-controller", "vmware-system-csi", CancellationToken.None);
            Assert.Equal(1, deployment!.Spec.Replicas);

            // The Secret holds csi-vsphere.conf with the password; no ConfigMap, stream or message does.
            var secret = await scratch.Api.GetAsync(Resources.Secret, "vsphere-config-secret", "vmware-system-csi", CancellationToken.None);
            var conf = Encoding.UTF8.GetString(secret!.Data["csi-vsphere.conf"]);
            Assert.Contains("password = \"s3cr3t-\\\"quoted\\\"-pässword\"", conf);
            Assert.Contains($"[VirtualCenter \"127.0.0.1\"]", conf);
            Assert.Contains($"thumbprint = \"{VcsimServer.Thumbprint}\"", conf);
            Assert.Contains("insecure-flag = \"false\"", conf);
            Assert.Contains("cluster-id = \"test-cluster\"", conf);
            await AssertPasswordNowhereButSecretsAsync(scratch, first);

            // Second run: every object Unchanged, nothing written.
            var second = new List<RolloutObjectResult>();
            await InstallVsphereCsi.RunAsync(Request(scratch, connection, manifest) with { Force = true }, scratch.Host, second.Add, CancellationToken.None);
            Assert.Equal(first.Select(r => (r.Kind, r.Name)), second.Select(r => (r.Kind, r.Name)));
            Assert.All(second, r => Assert.True(r.Action == RolloutAction.Unchanged, $"{r}: {r.Fields}"));

            // What-if with other replicas and a registry: names the objects and fields, changes nothing.
            var whatIf = new RecordingHost { ShouldProcessAnswer = false };
            var none = new List<RolloutObjectResult>();
            var changed = Request(scratch, connection, manifest) with { Force = true, Replicas = 2, ImageRegistry = "registry.example.com/mirror" };
            await InstallVsphereCsi.RunAsync(changed, whatIf, none.Add, CancellationToken.None);
            // Objects already as asked still report Unchanged; those that would change are only named in the what-if.
            Assert.All(none, r => Assert.Equal(RolloutAction.Unchanged, r.Action));
            Assert.DoesNotContain(none, r => r.Kind is "Deployment" or "DaemonSet");
            Assert.Contains(whatIf.ShouldProcessCalls, c => c.Target == "Deployment vmware-system-csi/vsphere-csi-controller" && c.Action.Contains("spec.replicas", StringComparison.Ordinal));
            Assert.Contains(whatIf.ShouldProcessCalls, c => c.Target == "DaemonSet vmware-system-csi/vsphere-csi-node" && c.Action.Contains("spec.template.spec.containers", StringComparison.Ordinal));
            Assert.DoesNotContain(whatIf.ShouldProcessCalls, c => c.Target.StartsWith("Secret", StringComparison.Ordinal) || c.Target.StartsWith("ClusterRole", StringComparison.Ordinal));
            Assert.Equal(1, (await scratch.Api.GetAsync(Resources.Deployment, "vsphere-csi-controller", "vmware-system-csi", CancellationToken.None))!.Spec.Replicas);

            // And for real: only the workloads are Configured.
            var third = new List<RolloutObjectResult>();
            await InstallVsphereCsi.RunAsync(changed, scratch.Host, third.Add, CancellationToken.None);
            Assert.Equal(
                new[] { "Deployment vsphere-csi-controller", "DaemonSet vsphere-csi-node", "DaemonSet vsphere-csi-node-windows" },
                third.Where(r => r.Action == RolloutAction.Configured).Select(r => $"{r.Kind} {r.Name}"));
            Assert.Contains("spec.replicas", third.Single(r => r.Kind == "Deployment").Fields);
            deployment = await scratch.Api.GetAsync(Resources.Deployment, "vsphere-csi-controller", "vmware-system-csi", CancellationToken.None);
            Assert.Equal(2, deployment!.Spec.Replicas);
            Assert.All(deployment.Spec.Template.Spec.Containers, c => Assert.StartsWith("registry.example.com/mirror/", c.Image));

            // Uninstall refuses while a volume of the driver exists.
            var pv = scratch.Name("csi-pv");
            await scratch.Client.CoreV1.CreatePersistentVolumeAsync(new V1PersistentVolume
            {
                Metadata = new V1ObjectMeta { Name = pv },
                Spec = new V1PersistentVolumeSpec
                {
                    Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") },
                    AccessModes = new[] { "ReadWriteOnce" },
                    Csi = new V1CSIPersistentVolumeSource { Driver = "csi.vsphere.vmware.com", VolumeHandle = "h-1" },
                },
            });
            scratch.Owns(Resources.PersistentVolume, pv);
            var kept = await Assert.ThrowsAsync<VsphereK8sException>(() => UninstallVsphereCsi.RunAsync(new UninstallVsphereDriverRequest { Session = scratch.Session }, scratch.Host, _ => { }, CancellationToken.None));
            Assert.Equal("UninstallVolumesExist", kept.ErrorId);
            Assert.Contains(pv, kept.Message);
            Assert.NotNull(await scratch.Api.GetAsync(Resources.CSIDriver, "csi.vsphere.vmware.com", null, CancellationToken.None));
            await scratch.Api.DeleteAsync(Resources.PersistentVolume, pv, null, CancellationToken.None);
        }
        finally
        {
            // The time each install took, without waits (they use NoWait): reported, never asserted.
            foreach (var line in scratch.Host.Verbose.Where(v => v.StartsWith("Readiness checks took", StringComparison.Ordinal)))
            {
                output.WriteLine(line);
            }

            await UninstallAsync(scratch);
        }

        Assert.Null(await scratch.Api.GetAsync(Resources.CSIDriver, "csi.vsphere.vmware.com", null, CancellationToken.None));
        Assert.Null(await scratch.Api.GetAsync(Resources.ClusterRole, "vsphere-csi-controller-role", null, CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_refused_object_stops_the_install_saying_what_was_applied_and_the_next_run_goes_on()
    {
        cluster.Require();
        var good = File.ReadAllText(RepoPaths.UpstreamManifest("vsphere-csi-driver", "v3.3.1-vsphere-csi-driver.yaml"));
        await using var scratch = await Scratch.CreateAsync(cluster, "halfway");
        await NodesAsync(scratch);
        var connection = await vcsim.ConnectAsync();
        var folder = Directory.CreateTempSubdirectory("vk8s-halfway-");
        try
        {
            // The API server refuses this Deployment: its selector does not match its pod labels.
            var broken = good.Replace("      app: vsphere-csi-controller\n  template:", "      app: no-such-pods\n  template:", StringComparison.Ordinal);
            Assert.NotEqual(good, broken);
            var file = Path.Combine(folder.FullName, "csi.yaml");
            File.WriteAllText(file, broken);

            var results = new List<RolloutObjectResult>();
            var stopped = await Assert.ThrowsAsync<RunInterruptedException>(() => InstallVsphereCsi.RunAsync(Request(scratch, connection, file) with { Force = true }, scratch.Host, results.Add, CancellationToken.None));
            var failed = results.Last();
            Assert.Equal(("Deployment", RolloutAction.Failed), (failed.Kind, failed.Action));
            Assert.All(results.SkipLast(1), r => Assert.Equal(RolloutAction.Created, r.Action));
            Assert.Equal(results.Count - 1, stopped.Summary.Changed.Count);
            Assert.True(stopped.Summary.NotAttempted > 0);
            Assert.Contains("Secret vmware-system-csi/vsphere-config-secret", stopped.Message);
            Assert.Contains("not attempted", stopped.Message);
            Assert.Null(await scratch.Api.GetAsync(Resources.DaemonSet, "vsphere-csi-node", "vmware-system-csi", CancellationToken.None));

            // Fixed, the next run finds what was applied Unchanged and applies the rest.
            File.WriteAllText(file, good);
            var next = new List<RolloutObjectResult>();
            await InstallVsphereCsi.RunAsync(Request(scratch, connection, file) with { Force = true }, scratch.Host, next.Add, CancellationToken.None);
            Assert.All(next.Take(results.Count - 1), r => Assert.Equal(RolloutAction.Unchanged, r.Action));
            Assert.All(next.Skip(results.Count - 1), r => Assert.Equal(RolloutAction.Created, r.Action));
        }
        finally
        {
            folder.Delete(recursive: true);
            await UninstallAsync(scratch);
        }
    }

    [SkippableFact]
    public async Task CPI_replaces_the_manifest_placeholders_with_the_connection_and_keeps_the_password_in_its_Secret()
    {
        cluster.Require();
        var manifest = RepoPaths.UpstreamManifest("cloud-provider-vsphere", "v1.33-vsphere-cloud-controller-manager.yaml");
        await using var scratch = await Scratch.CreateAsync(cluster, "cpi");
        await NodesAsync(scratch);
        var connection = await vcsim.ConnectAsync();
        try
        {
            var results = new List<RolloutObjectResult>();
            await InstallVsphereCpi.RunAsync(Request(scratch, connection, manifest) with { Force = true }, scratch.Host, results.Add, CancellationToken.None);
            Assert.Contains(results, r => r.Kind == "DaemonSet" && r.Name == "vsphere-cloud-controller-manager" && r.Action == RolloutAction.Created);

            var secret = await scratch.Api.GetAsync(Resources.Secret, "vsphere-cloud-secret", "kube-system", CancellationToken.None);
            Assert.Equal(new[] { "127.0.0.1.password", "127.0.0.1.username" }, secret!.Data.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(Password, Encoding.UTF8.GetString(secret.Data["127.0.0.1.password"]));
            var config = await scratch.Api.GetAsync(Resources.ConfigMap, "vsphere-cloud-config", "kube-system", CancellationToken.None);
            var conf = config!.Data["vsphere.conf"];
            Assert.Contains("secretName: vsphere-cloud-secret", conf);
            Assert.Contains("- DC0", conf);
            Assert.Contains("insecureFlag: false", conf);
            await AssertPasswordNowhereButSecretsAsync(scratch, results);

            var again = new List<RolloutObjectResult>();
            await InstallVsphereCpi.RunAsync(Request(scratch, connection, manifest) with { Force = true }, scratch.Host, again.Add, CancellationToken.None);
            Assert.All(again, r => Assert.Equal(RolloutAction.Unchanged, r.Action));
        }
        finally
        {
            var removed = new List<RolloutObjectResult>();
            await UninstallVsphereCpi.RunAsync(new UninstallVsphereDriverRequest { Session = scratch.Session }, scratch.Host, removed.Add, CancellationToken.None);
            Assert.Contains(removed, r => r.Kind == "Secret" && r.Name == "vsphere-cloud-secret" && r.Action == RolloutAction.Deleted);
        }

        Assert.Null(await scratch.Api.GetAsync(Resources.Secret, "vsphere-cloud-secret", "kube-system", CancellationToken.None));
    }

    [SkippableFact]
    public async Task Without_NoWait_the_install_waits_within_its_bound_and_says_what_it_last_saw()
    {
        cluster.Require();
        var manifest = RepoPaths.UpstreamManifest("cloud-provider-vsphere", "v1.33-vsphere-cloud-controller-manager.yaml");
        await using var scratch = await Scratch.CreateAsync(cluster, "wait");
        await NodesAsync(scratch);
        try
        {
            // No kubelet runs, so the DaemonSet's pods never become available: the wait ends at its bound.
            var connection = await vcsim.ConnectAsync();
            var timeout = await Assert.ThrowsAsync<KubernetesWaitTimeoutException>(() => InstallVsphereCpi.RunAsync(
                Request(scratch, connection, manifest) with { Force = true, NoWait = false, Timeout = TimeSpan.FromSeconds(3) }, scratch.Host, _ => { }, CancellationToken.None));
            Assert.Contains("DaemonSet kube-system/vsphere-cloud-controller-manager", timeout.Message);
            Assert.Contains("pods available", timeout.Message);
        }
        finally
        {
            await UninstallVsphereCpi.RunAsync(new UninstallVsphereDriverRequest { Session = scratch.Session }, scratch.Host, _ => { }, CancellationToken.None);
        }
    }

    /// <summary>
    /// Every upstream release against the real v1.20 API server: what it accepts is applied; CSI 3.5 and later carry a
    /// Windows DaemonSet with hostProcess containers (Kubernetes 1.22+), which this server refuses, so those installs
    /// stop there and say so, with everything before it applied.
    /// </summary>
    public static TheoryData<string, string, string, string?> Releases => new()
    {
        { "CSI v2.7.0 applies whole", "vsphere-csi-driver", "v2.7.0-vsphere-csi-driver.yaml", null },
        { "CSI v3.3.1 applies whole", "vsphere-csi-driver", "v3.3.1-vsphere-csi-driver.yaml", null },
        { "CSI v3.5.0 stops at the Windows DaemonSet on 1.20", "vsphere-csi-driver", "v3.5.0-vsphere-csi-driver.yaml", "vsphere-csi-node-windows" },
        { "CSI v3.7.3 stops at the Windows DaemonSet on 1.20", "vsphere-csi-driver", "v3.7.3-vsphere-csi-driver.yaml", "vsphere-csi-node-windows" },
        { "CPI v1.24 applies whole", "cloud-provider-vsphere", "v1.24-vsphere-cloud-controller-manager.yaml", null },
        { "CPI v1.30 applies whole", "cloud-provider-vsphere", "v1.30-vsphere-cloud-controller-manager.yaml", null },
        { "CPI v1.32 applies whole", "cloud-provider-vsphere", "v1.32-vsphere-cloud-controller-manager.yaml", null },
        { "CPI v1.33 applies whole", "cloud-provider-vsphere", "v1.33-vsphere-cloud-controller-manager.yaml", null },
    };

    [SkippableTheory]
    [MemberData(nameof(Releases))]
    public async Task Each_upstream_release_applies_as_the_API_server_allows(string name, string driver, string file, string? refusedAt)
    {
        cluster.Require();
        var manifest = RepoPaths.UpstreamManifest(driver, file);
        await using var scratch = await Scratch.CreateAsync(cluster, "release");
        await NodesAsync(scratch);
        var connection = await vcsim.ConnectAsync();
        var csi = driver == "vsphere-csi-driver";
        var results = new List<RolloutObjectResult>();
        try
        {
            Task Install() => csi
                ? InstallVsphereCsi.RunAsync(Request(scratch, connection, manifest) with { Force = true }, scratch.Host, results.Add, CancellationToken.None)
                : InstallVsphereCpi.RunAsync(Request(scratch, connection, manifest) with { Force = true }, scratch.Host, results.Add, CancellationToken.None);
            if (refusedAt is null)
            {
                await Install();
                Assert.True(results.All(r => r.Action == RolloutAction.Created), $"{name}: {string.Join("; ", results)}");
            }
            else
            {
                var stopped = await Assert.ThrowsAsync<RunInterruptedException>(Install);
                Assert.Equal((refusedAt, RolloutAction.Failed), (results.Last().Name, results.Last().Action));
                Assert.Contains("hostProcess", stopped.Message);
                Assert.Empty(stopped.Summary.InDoubt);
                Assert.All(results.SkipLast(1), r => Assert.Equal(RolloutAction.Created, r.Action));
            }
        }
        finally
        {
            if (csi)
            {
                await UninstallAsync(scratch);
            }
            else
            {
                await UninstallVsphereCpi.RunAsync(new UninstallVsphereDriverRequest { Session = scratch.Session }, scratch.Host, _ => { }, CancellationToken.None);
            }
        }
    }

    private static InstallVsphereDriverRequest Request(Scratch scratch, VsphereConnection connection, string manifest) => new()
    {
        Connection = connection,
        Session = scratch.Session,
        ManifestPath = manifest,
        ClusterId = "test-cluster",
        NoWait = true,
    };

    private static async Task UninstallAsync(Scratch scratch)
    {
        // The uninstall itself waits until the namespace controller has deleted the namespace.
        await UninstallVsphereCsi.RunAsync(new UninstallVsphereDriverRequest { Session = scratch.Session, Force = true }, scratch.Host, _ => { }, CancellationToken.None);
        Assert.Null(await scratch.Api.GetAsync(Resources.Namespace, "vmware-system-csi", null, CancellationToken.None));
    }

    /// <summary>No ConfigMap in the cluster, no result, no host stream holds the password (Secrets do, as base64).</summary>
    private static async Task AssertPasswordNowhereButSecretsAsync(Scratch scratch, IEnumerable<RolloutObjectResult> results)
    {
        var maps = await scratch.Api.ListAllAsync(Resources.ConfigMap, null, CancellationToken.None);
        Assert.DoesNotContain(maps.Items, m => KubernetesJson.Serialize(m).Contains("s3cr3t", StringComparison.Ordinal));
        var streams = scratch.Host.Verbose.Concat(scratch.Host.Warnings).Concat(scratch.Host.Errors.Select(e => e.Message))
            .Concat(scratch.Host.ShouldProcessCalls.Select(c => c.Target + c.Action)).Concat(scratch.Host.Progress.Select(p => p.Activity + p.Status))
            .Concat(results.Select(r => System.Text.Json.JsonSerializer.Serialize(r)));
        Assert.DoesNotContain(streams, s => s.Contains("s3cr3t", StringComparison.Ordinal));
    }

    /// <summary>
    /// A control-plane node and a worker on two of the simulator's VMs (hardware version 13, disk.enableUUID unset):
    /// Node objects only, with the status a kubelet would write, since no kubelet runs here.
    /// </summary>
    private async Task NodesAsync(Scratch scratch)
    {
        var connection = await vcsim.ConnectAsync();
        var vms = (await VsphereK8sStorage.Operations.Vsphere.GetVsphereVm.RunAsync(new VsphereK8sStorage.Operations.Vsphere.GetVsphereVmRequest { Connection = connection }, SilentHost.Instance, CancellationToken.None))
            .OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        var index = 0;
        foreach (var (suffix, controlPlane) in new[] { ("cp", true), ("worker", false) })
        {
            await scratch.CreateNodeAsync(suffix, vms[index++].BiosUuid!, controlPlane);
        }
    }
}
