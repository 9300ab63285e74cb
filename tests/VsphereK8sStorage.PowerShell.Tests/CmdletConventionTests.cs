using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests;

/// <summary>
/// What PowerShell users expect of every cmdlet the module exports, checked on the imported module, so each new
/// cmdlet is covered without a line of test code: approved verb, [OutputType] naming a real type, and for
/// state-changing verbs SupportsShouldProcess with a -WhatIf run registered in <see cref="ShouldProcessCases"/>.
/// </summary>
[Collection(VsphereK8sStorage.PowerShell.Tests.Kubernetes.DriverRolloutCollection.Name)]
public sealed class CmdletConventionTests : IClassFixture<ModuleSession>
{
    /// <summary>
    /// Verbs whose cmdlets change something outside the pipeline (vSphere, the cluster, files), so users rely on
    /// -WhatIf and -Confirm. Connect is not one: logging in changes nothing on the server, and PowerCLI's
    /// Connect-VIServer has no -WhatIf either; Disconnect ends a session others may share.
    /// </summary>
    public static readonly IReadOnlySet<string> StateChangingVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "New", "Set", "Add", "Remove", "Clear", "Reset", "Move", "Rename", "Copy", "Lock", "Unlock",
        "Enable", "Disable", "Install", "Uninstall", "Start", "Stop", "Restart", "Suspend", "Resume",
        "Register", "Unregister", "Invoke", "Update", "Mount", "Dismount", "Publish", "Unpublish",
        "Initialize", "Restore", "Repair", "Sync", "Merge", "Grant", "Revoke", "Block", "Unblock", "Protect", "Unprotect",
        "Disconnect", "Deploy",
    };

    private readonly ModuleSession session;

    public CmdletConventionTests(ModuleSession session) => this.session = session;

    public static TheoryData<string> ExportedCmdlets
    {
        get
        {
            // Read from the manifest's export list through a throwaway session, so the theory has one row per cmdlet.
            using var session = new ModuleSession();
            return new TheoryData<string>(session.Module.ExportedCmdlets.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void The_module_imports_without_warnings_and_exports_only_cmdlets()
    {
        // Import-Module warns about unapproved verbs; functions, aliases and variables are not part of this module.
        Assert.Empty(session.Import.Warnings);
        Assert.NotEmpty(session.Module.ExportedCmdlets);
        Assert.Empty(session.Module.ExportedFunctions);
        Assert.Empty(session.Module.ExportedAliases);
        Assert.Empty(session.Module.ExportedVariables);
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Every_cmdlet_uses_an_approved_verb(string name)
    {
        var verb = name.Split('-')[0];
        var approved = session.Run("Get-Verb | ForEach-Object Verb").AssertSucceeded().Objects.Cast<string>();

        Assert.Contains(verb, approved);
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Every_cmdlet_declares_an_output_type_that_exists(string name)
    {
        var outputTypes = Command(name).OutputType;

        Assert.NotEmpty(outputTypes);
        // A type named by string in [OutputType("...")] is not checked by the compiler: PowerShell leaves Type null.
        Assert.All(outputTypes, t => Assert.True(t.Type is not null, $"{name}: [OutputType] names '{t.Name}', which is not a loaded type."));
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void State_changing_cmdlets_support_WhatIf_and_Confirm_and_read_only_ones_do_not(string name)
    {
        var command = Command(name);
        var supports = command.Parameters.ContainsKey("WhatIf") && command.Parameters.ContainsKey("Confirm");

        if (StateChangingVerbs.Contains(command.Verb))
        {
            Assert.True(supports, $"{name} changes state ('{command.Verb}') but has no -WhatIf/-Confirm: add SupportsShouldProcess = true to its [Cmdlet].");
        }
        else
        {
            Assert.False(supports, $"{name} does not change state ('{command.Verb}') but declares SupportsShouldProcess: -WhatIf would promise nothing.");
        }
    }

    [Fact]
    public void Every_state_changing_cmdlet_has_a_registered_WhatIf_case()
    {
        var stateChanging = session.Module.ExportedCmdlets.Values.Where(c => StateChangingVerbs.Contains(c.Verb)).Select(c => c.Name);
        var registered = ShouldProcessCases.All.Select(c => c.Cmdlet).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Empty(stateChanging.Where(n => !registered.Contains(n)).Select(n => $"{n}: register a -WhatIf invocation in ShouldProcessCases.cs"));
        Assert.Empty(registered.Where(n => !session.Module.ExportedCmdlets.ContainsKey(n)).Select(n => $"{n} is registered in ShouldProcessCases.cs but not exported"));
    }

    /// <summary>One row per registered case, named by its position and cmdlet ("3 New-VsphereFcd").</summary>
    public static TheoryData<string> RegisteredCases =>
        new(ShouldProcessCases.All.Select((c, i) => $"{i} {c.Cmdlet}"));

    [SkippableTheory]
    [MemberData(nameof(RegisteredCases))]
    public void Every_registered_case_changes_nothing_under_WhatIf_or_a_declined_Confirm(string row)
    {
        var @case = ShouldProcessCases.All[int.Parse(row.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)];
        if (@case.MissingPeer?.Invoke() is { } missing)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"{@case}: {missing} (CI=true: a missing peer is a failure)");
            Skip.If(true, missing);
        }

        var problems = CheckShouldProcess(@case).ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_ShouldProcess_check_catches_a_command_that_acts_anyway()
    {
        // The check itself, on two stand-in functions: one that honours ShouldProcess and one that ignores it.
        session.Run(
            """
            function global:New-HonestThing { [CmdletBinding(SupportsShouldProcess)] param() if ($PSCmdlet.ShouldProcess('thing-1', 'Create')) { $global:thingMade = $true } }
            function global:New-CarelessThing { [CmdletBinding(SupportsShouldProcess)] param() $null = $PSCmdlet.ShouldProcess('thing-1', 'Create'); $global:thingMade = $true }
            """).AssertSucceeded();
        try
        {
            var honest = new ShouldProcessCase("New-HonestThing", "$global:thingMade = $false; New-HonestThing", "thing-1", "-not $global:thingMade");
            var careless = new ShouldProcessCase("New-CarelessThing", "$global:thingMade = $false; New-CarelessThing", "thing-1", "-not $global:thingMade");
            var wrongTarget = honest with { Target = "thing-2" };

            Assert.Empty(CheckShouldProcess(honest));
            Assert.Equal(2, CheckShouldProcess(careless).Count(p => p.Contains("changed state", StringComparison.Ordinal)));
            Assert.Contains(CheckShouldProcess(wrongTarget), p => p.Contains("does not name 'thing-2'", StringComparison.Ordinal));
        }
        finally
        {
            session.Run("Remove-Item function:New-HonestThing, function:New-CarelessThing, variable:global:thingMade -ErrorAction SilentlyContinue");
        }
    }

    // Runs a case (its peers present) with -WhatIf, then with -Confirm answered No, and says what went wrong.
    private IEnumerable<string> CheckShouldProcess(ShouldProcessCase @case)
    {
        var variables = @case.Arrange?.Invoke();
        foreach (var (mode, switchText) in new[] { ("-WhatIf", " -WhatIf"), ("-Confirm answered No", " -Confirm") })
        {
            session.ConfirmAnswer = false;
            var run = session.Run(@case.Invocation + switchText, variables);
            var unchanged = session.Run(@case.Unchanged, variables);
            var shown = mode == "-WhatIf" ? run.HostLines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)) : run.Prompts;

            if (run.AllErrors.Count > 0)
            {
                yield return $"{@case} {mode}: failed: {run.Describe()}";
            }

            if (!shown.Any(l => l.Contains(@case.Target, StringComparison.Ordinal)))
            {
                yield return $"{@case} {mode}: what it showed does not name '{@case.Target}': {string.Join(" | ", shown)}";
            }

            if (unchanged.Objects.Count != 1 || unchanged.Objects[0] is not true)
            {
                yield return $"{@case} {mode}: changed state ({@case.Unchanged} returned {string.Join(", ", unchanged.Objects)})";
            }
        }
    }

    private CmdletInfo Command(string name) =>
        session.Module.ExportedCmdlets.TryGetValue(name, out var command) ? command : throw new Xunit.Sdk.XunitException($"{name} is not exported.");
}
