using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.KubeApiserver.Tests.Client;

[Collection(KubeCollection.Name)]
public sealed class SmokeTests
{
    private readonly KubeControlPlane cluster;

    public SmokeTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task Reads_the_server_version()
    {
        cluster.Require();
        using var api = KubernetesApi.Connect(KubernetesConnection.From(cluster.AdminKubeconfig, null), _ => { });
        var version = await api.GetServerVersionAsync(CancellationToken.None);
        Assert.Equal(1, version.Major);
        Assert.Equal(20, version.Minor);
    }
}
