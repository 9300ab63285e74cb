using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests.TestSupport;

/// <summary>One parameter as a MAML command:parameter element documents it.</summary>
internal sealed record HelpParameter(
    string Name,
    string Required,
    string Position,
    string Globbing,
    string PipelineInput,
    string Aliases,
    string? TypeName);

/// <summary>One command in a MAML help file (what Get-Help shows for a cmdlet).</summary>
internal sealed record HelpCommand(
    string Name,
    string Synopsis,
    string Description,
    IReadOnlyList<(string Title, string Code)> Examples,
    IReadOnlyList<HelpParameter> Parameters,
    IReadOnlyList<(string Name, IReadOnlyList<HelpParameter> Parameters)> SyntaxItems,
    IReadOnlyList<string> InputTypes,
    IReadOnlyList<string> ReturnTypes,
    IReadOnlyList<string> RelatedLinks)
{
    public override string ToString() => Name;
}

/// <summary>Reads a cmdlet help file (VsphereK8sStorage.dll-Help.xml), DTDs off.</summary>
internal static class MamlHelp
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static IReadOnlyList<HelpCommand> Load(string path)
    {
        using var reader = XmlReader.Create(File.OpenRead(path), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var document = XDocument.Load(reader);
        return document.Descendants(Command + "command").Select(Read).ToList();
    }

    private static HelpCommand Read(XElement command)
    {
        var details = command.Element(Command + "details");
        return new HelpCommand(
            Name: Text(details?.Element(Command + "name")),
            Synopsis: Paras(details?.Element(Maml + "description")),
            Description: Paras(command.Element(Maml + "description")),
            Examples: command.Element(Command + "examples")?.Elements(Command + "example")
                .Select(e => (Text(e.Element(Maml + "title")), Text(e.Element(Dev + "code"))))
                .ToList() ?? new List<(string, string)>(),
            Parameters: command.Element(Command + "parameters")?.Elements(Command + "parameter").Select(Parameter).ToList() ?? new List<HelpParameter>(),
            SyntaxItems: command.Element(Command + "syntax")?.Elements(Command + "syntaxItem")
                .Select(s => (Text(s.Element(Maml + "name")), (IReadOnlyList<HelpParameter>)s.Elements(Command + "parameter").Select(Parameter).ToList()))
                .ToList() ?? new List<(string, IReadOnlyList<HelpParameter>)>(),
            InputTypes: TypeNames(command.Element(Command + "inputTypes")),
            ReturnTypes: TypeNames(command.Element(Command + "returnValues")),
            RelatedLinks: command.Element(Command + "relatedLinks")?.Elements(Maml + "navigationLink")
                .Select(l => Text(l.Element(Maml + "linkText")))
                .ToList() ?? new List<string>());
    }

    private static HelpParameter Parameter(XElement parameter) => new(
        Text(parameter.Element(Maml + "name")),
        (string?)parameter.Attribute("required") ?? string.Empty,
        (string?)parameter.Attribute("position") ?? string.Empty,
        (string?)parameter.Attribute("globbing") ?? string.Empty,
        (string?)parameter.Attribute("pipelineInput") ?? string.Empty,
        (string?)parameter.Attribute("aliases") ?? string.Empty,
        parameter.Element(Dev + "type")?.Element(Maml + "name")?.Value.Trim());

    private static IReadOnlyList<string> TypeNames(XElement? section) =>
        section?.Descendants(Dev + "type").Select(t => Text(t.Element(Maml + "name"))).Where(n => n.Length > 0).ToList() ?? new List<string>();

    private static string Paras(XElement? description) =>
        description is null ? string.Empty : string.Join("\n", description.Elements(Maml + "para").Select(p => p.Value.Trim())).Trim();

    private static string Text(XElement? element) => element?.Value.Trim() ?? string.Empty;
}
