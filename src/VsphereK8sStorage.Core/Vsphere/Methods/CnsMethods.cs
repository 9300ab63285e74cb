using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Methods;

/// <summary>What CnsQueryVolume's <c>CnsQueryFilter</c> holds, in the schema's order; empty lists are left out.</summary>
internal sealed record CnsQueryFilterSpec
{
    public IReadOnlyList<string> VolumeIds { get; init; } = new List<string>();

    public IReadOnlyList<string> Names { get; init; } = new List<string>();

    public IReadOnlyList<string> ContainerClusterIds { get; init; } = new List<string>();

    public IReadOnlyList<ManagedObjectReference> Datastores { get; init; } = new List<ManagedObjectReference>();

    public long Offset { get; init; }

    public long Limit { get; init; }
}

/// <summary>Kubernetes metadata the vSphere CSI driver registers on a volume (CnsKubernetesEntityMetadata).</summary>
internal sealed record CnsEntitySpec(string EntityType, string EntityName, string? Namespace, string ClusterId, IReadOnlyList<(string EntityType, string EntityName, string? Namespace)> Referred);

/// <summary>One CnsVolumeCreateSpec of a block volume.</summary>
internal sealed record CnsCreateSpec(string Name, ManagedObjectReference Datastore, long CapacityMb, string ClusterId, string VsphereUser, IReadOnlyList<CnsEntitySpec> Entities);

/// <summary>The Cloud Native Storage methods this module calls (the CnsVolumeManager at /vsanHealth).</summary>
internal static class CnsMethods
{
    public static readonly ManagedObjectReference VolumeManager = new("CnsVolumeManager", "cns-volume-manager");

    /// <summary>One page of CnsQueryVolume: the <c>CnsQueryResult</c> element (volumes and cursor).</summary>
    public static async Task<XElement> QueryVolumeAsync(ISoapRoundTripper soap, CnsQueryFilterSpec filter, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("CnsQueryVolume", VolumeManager, w =>
        {
            w.Start("filter");
            foreach (var id in filter.VolumeIds)
            {
                w.Start("volumeIds").Value("id", id).End();
            }

            foreach (var name in filter.Names)
            {
                w.Value("names", name);
            }

            foreach (var cluster in filter.ContainerClusterIds)
            {
                w.Value("containerClusterIds", cluster);
            }

            foreach (var datastore in filter.Datastores)
            {
                w.MoRef("datastores", datastore);
            }

            w.Start("cursor").Value("offset", filter.Offset).Value("limit", filter.Limit).End();
            w.End();
        }, SoapEndpoint.Cns) { Idempotent = true }, ct).ConfigureAwait(false);
        return response.Child("returnval") ?? new XElement("returnval");
    }

    /// <summary>CnsCreateVolume as the vSphere CSI driver sends it for a block volume; returns the task.</summary>
    public static async Task<ManagedObjectReference> CreateVolumeAsync(ISoapRoundTripper soap, IReadOnlyList<CnsCreateSpec> specs, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("CnsCreateVolume", VolumeManager, w =>
        {
            foreach (var spec in specs)
            {
                w.Start("createSpecs").Value("name", spec.Name).Value("volumeType", "BLOCK").MoRef("datastores", spec.Datastore);
                w.Start("metadata");
                WriteCluster(w, "containerCluster", spec.ClusterId, spec.VsphereUser);
                foreach (var entity in spec.Entities)
                {
                    w.Start("entityMetadata", "CnsKubernetesEntityMetadata").Value("entityName", entity.EntityName).Value("delete", false).Value("clusterId", entity.ClusterId);
                    w.Value("entityType", entity.EntityType);
                    if (entity.Namespace is not null)
                    {
                        w.Value("namespace", entity.Namespace);
                    }

                    foreach (var referred in entity.Referred)
                    {
                        w.Start("referredEntity").Value("entityType", referred.EntityType).Value("entityName", referred.EntityName);
                        if (referred.Namespace is not null)
                        {
                            w.Value("namespace", referred.Namespace);
                        }

                        w.Value("clusterId", entity.ClusterId).End();
                    }

                    w.End();
                }

                WriteCluster(w, "containerClusterArray", spec.ClusterId, spec.VsphereUser);
                w.End();
                w.Start("backingObjectDetails", "CnsBlockBackingDetails").Value("capacityInMb", spec.CapacityMb).End();
                w.End();
            }
        }, SoapEndpoint.Cns), ct).ConfigureAwait(false);
        return response.ChildMoRef("returnval") ?? default;
    }

    /// <summary>CnsDeleteVolume with deleteDisk: the CNS record and its disk; returns the task.</summary>
    public static async Task<ManagedObjectReference> DeleteVolumeAsync(ISoapRoundTripper soap, IReadOnlyList<string> volumeIds, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("CnsDeleteVolume", VolumeManager, w =>
        {
            foreach (var id in volumeIds)
            {
                w.Start("volumeIds").Value("id", id).End();
            }

            w.Value("deleteDisk", true);
        }, SoapEndpoint.Cns), ct).ConfigureAwait(false);
        return response.ChildMoRef("returnval") ?? default;
    }

    private static void WriteCluster(SoapBodyWriter w, string element, string clusterId, string user) =>
        w.Start(element).Value("clusterType", "KUBERNETES").Value("clusterId", clusterId).Value("vSphereUser", user).Value("clusterFlavor", "VANILLA").End();
}
