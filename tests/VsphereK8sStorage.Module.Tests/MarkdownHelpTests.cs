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
/// module/help/&lt;Verb-Noun&gt;.md, the source of the cmdlet help: one file per cmdlet, every parameter described,
/// at least two examples; and the generator's reader, which must take platyPS-style files as people write them and
/// name file and line when it cannot.
/// </summary>
public sealed class MarkdownHelpTests
{
    private static readonly string HelpDirectory = Path.Combine(RepoPaths.ModuleSources, "help");

    public static TheoryData<string> Cmdlets => new(ModuleMetadata.Instance.Cmdlets.Select(c => c.Name));

    public static TheoryData<string> HelpFiles => new(Directory.GetFiles(HelpDirectory, "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    /// <summary>Malformed files: the markdown, the line the error must name, and words the problem must contain.</summary>
    public static TheoryData<string, string, int, string> Malformed => new()
    {
        { "no title", "## SYNOPSIS\nx\n", 1, "expected the cmdlet name as a '# Verb-Noun' title first" },
        { "text before the first section", "# Get-X\nstray words\n## SYNOPSIS\nx\n", 2, "text before the first '## ' section" },
        { "misspelled section", "# Get-X\n## SYNOPSIS\nx\n## PARAMETER\n### -A\nd\n", 4, "unknown section '## PARAMETER'" },
        { "section twice", "# Get-X\n## SYNOPSIS\nx\n## SYNOPSIS\ny\n", 4, "'## SYNOPSIS' appears twice" },
        { "missing section", "# Get-X\n## SYNOPSIS\nx\n## DESCRIPTION\nd\n## EXAMPLES\n### Example 1\n```powershell\nGet-X\n```\n", 11, "no '## PARAMETERS' section" },
        { "example without code", Minimal.Replace("```powershell\nGet-X\n```\n", string.Empty, StringComparison.Ordinal), 7, "'### Example 1: one' has no ```powershell code block" },
        { "unclosed code block", "# Get-X\n## SYNOPSIS\nx\n## DESCRIPTION\nd\n## EXAMPLES\n### Example 1\n```powershell\nGet-X\n", 8, "code block opened with ``` is never closed" },
        { "parameter without dash", Minimal.Replace("### -Name", "### Name", StringComparison.Ordinal), 13, "write the parameter as '### -Name'" },
        { "description under PARAMETERS", Minimal.Replace("## PARAMETERS\n", "## PARAMETERS\nAll of them:\n", StringComparison.Ordinal), 13, "PARAMETERS starts with text" },
        { "code in the description", Minimal.Replace("## DESCRIPTION\nd\n", "## DESCRIPTION\nd\n```\nx\n```\n", StringComparison.Ordinal), 6, "a code block in DESCRIPTION" },
        { "two titles", Minimal + "# Get-Y\n", 15, "a second '# ' title" },
        { "unclosed front matter", "---\nexternal help file: x\n# Get-X\n", 1, "front matter opened with '---' is never closed" },
    };

    private const string Minimal = "# Get-X\n## SYNOPSIS\nx\n## DESCRIPTION\nd\n## EXAMPLES\n### Example 1: one\n```powershell\nGet-X\n```\n\n## PARAMETERS\n### -Name\nThe name.\n";

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_has_a_help_file_with_every_parameter_described_and_two_examples(string name)
    {
        var file = Path.Combine(HelpDirectory, name + ".md");
        Assert.True(File.Exists(file), $"{name} has no help: write module/help/{name}.md (see module/help/Get-PvcBinding.md).");
        var help = MarkdownHelpReader.ReadFile(file, "module/help/" + name + ".md");
        var declared = ModuleMetadata.Instance.Cmdlet(name).Parameters.Select(p => p.Name).ToList();

        Assert.Equal(name, help.Name);
        Assert.False(string.IsNullOrWhiteSpace(help.Synopsis), $"{name}: the SYNOPSIS is empty.");
        Assert.NotEmpty(help.Description);
        Assert.True(help.Examples.Count >= 2, $"{name}: {help.Examples.Count} example(s); write at least two.");
        Assert.Empty(declared.Where(p => !help.Parameters.Any(h => h.Name == p && h.Description.Count > 0)).Select(p => $"-{p} has no description under ## PARAMETERS"));
        Assert.Empty(help.Parameters.Where(h => !declared.Contains(h.Name)).Select(h => $"line {h.Line}: -{h.Name} is described but {name} has no such parameter"));
    }

    [Theory]
    [MemberData(nameof(HelpFiles))]
    public void Every_help_file_is_for_an_exported_cmdlet(string file)
    {
        var help = MarkdownHelpReader.ReadFile(Path.Combine(HelpDirectory, file), "module/help/" + file);

        Assert.Equal(Path.GetFileNameWithoutExtension(file), help.Name);
        Assert.Contains(help.Name, ModuleMetadata.Instance.Cmdlets.Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_file_is_one_error_naming_file_and_line(string name, string markdown, int line, string problem)
    {
        var error = Assert.Throws<HelpFormatException>(() => MarkdownHelpReader.Read(markdown, "module/help/Get-X.md"));

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"module/help/Get-X.md:{line}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void A_platyPS_file_with_front_matter_syntax_yaml_blocks_and_CRLF_reads_as_written()
    {
        const string platyPS = """
            ---
            external help file: VsphereK8sStorage.dll-Help.xml
            Module Name: VsphereK8sStorage
            schema: 2.0.0
            ---

            # New-VmdkDisk

            ## SYNOPSIS
            Creates a VMDK
            on a datastore.

            ## SYNTAX

            ### Default (Default)
            ```
            New-VmdkDisk [-Path] <String> [-WhatIf] [-Confirm] [<CommonParameters>]
            ```

            ## DESCRIPTION
            First paragraph.

            Second paragraph:
            - one item
            - another item

            ## EXAMPLES

            ### EXAMPLE 1
            ```PowerShell
            PS C:\> New-VmdkDisk -Path '[ds] a.vmdk'
            ```

            Creates a.vmdk.

            ### Example 2 - two lines
            ~~~powershell
            $disk = New-VmdkDisk -Path '[ds] b.vmdk'
            $disk.Uuid
            ~~~

            ## PARAMETERS

            ### -Path
            Where the disk goes.

            ```yaml
            Type: String
            Parameter Sets: (All)
            Required: True
            ```

            ### -WhatIf
            Shows what would happen.

            ### CommonParameters
            This cmdlet supports the common parameters.

            ## INPUTS

            ### None
            ## OUTPUTS

            ### VsphereK8sStorage.Vsphere.VmdkDisk
            The disk.

            ## NOTES

            ## RELATED LINKS

            [Online](https://example.invalid/New-VmdkDisk)
            - [about_VsphereK8sStorage]()
            Get-VmdkDisk
            """;

        var help = MarkdownHelpReader.Read(platyPS.ReplaceLineEndings("\r\n"), "New-VmdkDisk.md");

        Assert.Equal("New-VmdkDisk", help.Name);
        Assert.Equal("Creates a VMDK on a datastore.", help.Synopsis);
        Assert.Equal(new[] { "First paragraph.", "Second paragraph:", "- one item", "- another item" }, help.Description);
        Assert.Equal(new[] { "EXAMPLE 1", "Example 2 - two lines" }, help.Examples.Select(e => e.Title));
        Assert.Equal("PS C:\\> New-VmdkDisk -Path '[ds] a.vmdk'", help.Examples[0].Code);
        Assert.Equal(new[] { "Creates a.vmdk." }, help.Examples[0].Remarks);
        Assert.Equal("$disk = New-VmdkDisk -Path '[ds] b.vmdk'\n$disk.Uuid", help.Examples[1].Code);
        Assert.Equal(new[] { "Path", "WhatIf" }, help.Parameters.Select(p => p.Name));
        Assert.Equal(new[] { "Where the disk goes." }, help.Parameters[0].Description);
        Assert.Equal(new[] { "None" }, help.Inputs.Select(i => i.TypeName));
        Assert.Equal("VsphereK8sStorage.Vsphere.VmdkDisk", Assert.Single(help.Outputs).TypeName);
        Assert.Empty(help.Notes);
        Assert.Equal(
            new[] { ("Online", "https://example.invalid/New-VmdkDisk"), ("about_VsphereK8sStorage", (string?)null), ("Get-VmdkDisk", null) },
            help.Links.Select(l => (l.Text, l.Uri)));
    }

    [Fact]
    public void The_generator_reports_each_malformed_file_as_one_line_and_skips_help_for_cmdlets_not_built_yet()
    {
        var directory = Directory.CreateTempSubdirectory("vk8s-help-");
        try
        {
            File.Copy(Path.Combine(HelpDirectory, "Get-PvcBinding.md"), Path.Combine(directory.FullName, "Get-PvcBinding.md"));
            File.WriteAllText(Path.Combine(directory.FullName, "New-Later.md"), Minimal.Replace("Get-X", "New-Later", StringComparison.Ordinal));
            var assembly = Path.Combine(RepoPaths.StagedModule, RepoPaths.ModuleName + ".dll");

            var good = Program.Generate(assembly, RepoPaths.SystemManagementAutomation, directory.FullName, directory.Parent!.FullName);
            File.WriteAllText(Path.Combine(directory.FullName, "Get-Broken.md"), "# Get-Broken\n## SYNOPSIS\nx\n## PARAMETER\n");
            var bad = Program.Generate(assembly, RepoPaths.SystemManagementAutomation, directory.FullName, directory.Parent!.FullName);

            Assert.Empty(good.Errors);
            Assert.Equal(1, good.Documented);
            Assert.Contains("Get-PvcBinding", good.Maml, StringComparison.Ordinal);
            Assert.Equal($"{directory.Name}/New-Later.md: no cmdlet New-Later in VsphereK8sStorage.dll yet; skipped", Assert.Single(good.Skipped));
            Assert.Equal($"{directory.Name}/Get-Broken.md:4: unknown section '## PARAMETER'; expected one of ## SYNOPSIS, ## SYNTAX, ## DESCRIPTION, ## EXAMPLES, ## PARAMETERS, ## INPUTS, ## OUTPUTS, ## NOTES, ## RELATED LINKS, ## ALIASES", Assert.Single(bad.Errors));
            Assert.Empty(bad.Maml);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
