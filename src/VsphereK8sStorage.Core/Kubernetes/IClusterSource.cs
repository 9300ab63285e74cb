using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// Where a cluster's storage objects come from: manifests on disk today, the API server once the
/// Kubernetes client lands. Operations read through this so neither they nor the hosts change then.
/// </summary>
public interface IClusterSource
{
    /// <summary>What is read, for progress and verbose messages ("3 manifest sources").</summary>
    string Description { get; }

    /// <summary>Reads every PersistentVolume, claim, StorageClass and Node; throws a VsphereK8sException when it cannot.</summary>
    Task<ClusterSnapshot> ReadAsync(IOperationHost host, CancellationToken cancellationToken);
}
