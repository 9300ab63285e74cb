using k8s;
using k8s.Models;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>One page of a list: the items, the token for the next page (null on the last) and the list's resourceVersion.</summary>
internal sealed record ListPage<T>(IList<T> Items, string? Continue, string? ResourceVersion);

/// <summary>What to list: a namespace (null: all namespaces, or a cluster-scoped kind), selectors, page size and the page token.</summary>
internal sealed record ListRequest(string? Namespace, string? LabelSelector, string? FieldSelector, int? Limit, string? Continue);

/// <summary>What to watch: as a list, from a resourceVersion, for at most TimeoutSeconds before the server closes the stream.</summary>
internal sealed record WatchRequest(string? Namespace, string? FieldSelector, string? ResourceVersion, int TimeoutSeconds);

/// <summary>
/// How to reach one kind through KubernetesClient's typed API (its generated methods per kind and verb),
/// so the adapter's verbs (get, list, watch, apply, create, replace, delete) are written once for all kinds.
/// </summary>
internal sealed class ResourceType<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public required string Kind { get; init; }

    public required string ApiVersion { get; init; }

    /// <summary>The resource name in URLs and discovery, such as persistentvolumeclaims.</summary>
    public required string Plural { get; init; }

    public required bool Namespaced { get; init; }

    public required Func<IKubernetes, string, string?, CancellationToken, Task<T>> Read { get; init; }

    public required Func<IKubernetes, ListRequest, CancellationToken, Task<ListPage<T>>> List { get; init; }

#if KUBERNETES_AOT
    /// <summary>
    /// KubernetesClient.Aot (the client NativeAOT vk8s is built with) has no watch: there the object is listed
    /// again each second until the watch's time is up (<see cref="PollingWatch"/>).
    /// </summary>
    public Func<IKubernetes, WatchRequest, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> Watch =>
        (c, r, _, ct) => PollingWatch.Run(List, c, r, ct);
#else
    public required Func<IKubernetes, WatchRequest, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> Watch { get; init; }
#endif

    /// <summary>(client, patch, name, namespace, dryRun, fieldManager, force, token).</summary>
    public required Func<IKubernetes, V1Patch, string, string?, string?, string, bool?, CancellationToken, Task<T>> Patch { get; init; }

    /// <summary>(client, object, namespace, dryRun, fieldManager, token).</summary>
    public required Func<IKubernetes, T, string?, string?, string, CancellationToken, Task<T>> Create { get; init; }

    /// <summary>(client, object, name, namespace, fieldManager, token); the object's resourceVersion makes it conditional.</summary>
    public required Func<IKubernetes, T, string, string?, string, CancellationToken, Task<T>> Replace { get; init; }

    public required Func<IKubernetes, string, string?, CancellationToken, Task> Delete { get; init; }

    /// <summary>"PersistentVolumeClaim default/pvc0001", "PersistentVolume pv0001": what a person recognises.</summary>
    public string Describe(string name, string? ns) => Namespaced ? $"{Kind} {ns}/{name}" : $"{Kind} {name}";
}

/// <summary>The kinds the module reads and writes (the rollout's kinds among them: RBAC, Secret, ConfigMap, Service, CSIDriver).</summary>
internal static class Resources
{
    public static readonly ResourceType<V1PersistentVolume> PersistentVolume = new()
    {
        Kind = "PersistentVolume",
        ApiVersion = "v1",
        Plural = "persistentvolumes",
        Namespaced = false,
        Read = (c, name, _, ct) => c.CoreV1.ReadPersistentVolumeAsync(name, cancellationToken: ct),
        List = async (c, r, ct) => Page(await c.CoreV1.ListPersistentVolumeAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => c.CoreV1.WatchListPersistentVolumeAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, _, dryRun, manager, force, ct) => c.CoreV1.PatchPersistentVolumeAsync(patch, name, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, _, dryRun, manager, ct) => c.CoreV1.CreatePersistentVolumeAsync(body, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, _, manager, ct) => c.CoreV1.ReplacePersistentVolumeAsync(body, name, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, _, ct) => c.CoreV1.DeletePersistentVolumeAsync(name, cancellationToken: ct),
    };

    public static readonly ResourceType<V1PersistentVolumeClaim> PersistentVolumeClaim = new()
    {
        Kind = "PersistentVolumeClaim",
        ApiVersion = "v1",
        Plural = "persistentvolumeclaims",
        Namespaced = true,
        Read = (c, name, ns, ct) => c.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, ns, cancellationToken: ct),
        List = async (c, r, ct) => Page(r.Namespace is null
            ? await c.CoreV1.ListPersistentVolumeClaimForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)
            : await c.CoreV1.ListNamespacedPersistentVolumeClaimAsync(r.Namespace, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => r.Namespace is null
            ? c.CoreV1.WatchListPersistentVolumeClaimForAllNamespacesAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedPersistentVolumeClaimAsync(r.Namespace, fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, ns, dryRun, manager, force, ct) => c.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(patch, name, ns, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, ns, dryRun, manager, ct) => c.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(body, ns, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, ns, manager, ct) => c.CoreV1.ReplaceNamespacedPersistentVolumeClaimAsync(body, name, ns, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, ns, ct) => c.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync(name, ns, cancellationToken: ct),
    };

    public static readonly ResourceType<V1Pod> Pod = new()
    {
        Kind = "Pod",
        ApiVersion = "v1",
        Plural = "pods",
        Namespaced = true,
        Read = (c, name, ns, ct) => c.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: ct),
        List = async (c, r, ct) => Page(r.Namespace is null
            ? await c.CoreV1.ListPodForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)
            : await c.CoreV1.ListNamespacedPodAsync(r.Namespace, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => r.Namespace is null
            ? c.CoreV1.WatchListPodForAllNamespacesAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedPodAsync(r.Namespace, fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, ns, dryRun, manager, force, ct) => c.CoreV1.PatchNamespacedPodAsync(patch, name, ns, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, ns, dryRun, manager, ct) => c.CoreV1.CreateNamespacedPodAsync(body, ns, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, ns, manager, ct) => c.CoreV1.ReplaceNamespacedPodAsync(body, name, ns, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, ns, ct) => c.CoreV1.DeleteNamespacedPodAsync(name, ns, cancellationToken: ct),
    };

    public static readonly ResourceType<V1StorageClass> StorageClass = new()
    {
        Kind = "StorageClass",
        ApiVersion = "storage.k8s.io/v1",
        Plural = "storageclasses",
        Namespaced = false,
        Read = (c, name, _, ct) => c.StorageV1.ReadStorageClassAsync(name, cancellationToken: ct),
        List = async (c, r, ct) => Page(await c.StorageV1.ListStorageClassAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => c.StorageV1.WatchListStorageClassAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, _, dryRun, manager, force, ct) => c.StorageV1.PatchStorageClassAsync(patch, name, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, _, dryRun, manager, ct) => c.StorageV1.CreateStorageClassAsync(body, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, _, manager, ct) => c.StorageV1.ReplaceStorageClassAsync(body, name, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, _, ct) => c.StorageV1.DeleteStorageClassAsync(name, cancellationToken: ct),
    };

    public static readonly ResourceType<V1Node> Node = new()
    {
        Kind = "Node",
        ApiVersion = "v1",
        Plural = "nodes",
        Namespaced = false,
        Read = (c, name, _, ct) => c.CoreV1.ReadNodeAsync(name, cancellationToken: ct),
        List = async (c, r, ct) => Page(await c.CoreV1.ListNodeAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => c.CoreV1.WatchListNodeAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, _, dryRun, manager, force, ct) => c.CoreV1.PatchNodeAsync(patch, name, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, _, dryRun, manager, ct) => c.CoreV1.CreateNodeAsync(body, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, _, manager, ct) => c.CoreV1.ReplaceNodeAsync(body, name, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, _, ct) => c.CoreV1.DeleteNodeAsync(name, cancellationToken: ct),
    };

    public static readonly ResourceType<Corev1Event> Event = new()
    {
        Kind = "Event",
        ApiVersion = "v1",
        Plural = "events",
        Namespaced = true,
        Read = (c, name, ns, ct) => c.CoreV1.ReadNamespacedEventAsync(name, ns, cancellationToken: ct),
        List = async (c, r, ct) => Page(r.Namespace is null
            ? await c.CoreV1.ListEventForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)
            : await c.CoreV1.ListNamespacedEventAsync(r.Namespace, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => r.Namespace is null
            ? c.CoreV1.WatchListEventForAllNamespacesAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedEventAsync(r.Namespace, fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, ns, dryRun, manager, force, ct) => c.CoreV1.PatchNamespacedEventAsync(patch, name, ns, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, ns, dryRun, manager, ct) => c.CoreV1.CreateNamespacedEventAsync(body, ns, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, ns, manager, ct) => c.CoreV1.ReplaceNamespacedEventAsync(body, name, ns, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, ns, ct) => c.CoreV1.DeleteNamespacedEventAsync(name, ns, cancellationToken: ct),
    };

    public static readonly ResourceType<V1Deployment> Deployment = new()
    {
        Kind = "Deployment",
        ApiVersion = "apps/v1",
        Plural = "deployments",
        Namespaced = true,
        Read = (c, name, ns, ct) => c.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct),
        List = async (c, r, ct) => Page(r.Namespace is null
            ? await c.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)
            : await c.AppsV1.ListNamespacedDeploymentAsync(r.Namespace, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => r.Namespace is null
            ? c.AppsV1.WatchListDeploymentForAllNamespacesAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.AppsV1.WatchListNamespacedDeploymentAsync(r.Namespace, fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, ns, dryRun, manager, force, ct) => c.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, ns, dryRun, manager, ct) => c.AppsV1.CreateNamespacedDeploymentAsync(body, ns, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, ns, manager, ct) => c.AppsV1.ReplaceNamespacedDeploymentAsync(body, name, ns, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, ns, ct) => c.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, cancellationToken: ct),
    };

    public static readonly ResourceType<V1DaemonSet> DaemonSet = new()
    {
        Kind = "DaemonSet",
        ApiVersion = "apps/v1",
        Plural = "daemonsets",
        Namespaced = true,
        Read = (c, name, ns, ct) => c.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: ct),
        List = async (c, r, ct) => Page(r.Namespace is null
            ? await c.AppsV1.ListDaemonSetForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)
            : await c.AppsV1.ListNamespacedDaemonSetAsync(r.Namespace, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => r.Namespace is null
            ? c.AppsV1.WatchListDaemonSetForAllNamespacesAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.AppsV1.WatchListNamespacedDaemonSetAsync(r.Namespace, fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, ns, dryRun, manager, force, ct) => c.AppsV1.PatchNamespacedDaemonSetAsync(patch, name, ns, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, ns, dryRun, manager, ct) => c.AppsV1.CreateNamespacedDaemonSetAsync(body, ns, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, ns, manager, ct) => c.AppsV1.ReplaceNamespacedDaemonSetAsync(body, name, ns, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, ns, ct) => c.AppsV1.DeleteNamespacedDaemonSetAsync(name, ns, cancellationToken: ct),
    };

    public static readonly ResourceType<V1Namespace> Namespace = new()
    {
        Kind = "Namespace",
        ApiVersion = "v1",
        Plural = "namespaces",
        Namespaced = false,
        Read = (c, name, _, ct) => c.CoreV1.ReadNamespaceAsync(name, cancellationToken: ct),
        List = async (c, r, ct) => Page(await c.CoreV1.ListNamespaceAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => c.CoreV1.WatchListNamespaceAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, _, dryRun, manager, force, ct) => c.CoreV1.PatchNamespaceAsync(patch, name, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, _, dryRun, manager, ct) => c.CoreV1.CreateNamespaceAsync(body, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, _, manager, ct) => c.CoreV1.ReplaceNamespaceAsync(body, name, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, _, ct) => c.CoreV1.DeleteNamespaceAsync(name, cancellationToken: ct),
    };

    public static readonly ResourceType<V1ServiceAccount> ServiceAccount = new()
    {
        Kind = "ServiceAccount",
        ApiVersion = "v1",
        Plural = "serviceaccounts",
        Namespaced = true,
        Read = (c, name, ns, ct) => c.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: ct),
        List = async (c, r, ct) => Page(r.Namespace is null
            ? await c.CoreV1.ListServiceAccountForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)
            : await c.CoreV1.ListNamespacedServiceAccountAsync(r.Namespace, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => r.Namespace is null
            ? c.CoreV1.WatchListServiceAccountForAllNamespacesAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedServiceAccountAsync(r.Namespace, fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, ns, dryRun, manager, force, ct) => c.CoreV1.PatchNamespacedServiceAccountAsync(patch, name, ns, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, ns, dryRun, manager, ct) => c.CoreV1.CreateNamespacedServiceAccountAsync(body, ns, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, ns, manager, ct) => c.CoreV1.ReplaceNamespacedServiceAccountAsync(body, name, ns, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, ns, ct) => c.CoreV1.DeleteNamespacedServiceAccountAsync(name, ns, cancellationToken: ct),
    };

    public static readonly ResourceType<V1Secret> Secret = new()
    {
        Kind = "Secret",
        ApiVersion = "v1",
        Plural = "secrets",
        Namespaced = true,
        Read = (c, name, ns, ct) => c.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct),
        List = async (c, r, ct) => Page(r.Namespace is null
            ? await c.CoreV1.ListSecretForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)
            : await c.CoreV1.ListNamespacedSecretAsync(r.Namespace, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => r.Namespace is null
            ? c.CoreV1.WatchListSecretForAllNamespacesAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedSecretAsync(r.Namespace, fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, ns, dryRun, manager, force, ct) => c.CoreV1.PatchNamespacedSecretAsync(patch, name, ns, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, ns, dryRun, manager, ct) => c.CoreV1.CreateNamespacedSecretAsync(body, ns, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, ns, manager, ct) => c.CoreV1.ReplaceNamespacedSecretAsync(body, name, ns, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, ns, ct) => c.CoreV1.DeleteNamespacedSecretAsync(name, ns, cancellationToken: ct),
    };

    public static readonly ResourceType<V1ConfigMap> ConfigMap = new()
    {
        Kind = "ConfigMap",
        ApiVersion = "v1",
        Plural = "configmaps",
        Namespaced = true,
        Read = (c, name, ns, ct) => c.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct),
        List = async (c, r, ct) => Page(r.Namespace is null
            ? await c.CoreV1.ListConfigMapForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)
            : await c.CoreV1.ListNamespacedConfigMapAsync(r.Namespace, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => r.Namespace is null
            ? c.CoreV1.WatchListConfigMapForAllNamespacesAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedConfigMapAsync(r.Namespace, fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, ns, dryRun, manager, force, ct) => c.CoreV1.PatchNamespacedConfigMapAsync(patch, name, ns, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, ns, dryRun, manager, ct) => c.CoreV1.CreateNamespacedConfigMapAsync(body, ns, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, ns, manager, ct) => c.CoreV1.ReplaceNamespacedConfigMapAsync(body, name, ns, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, ns, ct) => c.CoreV1.DeleteNamespacedConfigMapAsync(name, ns, cancellationToken: ct),
    };

    public static readonly ResourceType<V1Service> Service = new()
    {
        Kind = "Service",
        ApiVersion = "v1",
        Plural = "services",
        Namespaced = true,
        Read = (c, name, ns, ct) => c.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct),
        List = async (c, r, ct) => Page(r.Namespace is null
            ? await c.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)
            : await c.CoreV1.ListNamespacedServiceAsync(r.Namespace, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => r.Namespace is null
            ? c.CoreV1.WatchListServiceForAllNamespacesAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedServiceAsync(r.Namespace, fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, ns, dryRun, manager, force, ct) => c.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, ns, dryRun, manager, ct) => c.CoreV1.CreateNamespacedServiceAsync(body, ns, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, ns, manager, ct) => c.CoreV1.ReplaceNamespacedServiceAsync(body, name, ns, fieldManager: manager, cancellationToken: ct),
        // API servers before 1.23 answer a Service delete with a Status, not the Service: the delete was done.
        Delete = async (c, name, ns, ct) =>
        {
            try
            {
                await c.CoreV1.DeleteNamespacedServiceAsync(name, ns, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (System.Text.Json.JsonException)
            {
            }
        },
    };

    public static readonly ResourceType<V1ClusterRole> ClusterRole = new()
    {
        Kind = "ClusterRole",
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Plural = "clusterroles",
        Namespaced = false,
        Read = (c, name, _, ct) => c.RbacAuthorizationV1.ReadClusterRoleAsync(name, cancellationToken: ct),
        List = async (c, r, ct) => Page(await c.RbacAuthorizationV1.ListClusterRoleAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => c.RbacAuthorizationV1.WatchListClusterRoleAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, _, dryRun, manager, force, ct) => c.RbacAuthorizationV1.PatchClusterRoleAsync(patch, name, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, _, dryRun, manager, ct) => c.RbacAuthorizationV1.CreateClusterRoleAsync(body, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, _, manager, ct) => c.RbacAuthorizationV1.ReplaceClusterRoleAsync(body, name, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, _, ct) => c.RbacAuthorizationV1.DeleteClusterRoleAsync(name, cancellationToken: ct),
    };

    public static readonly ResourceType<V1ClusterRoleBinding> ClusterRoleBinding = new()
    {
        Kind = "ClusterRoleBinding",
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Plural = "clusterrolebindings",
        Namespaced = false,
        Read = (c, name, _, ct) => c.RbacAuthorizationV1.ReadClusterRoleBindingAsync(name, cancellationToken: ct),
        List = async (c, r, ct) => Page(await c.RbacAuthorizationV1.ListClusterRoleBindingAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => c.RbacAuthorizationV1.WatchListClusterRoleBindingAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, _, dryRun, manager, force, ct) => c.RbacAuthorizationV1.PatchClusterRoleBindingAsync(patch, name, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, _, dryRun, manager, ct) => c.RbacAuthorizationV1.CreateClusterRoleBindingAsync(body, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, _, manager, ct) => c.RbacAuthorizationV1.ReplaceClusterRoleBindingAsync(body, name, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, _, ct) => c.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(name, cancellationToken: ct),
    };

    public static readonly ResourceType<V1Role> Role = new()
    {
        Kind = "Role",
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Plural = "roles",
        Namespaced = true,
        Read = (c, name, ns, ct) => c.RbacAuthorizationV1.ReadNamespacedRoleAsync(name, ns, cancellationToken: ct),
        List = async (c, r, ct) => Page(r.Namespace is null
            ? await c.RbacAuthorizationV1.ListRoleForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)
            : await c.RbacAuthorizationV1.ListNamespacedRoleAsync(r.Namespace, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => r.Namespace is null
            ? c.RbacAuthorizationV1.WatchListRoleForAllNamespacesAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.RbacAuthorizationV1.WatchListNamespacedRoleAsync(r.Namespace, fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, ns, dryRun, manager, force, ct) => c.RbacAuthorizationV1.PatchNamespacedRoleAsync(patch, name, ns, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, ns, dryRun, manager, ct) => c.RbacAuthorizationV1.CreateNamespacedRoleAsync(body, ns, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, ns, manager, ct) => c.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(body, name, ns, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, ns, ct) => c.RbacAuthorizationV1.DeleteNamespacedRoleAsync(name, ns, cancellationToken: ct),
    };

    public static readonly ResourceType<V1RoleBinding> RoleBinding = new()
    {
        Kind = "RoleBinding",
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Plural = "rolebindings",
        Namespaced = true,
        Read = (c, name, ns, ct) => c.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(name, ns, cancellationToken: ct),
        List = async (c, r, ct) => Page(r.Namespace is null
            ? await c.RbacAuthorizationV1.ListRoleBindingForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)
            : await c.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(r.Namespace, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => r.Namespace is null
            ? c.RbacAuthorizationV1.WatchListRoleBindingForAllNamespacesAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.RbacAuthorizationV1.WatchListNamespacedRoleBindingAsync(r.Namespace, fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, ns, dryRun, manager, force, ct) => c.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(patch, name, ns, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, ns, dryRun, manager, ct) => c.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(body, ns, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, ns, manager, ct) => c.RbacAuthorizationV1.ReplaceNamespacedRoleBindingAsync(body, name, ns, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, ns, ct) => c.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(name, ns, cancellationToken: ct),
    };

    public static readonly ResourceType<V1CSIDriver> CSIDriver = new()
    {
        Kind = "CSIDriver",
        ApiVersion = "storage.k8s.io/v1",
        Plural = "csidrivers",
        Namespaced = false,
        Read = (c, name, _, ct) => c.StorageV1.ReadCSIDriverAsync(name, cancellationToken: ct),
        List = async (c, r, ct) => Page(await c.StorageV1.ListCSIDriverAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => c.StorageV1.WatchListCSIDriverAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, _, dryRun, manager, force, ct) => c.StorageV1.PatchCSIDriverAsync(patch, name, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, _, dryRun, manager, ct) => c.StorageV1.CreateCSIDriverAsync(body, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, _, manager, ct) => c.StorageV1.ReplaceCSIDriverAsync(body, name, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, _, ct) => c.StorageV1.DeleteCSIDriverAsync(name, cancellationToken: ct),
    };

    public static readonly ResourceType<V1CSINode> CSINode = new()
    {
        Kind = "CSINode",
        ApiVersion = "storage.k8s.io/v1",
        Plural = "csinodes",
        Namespaced = false,
        Read = (c, name, _, ct) => c.StorageV1.ReadCSINodeAsync(name, cancellationToken: ct),
        List = async (c, r, ct) => Page(await c.StorageV1.ListCSINodeAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct).ConfigureAwait(false)),
#if !KUBERNETES_AOT
        Watch = (c, r, onError, ct) => c.StorageV1.WatchListCSINodeAsync(fieldSelector: r.FieldSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct),
#endif
        Patch = (c, patch, name, _, dryRun, manager, force, ct) => c.StorageV1.PatchCSINodeAsync(patch, name, dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct),
        Create = (c, body, _, dryRun, manager, ct) => c.StorageV1.CreateCSINodeAsync(body, dryRun: dryRun, fieldManager: manager, cancellationToken: ct),
        Replace = (c, body, name, _, manager, ct) => c.StorageV1.ReplaceCSINodeAsync(body, name, fieldManager: manager, cancellationToken: ct),
        Delete = (c, name, _, ct) => c.StorageV1.DeleteCSINodeAsync(name, cancellationToken: ct),
    };

    private static ListPage<T> Page<T>(IItems<T> list)
        where T : IKubernetesObject
    {
        var meta = ((IMetadata<V1ListMeta>)list).Metadata;
        return new ListPage<T>(list.Items ?? new List<T>(), string.IsNullOrEmpty(meta?.ContinueProperty) ? null : meta!.ContinueProperty, meta?.ResourceVersion);
    }
}
