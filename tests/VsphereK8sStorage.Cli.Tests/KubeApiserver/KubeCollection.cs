using VsphereK8sStorage.TestSupport.Peers;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests.KubeApiserver;

/// <summary>
/// One control plane for vk8s's Kubernetes tests. xunit finds collection definitions only in the test assembly, so
/// each test project whose tests share a control plane declares its own (VsphereK8sStorage.KubeApiserver.Tests too).
/// </summary>
[CollectionDefinition(Name)]
public sealed class KubeCollection : ICollectionFixture<KubeControlPlane>
{
    public const string Name = "Kubernetes control plane";
}
