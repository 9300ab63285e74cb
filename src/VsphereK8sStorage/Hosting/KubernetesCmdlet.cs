using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.PowerShell.Completers;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// Base of the cmdlets that talk to Kubernetes: -Kubeconfig and -Context, resolved into one
/// <see cref="KubernetesConnection"/> as kubectl would (the core does the resolving, vk8s uses the same),
/// and one <see cref="KubernetesSession"/> for all the pipeline input of one invocation.
/// </summary>
public abstract class KubernetesCmdlet : VsphereK8sCmdlet, IDisposable
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

    /// <summary>The connection the parameters name; a relative -Kubeconfig is relative to the current PowerShell location.</summary>
    protected KubernetesConnection Connection => KubernetesConnection.From(
        Kubeconfig is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Kubeconfig),
        Context);

    /// <summary>The session, opened on first use and closed when the command ends.</summary>
    protected KubernetesSession Session => session ??= new KubernetesSession(Connection);

    public void Dispose()
    {
        session?.Dispose();
        session = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Runs the operation for one pipeline item. An error about the item (bad input, a field the server refuses)
    /// is a non-terminating error record and the pipeline goes on with the next item; an error about the
    /// connection (kubeconfig, credentials, TLS, an unreachable server) would fail every item, so it stops the command.
    /// </summary>
    protected T? RunItem<T>(Func<IOperationHost, CancellationToken, Task<T?>> operation)
        where T : class
    {
        var (result, error) = RunCore<(T? Result, VsphereK8sException? Error)>(async (host, ct) =>
        {
            try
            {
                return (await operation(host, ct).ConfigureAwait(false), null);
            }
            catch (VsphereK8sException ex) when (!KubernetesErrorScope.StopsEveryItem(ex))
            {
                return (null, ex);
            }
        });
        if (error is not null)
        {
            WriteError(ErrorMapping.ToErrorRecord(error));
        }

        return result;
    }

    /// <summary>
    /// Runs an operation over several objects for one pipeline item, writing each object's result to the pipeline as
    /// soon as it is done. Errors are scoped as in <see cref="RunItem{T}"/>; a run cut short ends with the core's summary.
    /// </summary>
    protected void RunItems<TItem>(Func<IOperationHost, Action<TItem>, CancellationToken, Task> operation)
        where TItem : notnull
    {
        var error = RunCore<VsphereK8sException?, TItem>(async (host, emit, ct) =>
        {
            try
            {
                await operation(host, emit, ct).ConfigureAwait(false);
                return null;
            }
            catch (VsphereK8sException ex) when (ex is not RunInterruptedException && !KubernetesErrorScope.StopsEveryItem(ex))
            {
                return ex;
            }
        });
        if (error is not null)
        {
            WriteError(ErrorMapping.ToErrorRecord(error));
        }
    }
}
