using System.Linq;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>
/// The planner's generated clusters, adjusted where the API server would refuse them, so they can be
/// written as manifests and read back: a volume with a volumeAttributesClassName must be a CSI volume.
/// </summary>
public static class ValidClusters
{
    public static ClusterSnapshot Generate(int seed, int volumeCount, int claimCount)
    {
        var cluster = ClusterGenerator.Generate(seed, volumeCount, claimCount);
        var volumes = cluster.Volumes
            .Select(v => v.VolumeAttributesClassName is null ? v : v with { Source = new VolumeSource("csi", $"{WellKnown.VsphereCsiDriver} fcd-{v.Name}") })
            .ToList();
        return new ClusterSnapshot(volumes, cluster.Claims, cluster.StorageClasses, cluster.Nodes);
    }
}
