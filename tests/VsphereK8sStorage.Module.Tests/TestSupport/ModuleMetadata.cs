using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace VsphereK8sStorage.Module.Tests.TestSupport;

/// <summary>
/// The staged module's assemblies read as metadata. The cmdlet assembly is compiled against a reference
/// System.Management.Automation, so it can be inspected but never loaded to run: everything here comes from
/// CustomAttributeData and is copied into plain records once, so tests never touch the load context.
/// </summary>
internal sealed class ModuleMetadata
{
    private const string Sma = "System.Management.Automation.";

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

        // One file per simple name: the runtime's assemblies, then the module's own (its System.Text.Json etc.
        // are older copies of runtime assemblies and are not needed to read metadata), then the reference SMA.
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var file in Directory.GetFiles(runtimeDirectory, "*.dll").Concat(Directory.GetFiles(RepoPaths.StagedModule, "*.dll", SearchOption.AllDirectories)))
        {
            byName.TryAdd(Path.GetFileName(file), file);
        }

        byName["System.Management.Automation.dll"] = RepoPaths.SystemManagementAutomation;

        using var context = new MetadataLoadContext(new PathAssemblyResolver(byName.Values));
        var cmdletAssembly = context.LoadFromAssemblyPath(cmdletAssemblyPath);
        var coreAssembly = context.LoadFromAssemblyPath(coreAssemblyPath);

        var cmdlets = cmdletAssembly.GetTypes()
            .Where(t => t.IsClass && t.IsVisible && !t.IsAbstract && DerivesFrom(t, Sma + "Cmdlet"))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(ReadCmdlet)
            .ToList();

        var types = cmdletAssembly.GetTypes().Concat(coreAssembly.GetTypes())
            .Where(t => t.FullName is not null)
            .GroupBy(t => t.FullName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ReadShape(g.First()), StringComparer.Ordinal);

        return new ModuleMetadata(cmdlets, types, cmdletAssembly.GetName().Version!);
    }

    private static CmdletType ReadCmdlet(Type type)
    {
        var cmdletAttribute = Attribute(type, "CmdletAttribute");
        var outputTypes = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == Sma + "OutputTypeAttribute")
            .SelectMany(a => Values(a.ConstructorArguments[0]))
            .Select(v => v is Type t ? t.FullName! : (string)v!)
            .ToList();

        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => ((MemberInfo)p, p.PropertyType))
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => ((MemberInfo)f, f.FieldType)));
        var parameters = members
            .Select(m => ReadParameter(m.Item1, m.Item2))
            .OfType<CmdletParameter>()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

        var setConstants = type.GetNestedTypes(BindingFlags.Public)
            .Where(n => n.Name == "ParameterSets" && n.IsAbstract && n.IsSealed)
            .Select(n => (IReadOnlyList<string>)n.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType.FullName == "System.String")
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToList())
            .SingleOrDefault();

        return new CmdletType(
            TypeFullName: type.FullName!,
            IsSealed: type.IsSealed,
            HasPublicDefaultConstructor: type.GetConstructors().Any(c => c.IsPublic && c.GetParameters().Length == 0),
            Verb: cmdletAttribute is null ? null : (string)cmdletAttribute.ConstructorArguments[0].Value!,
            Noun: cmdletAttribute is null ? null : (string)cmdletAttribute.ConstructorArguments[1].Value!,
            SupportsShouldProcess: cmdletAttribute is not null && Named(cmdletAttribute, "SupportsShouldProcess", false),
            DefaultParameterSetName: cmdletAttribute is null ? null : Named<string?>(cmdletAttribute, "DefaultParameterSetName", null),
            OutputTypes: outputTypes,
            Parameters: parameters,
            ParameterSetConstants: setConstants);
    }

    private static CmdletParameter? ReadParameter(MemberInfo member, Type memberType)
    {
        var attributes = member.GetCustomAttributesData();
        var bindings = attributes
            .Where(a => a.AttributeType.FullName == Sma + "ParameterAttribute")
            .Select(a => new ParameterBinding(
                SetName: Named(a, "ParameterSetName", CmdletType.AllSets),
                Mandatory: Named(a, "Mandatory", false),
                // PowerShell's "no position" is int.MinValue, the attribute's default.
                Position: Named(a, "Position", int.MinValue) switch { int.MinValue => null, var position => position },
                ValueFromPipeline: Named(a, "ValueFromPipeline", false),
                ValueFromPipelineByPropertyName: Named(a, "ValueFromPipelineByPropertyName", false),
                ValueFromRemainingArguments: Named(a, "ValueFromRemainingArguments", false)))
            .ToList();
        if (bindings.Count == 0)
        {
            return null;
        }

        var aliases = attributes
            .Where(a => a.AttributeType.FullName == Sma + "AliasAttribute")
            .SelectMany(a => a.ConstructorArguments.SelectMany(Values))
            .Select(v => (string)v!)
            .ToList();

        CompleterInfo? completer = null;
        var completerAttribute = attributes.SingleOrDefault(a => a.AttributeType.FullName == Sma + "ArgumentCompleterAttribute");
        if (completerAttribute?.ConstructorArguments.SingleOrDefault().Value is Type completerType)
        {
            completer = new CompleterInfo(
                completerType.FullName!,
                completerType.IsVisible,
                completerType.IsAbstract,
                completerType.GetInterfaces().Any(i => i.FullName == Sma + "IArgumentCompleter"),
                completerType.GetConstructors().Any(c => c.IsPublic && c.GetParameters().Length == 0));
        }

        return new CmdletParameter(
            member.Name,
            memberType.FullName!,
            (memberType.IsArray ? memberType.GetElementType()! : memberType).FullName!,
            bindings,
            aliases,
            attributes.Any(a => a.AttributeType.FullName == Sma + "SupportsWildcardsAttribute"),
            completer);
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
    private static IEnumerable<Type> Unwrap(Type type)
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

    private static bool DerivesFrom(Type type, string baseFullName)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.FullName == baseFullName)
            {
                return true;
            }
        }

        return false;
    }

    private static CustomAttributeData? Attribute(Type type, string name) =>
        type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == Sma + name);

    private static T Named<T>(CustomAttributeData attribute, string name, T fallback)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.MemberName == name)
            {
                return (T)argument.TypedValue.Value!;
            }
        }

        return fallback;
    }

    // A constructor argument's values: a params array arrives as a collection of typed arguments.
    private static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
        argument.Value is IEnumerable<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { argument.Value };
}
