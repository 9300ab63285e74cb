using VsphereK8sStorage.Kubernetes.Client;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>
/// --kubeconfig and --context, the twins of KubernetesCmdlet's -Kubeconfig and -Context, resolved by the
/// core exactly as the cmdlets resolve them.
/// </summary>
internal sealed class KubernetesCliOptions
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "The kubeconfig file; without it $KUBECONFIG (files merged), then ~/.kube/config, then the pod's service account, as kubectl does.",
    };

    public Option<string?> Context { get; } = new("--context")
    {
        Description = "The kubeconfig context to use instead of its current-context.",
    };

    public IEnumerable<Option> All => new Option[] { Kubeconfig, Context };

    public KubernetesSession Session(ParseResult parseResult) =>
        new(KubernetesConnection.From(
            parseResult.GetValue(Kubeconfig) is { Length: > 0 } file ? System.IO.Path.GetFullPath(file) : null,
            parseResult.GetValue(Context)));
}
