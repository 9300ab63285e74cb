using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace VsphereK8sStorage.PowerShell;

/// <summary>
/// Keeps the module's dependencies out of everyone else's way. This assembly (the cmdlets) and the types users
/// see (VsphereK8sStorage.Types: what the commands return, the enums they name) load in PowerShell's default
/// context, so scripts can name those types; the engine (VsphereK8sStorage.Core) and everything it depends on
/// (YamlDotNet, KubernetesClient, …) live in the module's dependencies/ folder and load into one
/// <see cref="EngineLoadContext"/> of our own. The default context finds the engine only through the
/// Resolving handler below, which answers for the engine's name and nothing else, so another module's
/// YamlDotNet, loaded before or after ours, never meets ours. The engine's context hands the engine the
/// default context's copy of the types, so an object the engine makes is the type a script names.
/// Rule for every cmdlet: no field or parameter of a core VALUE type (an enum or struct), and no generic
/// parameter constrained to a core type. PowerShell calls GetExportedTypes on this assembly before OnImport
/// runs, and laying out a type with either loads the core through the default context, which cannot find it. Take a string with [ValidateSet(nameof(...))]
/// and parse it in the body; core reference types (classes, records) are fine. ModuleLoadContextRuleTests
/// enforces it; README's layout section states it.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string EngineAssemblyName = "VsphereK8sStorage.Core";

    internal const string TypesAssemblyName = "VsphereK8sStorage.Types";

    // The manifest's RequiredAssemblies loads it from the module folder before this assembly.
    private static readonly Assembly Types = typeof(VsphereK8sStorage.Vsphere.VsphereVm).Assembly;

    private static readonly string DependencyDirectory = Path.Combine(
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty, "dependencies");

    private static readonly EngineLoadContext Engine = new(DependencyDirectory);

    public void OnImport()
    {
        AssemblyLoadContext.Default.Resolving += ResolveEngine;
        // Once per process (each runspace that imports the module calls OnImport), on a thread-pool thread from the
        // start: even loading the engine stays off the import's path.
        if (Interlocked.Exchange(ref warmupStarted, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => WarmEngineQuietly(), null);
        }
    }

    private static int warmupStarted;

    private static void WarmEngineQuietly()
    {
        try
        {
            WarmEngine();
        }
        catch (Exception)
        {
            // An engine that cannot load (a damaged install) is the first command's to report: an exception left on
            // a thread-pool thread would end the whole PowerShell process.
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    // Its own method, not inlined: only running it needs the engine, which the Resolving handler finds.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WarmEngine() => VsphereK8sStorage.Hosting.EngineWarmup.Run();

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        // Without the file, the engine's context would hand the name back to the default context, whose Resolving
        // event asks here again: a stack overflow that ends the session. A damaged install is said as such instead.
        var path = Path.Combine(DependencyDirectory, EngineAssemblyName + ".dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The module's engine {path} is missing, so this installation of VsphereK8sStorage is damaged; install it again (Install-Module VsphereK8sStorage -Force, or copy the whole module folder).", path);
        }

        return Engine.LoadFromAssemblyName(name);
    }

    /// <summary>
    /// Gives the engine the default context's types assembly, then loads assemblies from dependencies/; anything not there (the framework, PowerShell itself)
    /// falls through to the default context.
    /// </summary>
    private sealed class EngineLoadContext : AssemblyLoadContext
    {
        private readonly string directory;

        public EngineLoadContext(string directory)
            : base("VsphereK8sStorage", isCollectible: false) => this.directory = directory;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (string.Equals(assemblyName.Name, TypesAssemblyName, StringComparison.Ordinal))
            {
                return Types;
            }

            var candidate = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
