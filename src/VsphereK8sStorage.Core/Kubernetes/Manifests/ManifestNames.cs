using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>Names found in manifests, for tab completion. Never throws: a completer must not break the prompt.</summary>
public static class ManifestNames
{
    public static IReadOnlyList<string> NodeNames(IEnumerable<string> paths, string prefix)
    {
        try
        {
            var sources = ManifestLoader.ResolvePaths(paths, recurse: false, SilentHost.Instance);
            return ManifestLoader.Load(sources, SilentHost.Instance).Nodes
                .Select(n => n.Name)
                .Where(n => n.StartsWith(prefix ?? string.Empty, StringComparison.OrdinalIgnoreCase))
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is VsphereK8sException or System.IO.IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }
}
