using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>
/// A kubeconfig that cannot be used. The message names the file (or the files $KUBECONFIG merged) and the
/// problem, and where there is one, the fix: <c>/home/me/.kube/config: context 'prod' refers to cluster 'p', which no file defines</c>.
/// </summary>
public sealed class KubeconfigException : VsphereK8sException
{
    public KubeconfigException(string errorId, ErrorKind kind, string file, string problem, Exception? innerException = null)
        : base(errorId, kind, $"{file}: {problem}", file, innerException)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>The kubeconfig file the problem is in; several, comma-separated, when it comes from their merge.</summary>
    public string File { get; }

    public string Problem { get; }
}

/// <summary>One entry of a Status' <c>details.causes</c>: which field the API server refused and why.</summary>
public sealed record KubernetesStatusCause(string? Field, string? Reason, string Message)
{
    public override string ToString() => string.IsNullOrEmpty(Field) ? Message : $"{Field}: {Message}";
}

/// <summary>
/// The API server refused a request. Carries the server's Status (HTTP code, reason such as NotFound,
/// AlreadyExists, Conflict or Invalid, its message and the field causes) so callers and tests decide on
/// <see cref="Reason"/>, never on message text. The message is one line; the server's own words are in it.
/// </summary>
public sealed class KubernetesApiException : VsphereK8sException
{
    public KubernetesApiException(string errorId, ErrorKind kind, string message, int statusCode, string reason, string serverMessage, IReadOnlyList<KubernetesStatusCause> causes, object? target = null, Exception? innerException = null)
        : base(errorId, kind, message, target, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
        ServerMessage = serverMessage;
        Causes = causes;
    }

    /// <summary>The HTTP status code; 0 when no response came (connection or TLS failure).</summary>
    public int StatusCode { get; }

    /// <summary>The Status reason (NotFound, AlreadyExists, Conflict, Invalid, Forbidden, Unauthorized, ...), or a code of ours for failures without a response (Unreachable, CertificateRejected).</summary>
    public string Reason { get; }

    /// <summary>The server's Status message (or the transport's), as it said it.</summary>
    public string ServerMessage { get; }

    public IReadOnlyList<KubernetesStatusCause> Causes { get; }

    /// <summary>The fields the server named, such as <c>spec.capacity</c>.</summary>
    public IEnumerable<string> Fields => Causes.Where(c => !string.IsNullOrEmpty(c.Field)).Select(c => c.Field!);
}

/// <summary>A wait for a condition ran out of time; says what was awaited and what was last seen.</summary>
public sealed class KubernetesWaitTimeoutException : VsphereK8sException
{
    public KubernetesWaitTimeoutException(string target, string condition, TimeSpan timeout, string lastSeen)
        : base("KubernetesWaitTimeout", ErrorKind.OperationTimeout, $"{target} did not become {condition} within {Seconds(timeout)}; last seen: {lastSeen}. Wait longer ({Param.Name("Timeout")}), or look at its events (kubectl describe).", target)
    {
        Condition = condition;
        LastSeen = lastSeen;
    }

    public string Condition { get; }

    public string LastSeen { get; }

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds == 1 ? "1 second" : $"{timeout.TotalSeconds:0.###} seconds";
}

/// <summary>Which Kubernetes errors are about one item and which would fail every item of a command.</summary>
public static class KubernetesErrorScope
{
    /// <summary>
    /// True for errors about the connection rather than the item (kubeconfig, credentials, TLS, an unreachable or
    /// unconfigured cluster, cancellation): a command over many items stops on these instead of repeating them.
    /// </summary>
    public static bool StopsEveryItem(VsphereK8sException error) =>
        error is KubeconfigException
        || error.Kind is ErrorKind.AuthenticationFailed or ErrorKind.SecurityError or ErrorKind.ConnectionFailed or ErrorKind.OperationStopped
        || error.ErrorId == KubeconfigResolver.NotConfiguredErrorId;
}
