using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml;

namespace VsphereK8sStorage.HelpGenerator;

/// <summary>
/// Writes PowerShell's MAML help (what Get-Help reads from en-US/&lt;RootModule&gt;-Help.xml): the words from the
/// markdown, the syntax and parameter attributes (type, mandatory, position, pipeline input, aliases, wildcards,
/// parameter sets) from the compiled cmdlet, so the two cannot drift apart.
/// </summary>
public static class MamlWriter
{
    private const string MshNamespace = "http://msh";
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static string Write(IEnumerable<(CmdletType Cmdlet, CommandHelpText Help)> commands)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartDocument();
            xml.WriteComment(" Generated at build from module/help/*.md and the compiled cmdlets (tools/VsphereK8sStorage.HelpGenerator). Do not edit. ");
            xml.WriteStartElement("helpItems", MshNamespace);
            xml.WriteAttributeString("schema", "maml");
            foreach (var (cmdlet, help) in commands.OrderBy(c => c.Cmdlet.Name, StringComparer.Ordinal))
            {
                WriteCommand(xml, cmdlet, help);
            }

            xml.WriteEndElement();
        }

        // StringBuilder-backed writers always declare utf-16; the file is written as UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }

    private static void WriteCommand(XmlWriter xml, CmdletType cmdlet, CommandHelpText help)
    {
        xml.WriteStartElement("command", "command", Command);
        xml.WriteAttributeString("xmlns", "maml", null, Maml);
        xml.WriteAttributeString("xmlns", "dev", null, Dev);

        xml.WriteStartElement("details", Command);
        xml.WriteElementString("name", Command, cmdlet.Name);
        xml.WriteElementString("verb", Command, cmdlet.Verb);
        xml.WriteElementString("noun", Command, cmdlet.Noun);
        Paragraphs(xml, new[] { help.Synopsis });
        xml.WriteEndElement();

        Paragraphs(xml, help.Description);

        var described = help.Parameters.Select(p => p.Name).ToList();
        var parameters = cmdlet.Parameters
            .OrderBy(p => described.IndexOf(p.Name) is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        string DescriptionOf(string name) => string.Join("\n\n", help.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Description ?? Array.Empty<string>());

        xml.WriteStartElement("syntax", Command);
        var sets = cmdlet.ParameterSetNames.OrderBy(s => s == cmdlet.DefaultParameterSetName ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal);
        foreach (var set in sets)
        {
            xml.WriteStartElement("syntaxItem", Command);
            xml.WriteElementString("name", Maml, cmdlet.Name);
            var inSet = cmdlet.ParametersIn(set)
                .OrderBy(p => p.BindingIn(set)!.Position ?? int.MaxValue)
                .ThenBy(p => p.BindingIn(set)!.Mandatory ? 0 : 1)
                .ThenBy(parameters.IndexOf);
            foreach (var parameter in inSet)
            {
                var binding = parameter.BindingIn(set)!;
                WriteParameter(xml, parameter, binding.Mandatory, Position(binding.Position), DescriptionOf(parameter.Name));
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();

        xml.WriteStartElement("parameters", Command);
        foreach (var parameter in parameters)
        {
            // Per set in the syntax; here mandatory only if it is in every set, and the position if all sets agree.
            var positions = parameter.Bindings.Select(b => b.Position).Distinct().ToList();
            WriteParameter(xml, parameter, parameter.Bindings.All(b => b.Mandatory), positions.Count == 1 ? Position(positions[0]) : "named", DescriptionOf(parameter.Name));
        }

        xml.WriteEndElement();

        TypeEntries(xml, "inputTypes", "inputType", help.Inputs);
        TypeEntries(xml, "returnValues", "returnValue", help.Outputs);

        if (help.Notes.Count > 0)
        {
            xml.WriteStartElement("alertSet", Maml);
            xml.WriteStartElement("alert", Maml);
            foreach (var note in help.Notes)
            {
                xml.WriteElementString("para", Maml, note);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteStartElement("examples", Command);
        foreach (var example in help.Examples)
        {
            xml.WriteStartElement("example", Command);
            // Get-Help prints the title as it is; this is the banner platyPS and PowerShell's own help use.
            xml.WriteElementString("title", Maml, $"-------------------------- {example.Title} --------------------------");
            xml.WriteElementString("code", Dev, example.Code);
            xml.WriteStartElement("remarks", Dev);
            foreach (var remark in example.Remarks)
            {
                xml.WriteElementString("para", Maml, remark);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();

        xml.WriteStartElement("relatedLinks", Command);
        if (cmdlet.HelpUri is { Length: > 0 } online)
        {
            // Get-Help -Online opens the first link with a URI: the cmdlet's HelpUri.
            xml.WriteStartElement("navigationLink", Maml);
            xml.WriteElementString("linkText", Maml, "Online Version:");
            xml.WriteElementString("uri", Maml, online);
            xml.WriteEndElement();
        }

        foreach (var link in help.Links)
        {
            xml.WriteStartElement("navigationLink", Maml);
            xml.WriteElementString("linkText", Maml, link.Text);
            xml.WriteElementString("uri", Maml, link.Uri ?? string.Empty);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteParameter(XmlWriter xml, CmdletParameter parameter, bool required, string position, string description)
    {
        var isArray = parameter.TypeFullName.EndsWith("[]", StringComparison.Ordinal);
        xml.WriteStartElement("parameter", Command);
        xml.WriteAttributeString("required", required ? "true" : "false");
        xml.WriteAttributeString("variableLength", isArray ? "true" : "false");
        xml.WriteAttributeString("globbing", parameter.SupportsWildcards ? "true" : "false");
        xml.WriteAttributeString("pipelineInput", PipelineInput(parameter));
        xml.WriteAttributeString("position", position);
        xml.WriteAttributeString("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases));
        xml.WriteElementString("name", Maml, parameter.Name);
        Paragraphs(xml, description.Length == 0 ? Array.Empty<string>() : description.Split("\n\n"));
        if (!parameter.IsSwitch)
        {
            xml.WriteStartElement("parameterValue", Command);
            xml.WriteAttributeString("required", "true");
            xml.WriteAttributeString("variableLength", isArray ? "true" : "false");
            xml.WriteString(ShortName(parameter.TypeFullName));
            xml.WriteEndElement();
        }

        xml.WriteStartElement("type", Dev);
        xml.WriteElementString("name", Maml, parameter.TypeFullName);
        xml.WriteEndElement();
        xml.WriteElementString("defaultValue", Dev, parameter.IsSwitch ? "False" : "None");
        xml.WriteEndElement();
    }

    private static void TypeEntries(XmlWriter xml, string list, string item, IReadOnlyList<HelpTypeText> entries)
    {
        xml.WriteStartElement(list, Command);
        foreach (var entry in entries)
        {
            xml.WriteStartElement(item, Command);
            xml.WriteStartElement("type", Dev);
            xml.WriteElementString("name", Maml, entry.TypeName);
            xml.WriteEndElement();
            Paragraphs(xml, entry.Description);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Paragraphs(XmlWriter xml, IEnumerable<string> paragraphs)
    {
        xml.WriteStartElement("description", Maml);
        foreach (var paragraph in paragraphs)
        {
            xml.WriteElementString("para", Maml, paragraph);
        }

        xml.WriteEndElement();
    }

    private static string PipelineInput(CmdletParameter parameter)
    {
        var kinds = new List<string>();
        if (parameter.Bindings.Any(b => b.ValueFromPipeline))
        {
            kinds.Add("ByValue");
        }

        if (parameter.Bindings.Any(b => b.ValueFromPipelineByPropertyName))
        {
            kinds.Add("ByPropertyName");
        }

        return kinds.Count == 0 ? "False" : $"True ({string.Join(", ", kinds)})";
    }

    private static string Position(int? position) => position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named";

    // "System.String[]" -> "String[]"; a generic keeps its name without the arity ("Nullable").
    private static string ShortName(string fullName)
    {
        var plain = fullName.Split('`')[0];
        return plain.Substring(plain.LastIndexOf('.') + 1).Replace('+', '.');
    }
}
