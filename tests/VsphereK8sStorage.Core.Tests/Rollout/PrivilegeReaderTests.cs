using System.Linq;
using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Inventory;
using Xunit;

namespace VsphereK8sStorage.Tests.Rollout;

/// <summary>Roles and permissions as vCenter writes them in RetrieveAllPermissions and roleList answers.</summary>
public sealed class PrivilegeReaderTests
{
    private const string Vim = "urn:vim25";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    [Theory]
    [InlineData("a user permission that propagates", "VSPHERE.LOCAL\\csi", "false", "-2", "true", "Folder", "group-d1")]
    [InlineData("a group permission on a VM", "VSPHERE.LOCAL\\k8s-drivers", "true", "1001", "false", "VirtualMachine", "vm-42")]
    public void A_permission_keeps_entity_principal_group_role_and_propagation(string name, string principal, string group, string role, string propagate, string type, string value)
    {
        var element = new XElement(XName.Get("returnval", Vim),
            new XElement(XName.Get("entity", Vim), new XAttribute("type", type), value),
            new XElement(XName.Get("principal", Vim), principal),
            new XElement(XName.Get("group", Vim), group),
            new XElement(XName.Get("roleId", Vim), role),
            new XElement(XName.Get("propagate", Vim), propagate));

        var permission = PrivilegeReader.ParsePermission(element);

        Assert.NotNull(permission);
        Assert.True((type, value) == (permission!.Entity.Type, permission.Entity.Value), name);
        Assert.Equal(principal, permission.Principal);
        Assert.Equal(group == "true", permission.Group);
        Assert.Equal(int.Parse(role, System.Globalization.CultureInfo.InvariantCulture), permission.RoleId);
        Assert.Equal(propagate == "true", permission.Propagate);
    }

    [Fact]
    public void A_role_keeps_its_privileges_and_a_permission_without_an_entity_is_dropped()
    {
        var role = new XElement(XName.Get("AuthorizationRole", Vim), new XAttribute(XName.Get("type", Xsi), "AuthorizationRole"),
            new XElement(XName.Get("roleId", Vim), "-2"),
            new XElement(XName.Get("system", Vim), "true"),
            new XElement(XName.Get("name", Vim), "ReadOnly"),
            new XElement(XName.Get("privilege", Vim), "System.Anonymous"),
            new XElement(XName.Get("privilege", Vim), "System.Read"),
            new XElement(XName.Get("privilege", Vim), "System.View"));
        var orphan = new XElement(XName.Get("returnval", Vim), new XElement(XName.Get("principal", Vim), "x"), new XElement(XName.Get("roleId", Vim), "1"));

        var parsed = PrivilegeReader.ParseRole(role);

        Assert.Equal((-2, "ReadOnly"), (parsed!.Id, parsed.Name));
        Assert.Equal(new[] { "System.Anonymous", "System.Read", "System.View" }, parsed.Privileges.Order());
        Assert.Null(PrivilegeReader.ParsePermission(orphan));
    }
}
