using System;
using System.IO;
using VsphereK8sStorage.TestSupport;

namespace VsphereK8sStorage.Tests.TestSupport;

/// <summary>Paths of test fixtures and examples, copied beside the test assembly.</summary>
public static class Fixtures
{
    public static string Manifest(string relative) => Path.Combine(AppContext.BaseDirectory, "fixtures", "manifests", relative);

    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    /// <summary>A file of the repository itself (README.md, say).</summary>
    public static string RepoFile(string relative) => Path.Combine(RepoPaths.Root, relative);
}
