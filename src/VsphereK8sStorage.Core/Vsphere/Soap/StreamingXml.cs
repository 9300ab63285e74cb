using System;
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
    /// Calls <paramref name="child"/> with the reader on each child element of the element the reader is on; the
    /// callback reads that element whole and returns true, or returns false to have it skipped. Leaves the reader
    /// after the element's end.
    /// </summary>
    public static void ForEachChild(XmlReader reader, Func<XmlReader, bool> child)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
            }
            else if (!child(reader))
            {
                reader.Skip();
            }
        }

        reader.Read();
    }

    /// <summary>The text of the element the reader is on (the reader moves past it); its child elements' text counts too, as XElement.Value does.</summary>
    public static string ReadText(XmlReader reader) => SoapEnvelope.ReadElement(reader).Value;
}
