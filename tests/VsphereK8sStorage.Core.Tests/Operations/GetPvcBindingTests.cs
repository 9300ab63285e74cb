using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Operations;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;
using static VsphereK8sStorage.Tests.TestSupport.Objects;

namespace VsphereK8sStorage.Tests.Operations;

/// <summary>The operation both hosts call: it reads through any cluster source, reports progress and forwards warnings.</summary>
public sealed class GetPvcBindingTests
{
    // Stands in for the API-server source to come: the operation must not care where objects come from.
    private sealed class InMemorySource : IClusterSource
    {
        private readonly ClusterSnapshot snapshot;

        public InMemorySource(ClusterSnapshot snapshot) => this.snapshot = snapshot;

        public int Reads { get; private set; }

        public string Description => "an in-memory cluster";

        public Task<ClusterSnapshot> ReadAsync(IOperationHost host, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult(snapshot);
        }
    }

    [Fact]
    public async Task Plans_whatever_the_cluster_source_reads()
    {
        var source = new InMemorySource(Cluster(new[] { Pv("small", "1Gi"), Pv("fits", "5Gi") }, new[] { Pvc("data", "2Gi", storageClass: "") }));
        var host = new RecordingHost();

        var plan = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Cluster = source }, host, CancellationToken.None);

        Assert.Equal(1, source.Reads);
        var binding = Assert.Single(plan.Claims);
        Assert.Equal(("default/data", ClaimPhase.Bound, "fits"), (binding.Claim, binding.Phase, binding.Volume));
        Assert.StartsWith("Reading an in-memory cluster", host.Progress.First().Status);
        Assert.True(host.Progress.Last().Completed);
    }

    [Fact]
    public async Task Plan_warnings_reach_the_host()
    {
        var classes = new[] { Class("gold", isDefault: true), Class("silver", isDefault: true) };
        var host = new RecordingHost();

        var plan = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Cluster = new InMemorySource(Cluster(classes: classes)) }, host, CancellationToken.None);

        var warning = Assert.Single(host.Warnings);
        Assert.Equal(plan.Warnings.Single(), warning);
        Assert.Contains("2 StorageClasses are marked default", warning);
    }

    [Fact]
    public async Task A_cancelled_run_reads_no_manifests_and_plans_nothing()
    {
        var opened = 0;
        var manifests = new ManifestClusterSource(new[] { new ManifestSource("a.yaml", () => { opened++; return new System.IO.StringReader(string.Empty); }) });
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GetPvcBinding.RunAsync(new GetPvcBindingRequest { Cluster = manifests }, new RecordingHost(), cancelled.Token));
        Assert.Equal(0, opened);
    }

    [Theory]
    [InlineData(1, "manifest a.yaml")]
    [InlineData(3, "3 manifest sources")]
    public void Manifest_sources_describe_themselves_for_progress(int count, string description)
    {
        var sources = Enumerable.Range(0, count).Select(i => new ManifestSource(i == 0 ? "a.yaml" : $"{i}.yaml", () => new System.IO.StringReader(string.Empty))).ToList();
        Assert.Equal(description, new ManifestClusterSource(sources).Description);
    }
}
