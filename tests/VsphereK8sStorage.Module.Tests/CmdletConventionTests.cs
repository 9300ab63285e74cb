using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.HelpGenerator;
using VsphereK8sStorage.Module.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests;

/// <summary>
/// Static checks of every cmdlet class, read from the compiled assembly, with messages that say what to change.
/// What PowerShell itself decides (approved verbs, OutputType, -WhatIf, binding) is checked on the imported
/// module by VsphereK8sStorage.PowerShell.Tests (CmdletConventionTests there).
/// </summary>
public sealed class CmdletConventionTests
{
    private static ModuleMetadata Module => ModuleMetadata.Instance;

    public static TheoryData<string> CmdletClasses => new(Module.Cmdlets.Select(c => c.TypeFullName));

    public static TheoryData<string> Cmdlets => new(Module.Cmdlets.Where(c => c.HasCmdletAttribute).Select(c => c.Name));

    [Fact]
    public void The_assembly_has_the_cmdlets_the_module_is_about()
    {
        // Guards the reflection itself: a loader that found nothing would make every theory below vacuous.
        Assert.Contains("Get-PvcBinding", Module.Cmdlets.Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(CmdletClasses))]
    public void Every_cmdlet_class_has_a_Cmdlet_attribute_is_sealed_and_can_be_created(string typeName)
    {
        var cmdlet = Module.Cmdlets.Single(c => c.TypeFullName == typeName);

        Assert.True(cmdlet.HasCmdletAttribute, $"{typeName} derives from Cmdlet but has no [Cmdlet(verb, noun)]: PowerShell cannot export it.");
        Assert.True(cmdlet.IsSealed, $"{typeName} is not sealed: cmdlets are leaves; shared behaviour belongs in an abstract base.");
        Assert.True(cmdlet.HasPublicDefaultConstructor, $"{typeName} has no public parameterless constructor: PowerShell cannot create it.");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_default_parameter_set_exists_and_is_declared_when_there_is_a_choice(string name)
    {
        var cmdlet = Module.Cmdlet(name);

        if (cmdlet.DefaultParameterSetName is { } defaultSet)
        {
            Assert.Contains(defaultSet, cmdlet.ParameterSetNames);
        }

        // Without a default, a call that names no set-specific parameter fails with "Parameter set cannot be resolved".
        if (cmdlet.ParameterSetNames.Count > 1)
        {
            Assert.NotNull(cmdlet.DefaultParameterSetName);
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Parameter_set_names_are_constants_of_a_nested_ParameterSets_class(string name)
    {
        var cmdlet = Module.Cmdlet(name);
        var used = cmdlet.ParameterSetNames.Where(s => s != CmdletType.AllSets)
            .Concat(cmdlet.DefaultParameterSetName is { } d ? new[] { d } : Array.Empty<string>())
            .Distinct()
            .ToList();
        if (used.Count == 0)
        {
            return;
        }

        Assert.True(cmdlet.ParameterSetConstants is not null, $"{name} names parameter sets ({string.Join(", ", used)}) but has no nested public static class ParameterSets with them as const strings.");
        Assert.Empty(used.Except(cmdlet.ParameterSetConstants!));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Positions_are_unique_within_each_parameter_set(string name)
    {
        var cmdlet = Module.Cmdlet(name);
        var clashes = cmdlet.ParameterSetNames
            .SelectMany(set => cmdlet.ParametersIn(set)
                .Where(p => p.BindingIn(set)!.Position is not null)
                .GroupBy(p => p.BindingIn(set)!.Position)
                .Where(g => g.Count() > 1)
                .Select(g => $"set {set}, position {g.Key}: {string.Join(", ", g)}"))
            .ToList();

        Assert.Empty(clashes);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Parameter_names_and_aliases_are_unique_and_leave_the_common_parameters_alone(string name)
    {
        var cmdlet = Module.Cmdlet(name);
        var taken = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (common, aliases) in Naming.CommonParameters)
        {
            foreach (var n in aliases.Prepend(common))
            {
                taken[n] = "common parameter -" + common;
            }
        }

        var clashes = new List<string>();
        foreach (var parameter in cmdlet.Parameters)
        {
            foreach (var n in parameter.Aliases.Prepend(parameter.Name))
            {
                if (!taken.TryAdd(n, "-" + parameter.Name))
                {
                    clashes.Add($"'{n}' of -{parameter.Name} is already {taken[n]}");
                }
            }
        }

        // PowerShell refuses to bind a cmdlet whose names collide (MetadataException), whatever the call.
        Assert.Empty(clashes);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Argument_completers_can_be_created_by_PowerShell(string name)
    {
        foreach (var parameter in Module.Cmdlet(name).Parameters.Where(p => p.Completer is not null))
        {
            var completer = parameter.Completer!;
            Assert.True(completer.ImplementsIArgumentCompleter, $"-{parameter.Name}: {completer.TypeFullName} does not implement IArgumentCompleter.");
            Assert.True(completer.IsPublic && !completer.IsAbstract && completer.HasPublicDefaultConstructor,
                $"-{parameter.Name}: {completer.TypeFullName} must be public, concrete and have a public parameterless constructor for PowerShell to create it.");
        }
    }
}
