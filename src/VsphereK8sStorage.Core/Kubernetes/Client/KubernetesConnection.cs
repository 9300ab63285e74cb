namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>
/// Which cluster a Kubernetes operation talks to, as the user named it: an explicit kubeconfig file and
/// context (-Kubeconfig/-Context, --kubeconfig/--context), or neither, which means what kubectl would use
/// ($KUBECONFIG with its files merged, else ~/.kube/config, else the pod's service account). The cmdlets
/// and vk8s build one of these; only the core turns it into a client, so both resolve it the same way.
/// </summary>
public sealed record KubernetesConnection
{
    /// <summary>The connection kubectl would use with no flags.</summary>
    public static KubernetesConnection Default { get; } = new();

    /// <summary>An explicit kubeconfig file (absolute path); null to follow kubectl's search.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The context to use instead of the kubeconfig's current-context; null for current-context.</summary>
    public string? Context { get; init; }

    public override string ToString()
    {
        var file = Kubeconfig ?? "kubectl's default kubeconfig";
        return Context is null ? file : $"{file}, context {Context}";
    }

    /// <summary>A connection from host input: empty strings count as not given.</summary>
    public static KubernetesConnection From(string? kubeconfig, string? context) => new()
    {
        Kubeconfig = string.IsNullOrWhiteSpace(kubeconfig) ? null : kubeconfig,
        Context = string.IsNullOrWhiteSpace(context) ? null : context,
    };
}

/// <summary>What a resolved connection points at, for messages and for results that say where they came from.</summary>
public sealed record KubernetesEndpoint(string Server, string? Context, string? User, string? Namespace, string Source)
{
    public override string ToString() => Context is null ? $"{Server} ({Source})" : $"{Server} (context {Context} from {Source})";
}

/// <summary>The API server's version as /version reports it, for planning by version.</summary>
public sealed record KubernetesServerVersion(int Major, int Minor, string GitVersion)
{
    public bool IsAtLeast(int major, int minor) => Major > major || (Major == major && Minor >= minor);

    public override string ToString() => GitVersion;

    /// <summary>Reads "1", "20+" (managed clusters add a '+') and "v1.20.2"; unknown parts are 0.</summary>
    public static KubernetesServerVersion Parse(string? major, string? minor, string? gitVersion)
    {
        static int Number(string? text)
        {
            var digits = 0;
            var value = 0;
            foreach (var c in text ?? string.Empty)
            {
                if (c < '0' || c > '9' || digits == 9)
                {
                    break;
                }

                value = (value * 10) + (c - '0');
                digits++;
            }

            return value;
        }

        return new KubernetesServerVersion(Number(major), Number(minor), string.IsNullOrEmpty(gitVersion) ? $"v{Number(major)}.{Number(minor)}" : gitVersion!);
    }
}
