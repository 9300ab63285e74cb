using VsphereK8sStorage.TestSupport.Peers;
using Xunit;

namespace VsphereK8sStorage.KubeApiserver.Tests.TestSupport;

/// <summary>One control plane for every test class in the collection (xunit finds collection definitions only in the test assembly).</summary>
[CollectionDefinition(Name)]
public sealed class KubeCollection : ICollectionFixture<KubeControlPlane>
{
    public const string Name = "Kubernetes control plane";
}
