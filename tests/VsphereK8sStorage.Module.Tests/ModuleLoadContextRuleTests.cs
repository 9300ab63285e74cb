using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using VsphereK8sStorage.HelpGenerator;
using VsphereK8sStorage.Module.Tests.TestSupport;
using VsphereK8sStorage.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Module.Tests;

/// <summary>
/// PowerShell lays out the cmdlet assembly's types (GetExportedTypes) before the module's OnImport sets up the
/// load context the engine lives in. Laying out a type with a field of an engine VALUE type (an enum or a struct),
/// deriving from a base instantiated over an engine type, or a generic parameter constrained to an engine type,
/// loads the engine through the default context,
/// which cannot find it, and Import-Module fails. So no type of the cmdlet assembly has one: take a string with
/// [ValidateSet(nameof(...))] and parse it in the body. Engine classes and records are fine.
/// </summary>
public sealed class ModuleLoadContextRuleTests
{
    private const string Engine = "VsphereK8sStorage.Core";

    [Fact]
    public void No_cmdlet_assembly_type_has_a_field_of_an_engine_value_type_an_engine_generic_base_or_constraint()
    {
        using var context = CmdletReader.CreateContext(new[] { RepoPaths.StagedModule }, RepoPaths.SystemManagementAutomation);
        var cmdlets = context.LoadFromAssemblyPath(Path.Combine(RepoPaths.StagedModule, RepoPaths.ModuleName + ".dll"));
        var problems = new List<string>();
        foreach (var type in cmdlets.GetTypes())
        {
            const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var field in type.GetFields(all))
            {
                if (ModuleMetadata.Unwrap(field.FieldType).FirstOrDefault(t => t.IsValueType && t.Assembly.GetName().Name == Engine) is { } engineType)
                {
                    problems.Add($"{type.FullName}.{field.Name}: {engineType.FullName}");
                }
            }

            var genericParameters = type.GetMethods(all).Where(m => m.IsGenericMethodDefinition).SelectMany(m => m.GetGenericArguments().Select(p => (Owner: $"{type.FullName}.{m.Name}", Parameter: p)))
                .Concat(type.IsGenericTypeDefinition ? type.GetGenericArguments().Select(p => (Owner: type.FullName!, Parameter: p)) : Enumerable.Empty<(string, Type)>());
            foreach (var (owner, parameter) in genericParameters)
            {
                if (parameter.GetGenericParameterConstraints().SelectMany(ModuleMetadata.Unwrap).FirstOrDefault(t => t.Assembly.GetName().Name == Engine) is { } constraint)
                {
                    problems.Add($"{owner}<{parameter.Name}>: constrained to {constraint.FullName}");
                }
            }

            if (type.BaseType is { IsGenericType: true } generic && generic.GetGenericArguments().SelectMany(ModuleMetadata.Unwrap).FirstOrDefault(t => t.Assembly.GetName().Name == Engine) is { } argument)
            {
                problems.Add($"{type.FullName}: base {generic.Name} over {argument.FullName}");
            }
        }

        Assert.True(problems.Count == 0, "Engine value types on cmdlet-assembly types (take a string and parse it in the body):\n" + string.Join("\n", problems));
    }
}
