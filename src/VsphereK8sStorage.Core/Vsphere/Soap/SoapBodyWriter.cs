using System.Globalization;
using System.Xml;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// Writes method arguments in a request body. Everything goes through <see cref="XmlWriter"/>, which
/// escapes '&lt;', '&amp;' and quotes in text and attributes; a value XML cannot carry at all (a control
/// character) is refused with a message naming it instead of producing a malformed request.
/// </summary>
internal sealed class SoapBodyWriter
{
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    private readonly XmlWriter writer;

    internal SoapBodyWriter(XmlWriter writer) => this.writer = writer;

    /// <summary>&lt;name&gt;value&lt;/name&gt;, escaped.</summary>
    public SoapBodyWriter Value(string name, string value)
    {
        writer.WriteStartElement(name);
        WriteText(name, value);
        writer.WriteEndElement();
        return this;
    }

    public SoapBodyWriter Value(string name, bool value) => Value(name, value ? "true" : "false");

    public SoapBodyWriter Value(string name, long value) => Value(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A value of a declared-abstract type (<c>xsd:anyType</c>, such as OptionValue.value): <c>&lt;name xsi:type="xsd:string"&gt;</c>.</summary>
    public SoapBodyWriter TypedValue(string name, string xsiType, string value)
    {
        writer.WriteStartElement(name);
        writer.WriteAttributeString("xsi", "type", XsiNamespace, xsiType);
        WriteText(name, value);
        writer.WriteEndElement();
        return this;
    }

    /// <summary>&lt;name type="VirtualMachine"&gt;vm-42&lt;/name&gt;.</summary>
    public SoapBodyWriter MoRef(string name, ManagedObjectReference reference)
    {
        writer.WriteStartElement(name);
        writer.WriteAttributeString("type", reference.Type);
        WriteText(name, reference.Value);
        writer.WriteEndElement();
        return this;
    }

    /// <summary>Opens a complex element; <paramref name="xsiType"/> names the concrete type where the schema declares a base type.</summary>
    public SoapBodyWriter Start(string name, string? xsiType = null)
    {
        writer.WriteStartElement(name);
        if (xsiType is not null)
        {
            writer.WriteAttributeString("xsi", "type", XsiNamespace, xsiType);
        }

        return this;
    }

    public SoapBodyWriter End()
    {
        writer.WriteEndElement();
        return this;
    }

    /// <summary>A complex element written by <paramref name="content"/>.</summary>
    public SoapBodyWriter Element(string name, Action<SoapBodyWriter> content, string? xsiType = null)
    {
        Start(name, xsiType);
        content(this);
        return End();
    }

    private void WriteText(string name, string value)
    {
        try
        {
            // The UTF-8 encoder would quietly replace a lone surrogate; refuse it like any other unsendable text.
            if (HasLoneSurrogate(value))
            {
                throw new ArgumentException("lone surrogate", nameof(value));
            }

            writer.WriteString(value);
        }
        catch (ArgumentException)
        {
            throw new VsphereK8sException(
                "VsphereValueNotRepresentable",
                ErrorKind.InvalidArgument,
                $"The value for {name} contains a control character or broken Unicode that a vSphere request cannot carry; remove it and try again.",
                name);
        }
    }

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}
