using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace VsphereK8sStorage.HelpGenerator;

/// <summary>
/// Reads cmdlet classes from a compiled module assembly as metadata (MetadataLoadContext), never running them:
/// the cmdlets are compiled against a reference System.Management.Automation. Shared by the help generator and
/// the module tests.
/// </summary>
public static class CmdletReader
{
    private const string Sma = "System.Management.Automation.";

    /// <summary>Every public, non-abstract class deriving from Cmdlet (PSCmdlet derives from it).</summary>
    public static bool IsCmdlet(Type type) => type.IsClass && type.IsVisible && !type.IsAbstract && DerivesFrom(type, Sma + "Cmdlet");

    /// <summary>
    /// A load context that resolves the module's assemblies, System.Management.Automation and the running runtime.
    /// One file per simple name: the runtime's first, then the module folder's (older copies of runtime assemblies
    /// are not needed to read metadata), then the given System.Management.Automation.
    /// </summary>
    public static MetadataLoadContext CreateContext(IEnumerable<string> moduleDirectories, string systemManagementAutomation)
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var file in Directory.GetFiles(runtimeDirectory, "*.dll").Concat(moduleDirectories.SelectMany(d => Directory.GetFiles(d, "*.dll", SearchOption.AllDirectories))))
        {
            byName.TryAdd(Path.GetFileName(file), file);
        }

        byName["System.Management.Automation.dll"] = systemManagementAutomation;
        return new MetadataLoadContext(new PathAssemblyResolver(byName.Values));
    }

    /// <summary>Reads a cmdlet class: its [Cmdlet], [OutputType] and every [Parameter] property or field.</summary>
    public static CmdletType Read(Type type)
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
            ParameterSetConstants: setConstants,
            HelpUri: cmdletAttribute is null ? null : Named<string?>(cmdletAttribute, "HelpUri", null));
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
