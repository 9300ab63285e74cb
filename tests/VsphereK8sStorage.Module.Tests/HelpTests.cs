using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VsphereK8sStorage.HelpGenerator;
using VsphereK8sStorage.Module.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests;

/// <summary>
/// The generated MAML help (en-US/VsphereK8sStorage.dll-Help.xml in the staged module), read back independently of
/// the generator and held against the compiled cmdlets: what Get-Help shows must be what the cmdlet binds.
/// </summary>
public sealed class HelpTests
{
    private const string HelpFileName = "VsphereK8sStorage.dll-Help.xml";

    private static readonly IReadOnlyList<HelpCommand> Help = MamlHelp.Load(Path.Combine(RepoPaths.StagedModule, "en-US", HelpFileName));

    public static TheoryData<string> Cmdlets => new(ModuleMetadata.Instance.Cmdlets.Select(c => c.Name));

    [Fact]
    public void The_help_file_is_named_for_the_root_module_and_staged_in_en_US()
    {
        // Get-Help looks for <RootModule>-Help.xml in the culture folder beside the assembly.
        Assert.Equal(HelpFileName, PowerShellDataFile.ParseHashtable(File.ReadAllText(RepoPaths.StagedManifest))["RootModule"] + "-Help.xml");
        Assert.True(File.Exists(Path.Combine(RepoPaths.StagedModule, "en-US", HelpFileName)));
        Assert.False(File.Exists(Path.Combine(RepoPaths.ModuleSources, "en-US", HelpFileName)), "module/en-US must not hold a hand-written MAML file: it is generated from module/help/*.md.");
    }

    [Fact]
    public void The_help_documents_each_cmdlet_once_and_nothing_else()
    {
        Assert.Equal(
            ModuleMetadata.Instance.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal),
            Help.Select(h => h.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Each_cmdlet_has_a_synopsis_and_a_description(string name)
    {
        var help = HelpFor(name);

        Assert.False(string.IsNullOrWhiteSpace(help.Synopsis), $"{name} has no synopsis (command:details/maml:description).");
        Assert.False(string.IsNullOrWhiteSpace(help.Description), $"{name} has no description.");
        Assert.NotEqual(help.Synopsis, help.Description);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Each_cmdlet_has_examples_that_run_it_with_its_own_parameters(string name)
    {
        var help = HelpFor(name);
        var cmdlet = ModuleMetadata.Instance.Cmdlet(name);
        var known = cmdlet.Parameters.SelectMany(p => p.Aliases.Prepend(p.Name))
            .Concat(Naming.CommonParameters.Keys)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.NotEmpty(help.Examples);
        foreach (var (title, code) in help.Examples)
        {
            Assert.False(string.IsNullOrWhiteSpace(code), $"{name}: example '{title}' has no code.");
            Assert.Contains(name, code, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(ParametersUsed(name, code), p => !known.Contains(p));
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_documented_parameters_are_exactly_the_declared_ones(string name)
    {
        Assert.Equal(
            ModuleMetadata.Instance.Cmdlet(name).Parameters.Select(p => p.Name).Order(StringComparer.Ordinal),
            HelpFor(name).Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Each_documented_parameter_says_what_the_attributes_say(string name)
    {
        var cmdlet = ModuleMetadata.Instance.Cmdlet(name);
        var wrong = new List<string>();
        foreach (var documented in HelpFor(name).Parameters.Where(h => cmdlet.Parameters.Any(p => p.Name == h.Name)))
        {
            var declared = cmdlet.Parameter(documented.Name);
            Check(wrong, documented.Name, "type", declared.TypeFullName, documented.TypeName);
            Check(wrong, documented.Name, "globbing", declared.SupportsWildcards.ToString(), documented.Globbing, ignoreCase: true);
            Check(wrong, documented.Name, "aliases", Set(declared.Aliases), Set(Split(documented.Aliases)));
            Check(wrong, documented.Name, "pipelineInput", PipelineInput(declared.Bindings), Set(PipelineKinds(documented.PipelineInput)));

            // required and position are per set; compare here only when every set agrees (the syntax test covers each set).
            if (declared.Bindings.Select(b => b.Mandatory).Distinct().Count() == 1)
            {
                Check(wrong, documented.Name, "required", declared.Bindings[0].Mandatory.ToString(), documented.Required, ignoreCase: true);
            }

            if (declared.Bindings.Select(b => b.Position).Distinct().Count() == 1)
            {
                Check(wrong, documented.Name, "position", Position(declared.Bindings[0]), documented.Position, ignoreCase: true);
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_syntax_shows_each_parameter_set_with_its_parameters(string name)
    {
        var cmdlet = ModuleMetadata.Instance.Cmdlet(name);
        var help = HelpFor(name);

        // Sets are matched by their parameters: MAML does not name them.
        Assert.Equal(
            cmdlet.ParameterSetNames.Select(set => Key(cmdlet.ParametersIn(set).Select(p => p.Name))).Order(StringComparer.Ordinal),
            help.SyntaxItems.Select(item => Key(item.Parameters.Select(p => p.Name))).Order(StringComparer.Ordinal));

        var wrong = new List<string>();
        foreach (var (itemName, parameters) in help.SyntaxItems)
        {
            Check(wrong, "syntax", "command name", name, itemName);
            var set = cmdlet.ParameterSetNames.FirstOrDefault(s => Key(cmdlet.ParametersIn(s).Select(p => p.Name)) == Key(parameters.Select(p => p.Name)));
            if (set is null)
            {
                continue;
            }

            foreach (var documented in parameters)
            {
                var binding = cmdlet.Parameter(documented.Name).BindingIn(set)!;
                Check(wrong, $"{documented.Name} in set {set}", "required", binding.Mandatory.ToString(), documented.Required, ignoreCase: true);
                Check(wrong, $"{documented.Name} in set {set}", "position", Position(binding), documented.Position, ignoreCase: true);
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_documented_output_is_the_OutputType(string name)
    {
        Assert.Equal(
            ModuleMetadata.Instance.Cmdlet(name).OutputTypes.Order(StringComparer.Ordinal),
            HelpFor(name).ReturnTypes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_documented_input_includes_what_binds_by_value(string name)
    {
        var byValue = ModuleMetadata.Instance.Cmdlet(name).Parameters
            .Where(p => p.Bindings.Any(b => b.ValueFromPipeline))
            .Select(p => p.ElementTypeFullName);

        Assert.Empty(byValue.Except(HelpFor(name).InputTypes));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Related_about_topics_ship_with_the_module(string name)
    {
        // Get-Help about_X finds en-US/about_X.help.txt in the module folder; a dangling link is a dead end.
        foreach (var topic in HelpFor(name).RelatedLinks.Where(l => l.StartsWith("about_", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.True(File.Exists(Path.Combine(RepoPaths.StagedModule, "en-US", topic + ".help.txt")), $"{name} links to {topic}, which the staged module lacks.");
        }
    }

    private static HelpCommand HelpFor(string name) =>
        Help.SingleOrDefault(h => h.Name == name) ?? throw new Xunit.Sdk.XunitException($"The help file has no command:command for {name}.");

    // Parameters named after the cmdlet in each pipeline segment that runs it ("-Node worker-2" -> Node).
    private static IEnumerable<string> ParametersUsed(string cmdlet, string code) =>
        code.Split('|')
            .Select(segment => segment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 0 && string.Equals(words[0], cmdlet, StringComparison.OrdinalIgnoreCase))
            .SelectMany(words => words.Skip(1))
            .Where(word => word.Length > 1 && word[0] == '-' && char.IsLetter(word[1]))
            .Select(word => word.Substring(1).Split(':')[0]);

    private static string Position(ParameterBinding binding) => binding.Position?.ToString() ?? "named";

    private static string PipelineInput(IEnumerable<ParameterBinding> bindings)
    {
        var list = bindings.ToList();
        var kinds = new List<string>();
        if (list.Any(b => b.ValueFromPipeline))
        {
            kinds.Add("ByValue");
        }

        if (list.Any(b => b.ValueFromPipelineByPropertyName))
        {
            kinds.Add("ByPropertyName");
        }

        return Set(kinds);
    }

    // "True (ByPropertyName, ByValue)" -> ByPropertyName, ByValue; "False" -> nothing.
    private static IEnumerable<string> PipelineKinds(string text)
    {
        var open = text.IndexOf('(');
        return text.StartsWith("True", StringComparison.OrdinalIgnoreCase) && open >= 0
            ? Split(text.Substring(open + 1).TrimEnd(')'))
            : Array.Empty<string>();
    }

    private static IEnumerable<string> Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(a => !a.Equals("none", StringComparison.OrdinalIgnoreCase));

    private static string Set(IEnumerable<string> items) => string.Join(", ", items.Order(StringComparer.OrdinalIgnoreCase));

    private static string Key(IEnumerable<string> names) => string.Join(" ", names.Order(StringComparer.Ordinal));

    private static void Check(List<string> wrong, string what, string attribute, string expected, string? actual, bool ignoreCase = false)
    {
        if (!string.Equals(expected, actual, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            wrong.Add($"{what}: {attribute} is documented as '{actual}' but the cmdlet says '{expected}'");
        }
    }
}
