using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using VsphereK8sStorage.Module.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests;

/// <summary>
/// The module manifest (VsphereK8sStorage.psd1) in the repository and as staged in out/module, checked the way
/// Import-Module and Test-ModuleManifest would read it.
/// </summary>
public sealed class ManifestTests
{
    // Keys New-ModuleManifest knows; any other key makes Import-Module reject the manifest.
    private static readonly string[] ValidKeys =
    {
        "RootModule", "ModuleToProcess", "ModuleVersion", "CompatiblePSEditions", "GUID", "Author", "CompanyName",
        "Copyright", "Description", "PowerShellVersion", "PowerShellHostName", "PowerShellHostVersion",
        "DotNetFrameworkVersion", "CLRVersion", "ProcessorArchitecture", "RequiredModules", "RequiredAssemblies",
        "ScriptsToProcess", "TypesToProcess", "FormatsToProcess", "NestedModules", "FunctionsToExport",
        "CmdletsToExport", "VariablesToExport", "AliasesToExport", "DscResourcesToExport", "ModuleList", "FileList",
        "PrivateData", "HelpInfoURI", "DefaultCommandPrefix",
    };

    private static readonly Regex ModuleVersionLine = new(@"(ModuleVersion\s*=\s*)'[^']*'", RegexOptions.CultureInvariant);

    private static IReadOnlyDictionary<string, object?> Staged { get; } = PowerShellDataFile.ParseHashtable(File.ReadAllText(RepoPaths.StagedManifest));

    private static IReadOnlyDictionary<string, object?> Repo { get; } = PowerShellDataFile.ParseHashtable(File.ReadAllText(RepoPaths.RepoManifest));

    public static TheoryData<string> ManifestFiles => new(RepoPaths.RepoManifest, RepoPaths.StagedManifest);

    [Theory]
    [MemberData(nameof(ManifestFiles))]
    public void Every_key_is_one_Import_Module_knows(string file)
    {
        var manifest = PowerShellDataFile.ParseHashtable(File.ReadAllText(file));

        Assert.DoesNotContain(manifest.Keys, k => !ValidKeys.Contains(k, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void CmdletsToExport_lists_exactly_the_cmdlets_in_the_assembly()
    {
        var listed = PowerShellDataFile.Strings(Staged["CmdletsToExport"]);

        // A wildcard exports whatever the assembly holds and makes command discovery load the assembly.
        Assert.DoesNotContain(listed, name => name.Contains('*') || name.Contains('?'));
        Assert.Equal(ModuleMetadata.Instance.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("AliasesToExport")]
    [InlineData("VariablesToExport")]
    public void Nothing_but_cmdlets_is_exported(string key)
    {
        // A missing key means "export everything", so each must be present and an empty array.
        Assert.True(Staged.ContainsKey(key), $"{key} is missing, which PowerShell reads as '*'.");
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(Staged[key]));
    }

    [Fact]
    public void It_declares_PowerShell_7_4_and_later_only()
    {
        // KubernetesClient 21 builds for .NET 8+ only: Windows PowerShell 5.1 (.NET Framework) cannot load the
        // engine, and PowerShellVersion makes Import-Module say so before it loads any assembly.
        Assert.Equal(new[] { "Core" }, PowerShellDataFile.Strings(Staged["CompatiblePSEditions"]));
        Assert.Equal("7.4", Staged["PowerShellVersion"]);
        Assert.False(Staged.ContainsKey("DotNetFrameworkVersion"), "DotNetFrameworkVersion applies to Windows PowerShell (Desktop) only.");
    }

    [Fact]
    public void The_root_module_is_the_cmdlet_assembly_and_it_is_staged()
    {
        Assert.Equal("VsphereK8sStorage.dll", Staged["RootModule"]);
        Assert.True(File.Exists(Path.Combine(RepoPaths.StagedModule, "VsphereK8sStorage.dll")));
    }

    [Theory]
    [InlineData("FormatsToProcess")]
    [InlineData("TypesToProcess")]
    public void Every_format_and_type_file_exists_in_the_sources_and_the_staged_module(string key)
    {
        foreach (var file in Staged.TryGetValue(key, out var value) ? PowerShellDataFile.Strings(value) : Array.Empty<string>())
        {
            Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleSources, file)), $"{key}: module/{file} does not exist.");
            Assert.True(File.Exists(Path.Combine(RepoPaths.StagedModule, file)), $"{key}: {file} is not in the staged module, so Import-Module fails.");
        }
    }

    [Fact]
    public void FormatsToProcess_names_every_format_file_there_is()
    {
        // A format file in module/ that the manifest does not name would never be loaded.
        var onDisk = Directory.GetFiles(RepoPaths.ModuleSources, "*.ps1xml")
            .Select(Path.GetFileName)
            .Where(f => !f!.EndsWith(".types.ps1xml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, PowerShellDataFile.Strings(Staged["FormatsToProcess"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_staged_version_is_the_one_version_of_the_build()
    {
        var version = RepoPaths.Version;
        var assembly = ModuleMetadata.Instance.AssemblyVersion;

        Assert.Equal(version, Staged["ModuleVersion"]);
        Assert.Equal(version, $"{assembly.Major}.{assembly.Minor}.{assembly.Build}");
    }

    [Fact]
    public void The_repository_manifest_differs_from_the_staged_one_only_by_the_stamped_version()
    {
        var repoText = File.ReadAllText(RepoPaths.RepoManifest);
        var stagedText = File.ReadAllText(RepoPaths.StagedManifest);

        // The build stamps the version with this pattern; if it stops matching, the stamp silently stops.
        Assert.Single(ModuleVersionLine.Matches(repoText));
        Assert.Equal(Normalize(repoText), Normalize(stagedText));
        Assert.Equal(Repo.Keys.Order(), Staged.Keys.Order());
    }

    // The version replaced by a placeholder; line endings and the file's trailing newlines do not matter.
    private static string Normalize(string manifest) =>
        ModuleVersionLine.Replace(manifest, "${1}'<version>'").ReplaceLineEndings("\n").TrimEnd();

    [Fact]
    public void The_GUID_is_a_real_GUID()
    {
        var text = Assert.IsType<string>(Staged["GUID"]);

        Assert.True(Guid.TryParseExact(text, "D", out var guid), $"'{text}' is not a GUID.");
        Assert.NotEqual(Guid.Empty, guid);
    }

    [Fact]
    public void The_gallery_metadata_is_complete()
    {
        var privateData = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Staged["PrivateData"]);
        var psData = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(privateData["PSData"]);

        var tags = PowerShellDataFile.Strings(psData["Tags"]);
        Assert.NotEmpty(tags);
        // The PowerShell Gallery rejects tags with spaces, and finds modules per edition by these tags.
        Assert.DoesNotContain(tags, t => t.Any(char.IsWhiteSpace));
        Assert.Contains("PSEdition_Core", tags);
        Assert.DoesNotContain("PSEdition_Desktop", tags);

        foreach (var key in new[] { "ProjectUri", "LicenseUri" })
        {
            var uri = Assert.IsType<string>(psData[key]);
            Assert.True(Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps, $"PSData.{key} '{uri}' is not an absolute https URI.");
        }
    }

    private static string PSData(string key)
    {
        var privateData = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Repo["PrivateData"]);
        var psData = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(privateData["PSData"]);
        return Assert.IsType<string>(psData[key]);
    }

    [Fact]
    public void The_LicenseUri_names_a_license_file_in_the_repository_and_the_package()
    {
        var license = PSData("LicenseUri");
        var prefix = PSData("ProjectUri") + "/blob/main/";

        Assert.StartsWith(prefix, license);
        var file = Path.Combine(RepoPaths.Root, license.Substring(prefix.Length));
        Assert.True(File.Exists(file), $"PSData.LicenseUri points at {license}, but {file} does not exist.");
        Assert.Contains("MIT License", File.ReadAllText(file));
        Assert.True(File.Exists(Path.Combine(RepoPaths.StagedModule, "LICENSE")), "The staged module carries no LICENSE file.");
    }

    public static TheoryData<string> CmdletNames => new(ModuleMetadata.Instance.Cmdlets.Where(c => c.HasCmdletAttribute).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_cmdlet_has_a_HelpUri_to_its_help_file_on_the_ProjectUri(string name)
    {
        var helpUri = ModuleMetadata.Instance.Cmdlet(name).HelpUri;
        var prefix = PSData("ProjectUri") + "/blob/main/";

        Assert.False(string.IsNullOrEmpty(helpUri), $"{name} has no HelpUri: Get-Help {name} -Online would open nothing.");
        Assert.Equal(prefix + $"module/help/{name}.md", helpUri);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, helpUri!.Substring(prefix.Length).Replace('/', Path.DirectorySeparatorChar))), $"{name}'s HelpUri {helpUri} names no file in the repository.");
    }
}
