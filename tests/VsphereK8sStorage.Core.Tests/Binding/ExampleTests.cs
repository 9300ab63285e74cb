using System.Linq;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>The examples README promises these outcomes for the seed guides' manifests.</summary>
public sealed class ExampleTests
{
    public static TheoryData<string, string?, string, ClaimPhase, string?, string> Outcomes => new()
    {
        // example, node, claim, phase, volume, reason phrase
        { "vsphere-pv-pvc-walkthrough", null, "pvc0001", ClaimPhase.Bound, "pv0001", "binds pv0001" },
        { "vsphere-csi-storageclass", null, "vsphere-pvc", ClaimPhase.Pending, null, "waiting for provisioner csi.vsphere.vmware.com" },
        { "static-pv-with-default-class", null, "pvc0001", ClaimPhase.Pending, null, "closest: pv0001 (bound in this plan to default/pvc0001-static, class '' ≠ 'vsphere-sc')" },
        { "static-pv-with-default-class", null, "pvc0001-static", ClaimPhase.Bound, "pv0001", "binds pv0001" },
        { "local-storage", null, "local-storage-claim", ClaimPhase.Pending, null, "waiting for first consumer" },
        { "local-storage", "minikube", "local-storage-claim", ClaimPhase.Bound, "local-pv", "on node minikube" },
        { "local-storage", "worker-2", "local-storage-claim", ClaimPhase.Pending, null, "excludes node worker-2" },
        { "hostpath-dir", null, "dir-pvc", ClaimPhase.Pending, null, "default class 'standard'" },
        { "hostpath-dir", null, "some-pvc", ClaimPhase.Pending, null, "waiting for provisioner k8s.io/minikube-hostpath" },
        { "raw-block", null, "block-pvc", ClaimPhase.Bound, "block-pv", "binds block-pv" },
        { "raw-block", null, "shared-data", ClaimPhase.Bound, "pv-777", "binds pv-777" },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Seed_examples_plan_as_documented(string example, string? node, string claim, ClaimPhase phase, string? volume, string reason)
    {
        var host = new RecordingHost();
        var snapshot = ManifestLoader.Load(ManifestLoader.ResolvePaths(new[] { Fixtures.Example(example) }, false, host), host);
        var binding = BindingPlanner.Plan(snapshot, new PlanOptions { Node = node }).For(claim);

        Assert.Equal(phase, binding.Phase);
        Assert.Equal(volume, binding.Volume);
        Assert.Contains(reason, binding.Reason);
        Assert.Empty(host.Errors);
    }

    [Fact]
    public void Every_example_folder_is_covered()
    {
        var covered = Outcomes.Select(row => (string)row[0]).ToHashSet();
        var folders = System.IO.Directory.GetDirectories(System.IO.Path.Combine(System.AppContext.BaseDirectory, "examples")).Select(System.IO.Path.GetFileName);
        Assert.Equal(folders.OrderBy(f => f), covered.OrderBy(f => f));
    }
}
