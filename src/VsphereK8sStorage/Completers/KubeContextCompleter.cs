using System.Collections;
using System.Management.Automation.Language;
using VsphereK8sStorage.Kubernetes.Client;

namespace VsphereK8sStorage.PowerShell.Completers;

/// <summary>Completes -Context with the contexts of the kubeconfig that -Kubeconfig (or kubectl's search) finds.</summary>
public sealed class KubeContextCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var kubeconfig = fakeBoundParameters.Contains("Kubeconfig") ? LanguagePrimitives.ConvertTo<string>(fakeBoundParameters["Kubeconfig"]) : null;
        return KubeconfigContexts.Names(kubeconfig)
            .Where(name => name.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
    }
}
