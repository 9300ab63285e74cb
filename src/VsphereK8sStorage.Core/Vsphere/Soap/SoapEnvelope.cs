using System.Text;
using System.Xml;
using System.Xml.Linq;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// The SOAP 1.1 envelope: requests written with <see cref="XmlWriter"/>, responses read with an
/// <see cref="XmlReader"/> that refuses DTDs and bounds the document size, so a hostile or broken
/// server can neither expand entities nor exhaust memory.
/// </summary>
internal static class SoapEnvelope
{
    public const string EnvelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string XsdNamespace = "http://www.w3.org/2001/XMLSchema";

    /// <summary>Largest response accepted, in characters: generous for 10,000 VMs with their extraConfig.</summary>
    public const long MaxResponseCharacters = 512L * 1024 * 1024;

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        CheckCharacters = true,
        Indent = false,
    };

    /// <summary>
    /// The request bytes. <paramref name="headerCookie"/> goes in <c>vcSessionCookie</c>, which endpoints
    /// other than /sdk (such as /pbm) read to join the vCenter session.
    /// </summary>
    public static byte[] Write(SoapRequest request, string? headerCookie)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, WriterSettings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("soapenv", "Envelope", EnvelopeNamespace);
            writer.WriteAttributeString("xmlns", "xsd", null, XsdNamespace);
            writer.WriteAttributeString("xmlns", "xsi", null, SoapBodyWriter.XsiNamespace);
            if (headerCookie is not null)
            {
                writer.WriteStartElement("soapenv", "Header", EnvelopeNamespace);
                writer.WriteStartElement("vcSessionCookie", string.Empty);
                writer.WriteString(headerCookie);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteStartElement("soapenv", "Body", EnvelopeNamespace);
            writer.WriteStartElement(request.Method, request.Endpoint.Namespace);
            var body = new SoapBodyWriter(writer);
            body.MoRef("_this", request.Target);
            request.WriteArguments?.Invoke(body);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    public static XmlReaderSettings ReaderSettings(long maxCharacters = MaxResponseCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = maxCharacters,
        MaxCharactersFromEntities = 1024,
    };

    /// <summary>
    /// The method's response element (<c>&lt;LoginResponse&gt;</c>); a SOAP fault becomes a
    /// <see cref="VsphereFaultException"/>, anything that is not a SOAP envelope a protocol error.
    /// </summary>
    public static XElement ReadResponse(Stream stream, SoapRequest request, string server, long maxCharacters = MaxResponseCharacters) =>
        ReadResponse(stream, request, server, ReadElement, maxCharacters);

    /// <summary>The element the reader is on, as a tree (the reader moves past it).</summary>
    public static XElement ReadElement(XmlReader reader) => (XElement)XNode.ReadFrom(reader);

    /// <summary>
    /// The method's response element decoded by <paramref name="read"/> straight from the reader (positioned on the
    /// element), without a tree of the whole envelope; the rest of the document is still read, so a response that
    /// is not well-formed fails as a whole. Faults and what is not a SOAP envelope fail as in the tree form.
    /// </summary>
    public static T ReadResponse<T>(Stream stream, SoapRequest request, string server, Func<XmlReader, T> read, long maxCharacters = MaxResponseCharacters)
    {
        XElement? fault = null;
        T result = default!;
        var found = false;
        try
        {
            using var reader = XmlReader.Create(stream, ReaderSettings(maxCharacters));
            if (MoveToBodyContent(reader))
            {
                found = true;
                if (reader.LocalName == "Fault")
                {
                    fault = ReadElement(reader);
                }
                else
                {
                    result = read(reader);
                }
            }

            while (reader.Read())
            {
                // The rest of the envelope: read so that a broken document is refused as a whole.
            }
        }
        catch (XmlException ex)
        {
            throw new SoapTransportException(
                "VsphereResponseInvalid",
                SoapTransportFailure.InvalidResponse,
                $"{server} answered {request.Method} with something that is not a SOAP message ({MessageText.Printable(ex.Message, 200)}); check that the address is a vCenter or ESXi SDK endpoint.",
                server,
                ex);
        }

        if (!found)
        {
            throw new SoapTransportException(
                "VsphereResponseInvalid",
                SoapTransportFailure.InvalidResponse,
                $"{server} answered {request.Method} with an envelope that has no body; check that the address is a vCenter or ESXi SDK endpoint.",
                server);
        }

        if (fault is not null)
        {
            throw VsphereFaultException.ForCall(VsphereFault.FromSoapFault(fault), request.Method);
        }

        return result;
    }

    /// <summary>Moves to the first element inside the envelope's Body (names matched without namespaces); false when there is none.</summary>
    private static bool MoveToBodyContent(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Envelope" || reader.IsEmptyElement)
        {
            return false;
        }

        var envelopeDepth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == envelopeDepth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            if (reader.LocalName != "Body")
            {
                reader.Skip();
                continue;
            }

            if (reader.IsEmptyElement)
            {
                return false;
            }

            var bodyDepth = reader.Depth;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == bodyDepth))
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    return true;
                }

                reader.Read();
            }

            return false;
        }

        return false;
    }
}
