#if KUBERNETES_AOT
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using k8s.Models;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>The kinds of change a watch reports (KubernetesClient's own enum, which its AOT build leaves out).</summary>
internal enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Error,
    Bookmark,
}

/// <summary>
/// A watch for the client NativeAOT vk8s is built with (KubernetesClient.Aot, which has no watch): the
/// watched list is read again every second until the watch's TimeoutSeconds are up, and each object whose
/// resourceVersion changed is reported as Modified, one that disappeared as Deleted. The caller's loop
/// (<see cref="KubernetesApi.WaitAsync"/>) re-opens it as it re-opens a watch the server closed.
/// </summary>
internal static class PollingWatch
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static async IAsyncEnumerable<(WatchEventType, T)> Run<T>(
        Func<IKubernetes, ListRequest, CancellationToken, Task<ListPage<T>>> list,
        IKubernetes client,
        WatchRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(request.TimeoutSeconds);
        var seen = new Dictionary<string, T>(StringComparer.Ordinal);
        var first = true;
        while (DateTime.UtcNow < until)
        {
            if (!first)
            {
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
            }

            var page = await list(client, new ListRequest(request.Namespace, null, request.FieldSelector, null, null), cancellationToken).ConfigureAwait(false);
            var now = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var item in page.Items)
            {
                var key = $"{item.Metadata?.NamespaceProperty}/{item.Metadata?.Name}";
                now[key] = item;
                var changed = !seen.TryGetValue(key, out var before) || before.Metadata?.ResourceVersion != item.Metadata?.ResourceVersion;
                if (changed)
                {
                    yield return (before is null && !first ? WatchEventType.Added : WatchEventType.Modified, item);
                }
            }

            foreach (var gone in seen.Where(s => !now.ContainsKey(s.Key)).Select(s => s.Value).ToList())
            {
                yield return (WatchEventType.Deleted, gone);
            }

            seen = now;
            first = false;
        }
    }
}
#endif
