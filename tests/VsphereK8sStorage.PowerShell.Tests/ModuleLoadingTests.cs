using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.PowerShell.Tests;

/// <summary>
/// The module's dependency isolation, seen from inside the process: the engine and its dependencies load into the
/// module's own AssemblyLoadContext from dependencies/, never into the default context another module shares.
/// (The Pester suite proves the same against a conflicting YamlDotNet in separate pwsh processes.)
/// </summary>
public sealed class ModuleLoadingTests : IClassFixture<ModuleSession>
{
    private readonly ModuleSession session;

    public ModuleLoadingTests(ModuleSession session) => this.session = session;

    [Fact]
    public void This_test_project_ships_none_of_the_modules_dependencies()
    {
        // Were they here, the default context could load them and hide a broken load context.
        var shipped = new[] { "VsphereK8sStorage.Core.dll", "VsphereK8sStorage.Types.dll", "YamlDotNet.dll", "KubernetesClient.dll" }
            .Where(f => File.Exists(Path.Combine(AppContext.BaseDirectory, f)));

        Assert.Empty(shipped);
    }

    [Fact]
    public void The_engine_and_its_dependencies_load_into_the_modules_own_context_from_dependencies()
    {
        session.Run("Get-PvcBinding -Path $dir", new Dictionary<string, object?> { ["dir"] = Path.Combine(RepoPaths.Examples, "raw-block") }).AssertSucceeded();

        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name is "VsphereK8sStorage.Core" or "YamlDotNet")
            .Select(a => (a.GetName().Name, Context: AssemblyLoadContext.GetLoadContext(a)?.Name, Folder: Path.GetDirectoryName(a.Location)))
            .ToList();

        Assert.Equal(new[] { "VsphereK8sStorage.Core", "YamlDotNet" }, loaded.Select(l => l.Name).Order(StringComparer.Ordinal));
        Assert.All(loaded, l => Assert.Equal("VsphereK8sStorage", l.Context));
        Assert.All(loaded, l => Assert.Equal(Path.Combine(RepoPaths.StagedModule, "dependencies"), l.Folder));
    }

    [Fact]
    public void The_types_users_see_load_once_in_the_default_context_and_the_engine_makes_objects_of_that_copy()
    {
        var run = session.Run("$r = @(Get-PvcBinding -Path $dir)[0]; $r -is [VsphereK8sStorage.Binding.PvcBinding]; [VsphereK8sStorage.Binding.ReasonCode]::WaitForFirstConsumer.GetType().Assembly.Location",
            new Dictionary<string, object?> { ["dir"] = Path.Combine(RepoPaths.Examples, "raw-block") });
        run.AssertSucceeded();

        var types = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "VsphereK8sStorage.Types").ToList();
        var only = Assert.Single(types);
        Assert.Equal("Default", AssemblyLoadContext.GetLoadContext(only)?.Name);
        Assert.Equal(Path.Combine(RepoPaths.StagedModule, "VsphereK8sStorage.Types.dll"), only.Location);
        Assert.Equal(true, run.Output[0].BaseObject);
        Assert.Equal(only.Location, run.Output[1].BaseObject);
    }
}
