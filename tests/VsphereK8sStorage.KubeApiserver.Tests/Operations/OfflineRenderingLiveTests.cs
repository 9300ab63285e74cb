using System;
using System.IO;
using System.Threading.Tasks;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;
using Xunit;

namespace VsphereK8sStorage.KubeApiserver.Tests.Operations;

/// <summary>
/// What the New-K8s* operations render offline (the golden files in tests/fixtures/golden/kubernetes, which
/// OfflineRenderingTests holds them to) is accepted by the real API server.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class OfflineRenderingLiveTests
{
    private readonly KubeControlPlane cluster;

    public OfflineRenderingLiveTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task Every_golden_offline_rendering_is_accepted_by_kubectl_apply_dry_run_server()
    {
        cluster.RequireKubectl();
        await using var scratch = await Scratch.CreateAsync(cluster, "dry-run");
        await cluster.KubectlAsync(null, "create", "namespace", "apps");
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "golden", "kubernetes"), "*.yaml"))
            {
                var (exit, output, error) = await cluster.KubectlAsync(null, "apply", "--dry-run=server", "-f", file);
                Assert.True(exit == 0, $"{Path.GetFileName(file)}: {error}");
                Assert.Contains("(server dry run)", output);
            }
        }
        finally
        {
            await cluster.KubectlAsync(null, "delete", "namespace", "apps", "--wait=false");
        }
    }
}
