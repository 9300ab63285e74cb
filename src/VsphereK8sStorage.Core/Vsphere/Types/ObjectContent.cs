using System.Xml;
using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Vsphere.Types;

/// <summary>One object of a PropertyCollector result: its MoRef, the requested properties that have values, and the ones that failed.</summary>
internal sealed class ObjectContent
{
    public ObjectContent(ManagedObjectReference obj, IReadOnlyDictionary<string, XElement> properties, IReadOnlyDictionary<string, VsphereFault> missing)
    {
        Obj = obj;
        Properties = properties;
        Missing = missing;
    }

    public ManagedObjectReference Obj { get; }

    /// <summary>Property path → its <c>val</c> element. Unset properties are absent, as vSphere leaves them out.</summary>
    public IReadOnlyDictionary<string, XElement> Properties { get; }

    /// <summary>Property path → why it could not be read (vSphere's <c>missingSet</c>, such as NoPermission).</summary>
    public IReadOnlyDictionary<string, VsphereFault> Missing { get; }

    public XElement? this[string path] => Properties.TryGetValue(path, out var value) ? value : null;

    public string? Text(string path) => this[path]?.Value;

    public long? Long(string path) => long.TryParse(Text(path), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    public ManagedObjectReference? MoRef(string path) => this[path] is { } element ? element.AsMoRef() : null;

    /// <summary>An ArrayOfManagedObjectReference property.</summary>
    public IReadOnlyList<ManagedObjectReference> MoRefs(string path) =>
        this[path]?.Children("ManagedObjectReference").Select(e => e.AsMoRef()).ToList() ?? (IReadOnlyList<ManagedObjectReference>)Array.Empty<ManagedObjectReference>();

    /// <summary>The items of an ArrayOf… property (<c>&lt;val xsi:type="ArrayOfOptionValue"&gt;&lt;OptionValue&gt;…</c>).</summary>
    public IEnumerable<XElement> Items(string path) => this[path]?.Elements() ?? Enumerable.Empty<XElement>();

    /// <summary>Parses a <c>&lt;objects&gt;</c> element of a RetrieveResult.</summary>
    public static ObjectContent Parse(XElement objects)
    {
        // One walk over the children: a RetrieveResult holds thousands of these.
        var properties = new Dictionary<string, XElement>(StringComparer.Ordinal);
        Dictionary<string, VsphereFault>? missing = null;
        ManagedObjectReference? obj = null;
        for (var node = objects.FirstNode; node is not null; node = node.NextNode)
        {
            if (node is not XElement child)
            {
                continue;
            }

            switch (child.Name.LocalName)
            {
                case "obj":
                    obj ??= child.AsMoRef();
                    break;
                case "propSet":
                    if (child.ChildText("name") is { } name && child.Child("val") is { } value)
                    {
                        properties[name] = value;
                    }

                    break;
                case "missingSet":
                    if (child.ChildText("path") is { } path && child.Child("fault") is { } fault)
                    {
                        missing ??= new Dictionary<string, VsphereFault>(StringComparer.Ordinal);
                        missing[path] = VsphereFault.FromLocalizedMethodFault(fault);
                    }

                    break;
            }
        }

        return new ObjectContent(obj ?? default, properties, missing ?? NoneMissing);
    }

    /// <summary>
    /// Reads an <c>&lt;objects&gt;</c> element from a reader on it: each property value becomes a tree (through
    /// <paramref name="trees"/>, shared by the objects of one answer), nothing else does.
    /// </summary>
    public static ObjectContent Read(XmlReader reader, Soap.TreeReader trees)
    {
        var properties = new Dictionary<string, XElement>(StringComparer.Ordinal);
        Dictionary<string, VsphereFault>? missing = null;
        ManagedObjectReference? obj = null;
        var objects = StreamingXml.Enter(reader);
        while (StreamingXml.NextChild(reader, objects))
        {
            switch (reader.LocalName)
            {
                case "obj" when obj is null:
                    obj = StreamingXml.ReadMoRef(reader);
                    break;
                case "propSet":
                    string? name = null;
                    XElement? value = null;
                    var propSet = StreamingXml.Enter(reader);
                    while (StreamingXml.NextChild(reader, propSet))
                    {
                        if (name is null && reader.LocalName == "name")
                        {
                            name = StreamingXml.ReadText(reader);
                        }
                        else if (value is null && reader.LocalName == "val")
                        {
                            value = trees.Read(reader);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    if (name is not null && value is not null)
                    {
                        properties[name] = value;
                    }

                    break;
                case "missingSet":
                    var miss = Soap.SoapEnvelope.ReadElement(reader);
                    if (miss.ChildText("path") is { } path && miss.Child("fault") is { } fault)
                    {
                        missing ??= new Dictionary<string, VsphereFault>(StringComparer.Ordinal);
                        missing[path] = VsphereFault.FromLocalizedMethodFault(fault);
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new ObjectContent(obj ?? default, properties, missing ?? NoneMissing);
    }

    /// <summary>This object with the properties (and failures) another read of it gave; that read's win where both hold a path.</summary>
    public ObjectContent With(ObjectContent other)
    {
        var properties = new Dictionary<string, XElement>(Properties, StringComparer.Ordinal);
        foreach (var (path, value) in other.Properties)
        {
            properties[path] = value;
        }

        if (other.Missing.Count == 0)
        {
            return new ObjectContent(Obj, properties, Missing);
        }

        var missing = new Dictionary<string, VsphereFault>(Missing, StringComparer.Ordinal);
        foreach (var (path, fault) in other.Missing)
        {
            missing[path] = fault;
        }

        return new ObjectContent(Obj, properties, missing);
    }

    private static readonly IReadOnlyDictionary<string, VsphereFault> NoneMissing = new Dictionary<string, VsphereFault>(StringComparer.Ordinal);
}
