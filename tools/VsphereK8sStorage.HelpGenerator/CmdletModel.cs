using System;
using System.Collections.Generic;
using System.Linq;

namespace VsphereK8sStorage.HelpGenerator;

/// <summary>One [Parameter] attribute: how a parameter binds in one parameter set.</summary>
public sealed record ParameterBinding(
    string SetName,
    bool Mandatory,
    int? Position,
    bool ValueFromPipeline,
    bool ValueFromPipelineByPropertyName,
    bool ValueFromRemainingArguments);

/// <summary>The type named by an [ArgumentCompleter], and what PowerShell needs of it to create and call it.</summary>
public sealed record CompleterInfo(
    string TypeFullName,
    bool IsPublic,
    bool IsAbstract,
    bool ImplementsIArgumentCompleter,
    bool HasPublicDefaultConstructor);

/// <summary>A cmdlet parameter, read from the property's (or field's) custom attribute data.</summary>
public sealed record CmdletParameter(
    string Name,
    string TypeFullName,
    string ElementTypeFullName,
    IReadOnlyList<ParameterBinding> Bindings,
    IReadOnlyList<string> Aliases,
    bool SupportsWildcards,
    CompleterInfo? Completer)
{
    public bool IsSwitch => TypeFullName == "System.Management.Automation.SwitchParameter";

    public bool IsInSet(string set) => Bindings.Any(b => b.SetName == set || b.SetName == CmdletType.AllSets);

    /// <summary>The [Parameter] that applies in a set: the set's own, else the one for all sets.</summary>
    public ParameterBinding? BindingIn(string set) =>
        Bindings.FirstOrDefault(b => b.SetName == set) ?? Bindings.FirstOrDefault(b => b.SetName == CmdletType.AllSets);

    public override string ToString() => Name;
}

/// <summary>A public cmdlet class as PowerShell sees it when it imports the module.</summary>
public sealed record CmdletType(
    string TypeFullName,
    bool IsSealed,
    bool HasPublicDefaultConstructor,
    string? Verb,
    string? Noun,
    bool SupportsShouldProcess,
    string? DefaultParameterSetName,
    IReadOnlyList<string> OutputTypes,
    IReadOnlyList<CmdletParameter> Parameters,
    IReadOnlyList<string>? ParameterSetConstants,
    string? HelpUri = null)
{
    /// <summary>The set a [Parameter] without ParameterSetName belongs to (every set).</summary>
    public const string AllSets = "__AllParameterSets";

    public bool HasCmdletAttribute => Verb is not null && Noun is not null;

    public string Name => HasCmdletAttribute ? $"{Verb}-{Noun}" : TypeFullName;

    /// <summary>The named sets; a cmdlet that names none has the one set of all its parameters.</summary>
    public IReadOnlyList<string> ParameterSetNames
    {
        get
        {
            var named = Parameters.SelectMany(p => p.Bindings).Select(b => b.SetName).Where(s => s != AllSets).Distinct(StringComparer.Ordinal).ToList();
            return named.Count > 0 ? named : new[] { AllSets };
        }
    }

    public IReadOnlyList<CmdletParameter> ParametersIn(string set) => Parameters.Where(p => p.IsInSet(set)).ToList();

    public CmdletParameter Parameter(string name) =>
        Parameters.SingleOrDefault(p => p.Name == name) ?? throw new InvalidOperationException($"{Name} has no parameter -{name}.");

    public override string ToString() => Name;
}
