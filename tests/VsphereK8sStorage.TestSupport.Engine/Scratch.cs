using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using k8s.Models;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Tests.TestSupport;

/// <summary>
/// One test's corner of the shared cluster: a namespace of its own, a session as admin, a name prefix for
/// cluster-scoped objects, and cleanup of everything it made, so tests in the collection do not see each
/// other's volumes (a claim without a selector would bind any of them).
/// </summary>
internal sealed class Scratch : IAsyncDisposable
{
    private static int counter;
    private readonly List<Func<Task>> cleanups = new();

    private Scratch(KubeControlPlane cluster, string prefix)
    {
        Cluster = cluster;
        Prefix = prefix;
        Namespace = prefix;
        Session = new KubernetesSession(KubernetesConnection.From(cluster.AdminKubeconfig, null));
        Api = KubernetesApi.Connect(KubernetesConnection.From(cluster.AdminKubeconfig, null), _ => { });
    }

    public KubeControlPlane Cluster { get; }

    /// <summary>Unique per test: "t7-walkthrough".</summary>
    public string Prefix { get; }

    public string Namespace { get; }

    /// <summary>What operations get, as the cmdlets would pass it.</summary>
    public KubernetesSession Session { get; }

    /// <summary>The adapter, for arranging and inspecting objects.</summary>
    public KubernetesApi Api { get; }

    public IKubernetes Client => Api.Client;

    public RecordingHost Host { get; } = new();

    public static async Task<Scratch> CreateAsync(KubeControlPlane cluster, string label)
    {
        var scratch = new Scratch(cluster, $"t{Interlocked.Increment(ref counter)}-{label}");
        await scratch.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = scratch.Namespace } });
        scratch.cleanups.Add(() => scratch.Client.CoreV1.DeleteNamespaceAsync(scratch.Namespace));
        return scratch;
    }

    public string Name(string suffix) => $"{Prefix}-{suffix}";

    /// <summary>Deletes a cluster-scoped object when the test ends.</summary>
    public void Owns<T>(ResourceType<T> type, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        cleanups.Add(() => Api.DeleteAsync(type, name, null, CancellationToken.None));

    /// <summary>Waits until the PV controller has marked a new volume Available, so later reads see it settled.</summary>
    public Task WaitAvailableAsync(string volume) =>
        Api.WaitAsync(Resources.PersistentVolume, volume, null, "Available", v => new WaitState(v?.Status?.Phase is "Available" or "Bound", v?.Status?.Phase ?? "absent"), TimeSpan.FromSeconds(60), Host, CancellationToken.None);

    /// <summary>
    /// A Node object as a kubelet registers it (kubernetes.io/hostname and kubernetes.io/os labels, the control-plane
    /// role label when asked, the uninitialized taint a cloud provider removes when asked) with the status.nodeInfo a
    /// kubelet writes: no kubelet runs here. Deleted when the test ends. Returns its name.
    /// </summary>
    public async Task<string> CreateNodeAsync(string suffix, string systemUuid, bool controlPlane = false, bool uninitialized = false, CancellationToken cancellationToken = default)
    {
        var name = Name(suffix);
        var labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name, ["kubernetes.io/os"] = "linux" };
        if (controlPlane)
        {
            labels["node-role.kubernetes.io/control-plane"] = string.Empty;
        }

        var taints = uninitialized ? new List<V1Taint> { new() { Key = "node.cloudprovider.kubernetes.io/uninitialized", Value = "true", Effect = "NoSchedule" } } : null;
        await Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Spec = new V1NodeSpec { Taints = taints } }, cancellationToken: cancellationToken);
        Owns(Resources.Node, name);
        // The node lifecycle controller writes the status too; a merge patch carries no resourceVersion to conflict on.
        var status = new { status = new { nodeInfo = new { systemUUID = systemUuid, machineID = "m", bootID = "b", kernelVersion = "5.10", osImage = "test", containerRuntimeVersion = "none://0", kubeletVersion = "v1.20.2", kubeProxyVersion = "v1.20.2", operatingSystem = "linux", architecture = "amd64" } } };
        await Client.CoreV1.PatchNodeStatusAsync(new V1Patch(System.Text.Json.JsonSerializer.Serialize(status), V1Patch.PatchType.MergePatch), name, cancellationToken: cancellationToken);
        return name;
    }

    /// <summary>The last event the controllers recorded on a claim of the namespace, once there is one (60 s at most).</summary>
    public async Task<ClaimEvent> WaitForEventAsync(string claim)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var events = await Api.ListAllAsync(Resources.Event, Namespace, CancellationToken.None, fieldSelector: $"involvedObject.name={claim}");
            if (LiveClusterSource.LastEvents(events.Items).TryGetValue($"{Namespace}/{claim}", out var found))
            {
                return found;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"no event on {claim} in 60 s");
    }

    /// <summary>
    /// Each claim of the namespace with its phase and volume, once the PV controller has settled: nothing changed
    /// over <paramref name="quiet"/> (longer than its 2 s resync, so a retry it had scheduled has happened).
    /// </summary>
    public async Task<Dictionary<string, (string Phase, string? Volume)>> SettledClaimsAsync(TimeSpan quiet, TimeSpan? limit = null)
    {
        Dictionary<string, (string Phase, string? Volume)>? last = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var changedAt = TimeSpan.Zero;
        while (true)
        {
            var list = await Api.ListAllAsync(Resources.PersistentVolumeClaim, Namespace, CancellationToken.None);
            var now = list.Items.ToDictionary(c => c.Metadata.Name, c => (c.Status?.Phase ?? "Pending", c.Status?.Phase == "Bound" ? c.Spec.VolumeName : null), StringComparer.Ordinal);
            if (last is null || now.Count != last.Count || now.Any(c => !last.TryGetValue(c.Key, out var before) || before != c.Value))
            {
                last = now;
                changedAt = clock.Elapsed;
            }
            else if (clock.Elapsed - changedAt >= quiet)
            {
                return now;
            }

            if (clock.Elapsed > (limit ?? TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"the claims of {Namespace} were still changing after {clock.Elapsed.TotalSeconds:0} s");
            }

            await Task.Delay(500);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cleanup in Enumerable.Reverse(cleanups))
        {
            try
            {
                await cleanup();
            }
            catch (Exception)
            {
                // Cleanup is best effort; the control plane goes away with the collection.
            }
        }

        Session.Dispose();
        Api.Dispose();
    }
}
