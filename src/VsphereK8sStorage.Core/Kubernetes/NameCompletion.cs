using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VsphereK8sStorage.Errors;
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
}
