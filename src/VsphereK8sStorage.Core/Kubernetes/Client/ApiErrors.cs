using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using k8s.Models;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>
/// The one table that turns what KubernetesClient throws into our errors: the server's Status (reason,
/// message, field causes) for HTTP failures, and a sentence naming the server and the kubeconfig for
/// transport failures. Never a raw HTTP dump: the server's message is cut to one bounded line.
/// </summary>
internal static class ApiErrors
{
    private const int MaxServerMessage = 600;

    private static readonly Dictionary<string, (string ErrorId, ErrorKind Kind)> ByReason = new(StringComparer.Ordinal)
    {
        ["NotFound"] = ("KubernetesNotFound", ErrorKind.ObjectNotFound),
        ["AlreadyExists"] = ("KubernetesAlreadyExists", ErrorKind.ResourceExists),
        ["Conflict"] = ("KubernetesConflict", ErrorKind.InvalidOperation),
        ["Invalid"] = ("KubernetesInvalid", ErrorKind.InvalidData),
        ["BadRequest"] = ("KubernetesBadRequest", ErrorKind.InvalidData),
        ["Unauthorized"] = ("KubernetesUnauthorized", ErrorKind.AuthenticationFailed),
        ["Forbidden"] = ("KubernetesForbidden", ErrorKind.PermissionDenied),
        ["Gone"] = ("KubernetesExpired", ErrorKind.InvalidOperation),
        ["Expired"] = ("KubernetesExpired", ErrorKind.InvalidOperation),
        ["MethodNotAllowed"] = ("KubernetesUnsupported", ErrorKind.InvalidOperation),
        ["UnsupportedMediaType"] = ("KubernetesUnsupported", ErrorKind.InvalidOperation),
        ["NotAcceptable"] = ("KubernetesUnsupported", ErrorKind.InvalidOperation),
        ["RequestEntityTooLarge"] = ("KubernetesInvalid", ErrorKind.InvalidData),
        ["TooManyRequests"] = ("KubernetesTooManyRequests", ErrorKind.ConnectionFailed),
        ["Timeout"] = ("KubernetesTimeout", ErrorKind.OperationTimeout),
        ["ServerTimeout"] = ("KubernetesTimeout", ErrorKind.OperationTimeout),
        ["InternalError"] = ("KubernetesServerError", ErrorKind.ConnectionFailed),
        ["ServiceUnavailable"] = ("KubernetesServerError", ErrorKind.ConnectionFailed),
    };

    /// <summary>The Status reason Kubernetes uses for an HTTP code, for responses that carry no Status.</summary>
    public static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Gone",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "InternalError",
    };

    /// <summary>
    /// Maps an exception from a request. <paramref name="action"/> says what was attempted, such as
    /// "create PersistentVolume pv0001"; <paramref name="target"/> is what the error record carries.
    /// Returns null for exceptions that are not about the request (bugs, the caller's cancellation).
    /// </summary>
    public static VsphereK8sException? Map(Exception exception, string action, KubernetesEndpoint endpoint, object? target = null)
    {
        switch (exception)
        {
            case VsphereK8sException ours:
                return ours;
            case HttpOperationException http:
                return FromStatus((int)http.Response.StatusCode, ParseStatus(http.Response.Content), http.Response.Content, action, endpoint, target, http);
            case KubernetesException { Status: { } status } watchError:
                return FromStatus(status.Code ?? 500, status, null, action, endpoint, target, watchError);
            case KubeConfigException config:
                return new KubeconfigException("KubeconfigExecFailed", ErrorKind.AuthenticationFailed, endpoint.Source, $"cannot get credentials for {action}: {OneLine(config.Message)}", config);
            case HttpRequestException request when Find<AuthenticationException>(request) is not null:
                return Transport(
                    "KubernetesCertificateRejected",
                    ErrorKind.SecurityError,
                    "CertificateRejected",
                    $"Cannot {action}: the TLS certificate of {endpoint.Server} is not trusted. It is not signed by the certificate authority that {endpoint.Source} gives for this cluster (certificate-authority or certificate-authority-data), or it does not name that host. Put the cluster's CA in the kubeconfig; insecure-skip-tls-verify: true turns the check off, which is unsafe.",
                    request);
            case HttpRequestException request:
                var socket = Find<SocketException>(request);
                return Transport(
                    "KubernetesUnreachable",
                    ErrorKind.ConnectionFailed,
                    "Unreachable",
                    $"Cannot {action}: the API server at {endpoint.Server} cannot be reached ({OneLine(socket?.Message ?? request.Message)}). Is the cluster running, and is 'server' right in {endpoint.Source}?",
                    request);
            case JsonException json:
                return Transport("KubernetesUnexpectedResponse", ErrorKind.ConnectionFailed, "UnexpectedResponse", $"Cannot {action}: {endpoint.Server} answered with something that is not a Kubernetes object ({OneLine(json.Message)}). Is 'server' in {endpoint.Source} a Kubernetes API server?", json);
            case TimeoutException or TaskCanceledException:
                return Transport("KubernetesTimeout", ErrorKind.OperationTimeout, "Timeout", $"Cannot {action}: {endpoint.Server} did not answer in time.", exception);
            default:
                return null;
        }

        KubernetesApiException Transport(string errorId, ErrorKind kind, string reason, string message, Exception inner) =>
            new(errorId, kind, message, 0, reason, OneLine(inner.Message), Array.Empty<KubernetesStatusCause>(), target, inner);
    }

    /// <summary>The Status in a response body, or null when the body is not one (a proxy's HTML page, nothing).</summary>
    public static V1Status? ParseStatus(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body!.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(body);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string OneLine(string? text) => MessageText.OneLine(text, MaxServerMessage);

    private static KubernetesApiException FromStatus(int code, V1Status? status, string? body, string action, KubernetesEndpoint endpoint, object? target, Exception inner)
    {
        var reason = string.IsNullOrEmpty(status?.Reason) ? ReasonFor(code) : status!.Reason;
        var serverMessage = OneLine(status?.Message ?? (string.IsNullOrWhiteSpace(body) ? $"HTTP {code}" : body));
        var causes = (status?.Details?.Causes ?? new List<V1StatusCause>())
            .Take(20)
            .Select(c => new KubernetesStatusCause(c.Field, c.Reason, OneLine(c.Message)))
            .ToList();
        var (errorId, kind) = ByReason.TryGetValue(reason, out var known)
            ? known
            : code >= 500 ? ("KubernetesServerError", ErrorKind.ConnectionFailed) : ("KubernetesRequestFailed", ErrorKind.InvalidOperation);

        var message = reason switch
        {
            "Unauthorized" => $"Cannot {action}: the API server at {endpoint.Server} does not accept the credentials of {(endpoint.User is null ? "this connection" : $"user '{endpoint.User}'")} from {endpoint.Source} (401 Unauthorized). The token or client certificate is wrong, expired, or not known to this cluster.",
            _ => $"Cannot {action}: {serverMessage} ({code} {reason}).",
        };
        return new KubernetesApiException(errorId, kind, message, code, reason, serverMessage, causes, target, inner);
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
