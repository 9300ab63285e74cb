using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace VsphereK8sStorage;

/// <summary>
/// Windows PowerShell 5.1 runs on .NET Framework, which has no binding redirects for a module's
/// dependencies (System.Text.Json wants newer System.Memory and friends than it finds). When the
/// module loads there, assemblies that live beside this one are resolved from the module folder
/// whatever version is asked for. PowerShell 7 resolves them itself, so nothing is hooked there.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

    public void OnImport()
    {
        if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleDirectory;
        }
    }

    private static Assembly? ResolveFromModuleDirectory(object? sender, ResolveEventArgs args)
    {
        var candidate = Path.Combine(ModuleDirectory, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }
}
