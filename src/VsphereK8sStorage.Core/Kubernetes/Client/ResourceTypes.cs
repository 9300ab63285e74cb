using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
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

/// <summary>The kinds the module reads and writes.</summary>
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

    private static ListPage<T> Page<T>(IItems<T> list)
        where T : IKubernetesObject
    {
        var meta = ((IMetadata<V1ListMeta>)list).Metadata;
        return new ListPage<T>(list.Items ?? new List<T>(), string.IsNullOrEmpty(meta?.ContinueProperty) ? null : meta!.ContinueProperty, meta?.ResourceVersion);
    }
}
