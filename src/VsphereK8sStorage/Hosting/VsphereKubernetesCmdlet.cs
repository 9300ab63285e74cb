using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.PowerShell.Completers;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// Base of the cmdlets that talk to vCenter and to Kubernetes at once (the rollout): the vSphere connection as
/// every vSphere cmdlet resolves it, plus -Kubeconfig and -Context resolved as the Kubernetes cmdlets resolve them.
/// </summary>
public abstract class VsphereKubernetesCmdlet : VsphereCmdlet
{
    private KubernetesSession? session;

    /// <summary>A kubeconfig file; without it, $KUBECONFIG, then ~/.kube/config, then the pod's service account.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use instead of its current-context.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KubeContextCompleter))]
    public string? Context { get; set; }

    /// <summary>The session, opened on first use and closed when the command ends.</summary>
    protected KubernetesSession Session => session ??= new KubernetesSession(KubernetesConnection.From(
        Kubeconfig is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Kubeconfig),
        Context));

    protected override void EndProcessing()
    {
        try
        {
            Run();
        }
        finally
        {
            session?.Dispose();
            session = null;
        }
    }

    /// <summary>The command's work, at the end of the pipeline.</summary>
    protected abstract void Run();
}
