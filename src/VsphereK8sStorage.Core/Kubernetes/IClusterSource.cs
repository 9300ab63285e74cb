using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// Where a cluster's storage objects come from: manifests on disk, objects in memory, or the API server.
/// Operations read through this and never ask which kind of source it is.
/// </summary>
public interface IClusterSource
{
    /// <summary>What is read, for progress and verbose messages ("3 manifest sources").</summary>
    string Description { get; }

    /// <summary>
    /// Reads every PersistentVolume, claim, StorageClass and Node, with what the source adds (a live cluster: its
    /// version and the last events on unbound claims); throws a VsphereK8sException when it cannot.
    /// </summary>
    Task<ClusterSnapshot> ReadAsync(IOperationHost host, CancellationToken cancellationToken);
}
