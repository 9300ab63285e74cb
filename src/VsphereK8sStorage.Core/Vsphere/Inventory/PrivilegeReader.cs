using System.Globalization;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Inventory;

/// <summary>A role: its id, name and privilege ids.</summary>
internal sealed record VsphereRole(int Id, string Name, IReadOnlySet<string> Privileges);

/// <summary>One permission: a principal (user or group) holds a role on an entity, and maybe on everything below it.</summary>
internal sealed record VspherePermission(ManagedObjectReference Entity, string Principal, bool Group, int RoleId, bool Propagate);

/// <summary>Roles and permissions as vCenter stores them, and, where vCenter answered, the privileges it says a user holds per entity.</summary>
internal sealed record PrivilegeSnapshot
{
    public required IReadOnlyList<VsphereRole> Roles { get; init; }

    public required IReadOnlyList<VspherePermission> Permissions { get; init; }

    /// <summary>FetchUserPrivilegeOnEntities' answer, or null when the server does not offer it or refused it.</summary>
    public IReadOnlyDictionary<ManagedObjectReference, IReadOnlySet<string>>? Fetched { get; init; }
}

/// <summary>Reads roles, permissions and a user's privileges: a fixed number of round trips whatever the entity count.</summary>
internal static class PrivilegeReader
{
    public static async Task<PrivilegeSnapshot?> ReadAsync(VsphereConnection connection, IReadOnlyList<ManagedObjectReference> entities, string userName, Action<string> verbose, CancellationToken ct)
    {
        if (connection.Content.AuthorizationManager is not { } manager)
        {
            verbose("This server has no AuthorizationManager; privileges are not checked.");
            return null;
        }

        var roleContent = await connection.PropertyCollector.RetrieveObjectsAsync(new[] { manager }, new[] { new PropertySpec("AuthorizationManager", new[] { "roleList" }) }, ct).ConfigureAwait(false);
        var roles = roleContent.SelectMany(c => c.Items("roleList")).Select(ParseRole).OfType<VsphereRole>().ToList();
        var permissions = (await AuthorizationMethods.RetrieveAllPermissionsAsync(connection.Soap, manager, ct).ConfigureAwait(false))
            .Select(ParsePermission).OfType<VspherePermission>().ToList();
        Dictionary<ManagedObjectReference, IReadOnlySet<string>>? fetched = null;
        try
        {
            var answers = await AuthorizationMethods.FetchUserPrivilegeOnEntitiesAsync(connection.Soap, manager, entities, userName, ct).ConfigureAwait(false);
            fetched = new Dictionary<ManagedObjectReference, IReadOnlySet<string>>();
            foreach (var answer in answers)
            {
                if (answer.ChildMoRef("entity") is { } entity)
                {
                    fetched[entity] = answer.Children("privileges").Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
                }
            }
        }
        catch (VsphereFaultException ex)
        {
            verbose($"vCenter did not answer which privileges {userName} holds ({ex.FaultKind}); judging from roles and permissions alone.");
        }

        return new PrivilegeSnapshot { Roles = roles, Permissions = permissions, Fetched = fetched };
    }

    internal static VsphereRole? ParseRole(System.Xml.Linq.XElement role) =>
        int.TryParse(role.ChildText("roleId"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? new VsphereRole(id, role.ChildText("name") ?? string.Empty, role.Children("privilege").Select(p => p.Value).ToHashSet(StringComparer.Ordinal))
            : null;

    internal static VspherePermission? ParsePermission(System.Xml.Linq.XElement permission) =>
        permission.ChildMoRef("entity") is { } entity && int.TryParse(permission.ChildText("roleId"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var roleId)
            ? new VspherePermission(entity, permission.ChildText("principal") ?? string.Empty, permission.ChildText("group") == "true", roleId, permission.ChildText("propagate") == "true")
            : null;
}
