using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Operations.Kubernetes;
using Xunit;
using k8s;
using k8s.Models;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.KubeApiserver.Tests.Operations;

/// <summary>
/// The CPI install guide's step: taint every node with node.cloudprovider.kubernetes.io/uninitialized=true:NoSchedule,
/// on Node objects of a real API server (no kubelet runs, so the test creates the Node objects itself; the API
/// server's TaintNodesByCondition admission gives each new node node.kubernetes.io/not-ready:NoSchedule, as
/// in a real cluster, so the assertions look at the taints the tests add).
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class NodeTaintTests
{
    private const string Uninitialized = "node.cloudprovider.kubernetes.io/uninitialized";

    private readonly KubeControlPlane cluster;

    public NodeTaintTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task The_guides_uninitialized_taint_goes_on_every_node_a_wildcard_names_once()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "taint");
        var nodes = await Nodes(scratch, "control-plane-01", "worker-01", "worker-02");
        var request = new NodeTaintRequest { Session = scratch.Session, Nodes = new[] { scratch.Name("*") }, Key = Uninitialized, Value = "true", Effect = "NoSchedule" };

        var first = await K8sNodeTaint.AddAsync(request, scratch.Host, CancellationToken.None);
        var second = await K8sNodeTaint.AddAsync(request, scratch.Host, CancellationToken.None);

        Assert.Equal(nodes, first.Select(r => r.Node));
        Assert.All(first, r => Assert.Equal(TaintOutcome.Added, r.Outcome));
        Assert.All(first, r => Assert.Contains($"{Uninitialized}=true:NoSchedule", r.Taints));
        Assert.All(second, r => Assert.Equal(TaintOutcome.Unchanged, r.Outcome));
        foreach (var name in nodes)
        {
            var node = await scratch.Api.GetAsync(Resources.Node, name, null, CancellationToken.None);
            var taint = Assert.Single(node!.Spec.Taints, t => t.Key == Uninitialized);
            Assert.Equal(("true", "NoSchedule"), (taint.Value, taint.Effect));
        }
    }

    [SkippableFact]
    public async Task Another_value_needs_Overwrite_and_the_refusal_is_one_error_per_node()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "overwrite");
        var nodes = await Nodes(scratch, "a", "b");
        var add = new NodeTaintRequest { Session = scratch.Session, Nodes = nodes, Key = "dedicated", Value = "db", Effect = "NoSchedule" };
        await K8sNodeTaint.AddAsync(add, scratch.Host, CancellationToken.None);

        var refused = await K8sNodeTaint.AddAsync(add with { Value = "web" }, scratch.Host, CancellationToken.None);
        var overwritten = await K8sNodeTaint.AddAsync(add with { Value = "web", Overwrite = true }, scratch.Host, CancellationToken.None);

        Assert.Empty(refused);
        Assert.Equal(2, scratch.Host.Errors.Count(e => e.ErrorId == "TaintExists"));
        Assert.Contains("dedicated=db:NoSchedule", scratch.Host.Errors[0].Message);
        Assert.All(overwritten, r => Assert.Equal(TaintOutcome.Updated, r.Outcome));
        Assert.All(overwritten, r => Assert.Equal("dedicated=web:NoSchedule", Assert.Single(r.Taints, t => t.StartsWith("dedicated"))));
    }

    [SkippableFact]
    public async Task Remove_takes_the_taint_off_and_a_second_remove_finds_nothing_to_do()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "remove");
        var nodes = await Nodes(scratch, "a");
        await K8sNodeTaint.AddAsync(new NodeTaintRequest { Session = scratch.Session, Nodes = nodes, Key = Uninitialized, Value = "true", Effect = "NoSchedule" }, scratch.Host, CancellationToken.None);
        await K8sNodeTaint.AddAsync(new NodeTaintRequest { Session = scratch.Session, Nodes = nodes, Key = "keep", Effect = "NoExecute" }, scratch.Host, CancellationToken.None);
        var remove = new NodeTaintRequest { Session = scratch.Session, Nodes = nodes, Key = Uninitialized };

        var removed = Assert.Single(await K8sNodeTaint.RemoveAsync(remove, scratch.Host, CancellationToken.None));
        var again = Assert.Single(await K8sNodeTaint.RemoveAsync(remove, scratch.Host, CancellationToken.None));

        Assert.Equal(TaintOutcome.Removed, removed.Outcome);
        Assert.Contains("keep:NoExecute", removed.Taints);
        Assert.DoesNotContain(removed.Taints, t => t.StartsWith(Uninitialized));
        Assert.Equal(TaintOutcome.NotPresent, again.Outcome);
    }

    [SkippableFact]
    public async Task Nodes_chosen_by_label_selector()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "selector");
        await Nodes(scratch, "plain");
        var workers = await Nodes(scratch, new Dictionary<string, string> { ["role"] = scratch.Prefix }, "w1", "w2");

        var results = await K8sNodeTaint.AddAsync(new NodeTaintRequest { Session = scratch.Session, Selector = $"role={scratch.Prefix}", Key = "workload", Effect = "PreferNoSchedule" }, scratch.Host, CancellationToken.None);

        Assert.Equal(workers, results.Select(r => r.Node));
    }

    [SkippableFact]
    public async Task Unknown_nodes_are_one_error_each_and_the_rest_go_on()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "unknown");
        var nodes = await Nodes(scratch, "real");

        var results = await K8sNodeTaint.AddAsync(new NodeTaintRequest { Session = scratch.Session, Nodes = new[] { scratch.Name("ghost"), nodes[0] }, Key = "k", Effect = "NoSchedule" }, scratch.Host, CancellationToken.None);
        var patterns = await K8sNodeTaint.AddAsync(new NodeTaintRequest { Session = scratch.Session, Nodes = new[] { scratch.Name("nothing-*") }, Key = "k", Effect = "NoSchedule" }, scratch.Host, CancellationToken.None);

        Assert.Equal(nodes[0], Assert.Single(results).Node);
        Assert.Empty(patterns);
        Assert.Equal(new[] { "NodeNotFound", "NodeNotFound" }, scratch.Host.Errors.Select(e => e.ErrorId));
        Assert.Equal(scratch.Name("ghost"), scratch.Host.Errors[0].Target);
    }

    [SkippableFact]
    public async Task Declining_ShouldProcess_changes_no_node()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "whatif");
        var nodes = await Nodes(scratch, "a");
        scratch.Host.ShouldProcessAnswer = false;

        var results = await K8sNodeTaint.AddAsync(new NodeTaintRequest { Session = scratch.Session, Nodes = nodes, Key = Uninitialized, Value = "true", Effect = "NoSchedule" }, scratch.Host, CancellationToken.None);

        Assert.Empty(results);
        Assert.Equal(($"node/{nodes[0]}", $"Add taint {Uninitialized}=true:NoSchedule"), Assert.Single(scratch.Host.ShouldProcessCalls));
        // Controllers annotate new nodes (the TTL controller), so the check is on the taints, not on resourceVersion.
        Assert.DoesNotContain((await scratch.Api.GetAsync(Resources.Node, nodes[0], null, CancellationToken.None))!.Spec?.Taints ?? new List<V1Taint>(), t => t.Key == Uninitialized);
    }

    private static Task<List<string>> Nodes(Scratch scratch, params string[] suffixes) => Nodes(scratch, null, suffixes);

    private static async Task<List<string>> Nodes(Scratch scratch, Dictionary<string, string>? labels, params string[] suffixes)
    {
        var names = new List<string>();
        foreach (var suffix in suffixes)
        {
            var name = scratch.Name(suffix);
            await scratch.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name, Labels = labels } });
            scratch.Owns(Resources.Node, name);
            names.Add(name);
        }

        return names.OrderBy(n => n, System.StringComparer.Ordinal).ToList();
    }
}
