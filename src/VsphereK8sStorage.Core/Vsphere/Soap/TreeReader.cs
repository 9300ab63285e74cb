using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// Turns the element an <see cref="XmlReader"/> is on into a tree for <see cref="Xml"/>'s local-name readers, cheaper
/// than <see cref="XNode.ReadFrom"/> for the thousands of property values of a large read: names are looked up once per
/// reader (by the reader's atomized strings) instead of hashed per element, and namespace declarations, which those
/// readers never look at, are left out. Elements, other attributes and text are kept as XNode.ReadFrom keeps them.
/// One instance per reader; not for use from two threads.
/// </summary>
internal sealed class TreeReader
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private readonly Dictionary<(string Local, string Namespace), XName> names = new(AtomizedPairComparer.Instance);

    /// <summary>The element the reader is on, as a tree; the reader moves past it. Nesting is walked with a loop, so depth costs no stack.</summary>
    public XElement Read(XmlReader reader)
    {
        var root = Start(reader);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return root;
        }

        var open = new Stack<XElement>();
        var current = root;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var child = Start(reader);
                    if (reader.IsEmptyElement)
                    {
                        current.Add(child);
                    }
                    else
                    {
                        open.Push(current);
                        current = child;
                    }

                    break;
                case XmlNodeType.CDATA:
                    current.Add(new XCData(reader.Value));
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    current.Add(reader.Value);
                    break;
                case XmlNodeType.EndElement:
                    if (current.IsEmpty)
                    {
                        current.Add(string.Empty); // <a></a> is not <a/>, as in XNode.ReadFrom
                    }

                    if (open.Count == 0)
                    {
                        reader.Read();
                        return root;
                    }

                    // Attached when complete: adding to a parent walks up to its root, so a parent not yet attached keeps that walk short.
                    var parent = open.Pop();
                    parent.Add(current);
                    current = parent;
                    break;
            }
        }

        // A reader checks well-formedness, so it ends inside an element only by throwing; this keeps that true.
        throw new XmlException("The document ended inside an element.");
    }

    private XElement Start(XmlReader reader)
    {
        var element = new XElement(Name(reader.LocalName, reader.NamespaceURI));
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.NamespaceURI != XmlnsNamespace)
                {
                    element.Add(new XAttribute(Name(reader.LocalName, reader.NamespaceURI), reader.Value));
                }
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }

        return element;
    }

    private XName Name(string local, string ns)
    {
        if (!names.TryGetValue((local, ns), out var name))
        {
            name = XNamespace.Get(ns).GetName(local);
            names[(local, ns)] = name;
        }

        return name;
    }

    /// <summary>Compares the reader's atomized names by reference: equal text in two instances only costs a second entry.</summary>
    private sealed class AtomizedPairComparer : IEqualityComparer<(string Local, string Namespace)>
    {
        public static readonly AtomizedPairComparer Instance = new();

        public bool Equals((string Local, string Namespace) x, (string Local, string Namespace) y) =>
            ReferenceEquals(x.Local, y.Local) && ReferenceEquals(x.Namespace, y.Namespace);

        public int GetHashCode((string Local, string Namespace) pair) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(pair.Local), RuntimeHelpers.GetHashCode(pair.Namespace));
    }
}
