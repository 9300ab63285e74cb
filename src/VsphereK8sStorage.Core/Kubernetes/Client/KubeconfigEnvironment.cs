using k8s;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>Where the resolver looks: the process environment, or a fake one in tests.</summary>
internal sealed class KubeconfigEnvironment
{
    public static KubeconfigEnvironment Process { get; } = new();

    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The home directory kubectl uses: $HOME, else the user profile.</summary>
    public string Home => Variable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public Func<bool> IsInCluster { get; init; } = KubernetesClientConfiguration.IsInCluster;

    public Func<KubernetesClientConfiguration> InClusterConfig { get; init; } = KubernetesClientConfiguration.InClusterConfig;
}

/// <summary>A connection resolved to KubernetesClient's configuration, with what it points at for messages.</summary>
internal sealed record ResolvedConnection(KubernetesClientConfiguration Configuration, KubernetesEndpoint Endpoint);
