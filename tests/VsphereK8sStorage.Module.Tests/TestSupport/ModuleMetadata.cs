using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using VsphereK8sStorage.HelpGenerator;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests.TestSupport;

/// <summary>
/// The staged module's assemblies read as metadata. The cmdlet assembly is compiled against a reference
/// System.Management.Automation, so it can be inspected but never loaded to run: everything here comes from
/// CustomAttributeData and is copied into plain records once, so tests never touch the load context.
/// </summary>
internal sealed class ModuleMetadata
{
    private static readonly Lazy<ModuleMetadata> Shared = new(Load);

    private ModuleMetadata(
        IReadOnlyList<CmdletType> cmdlets,
        IReadOnlyDictionary<string, TypeShape> types,
        Version assemblyVersion)
    {
        Cmdlets = cmdlets;
        Types = types;
        AssemblyVersion = assemblyVersion;
    }

    public static ModuleMetadata Instance => Shared.Value;

    /// <summary>Every public, non-abstract class deriving from Cmdlet (PSCmdlet derives from it).</summary>
    public IReadOnlyList<CmdletType> Cmdlets { get; }

    /// <summary>Every type in the module's own assemblies (cmdlets and core), by full name.</summary>
    public IReadOnlyDictionary<string, TypeShape> Types { get; }

    public Version AssemblyVersion { get; }

    public CmdletType Cmdlet(string name) =>
        Cmdlets.SingleOrDefault(c => c.Name == name) ?? throw new InvalidOperationException($"The module has no cmdlet {name}.");

    /// <summary>Types reachable from the cmdlets' output types through public properties (Rejections -> VolumeRejection).</summary>
    public IReadOnlySet<string> TypesReachableFromOutput()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(Cmdlets.SelectMany(c => c.OutputTypes));
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!seen.Add(name) || !Types.TryGetValue(name, out var shape))
            {
                continue;
            }

            foreach (var referenced in shape.ReferencedTypes)
            {
                queue.Enqueue(referenced);
            }
        }

        return seen;
    }

    private static ModuleMetadata Load()
    {
        var cmdletAssemblyPath = Path.Combine(RepoPaths.StagedModule, RepoPaths.ModuleName + ".dll");
        var coreAssemblyPath = Path.Combine(RepoPaths.StagedModule, "dependencies", RepoPaths.ModuleName + ".Core.dll");
        if (!File.Exists(cmdletAssemblyPath))
        {
            throw new InvalidOperationException($"{cmdletAssemblyPath} is missing: build the solution (dotnet build VsphereK8sStorage.slnx) to stage the module.");
        }

        using var context = CmdletReader.CreateContext(new[] { RepoPaths.StagedModule }, RepoPaths.SystemManagementAutomation);
        var cmdletAssembly = context.LoadFromAssemblyPath(cmdletAssemblyPath);
        var coreAssembly = context.LoadFromAssemblyPath(coreAssemblyPath);
        var typesAssembly = context.LoadFromAssemblyPath(Path.Combine(RepoPaths.StagedModule, RepoPaths.ModuleName + ".Types.dll"));

        var cmdlets = cmdletAssembly.GetTypes()
            .Where(CmdletReader.IsCmdlet)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(CmdletReader.Read)
            .ToList();

        var types = cmdletAssembly.GetTypes().Concat(typesAssembly.GetTypes()).Concat(coreAssembly.GetTypes())
            .Where(t => t.FullName is not null)
            .GroupBy(t => t.FullName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ReadShape(g.First()), StringComparer.Ordinal);

        return new ModuleMetadata(cmdlets, types, cmdletAssembly.GetName().Version!);
    }

    private static TypeShape ReadShape(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().PropertyType.ToString(), StringComparer.OrdinalIgnoreCase);
        var referenced = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(p => Unwrap(p.PropertyType))
            .Where(t => t.FullName is not null)
            .Select(t => t.FullName!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new TypeShape(type.FullName!, properties, referenced);
    }

    // A property's type and, for arrays and generics (IReadOnlyList<VolumeRejection>), the types inside it.
    internal static IEnumerable<Type> Unwrap(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Unwrap(type.GetElementType()!))
            {
                yield return inner;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return inner;
            }
        }
    }
}

/// <summary>A type's public instance properties and the types they hold, for format-file checks.</summary>
internal sealed record TypeShape(
    string FullName,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyList<string> ReferencedTypes);
