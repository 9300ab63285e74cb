using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Methods;

/// <summary>The AuthorizationManager methods the readiness check calls (roleList is read through the PropertyCollector).</summary>
internal static class AuthorizationMethods
{
    /// <summary>Every permission defined anywhere in the inventory, as the server's Permission elements.</summary>
    public static async Task<IReadOnlyList<XElement>> RetrieveAllPermissionsAsync(ISoapRoundTripper soap, ManagedObjectReference authorizationManager, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("RetrieveAllPermissions", authorizationManager) { Idempotent = true }, ct).ConfigureAwait(false);
        return response.Children("returnval").ToList();
    }

    /// <summary>
    /// The privileges vCenter says <paramref name="userName"/> holds on each entity, as UserPrivilegeResult
    /// elements (entity, privileges*). vCenter evaluates groups and propagation itself; the simulator answers
    /// every privilege for anyone.
    /// </summary>
    public static async Task<IReadOnlyList<XElement>> FetchUserPrivilegeOnEntitiesAsync(ISoapRoundTripper soap, ManagedObjectReference authorizationManager, IReadOnlyList<ManagedObjectReference> entities, string userName, CancellationToken ct)
    {
        if (entities.Count == 0)
        {
            return new List<XElement>();
        }

        var response = await soap.RoundTripAsync(new SoapRequest("FetchUserPrivilegeOnEntities", authorizationManager, w =>
        {
            foreach (var entity in entities)
            {
                w.MoRef("entities", entity);
            }

            w.Value("userName", userName);
        }) { Idempotent = true }, ct).ConfigureAwait(false);
        return response.Children("returnval").ToList();
    }
}
