using System.Linq;
using System.Xml.Linq;

namespace VsphereK8sStorage.Tests.TestSupport;

/// <summary>
/// Property values read two ways (XNode.ReadFrom's tree, and TreeReader's, which leaves namespace declarations out)
/// are the same value when their elements, attributes and text are.
/// </summary>
public static class PropertyTrees
{
    public static bool SameValue(XElement a, XElement b) => XNode.DeepEquals(WithoutNamespaceDeclarations(a), WithoutNamespaceDeclarations(b));

    public static XElement WithoutNamespaceDeclarations(XElement value)
    {
        var copy = new XElement(value);
        copy.DescendantsAndSelf().Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        return copy;
    }
}
