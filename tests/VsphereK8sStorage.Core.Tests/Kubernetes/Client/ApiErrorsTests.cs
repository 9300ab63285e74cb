using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using k8s.Autorest;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes.Client;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes.Client;

/// <summary>
/// The one table from KubernetesClient's exceptions to ours, replayed on responses recorded from a real
/// v1.20 API server (tests/fixtures/kubernetes-status), and the retry decorator around every request.
/// </summary>
public sealed class ApiErrorsTests
{
    private static readonly KubernetesEndpoint Endpoint = new("https://10.0.0.1:6443", "prod", "admin", "default", "/home/me/.kube/config");

    /// <summary>(recorded response, error id, kind, reason, words the message must hold)</summary>
    public static TheoryData<string, string, ErrorKind, string, string> Recorded => new()
    {
        { "not-found", "KubernetesNotFound", ErrorKind.ObjectNotFound, "NotFound", "persistentvolumes \"no-such-pv\" not found (404 NotFound)" },
        { "already-exists", "KubernetesAlreadyExists", ErrorKind.ResourceExists, "AlreadyExists", "already exists (409 AlreadyExists)" },
        { "field-conflict", "KubernetesConflict", ErrorKind.InvalidOperation, "Conflict", "Apply failed with 1 conflict" },
        { "stale-update", "KubernetesConflict", ErrorKind.InvalidOperation, "Conflict", "the object has been modified" },
        { "invalid", "KubernetesInvalid", ErrorKind.InvalidData, "Invalid", "PersistentVolume \"Bad_Name\" is invalid" },
        { "forbidden", "KubernetesForbidden", ErrorKind.PermissionDenied, "Forbidden", "User \"viewer\" cannot list resource \"nodes\"" },
        { "unauthorized", "KubernetesUnauthorized", ErrorKind.AuthenticationFailed, "Unauthorized", "does not accept the credentials of user 'admin' from /home/me/.kube/config (401 Unauthorized)" },
    };

    [Theory]
    [MemberData(nameof(Recorded))]
    public void A_recorded_Status_becomes_a_typed_error_with_the_servers_reason_and_words(string fixture, string errorId, ErrorKind kind, string reason, string words)
    {
        var error = Assert.IsType<KubernetesApiException>(ApiErrors.Map(Response(fixture), "do the thing", Endpoint, "target"));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(reason, error.Reason);
        Assert.Contains(words, error.Message);
        Assert.StartsWith("Cannot do the thing: ", error.Message);
        Assert.Equal("target", error.Target);
        Assert.DoesNotContain("\n", error.Message);
        Assert.DoesNotContain("{\"kind\"", error.Message); // never the raw body
    }

    [Fact]
    public void Field_causes_are_kept_with_their_fields()
    {
        var error = Assert.IsType<KubernetesApiException>(ApiErrors.Map(Response("invalid"), "create PersistentVolume Bad_Name", Endpoint));

        Assert.Equal(new[] { "metadata.name", "spec.accessModes", "spec.capacity", "spec.capacity", "spec" }, error.Causes.Select(c => c.Field));
        Assert.Equal("FieldValueNotSupported", error.Causes[1].Reason);
        Assert.Contains("ReadWriteOMany", error.Causes[1].Message);
        Assert.Contains("metadata.name", error.Fields);
    }

    [Fact]
    public void A_field_manager_conflict_names_the_field_and_the_manager()
    {
        var error = Assert.IsType<KubernetesApiException>(ApiErrors.Map(Response("field-conflict"), "apply PersistentVolume pv", Endpoint));

        var cause = Assert.Single(error.Causes);
        Assert.Equal((".spec.capacity.storage", "FieldManagerConflict"), (cause.Field, cause.Reason));
        Assert.Contains("kubectl-create", cause.Message);
    }

    [Fact]
    public void A_body_that_is_not_a_Status_is_cut_to_one_bounded_line()
    {
        var page = "<html>\n<head><title>502 Bad Gateway</title></head>\n" + new string('x', 5000) + "</html>";

        var error = Assert.IsType<KubernetesApiException>(ApiErrors.Map(Http(HttpStatusCode.BadGateway, page), "list nodes", Endpoint));

        Assert.Equal("KubernetesServerError", error.ErrorId);
        Assert.Equal("InternalError", error.Reason);
        Assert.DoesNotContain("\n", error.Message);
        Assert.True(error.Message.Length < 800, $"{error.Message.Length} characters");
    }

    [Fact]
    public void Transport_failures_name_the_server_and_the_kubeconfig()
    {
        var refused = ApiErrors.Map(new HttpRequestException("Connection refused (10.0.0.1:6443)", new SocketException((int)SocketError.ConnectionRefused)), "list nodes", Endpoint)!;
        var untrusted = ApiErrors.Map(new HttpRequestException("The SSL connection could not be established", new AuthenticationException("The remote certificate was rejected")), "list nodes", Endpoint)!;

        Assert.Equal(("KubernetesUnreachable", ErrorKind.ConnectionFailed), (refused.ErrorId, refused.Kind));
        Assert.Contains("https://10.0.0.1:6443 cannot be reached", refused.Message);
        Assert.Contains("/home/me/.kube/config", refused.Message);
        Assert.Equal(("KubernetesCertificateRejected", ErrorKind.SecurityError), (untrusted.ErrorId, untrusted.Kind));
        Assert.Contains("certificate-authority", untrusted.Message);
    }

    [Fact]
    public void Exceptions_that_are_not_about_the_request_are_left_alone()
    {
        Assert.Null(ApiErrors.Map(new InvalidOperationException("a bug"), "list nodes", Endpoint));
    }

    public static TheoryData<int, bool, bool> RetryCases => new()
    {
        // status, idempotent request retried, create (POST) retried
        { 429, true, true },
        { 500, true, false },
        { 502, true, false },
        { 503, true, false },
        { 504, true, false },
        { 409, false, false },
        { 404, false, false },
        { 422, false, false },
    };

    [Theory]
    [MemberData(nameof(RetryCases))]
    public async Task Retries_what_the_server_or_the_network_lets_us_repeat(int status, bool idempotent, bool create)
    {
        foreach (var (safety, expected) in new[] { (RequestSafety.Idempotent, idempotent), (RequestSafety.NotIdempotent, create) })
        {
            var waits = new List<TimeSpan>();
            var policy = new RetryPolicy { MaxAttempts = 3, Delay = (wait, _) => { waits.Add(wait); return Task.CompletedTask; } };
            var attempts = 0;

            var run = policy.RunAsync<int>(_ => { attempts++; throw Http((HttpStatusCode)status, "{}"); }, safety, _ => { }, CancellationToken.None);

            await Assert.ThrowsAsync<HttpOperationException>(() => run);
            Assert.Equal(expected ? 3 : 1, attempts);
            Assert.Equal(expected ? 2 : 0, waits.Count);
        }
    }

    [Fact]
    public async Task Retry_After_is_honoured_and_backoff_grows_otherwise()
    {
        var waits = new List<TimeSpan>();
        var notes = new List<string>();
        var policy = new RetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(100), Delay = (wait, _) => { waits.Add(wait); return Task.CompletedTask; } };
        var attempts = 0;

        var value = await policy.RunAsync(_ =>
        {
            attempts++;
            return attempts switch
            {
                1 => throw Http(HttpStatusCode.TooManyRequests, "{}", retryAfterSeconds: 7),
                2 or 3 => throw Http(HttpStatusCode.ServiceUnavailable, "{}"),
                _ => Task.FromResult(42),
            };
        }, RequestSafety.Idempotent, notes.Add, CancellationToken.None);

        Assert.Equal(42, value);
        Assert.Equal(TimeSpan.FromSeconds(7), waits[0]);
        Assert.InRange(waits[1], TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(240));
        Assert.InRange(waits[2], TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(480));
        Assert.Contains(notes, n => n.Contains("429 Too Many Requests"));
    }

    public static TheoryData<string, bool> ConnectionFailures => new()
    {
        // failure, retried for an idempotent request (a create is never repeated after a connection failure)
        { "reset by peer (IOException)", true },
        { "reset by peer (SocketException)", true },
        { "refused", false },
        { "host not found", false },
    };

    [Theory]
    [MemberData(nameof(ConnectionFailures))]
    public async Task A_dropped_connection_is_retried_for_idempotent_requests_a_refused_one_never(string failure, bool idempotentRetried)
    {
        Exception inner = failure switch
        {
            "reset by peer (IOException)" => new IOException("connection reset by peer"),
            "reset by peer (SocketException)" => new SocketException((int)SocketError.ConnectionReset),
            "refused" => new SocketException((int)SocketError.ConnectionRefused),
            "host not found" => new SocketException((int)SocketError.HostNotFound),
            _ => throw new ArgumentOutOfRangeException(nameof(failure)),
        };
        var policy = new RetryPolicy { MaxAttempts = 2, Delay = (_, _) => Task.CompletedTask };
        var attempts = 0;
        Task<int> Failing(CancellationToken _)
        {
            attempts++;
            throw new HttpRequestException(failure, inner);
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => policy.RunAsync(Failing, RequestSafety.NotIdempotent, _ => { }, CancellationToken.None));
        Assert.Equal(1, attempts);
        await Assert.ThrowsAsync<HttpRequestException>(() => policy.RunAsync(Failing, RequestSafety.Idempotent, _ => { }, CancellationToken.None));
        Assert.Equal(idempotentRetried ? 3 : 2, attempts);
    }

    private static HttpOperationException Response(string fixture)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "kubernetes-status", fixture + ".txt"));
        var newline = text.IndexOf('\n');
        return Http((HttpStatusCode)int.Parse(text.Substring(0, newline)), text.Substring(newline + 1));
    }

    private static HttpOperationException Http(HttpStatusCode status, string body, int? retryAfterSeconds = null)
    {
        using var message = new HttpResponseMessage(status);
        if (retryAfterSeconds is { } seconds)
        {
            message.Headers.Add("Retry-After", seconds.ToString());
        }

        return new HttpOperationException($"Operation returned an invalid status code '{status}'") { Response = new HttpResponseMessageWrapper(message, body) };
    }
}
