using k8s;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>The context names a kubeconfig offers, for tab completion; never throws.</summary>
public static class KubeconfigContexts
{
    public static IReadOnlyList<string> Names(string? kubeconfig)
    {
        var environment = KubeconfigEnvironment.Process;
        var files = kubeconfig is { Length: > 0 }
            ? new[] { kubeconfig }
            : environment.Variable("KUBECONFIG") is { Length: > 0 } list
                ? list.Split(Path.PathSeparator).Where(p => p.Length > 0).ToArray()
                : new[] { Path.Combine(environment.Home, ".kube", "config") };
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                if (File.Exists(file) && KubeconfigSet.ReadText(file) is { } text)
                {
                    foreach (var context in KubeconfigYaml.Read(text)?.Contexts ?? Enumerable.Empty<k8s.KubeConfigModels.Context>())
                    {
                        if (!string.IsNullOrEmpty(context?.Name))
                        {
                            names.Add(context!.Name);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not VsphereK8sException)
            {
                // A broken file completes nothing; the command itself will say what is wrong with it.
            }
        }

        return names.ToList();
    }
}
