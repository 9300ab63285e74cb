using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>A cluster read offline from YAML/JSON manifests (files, expanded directories, standard input).</summary>
public sealed class ManifestClusterSource : IClusterSource
{
    public ManifestClusterSource(IReadOnlyList<ManifestSource> sources) => Sources = sources;

    public IReadOnlyList<ManifestSource> Sources { get; }

    public string Description => Sources.Count == 1 ? $"manifest {Sources[0].DisplayName}" : $"{Sources.Count} manifest sources";

    public Task<ClusterSnapshot> ReadAsync(IOperationHost host, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ManifestLoader.Load(Sources, host));
    }
}
