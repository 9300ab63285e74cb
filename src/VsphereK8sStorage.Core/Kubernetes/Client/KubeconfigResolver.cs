using System.Security.Cryptography;
using k8s;
using k8s.Exceptions;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>
/// Turns a <see cref="KubernetesConnection"/> into KubernetesClient's configuration the way kubectl picks
/// its kubeconfig: an explicit file; else every file $KUBECONFIG lists that exists, merged (the first file
/// to define a name, or a current-context, wins); else ~/.kube/config; else the pod's service account.
/// </summary>
/// <remarks>
/// KubernetesClient reads the files, authenticates, verifies TLS and runs exec plugins. This class adds
/// only what it lacks for kubectl's behaviour: merging $KUBECONFIG with a context chosen by the caller
/// (its merge is internal and takes no context), relative paths resolved against the file that wrote them
/// (it resolves every path against the first file), <c>tokenFile</c> (which it does not read), anonymous
/// users, and errors that name the file and the entry at fault before the library's terser ones.
/// </remarks>
internal static class KubeconfigResolver
{
    /// <summary>No kubeconfig, no $KUBECONFIG and no service account: nothing names a cluster.</summary>
    public const string NotConfiguredErrorId = "KubernetesNotConfigured";

    public static ResolvedConnection Resolve(KubernetesConnection connection, KubeconfigEnvironment environment, Action<string> verbose)
    {
        var files = FindFiles(connection, environment, verbose);
        if (files is null)
        {
            return InCluster(connection, environment);
        }

        var merged = KubeconfigSet.Load(files);
        return merged.Build(connection.Context);
    }

    /// <summary>The files to merge, or null when kubectl would fall back to the pod's service account.</summary>
    private static IReadOnlyList<string>? FindFiles(KubernetesConnection connection, KubeconfigEnvironment environment, Action<string> verbose)
    {
        if (connection.Kubeconfig is { } explicitFile)
        {
            var full = Path.GetFullPath(explicitFile);
            if (!File.Exists(full))
            {
                throw new KubeconfigException("KubeconfigNotFound", ErrorKind.ObjectNotFound, full, $"no such kubeconfig file; check the path given to {Param.Name("Kubeconfig")}.");
            }

            return new[] { full };
        }

        if (environment.Variable("KUBECONFIG") is { Length: > 0 } list)
        {
            var named = list.Split(Path.PathSeparator).Where(p => p.Length > 0).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
            var existing = named.Where(File.Exists).ToList();
            foreach (var missing in named.Except(existing))
            {
                verbose($"$KUBECONFIG names {missing}, which does not exist; skipped, as kubectl does");
            }

            if (existing.Count > 0)
            {
                return existing;
            }

            if (environment.IsInCluster())
            {
                return null;
            }

            throw new KubeconfigException("KubeconfigNotFound", ErrorKind.ObjectNotFound, string.Join(", ", named), $"$KUBECONFIG names no file that exists; fix $KUBECONFIG or pass {Param.Name("Kubeconfig")}.");
        }

        var home = Path.Combine(environment.Home, ".kube", "config");
        if (File.Exists(home))
        {
            return new[] { home };
        }

        if (environment.IsInCluster())
        {
            return null;
        }

        throw new VsphereK8sException(
            NotConfiguredErrorId,
            ErrorKind.ObjectNotFound,
            $"No Kubernetes cluster is configured: there is no {home}, $KUBECONFIG is not set and this is not a pod with a service account. Pass {Param.Name("Kubeconfig")} or set $KUBECONFIG.");
    }

    private static ResolvedConnection InCluster(KubernetesConnection connection, KubeconfigEnvironment environment)
    {
        const string source = "the pod's service account";
        if (connection.Context is { } context)
        {
            throw new KubeconfigException("KubeconfigContextNotFound", ErrorKind.ObjectNotFound, source, $"context '{context}' was asked for, but there is no kubeconfig, only the pod's service account; pass {Param.Name("Kubeconfig")} too, or leave {Param.Name("Context")} out.");
        }

        KubernetesClientConfiguration configuration;
        try
        {
            configuration = environment.InClusterConfig();
        }
        catch (Exception ex) when (ex is KubeConfigException or IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new KubeconfigException("KubeconfigInvalid", ErrorKind.InvalidData, source, $"cannot use it: {ex.Message}", ex);
        }

        return new ResolvedConnection(configuration, new KubernetesEndpoint(configuration.Host, null, "service account", configuration.Namespace, source));
    }

    /// <summary>Errors about the kubeconfig, so every one names its file the same way.</summary>
    internal static KubeconfigException Invalid(string file, string problem, Exception? inner = null) =>
        new("KubeconfigInvalid", ErrorKind.InvalidData, file, problem, inner);
}
