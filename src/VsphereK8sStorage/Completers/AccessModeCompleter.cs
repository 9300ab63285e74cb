using System.Collections;
using System.Management.Automation.Language;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.PowerShell.Completers;

/// <summary>Completes -AccessMode with the API's access-mode names (the core validates them, case-sensitively, as the API server does).</summary>
public sealed class AccessModeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        AccessModeNames.ValidNames
            .Where(name => name.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
}
