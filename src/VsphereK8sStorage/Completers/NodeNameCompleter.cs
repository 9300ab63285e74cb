using System.Collections;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.PowerShell.Commands;

namespace VsphereK8sStorage.PowerShell.Completers;

/// <summary>
/// Completes -Node with the Node names in the input the command line names so far: -Path or
/// -LiteralPath resolved as the cmdlet resolves them (from the current location, wildcards, -Recurse).
/// </summary>
public sealed class NodeNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (ManifestSource(fakeBoundParameters) is not { } source)
        {
            return Array.Empty<CompletionResult>();
        }

        return NameCompletion.NodeNames(source, wordToComplete)
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
    }

    /// <summary>The manifests -Path or -LiteralPath name on the command line so far, resolved as the cmdlet resolves them; null when none.</summary>
    internal static ClusterSourceSpec? ManifestSource(IDictionary fakeBoundParameters)
    {
        if (CurrentLocation() is not { } location)
        {
            return null;
        }

        var literal = fakeBoundParameters.Contains(nameof(GetPvcBindingCommand.LiteralPath));
        var patterns = Strings(fakeBoundParameters, literal ? nameof(GetPvcBindingCommand.LiteralPath) : nameof(GetPvcBindingCommand.Path));
        var recurse = fakeBoundParameters[nameof(GetPvcBindingCommand.Recurse)] is { } flag && LanguagePrimitives.IsTrue(flag);
        List<string> paths;
        try
        {
            paths = GetPvcBindingCommand.ProviderPaths(location, patterns, literal).ToList();
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or PSArgumentException)
        {
            return null;
        }

        return paths.Count == 0 ? null : ClusterSourceSpec.Manifests(paths, recurse);
    }

    // Completion runs inside the prompt's pipeline, where SessionStateProxy refuses concurrent calls;
    // a nested command in the current runspace reaches the session's paths as the cmdlet sees them.
    private static PathIntrinsics? CurrentLocation()
    {
        if (Runspace.DefaultRunspace is null)
        {
            return null;
        }

        using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand("Get-Variable").AddParameter("Name", "ExecutionContext").AddParameter("ValueOnly");
        return shell.Invoke<EngineIntrinsics>().FirstOrDefault()?.SessionState.Path;
    }

    private static string[] Strings(IDictionary parameters, string key) =>
        parameters.Contains(key) ? LanguagePrimitives.ConvertTo<string[]>(parameters[key]) : Array.Empty<string>();
}
