using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Hosting;

/// <summary>The module's import-time warm-up: it must take the paths a first Get-PvcBinding takes, and succeed.</summary>
public sealed class EngineWarmupTests
{
    [Fact]
    public void Run_plans_every_claim_it_holds()
    {
        Assert.Equal(2, EngineWarmup.Run());
    }

    [Fact]
    public async Task Its_manifests_bind_one_claim_and_leave_one_to_its_provisioner_without_a_warning()
    {
        var host = new RecordingHost();

        var result = await PlanManifestsAsync(host);

        Assert.Null(result.InputFailure);
        Assert.Empty(host.Warnings);
        var outcomes = result.Plan.Claims.Select(c => (c.Claim, c.ReasonCode, c.Volume)).OrderBy(c => c.Claim).ToArray();
        Assert.Equal(
            new[] { ("default/warm-dynamic", ReasonCode.WaitForFirstConsumer, (string?)null), ("default/warm-static", ReasonCode.BestMatch, "warm-pv") },
            outcomes);
    }

    [Fact]
    public async Task Its_snapshot_made_in_code_plans_as_its_manifests_do()
    {
        var read = await PlanManifestsAsync(new RecordingHost());

        var made = BindingPlanner.Plan(EngineWarmup.Snapshot());

        Assert.Equal(
            read.Plan.Claims.Select(c => (c.Claim, c.ReasonCode, c.Volume, c.StorageClass, c.Reason)).OrderBy(c => c.Claim),
            made.Claims.Select(c => (c.Claim, c.ReasonCode, c.Volume, c.StorageClass, c.Reason)).OrderBy(c => c.Claim));
        Assert.Empty(made.Warnings);
    }

    // The warm-up's manifests through the operation, as standard input.
    private static Task<GetPvcBindingResult> PlanManifestsAsync(RecordingHost host) =>
        GetPvcBinding.RunAsync(
            new GetPvcBindingRequest { Source = ClusterSourceSpec.Manifests(new[] { ManifestSourceSpec.StandardInputPath }, standardInput: () => new StringReader(EngineWarmup.Manifests)) },
            host,
            CancellationToken.None);
}
