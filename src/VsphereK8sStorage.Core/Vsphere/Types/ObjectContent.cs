using System;
using System.Collections.Generic;
using System.Linq;
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
        var properties = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var property in objects.Children("propSet"))
        {
            if (property.ChildText("name") is { } name && property.Child("val") is { } value)
            {
                properties[name] = value;
            }
        }

        var missing = new Dictionary<string, VsphereFault>(StringComparer.Ordinal);
        foreach (var miss in objects.Children("missingSet"))
        {
            if (miss.ChildText("path") is { } path && miss.Child("fault") is { } fault)
            {
                missing[path] = VsphereFault.FromLocalizedMethodFault(fault);
            }
        }

        return new ObjectContent(objects.ChildMoRef("obj") ?? default, properties, missing);
    }
}
