using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests.TestSupport;

/// <summary>
/// Checks a *.format.ps1xml / *.types.ps1xml as PowerShell would when it imports the module: against
/// PowerShell's own schema, then (for format files) against the types the module's assemblies define.
/// Each check returns what is wrong, so a test can assert both "nothing" and "this".
/// </summary>
internal static class FormatFileChecker
{
    private static readonly string[] Entries = { "TableRowEntry", "ListEntry", "WideEntry", "CustomEntry" };

    /// <summary>The schema for a file: Types.xsd for *.types.ps1xml, Format.xsd for the rest.</summary>
    public static string SchemaFor(string fileName) =>
        Path.Combine(RepoPaths.Schemas, fileName.EndsWith(".types.ps1xml", StringComparison.OrdinalIgnoreCase) ? "Types.xsd" : "Format.xsd");

    /// <summary>Every schema error and warning (a warning is how an element nothing declares shows up).</summary>
    public static IReadOnlyList<string> ValidateAgainstSchema(string xml, string schemaPath)
    {
        var problems = new List<string>();
        var schemas = new XmlSchemaSet { XmlResolver = null };
        schemas.ValidationEventHandler += (_, e) => problems.Add($"schema {Path.GetFileName(schemaPath)}: {e.Severity}: {e.Message}");
        using (var schemaReader = XmlReader.Create(File.OpenRead(schemaPath), Safe()))
        {
            schemas.Add(null, schemaReader);
        }

        schemas.Compile();

        var settings = Safe();
        settings.ValidationType = ValidationType.Schema;
        settings.Schemas = schemas;
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"line {e.Exception?.LineNumber}: {e.Severity}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    /// <summary>Parses with DTDs prohibited and no resolver: a format file has no business fetching anything.</summary>
    public static XDocument Load(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), Safe());
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }

    /// <summary>The types each view selects, directly or through a selection set.</summary>
    public static IReadOnlyList<string> SelectedTypes(XDocument format) =>
        format.Descendants("View").SelectMany(v => TypesOf(format, v.Element("ViewSelectedBy"))).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// What would print wrong or not at all: views of types the module does not define, property names the
    /// selected types lack (PowerShell prints an empty column), and tables whose rows have a different number
    /// of columns than headers (PowerShell refuses to load the view).
    /// </summary>
    public static IReadOnlyList<string> CheckViews(XDocument format, IReadOnlyDictionary<string, TypeShape> types)
    {
        var problems = new List<string>();
        foreach (var view in format.Descendants("View"))
        {
            var name = view.Element("Name")?.Value ?? "(unnamed)";
            var viewTypes = TypesOf(format, view.Element("ViewSelectedBy"));
            if (viewTypes.Count == 0)
            {
                problems.Add($"view {name} selects no type");
            }

            foreach (var missing in viewTypes.Where(t => !types.ContainsKey(t)))
            {
                problems.Add($"view {name} selects {missing}, which no module assembly defines");
            }

            foreach (var property in view.Descendants("PropertyName"))
            {
                // An entry with its own EntrySelectedBy applies to those types instead of the view's.
                var entry = property.Ancestors().FirstOrDefault(a => Entries.Contains(a.Name.LocalName) && a.Element("EntrySelectedBy") is not null);
                var owners = entry is null ? viewTypes : TypesOf(format, entry.Element("EntrySelectedBy"));
                foreach (var owner in owners.Where(types.ContainsKey))
                {
                    if (!types[owner].Properties.ContainsKey(property.Value.Trim()))
                    {
                        problems.Add($"view {name}, line {((IXmlLineInfo)property).LineNumber}: {owner} has no public property '{property.Value.Trim()}'");
                    }
                }
            }

            foreach (var table in view.Elements("TableControl"))
            {
                var headers = table.Element("TableHeaders")?.Elements("TableColumnHeader").Count() ?? 0;
                foreach (var row in table.Descendants("TableRowEntry"))
                {
                    var columns = row.Element("TableColumnItems")?.Elements("TableColumnItem").Count() ?? 0;
                    if (headers > 0 && columns != headers)
                    {
                        problems.Add($"view {name}: {headers} column headers but a row with {columns} columns");
                    }
                }
            }
        }

        return problems;
    }

    private static IReadOnlyList<string> TypesOf(XDocument format, XElement? selectedBy)
    {
        if (selectedBy is null)
        {
            return Array.Empty<string>();
        }

        var direct = selectedBy.Elements("TypeName").Select(t => t.Value.Trim());
        var viaSets = selectedBy.Elements("SelectionSetName")
            .SelectMany(s => format.Descendants("SelectionSet")
                .Where(set => set.Element("Name")?.Value.Trim() == s.Value.Trim())
                .SelectMany(set => set.Descendants("TypeName"))
                .Select(t => t.Value.Trim()));
        return direct.Concat(viaSets).Distinct(StringComparer.Ordinal).ToList();
    }

    private static XmlReaderSettings Safe() => new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
}
