using System.Globalization;
using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// Reading vSphere's XML by local name. Responses mix namespaces (urn:vim25, urn:pbm, default-namespace
/// tricks), so names are matched without them; concrete types come from <c>xsi:type</c>.
/// </summary>
internal static class Xml
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The first child element with this local name (a walk over the child nodes: these run once per property read).</summary>
    public static XElement? Child(this XElement element, string localName)
    {
        for (var node = element.FirstNode; node is not null; node = node.NextNode)
        {
            if (node is XElement child && child.Name.LocalName == localName)
            {
                return child;
            }
        }

        return null;
    }

    public static IEnumerable<XElement> Children(this XElement element, string localName)
    {
        for (var node = element.FirstNode; node is not null; node = node.NextNode)
        {
            if (node is XElement child && child.Name.LocalName == localName)
            {
                yield return child;
            }
        }
    }

    public static string? ChildText(this XElement element, string localName) => element.Child(localName)?.Value;

    /// <summary>The text at a path of local names (<c>summary/url</c>).</summary>
    public static string? TextAt(this XElement element, string path)
    {
        XElement? current = element;
        foreach (var part in path.Split('/'))
        {
            current = current?.Child(part);
        }

        return current?.Value;
    }

    public static long? ChildLong(this XElement element, string localName) =>
        long.TryParse(element.ChildText(localName), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? ChildBool(this XElement element, string localName) => element.ChildText(localName) switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    /// <summary>The concrete type of an element (<c>xsi:type="ArrayOfOptionValue"</c> gives ArrayOfOptionValue), without a prefix.</summary>
    public static string? XsiType(this XElement element)
    {
        var type = element.Attribute(Xsi + "type")?.Value;
        if (type is null)
        {
            return null;
        }

        var colon = type.IndexOf(':');
        return colon < 0 ? type : type.Substring(colon + 1);
    }

    /// <summary>Reads a MoRef element (<c>&lt;x type="VirtualMachine"&gt;vm-42&lt;/x&gt;</c>).</summary>
    public static ManagedObjectReference AsMoRef(this XElement element) =>
        new(element.Attribute("type")?.Value ?? string.Empty, element.Value);

    public static ManagedObjectReference? ChildMoRef(this XElement element, string localName) =>
        element.Child(localName) is { } child ? child.AsMoRef() : null;

}
