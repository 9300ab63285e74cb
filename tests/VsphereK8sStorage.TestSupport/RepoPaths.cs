using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;

namespace VsphereK8sStorage.TestSupport;

/// <summary>
/// Where the repository's files and the staged module are, found from the test binaries' folder.
/// Shared (linked) by VsphereK8sStorage.PowerShell.Tests.
/// </summary>
public static class RepoPaths
{
    public const string ModuleName = "VsphereK8sStorage";

    public static string Root { get; } = FindRoot();

    /// <summary>The importable module folder that building the cmdlet project stages (what users import).</summary>
    public static string StagedModule => Path.Combine(Root, "out", "module", ModuleName);

    public static string StagedManifest => Path.Combine(StagedModule, ModuleName + ".psd1");

    public static string RepoManifest => Path.Combine(Root, ModuleName + ".psd1");

    /// <summary>The source of the module's non-code files (format file, help).</summary>
    public static string ModuleSources => Path.Combine(Root, "module");

    public static string Schemas => Path.Combine(Root, "tests", "fixtures", "powershell-schemas");

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>
    /// A release manifest the vSphere drivers publish, kept in ../shared/fixtures/upstream/&lt;driver&gt;/&lt;file&gt;; skips
    /// the test (with a SKIPPED line) where that folder is absent, as it is outside a plain clone.
    /// </summary>
    public static string UpstreamManifest(string driver, string file)
    {
        var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "upstream", driver, file));
        if (!File.Exists(path))
        {
            Console.WriteLine($"SKIPPED: {path} is absent (the upstream manifests live in ../shared outside a plain clone)");
            Xunit.Skip.If(true, $"{path} is absent");
        }

        return path;
    }

    /// <summary>The one version number, from Directory.Build.props.</summary>
    public static string Version
    {
        get
        {
            var props = XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
            var version = props.Descendants("Version").Select(e => e.Value.Trim()).SingleOrDefault();
            return version ?? throw new InvalidOperationException("Directory.Build.props has no <Version>.");
        }
    }

    /// <summary>
    /// PowerShellStandard.Library's reference System.Management.Automation.dll: the exact package the cmdlet
    /// project compiled against, from its restore output; the NuGet cache is the fallback.
    /// </summary>
    public static string SystemManagementAutomation => SystemManagementAutomationPath.Value;

    private static readonly Lazy<string> SystemManagementAutomationPath = new(FindSystemManagementAutomation);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VsphereK8sStorage.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds VsphereK8sStorage.slnx.");
    }

    private static string FindSystemManagementAutomation()
    {
        const string relative = "lib/netstandard2.0/System.Management.Automation.dll";
        var assets = Path.Combine(Root, "src", ModuleName, "obj", "project.assets.json");
        if (File.Exists(assets))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(assets));
            var folders = json.RootElement.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
            foreach (var library in json.RootElement.GetProperty("libraries").EnumerateObject())
            {
                if (!library.Name.StartsWith("PowerShellStandard.Library/", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var packagePath = library.Value.GetProperty("path").GetString()!;
                var found = folders.Select(f => Path.Combine(f, packagePath, relative)).FirstOrDefault(File.Exists);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var fallback = Path.Combine(cache, "powershellstandard.library", "5.1.0-preview-06", relative);
        return File.Exists(fallback)
            ? fallback
            : throw new InvalidOperationException($"PowerShellStandard.Library's System.Management.Automation.dll was not found (looked in {assets} and {fallback}); run dotnet restore.");
    }
}
