using VsphereK8sStorage.Kubernetes.Client;

namespace VsphereK8sStorage.Operations.Kubernetes;

/// <summary>What every New-K8s* request holds besides the object itself: where it goes, how, and its labels.</summary>
public abstract record NewK8sObjectRequest
{
    /// <summary>The cluster; unused with <see cref="Offline"/>.</summary>
    public KubernetesSession? Session { get; init; }

    /// <summary>Render the object as a manifest instead of sending it.</summary>
    public bool Offline { get; init; }

    /// <summary>Take over fields other field managers own (server-side apply's force).</summary>
    public bool Force { get; init; }

    /// <summary>The object's name.</summary>
    public string Name { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
