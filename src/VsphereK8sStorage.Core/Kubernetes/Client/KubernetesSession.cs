using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>
/// An open connection for the length of one command: a cmdlet opens it once for all its pipeline input
/// (vk8s for its one run) and passes it to every operation, so the kubeconfig is read, an exec plugin
/// run and a TLS session made once, not once per object. Connects on first use; nothing is sent before.
/// Hosts see only this handle; the client inside stays in the core.
/// </summary>
public sealed class KubernetesSession : IDisposable
{
    private readonly object gate = new();
    private KubernetesApi? api;
    private bool disposed;

    public KubernetesSession(KubernetesConnection connection) => Connection = connection ?? throw new ArgumentNullException(nameof(connection));

    public KubernetesConnection Connection { get; }

    /// <summary>What the session points at, once it has connected; null before.</summary>
    public KubernetesEndpoint? Endpoint => api?.Endpoint;

    /// <summary>Test hook: where the resolver looks for kubeconfigs (the process environment by default).</summary>
    internal KubeconfigEnvironment Environment { get; init; } = KubeconfigEnvironment.Process;

    internal RetryPolicy? Retry { get; init; }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            api?.Dispose();
            api = null;
        }
    }

    /// <summary>The client, connecting on first use; verbose messages of the connection go to <paramref name="host"/>.</summary>
    internal KubernetesApi Api(IOperationHost host)
    {
        lock (gate)
        {
            if (disposed)
            {
                throw new ObjectDisposedException(nameof(KubernetesSession));
            }

            api ??= KubernetesApi.Connect(Connection, host.WriteVerbose, Environment, Retry);
            api.Verbose = host.WriteVerbose;
            return api;
        }
    }
}
