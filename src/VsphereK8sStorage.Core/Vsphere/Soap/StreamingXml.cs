using System.Xml;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// Walking vSphere's XML with an <see cref="XmlReader"/>, by local name (as <see cref="Xml"/> does on trees), for
/// answers too large to become a tree first. The reader comes from <see cref="SoapEnvelope.ReaderSettings"/>: DTDs are
/// refused and the document's size is bounded.
/// </summary>
internal static class StreamingXml
{
    /// <summary>
    /// Enters the element the reader is on, for <see cref="NextChild"/>: its depth, or -1 when it is empty (the reader
    /// then has moved past it).
    /// </summary>
    public static int Enter(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return -1;
        }

        var depth = reader.Depth;
        reader.Read();
        return depth;
    }

    /// <summary>
    /// Moves to the next child element of the element entered at <paramref name="depth"/>; false at its end, with the
    /// reader moved past it. The caller reads each child it is given whole (or skips it).
    /// </summary>
    public static bool NextChild(XmlReader reader, int depth)
    {
        if (depth < 0)
        {
            return false;
        }

        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                reader.Read();
                return false;
            }

            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
            {
                return true;
            }

            reader.Read();
        }

        return false;
    }

    /// <summary>The text of a simple element the reader is on (the reader moves past it); one with child elements is not a SOAP answer this client reads.</summary>
    public static string ReadText(XmlReader reader) => reader.ReadElementContentAsString();

    /// <summary>A MoRef element the reader is on (<c>&lt;x type="VirtualMachine"&gt;vm-42&lt;/x&gt;</c>).</summary>
    public static Types.ManagedObjectReference ReadMoRef(XmlReader reader)
    {
        var type = reader.GetAttribute("type") ?? string.Empty;
        return new Types.ManagedObjectReference(type, reader.ReadElementContentAsString());
    }
}
