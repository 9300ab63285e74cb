using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>Small conversions between the core's model and KubernetesClient's, shared by the operations.</summary>
internal static class KubernetesModels
{
    public static KubernetesSession RequireSession(KubernetesSession? session) =>
        session ?? throw new VsphereK8sException("KubernetesSessionMissing", ErrorKind.InvalidArgument, $"No Kubernetes connection was given to the operation; pass one, or render with {Param.Name("Offline")}.");

    public static IDictionary<string, string>? LabelsOrNull(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? null : labels.ToDictionary(l => l.Key, l => l.Value);

    /// <summary>One node selector term from selector syntax; all its requirements must hold.</summary>
    public static V1NodeSelectorTerm NodeSelectorTerm(string parameter, string text) => new()
    {
        MatchExpressions = SelectorSyntax.Parse(parameter, text, nodeSelector: true)
            .Select(r => new V1NodeSelectorRequirement { Key = r.Key, OperatorProperty = r.Operator.ToString(), Values = r.Values.Count == 0 ? null : r.Values.ToList() })
            .ToList(),
    };

    /// <summary>A label selector from selector syntax: single-value '=' requirements as matchLabels, the rest as matchExpressions.</summary>
    public static V1LabelSelector LabelSelector(string parameter, string text)
    {
        var requirements = SelectorSyntax.Parse(parameter, text);
        var equalities = requirements.Where(r => r.Operator == SelectorOperator.In && r.Values.Count == 1).GroupBy(r => r.Key).Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
        var expressions = requirements.Except(equalities).ToList();
        return new V1LabelSelector
        {
            MatchLabels = equalities.Count == 0 ? null : equalities.ToDictionary(r => r.Key, r => r.Values[0]),
            MatchExpressions = expressions.Count == 0
                ? null
                : expressions.Select(r => new V1LabelSelectorRequirement { Key = r.Key, OperatorProperty = r.Operator.ToString(), Values = r.Values.Count == 0 ? null : r.Values.ToList() }).ToList(),
        };
    }
}
