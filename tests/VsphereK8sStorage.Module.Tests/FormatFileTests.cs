using System;
using System.IO;
using System.Linq;
using VsphereK8sStorage.Module.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests;

/// <summary>
/// module/*.ps1xml: a malformed format file makes Import-Module fail, and a view naming a property the
/// objects lack prints an empty column. Both are checked here from the schema and the compiled types.
/// </summary>
public sealed class FormatFileTests
{
    public static TheoryData<string> Ps1xmlFiles =>
        new(Directory.GetFiles(RepoPaths.ModuleSources, "*.ps1xml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    public static TheoryData<string> FormatFiles => new(FormatFileNames());

    [Theory]
    [MemberData(nameof(Ps1xmlFiles))]
    public void Every_ps1xml_file_is_valid_against_PowerShells_schema(string file)
    {
        var path = Path.Combine(RepoPaths.ModuleSources, file);

        var problems = FormatFileChecker.ValidateAgainstSchema(File.ReadAllText(path), FormatFileChecker.SchemaFor(file));

        Assert.True(problems.Count == 0, $"module/{file}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Ps1xmlFiles))]
    public void The_staged_module_carries_the_same_file(string file)
    {
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(RepoPaths.ModuleSources, file)),
            File.ReadAllBytes(Path.Combine(RepoPaths.StagedModule, file)));
    }

    [Theory]
    [MemberData(nameof(FormatFiles))]
    public void Every_property_a_view_shows_exists_on_the_type_it_selects(string file)
    {
        var format = FormatFileChecker.Load(File.ReadAllText(Path.Combine(RepoPaths.ModuleSources, file)));

        Assert.NotEmpty(FormatFileChecker.SelectedTypes(format));
        var problems = FormatFileChecker.CheckViews(format, ModuleMetadata.Instance.Types);

        Assert.True(problems.Count == 0, $"module/{file}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(FormatFiles))]
    public void Every_view_is_for_objects_a_cmdlet_writes(string file)
    {
        var format = FormatFileChecker.Load(File.ReadAllText(Path.Combine(RepoPaths.ModuleSources, file)));
        var outputs = ModuleMetadata.Instance.Cmdlets.SelectMany(c => c.OutputTypes).ToHashSet(StringComparer.Ordinal);
        // Objects reached through an output's properties are written too: (Get-PvcBinding).Rejections
        // prints VolumeRejection objects with their own view.
        var reachable = ModuleMetadata.Instance.TypesReachableFromOutput();

        Assert.DoesNotContain(FormatFileChecker.SelectedTypes(format), t => !outputs.Contains(t) && !reachable.Contains(t));
    }

    [Fact]
    public void Every_output_type_has_a_view()
    {
        var selected = FormatFileNames()
            .SelectMany(f => FormatFileChecker.SelectedTypes(FormatFileChecker.Load(File.ReadAllText(Path.Combine(RepoPaths.ModuleSources, f)))))
            .ToHashSet(StringComparer.Ordinal);

        // Without a view PowerShell lists every property, not the kubectl-like table the help shows. Strings (the YAML
        // New-K8s* -Offline writes) print as themselves.
        Assert.DoesNotContain(ModuleMetadata.Instance.Cmdlets.SelectMany(c => c.OutputTypes), t => !selected.Contains(t) && t != "System.String");
    }

    // Every *.ps1xml but type files, whatever the case of ".Format" (file names are case-sensitive here).
    private static string[] FormatFileNames() =>
        Directory.GetFiles(RepoPaths.ModuleSources, "*.ps1xml")
            .Select(f => Path.GetFileName(f))
            .Where(f => !f.EndsWith(".types.ps1xml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();

    // The checks must be able to fail: each case below is broken in one way and must be reported.
    [Theory]
    [InlineData("ViewSelectedBy inside TableControl", "<View><Name>V</Name><TableControl><ViewSelectedBy><TypeName>T</TypeName></ViewSelectedBy><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>A</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View>")]
    [InlineData("misspelled element", "<View><Name>V</Name><ViewSelectedBy><TypeName>T</TypeName></ViewSelectedBy><TableControl><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyNme>A</PropertyNme></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View>")]
    [InlineData("view without a control", "<View><Name>V</Name><ViewSelectedBy><TypeName>T</TypeName></ViewSelectedBy></View>")]
    public void The_schema_check_catches_a_malformed_format_file(string name, string view)
    {
        var xml = $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Configuration><ViewDefinitions>{view}</ViewDefinitions></Configuration>";

        var problems = FormatFileChecker.ValidateAgainstSchema(xml, FormatFileChecker.SchemaFor("Bad.Format.ps1xml"));

        Assert.True(problems.Count > 0, $"{name}: the schema check accepted it");
    }

    [Fact]
    public void The_schema_check_accepts_a_minimal_valid_format_file()
    {
        const string xml = "<Configuration><ViewDefinitions><View><Name>V</Name><ViewSelectedBy><TypeName>T</TypeName></ViewSelectedBy><ListControl><ListEntries><ListEntry><ListItems><ListItem><PropertyName>A</PropertyName></ListItem></ListItems></ListEntry></ListEntries></ListControl></View></ViewDefinitions></Configuration>";

        Assert.Empty(FormatFileChecker.ValidateAgainstSchema(xml, FormatFileChecker.SchemaFor("Good.Format.ps1xml")));
    }

    [Theory]
    [InlineData("valid", "<Types><Type><Name>T</Name><Members><NoteProperty><Name>N</Name><Value>v</Value></NoteProperty></Members></Type></Types>", true)]
    [InlineData("Members before Name", "<Types><Type><Members /><Name>T</Name></Type></Types>", false)]
    public void The_types_schema_is_applied_to_types_files(string name, string xml, bool valid)
    {
        var problems = FormatFileChecker.ValidateAgainstSchema(xml, FormatFileChecker.SchemaFor("Module.Types.ps1xml"));

        Assert.True(valid == (problems.Count == 0), $"{name}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void A_DTD_is_refused()
    {
        const string xml = "<!DOCTYPE Configuration [<!ENTITY x \"expanded\">]><Configuration>&x;</Configuration>";

        Assert.ThrowsAny<System.Xml.XmlException>(() => FormatFileChecker.ValidateAgainstSchema(xml, FormatFileChecker.SchemaFor("Bad.Format.ps1xml")));
    }

    [Theory]
    [InlineData("a property the type lacks", "<TableControl><TableHeaders><TableColumnHeader /></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Phaze</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl>", "no public property 'Phaze'")]
    [InlineData("more headers than columns", "<TableControl><TableHeaders><TableColumnHeader /><TableColumnHeader /></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Phase</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl>", "2 column headers but a row with 1 columns")]
    public void The_view_check_catches_views_that_would_print_wrong(string name, string control, string expected)
    {
        var xml = $"<Configuration><ViewDefinitions><View><Name>V</Name><ViewSelectedBy><TypeName>VsphereK8sStorage.Binding.PvcBinding</TypeName></ViewSelectedBy>{control}</View></ViewDefinitions></Configuration>";

        var problems = FormatFileChecker.CheckViews(FormatFileChecker.Load(xml), ModuleMetadata.Instance.Types);

        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"{name}: got [{string.Join("; ", problems)}]");
    }

    [Fact]
    public void The_view_check_catches_a_view_of_a_type_the_module_does_not_define()
    {
        const string xml = "<Configuration><ViewDefinitions><View><Name>V</Name><ViewSelectedBy><TypeName>VsphereK8sStorage.Binding.PvcBindings</TypeName></ViewSelectedBy><ListControl /></View></ViewDefinitions></Configuration>";

        var problems = FormatFileChecker.CheckViews(FormatFileChecker.Load(xml), ModuleMetadata.Instance.Types);

        Assert.Contains(problems, p => p.Contains("PvcBindings, which no module assembly defines", StringComparison.Ordinal));
    }
}
