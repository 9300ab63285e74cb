using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// Names for tab completion, read from the same source the command would read. Never throws: a
/// completer must not break the prompt, so an unreadable source completes nothing.
/// </summary>
public static class NameCompletion
{
    /// <summary>How long a completer may spend reading before it gives up and completes nothing.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public static IReadOnlyList<string> NodeNames(ClusterSourceSpec source, string? prefix)
    {
        try
        {
            using var budget = new CancellationTokenSource(Budget);
            var snapshot = source.Open().ReadAsync(SilentHost.Instance, budget.Token).GetAwaiter().GetResult();
            return snapshot.Nodes
                .Select(n => n.Name)
                .Where(n => n.StartsWith(prefix ?? string.Empty, StringComparison.OrdinalIgnoreCase))
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is VsphereK8sException or OperationCanceledException or System.IO.IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>The namespaces of the claims in manifests (<paramref name="manifests"/>), or of the cluster a kubeconfig names.</summary>
    public static IReadOnlyList<string> Namespaces(ClusterSourceSpec? manifests, Client.KubernetesConnection? cluster, string? prefix)
    {
        try
        {
            using var budget = new CancellationTokenSource(Budget);
            IEnumerable<string> names;
            if (manifests is not null)
            {
                names = manifests.Open().ReadAsync(SilentHost.Instance, budget.Token).GetAwaiter().GetResult().Claims.Select(c => c.Namespace);
            }
            else if (cluster is not null)
            {
                using var session = new Client.KubernetesSession(cluster);
                var list = k8s.CoreV1OperationsExtensions.ListNamespaceAsync(session.Api(SilentHost.Instance).Client.CoreV1, limit: 500, cancellationToken: budget.Token).GetAwaiter().GetResult();
                names = list.Items.Select(n => n.Metadata.Name);
            }
            else
            {
                return Array.Empty<string>();
            }

            return Matching(names, prefix);
        }
        catch (Exception ex) when (ex is VsphereK8sException or OperationCanceledException or System.IO.IOException or UnauthorizedAccessException or System.Net.Http.HttpRequestException or k8s.Autorest.HttpOperationException or k8s.Exceptions.KubeConfigException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>The Kubernetes releases -KubernetesVersion plans for, oldest first ("1.20" … "1.32").</summary>
    public static IReadOnlyList<string> KubernetesVersions(string? prefix) =>
        Matching(
            Enumerable.Range(Binding.KubernetesRelease.Oldest.Minor, Binding.KubernetesRelease.Modelled.Minor - Binding.KubernetesRelease.Oldest.Minor + 1)
                .Select(minor => $"{Binding.KubernetesRelease.Modelled.Major}.{minor}"),
            prefix?.TrimStart('v', 'V'),
            ordered: false);

    internal static IReadOnlyList<string> Matching(IEnumerable<string> names, string? prefix, bool ordered = true)
    {
        var matching = names.Where(n => n.StartsWith(prefix ?? string.Empty, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal);
        return (ordered ? matching.OrderBy(n => n, StringComparer.Ordinal) : matching).ToList();
    }
}
