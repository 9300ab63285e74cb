using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests;

/// <summary>
/// Get-Help -Full for every exported cmdlet, as a user reads it: the generated help file is found and shows the
/// synopsis, every parameter with its description, and at least two examples with code.
/// </summary>
public sealed class HelpTests : IClassFixture<ModuleSession>
{
    private readonly ModuleSession session;

    public HelpTests(ModuleSession session) => this.session = session;

    public static TheoryData<string> ExportedCmdlets => CmdletConventionTests.ExportedCmdlets;

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Get_Help_Full_shows_the_synopsis_every_parameter_and_the_examples(string name)
    {
        var help = session.Run("Get-Help -Name $name -Full", Vars(name)).AssertSucceeded().Output.Single();
        var parameters = session.Run("(Get-Command -Name $name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }", Vars(name))
            .AssertSucceeded().Objects.Cast<string>().ToList();

        // Without a help file, Get-Help makes the synopsis from the syntax ("Get-PvcBinding [-Path] <string[]> ...").
        var synopsis = Text(help.Properties["Synopsis"].Value);
        Assert.False(synopsis.StartsWith(name, StringComparison.OrdinalIgnoreCase), $"{name}: Get-Help found no help file (synopsis '{synopsis}').");

        var documented = Items(help, "parameters", "parameter").ToDictionary(p => Text(p.Properties["name"].Value), StringComparer.OrdinalIgnoreCase);
        Assert.Empty(parameters.Where(p => !documented.TryGetValue(p, out var d) || Text(d.Properties["description"]?.Value).Length == 0)
            .Select(p => $"-{p} has no description in Get-Help"));

        var examples = Items(help, "examples", "example").ToList();
        Assert.True(examples.Count >= 2, $"{name}: Get-Help shows {examples.Count} example(s).");
        Assert.All(examples, e => Assert.Contains(name, Text(e.Properties["code"].Value), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Get_Help_finds_the_about_topic()
    {
        var run = session.Run("Get-Help about_VsphereK8sStorage | Out-String").AssertSucceeded();

        Assert.Contains("VsphereK8sStorage", run.Text, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Vars(string name) => new() { ["name"] = name };

    // help.parameters.parameter, help.examples.example: one object or an array of them.
    private static IEnumerable<PSObject> Items(PSObject help, string list, string item)
    {
        var container = help.Properties[list]?.Value as PSObject;
        var value = container?.Properties[item]?.Value;
        return value switch
        {
            null => Array.Empty<PSObject>(),
            object[] many => many.Select(PSObject.AsPSObject),
            _ => new[] { PSObject.AsPSObject(value) },
        };
    }

    // Help text arrives as strings or as arrays of { Text = ... } objects (paragraphs).
    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s.Trim(),
        PSObject { BaseObject: string s } => s.Trim(),
        object[] paragraphs => string.Join("\n", paragraphs.Select(p => Text(PSObject.AsPSObject(p).Properties["Text"]?.Value ?? p))).Trim(),
        PSObject o when o.Properties["Text"] is { } text => Text(text.Value),
        _ => value.ToString()?.Trim() ?? string.Empty,
    };
}
