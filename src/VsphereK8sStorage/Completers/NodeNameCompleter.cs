using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using VsphereK8sStorage.Kubernetes.Manifests;

namespace VsphereK8sStorage.Completers;

/// <summary>Completes -Node with the Node names in the manifests that -Path / -LiteralPath name.</summary>
public sealed class NodeNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var paths = new List<string>();
        foreach (var key in new[] { "Path", "LiteralPath" })
        {
            if (fakeBoundParameters.Contains(key))
            {
                paths.AddRange(LanguagePrimitives.ConvertTo<string[]>(fakeBoundParameters[key]));
            }
        }

        return ManifestNames.NodeNames(paths, wordToComplete)
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
    }
}
