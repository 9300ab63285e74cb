using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Rollout;

/// <summary>The kinds of vCenter object the CSI driver's documentation grants roles on.</summary>
internal enum PrivilegeScope
{
    VcenterRoot,
    Datacenter,
    NodeHost,
    NodeVm,
    SharedDatastore,
}

/// <summary>The privileges one documented role needs on one kind of object.</summary>
internal sealed record RequiredPrivileges(string Role, PrivilegeScope Scope, IReadOnlyList<string> Privileges);

/// <summary>
/// What the vSphere CSI driver's user must hold, per object, as the driver's documentation lists it: the
/// "vSphere Roles and Privileges" page (kubernetes-sigs/vsphere-csi-driver docs/book/driver-deployment/
/// prerequisites.md at 2fb20b7cd8a7, now VMware's "Cloud Native Storage Roles and Privileges",
/// GUID-AEB07597-F303-4FDD-87D9-0FDA4836E5BB). Every custom role also carries System.Anonymous, System.Read and
/// System.View. CNS-HOST-CONFIG-STORAGE (Host.Config.Storage on vSAN file-service clusters) is for file volumes
/// only and not checked. The CPI needs only ReadOnly on the node VMs' ancestors, which the ReadOnly rows cover.
/// </summary>
internal static class DriverPrivileges
{
    public const string Source = "vSphere CSI driver documentation, 'vSphere Roles and Privileges' (kubernetes-sigs/vsphere-csi-driver docs/book/driver-deployment/prerequisites.md @2fb20b7cd8a7; VMware docs GUID-AEB07597-F303-4FDD-87D9-0FDA4836E5BB)";

    public static readonly IReadOnlyList<RequiredPrivileges> Required = new[]
    {
        new RequiredPrivileges("CNS-SEARCH-AND-SPBM", PrivilegeScope.VcenterRoot, new[] { "Cns.Searchable", "StorageProfile.View", "System.Read" }),
        new RequiredPrivileges("ReadOnly", PrivilegeScope.Datacenter, new[] { "System.Read" }),
        new RequiredPrivileges("ReadOnly", PrivilegeScope.NodeHost, new[] { "System.Read" }),
        new RequiredPrivileges("CNS-VM", PrivilegeScope.NodeVm, new[] { "VirtualMachine.Config.AddExistingDisk", "VirtualMachine.Config.AddRemoveDevice", "System.Read" }),
        new RequiredPrivileges("CNS-DATASTORE", PrivilegeScope.SharedDatastore, new[] { "Datastore.FileManagement", "System.Read" }),
    };

    public static IEnumerable<RequiredPrivileges> For(PrivilegeScope scope) => Required.Where(r => r.Scope == scope);
}

/// <summary>How a privilege stands for a user on one entity.</summary>
internal enum Grant
{
    /// <summary>A permission for the user grants it.</summary>
    Granted,

    /// <summary>No permission for the user grants it, but a permission for a group does (membership unknown here).</summary>
    ThroughGroup,

    Missing,
}

/// <summary>
/// Effective privileges from roles and permissions, evaluated as vCenter does: the permissions defined on the
/// entity itself apply, those on an ancestor apply only when they propagate; the nearest level with a permission
/// for the user decides (a user permission there wins over group permissions). Group membership is vCenter's to
/// know: where a privilege comes only through a group, FetchUserPrivilegeOnEntities' answer for the user decides.
/// That call alone is not enough: the simulator answers it with the same privileges for every user, which is
/// why the evaluation from stored roles and permissions exists.
/// </summary>
internal sealed class EffectivePrivileges
{
    private readonly IReadOnlyDictionary<int, VsphereRole> roles;
    private readonly ILookup<ManagedObjectReference, VspherePermission> byEntity;
    private readonly PrivilegeSnapshot snapshot;
    private readonly Principal user;

    public EffectivePrivileges(PrivilegeSnapshot snapshot, string userName)
    {
        this.snapshot = snapshot;
        roles = snapshot.Roles.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
        byEntity = snapshot.Permissions.ToLookup(p => p.Entity);
        user = Principal.Parse(userName);
    }

    /// <summary>How <paramref name="privilege"/> stands on the entity whose chain (itself first, root last) is given, and the permission that decided.</summary>
    public (Grant Grant, VspherePermission? Decider) Check(IReadOnlyList<ManagedObjectReference> chain, string privilege)
    {
        for (var level = 0; level < chain.Count; level++)
        {
            var applicable = byEntity[chain[level]].Where(p => level == 0 || p.Propagate).ToList();
            var mine = applicable.Where(p => !p.Group && user.Matches(Principal.Parse(p.Principal))).ToList();
            if (mine.Count > 0)
            {
                var decider = mine[0];
                return (mine.Any(p => Holds(p.RoleId, privilege)) ? Grant.Granted : Grant.Missing, decider);
            }

            var groups = applicable.Where(p => p.Group && Holds(p.RoleId, privilege)).ToList();
            if (groups.Count > 0)
            {
                // Only vCenter knows who is in a group: its answer for this user decides; without one, say so.
                if (snapshot.Fetched is { } fetched && fetched.TryGetValue(chain[0], out var answer))
                {
                    return (answer.Contains(privilege) ? Grant.Granted : Grant.Missing, groups[0]);
                }

                return (Grant.ThroughGroup, groups[0]);
            }
        }

        return (Grant.Missing, null);
    }

    public string RoleName(int id) => roles.TryGetValue(id, out var role) ? role.Name : id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The Administrator role (-1) is every privilege on vCenter; the simulator's copy, taken from an ESXi host,
    // lacks the vCenter-only ones (Cns.Searchable, StorageProfile.*).
    private bool Holds(int roleId, string privilege) =>
        roleId == AdminRole || (roles.TryGetValue(roleId, out var role) && role.Privileges.Contains(privilege));

    private const int AdminRole = -1;

    /// <summary>A user or group name as vCenter writes it, DOMAIN\name or name@domain; compared without case.</summary>
    private readonly record struct Principal(string Name, string? Domain)
    {
        public static Principal Parse(string text)
        {
            var trimmed = text.Trim();
            var backslash = trimmed.IndexOf('\\');
            if (backslash > 0)
            {
                return new Principal(trimmed[(backslash + 1)..].ToLowerInvariant(), trimmed[..backslash].ToLowerInvariant());
            }

            var at = trimmed.LastIndexOf('@');
            return at > 0 ? new Principal(trimmed[..at].ToLowerInvariant(), trimmed[(at + 1)..].ToLowerInvariant()) : new Principal(trimmed.ToLowerInvariant(), null);
        }

        public bool Matches(Principal other) =>
            Name == other.Name && (Domain is null || other.Domain is null || Domain == other.Domain || DomainShortName(Domain) == DomainShortName(other.Domain));

        private static string DomainShortName(string domain) => domain.Split('.')[0];
    }
}
