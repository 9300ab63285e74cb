using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>A cluster read offline from YAML/JSON manifests: paths are resolved when it is read, on the operation's thread.</summary>
internal sealed class ManifestClusterSource : IClusterSource
{
    private readonly ManifestSourceSpec spec;

    public ManifestClusterSource(ManifestSourceSpec spec) => this.spec = spec;

    public string Description => spec.Description;

    public Task<ClusterSnapshot> ReadAsync(IOperationHost host, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sources = ManifestPaths.Resolve(spec, host);
        return Task.FromResult(ManifestLoader.Read(sources, host, cancellationToken));
    }
}
