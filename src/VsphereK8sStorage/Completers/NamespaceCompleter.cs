using System.Collections;
using System.Management.Automation.Language;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;

namespace VsphereK8sStorage.PowerShell.Completers;

/// <summary>
/// Completes -Namespace with the namespaces of the input the command line names: the claims of -Path's manifests
/// (Get-PvcBinding), or the namespaces of the cluster -Kubeconfig/-Context (or kubectl's default) points at.
/// </summary>
public sealed class NamespaceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = CompletionText.Unquote(wordToComplete);
        var manifests = NodeNameCompleter.ManifestSource(fakeBoundParameters);
        if (manifests is null && (fakeBoundParameters.Contains("Path") || fakeBoundParameters.Contains("LiteralPath")))
        {
            return Array.Empty<CompletionResult>();
        }

        var cluster = manifests is null ? KubernetesConnection.From(Text(fakeBoundParameters, "Kubeconfig"), Text(fakeBoundParameters, "Context")) : null;
        return NameCompletion.Namespaces(manifests, cluster, prefix).Select(CompletionText.Result);
    }

    private static string? Text(IDictionary bound, string key) =>
        bound.Contains(key) && bound[key] is { } value ? LanguagePrimitives.ConvertTo<string>(value) : null;
}

/// <summary>Completes -KubernetesVersion with the releases the plan models (1.20 … 1.32).</summary>
public sealed class KubernetesVersionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        NameCompletion.KubernetesVersions(CompletionText.Unquote(wordToComplete)).Select(CompletionText.Result);
}
