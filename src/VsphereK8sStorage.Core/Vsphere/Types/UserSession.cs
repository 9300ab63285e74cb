using System.Xml.Linq;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Vsphere.Types;

/// <summary>A vim25 UserSession: who is logged in, and the session's key (not its cookie).</summary>
internal sealed record UserSession(string Key, string UserName, string FullName)
{
    public static UserSession Parse(XElement element) => new(
        element.ChildText("key") ?? string.Empty,
        MessageText.Printable(element.ChildText("userName"), 200),
        MessageText.Printable(element.ChildText("fullName"), 200));
}
