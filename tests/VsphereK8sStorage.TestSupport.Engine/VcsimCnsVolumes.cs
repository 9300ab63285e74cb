using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;

namespace VsphereK8sStorage.Tests.TestSupport;

/// <summary>CNS volumes on a simulator, registered as the vSphere CSI driver registers them.</summary>
public static class VcsimCnsVolumes
{
    /// <summary>
    /// Registers a block volume with CnsCreateVolume: the container cluster and a CnsKubernetesEntityMetadata for the
    /// PersistentVolume, its claim ("namespace/name") and a pod when given. Returns the volume's id.
    /// </summary>
    public static async Task<string> CreateAsync(VsphereConnection connection, string datastore, string cluster, string pv, string? claim = null, string? pod = null, long capacityMb = 1024)
    {
        var index = await DatastoreReader.ReadAsync(connection, CancellationToken.None);
        var ds = index.OfType("Datastore").Single(d => index.NameOf(d.Obj) == datastore).Obj;
        var entities = new List<CnsEntitySpec> { new("PERSISTENT_VOLUME", pv, null, cluster, Array.Empty<(string, string, string?)>()) };
        if (claim is not null)
        {
            var (ns, name) = (claim.Split('/')[0], claim.Split('/')[1]);
            entities.Add(new("PERSISTENT_VOLUME_CLAIM", name, ns, cluster, new[] { ("PERSISTENT_VOLUME", pv, (string?)null) }));
            if (pod is not null)
            {
                entities.Add(new("POD", pod, ns, cluster, new[] { ("PERSISTENT_VOLUME_CLAIM", name, (string?)ns) }));
            }
        }

        var task = await CnsMethods.CreateVolumeAsync(connection.Soap, new[] { new CnsCreateSpec(pv, ds, capacityMb, cluster, connection.User, entities) }, CancellationToken.None);
        var result = await TaskWaiter.WaitAsync(connection, task, "CnsCreateVolume", CancellationToken.None);
        return result!.Descendants().First(e => e.Name.LocalName == "id").Value;
    }
}
