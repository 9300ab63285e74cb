using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests.TestSupport;

/// <summary>Everything one <see cref="ModuleSession.Run"/> wrote, stream by stream.</summary>
public sealed record PowerShellRun(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    ErrorRecord? Terminating,
    IReadOnlyList<WarningRecord> Warnings,
    IReadOnlyList<VerboseRecord> Verbose,
    IReadOnlyList<ProgressRecord> Progress,
    IReadOnlyList<InformationRecord> Information,
    IReadOnlyList<string> HostLines,
    IReadOnlyList<string> Prompts)
{
    /// <summary>Non-terminating errors and the terminating one, in that order.</summary>
    public IReadOnlyList<ErrorRecord> AllErrors => Terminating is null ? Errors : Errors.Append(Terminating).ToList();

    /// <summary>The output's base objects (what the cmdlet passed to WriteObject).</summary>
    public IReadOnlyList<object> Objects => Output.Select(o => o.BaseObject).ToList();

    /// <summary>Output that is one string per line, such as Out-String's or Get-Help's text, joined.</summary>
    public string Text => string.Concat(Output.Select(o => o.ToString()));

    /// <summary>Fails unless the run wrote no error, terminating or not.</summary>
    public PowerShellRun AssertSucceeded()
    {
        Assert.True(AllErrors.Count == 0, $"Expected no error, got: {Describe()}");
        return this;
    }

    /// <summary>Asserts the one error record the run produced (terminating or not) and returns it.</summary>
    public ErrorRecord AssertSingleError(string fullyQualifiedErrorId, ErrorCategory category, object? target)
    {
        Assert.True(AllErrors.Count == 1, $"Expected exactly one error, got: {Describe()}");
        var error = AllErrors[0];
        Assert.Equal(fullyQualifiedErrorId, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject);
        return error;
    }

    /// <summary>A one-paragraph account of what went wrong, for assertion messages.</summary>
    public string Describe()
    {
        var lines = AllErrors.Select(e => $"[{e.FullyQualifiedErrorId}] {e.CategoryInfo.Category}: {e.Exception.Message}")
            .Concat(Warnings.Select(w => "WARNING: " + w.Message))
            .ToList();
        return lines.Count == 0 ? $"{Output.Count} output object(s), no errors or warnings" : string.Join(Environment.NewLine, lines);
    }
}
