using System;
using System.IO;

namespace VsphereK8sStorage.Tests.TestSupport;

/// <summary>Paths of test fixtures and examples, copied beside the test assembly.</summary>
public static class Fixtures
{
    public static string Manifest(string relative) => Path.Combine(AppContext.BaseDirectory, "fixtures", "manifests", relative);

    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    /// <summary>A file of the repository itself (README.md, say), found by walking up from the test assembly to the solution.</summary>
    public static string RepoFile(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VsphereK8sStorage.slnx")))
            {
                return Path.Combine(directory.FullName, relative);
            }
        }

        throw new FileNotFoundException($"No VsphereK8sStorage.slnx above {AppContext.BaseDirectory}, so {relative} cannot be found.");
    }
}
