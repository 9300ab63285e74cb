using System.Globalization;
using System.Net.Sockets;
using k8s.Autorest;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>Whether repeating a request can do harm if the first attempt reached the server.</summary>
internal enum RequestSafety
{
    /// <summary>Reads, server-side apply, replace with a resourceVersion, delete: the same request twice ends the same.</summary>
    Idempotent,

    /// <summary>Create (POST): repeated only when the server says it did not process it (429).</summary>
    NotIdempotent,
}

/// <summary>
/// Retries requests the server asked us to repeat (429 Too Many Requests, honouring Retry-After) and, for
/// idempotent requests, transient failures (500, 502, 503, 504, a dropped connection; not a refused one), with exponential
/// backoff and jitter. A decorator around every request, so callers never loop themselves. 409 Conflict is
/// not retried here: only the caller can re-read the object and try again (see KubernetesApi.UpdateAsync).
/// </summary>
internal sealed class RetryPolicy
{
    public static RetryPolicy Default { get; } = new();

    public int MaxAttempts { get; init; } = 5;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Waits between attempts; tests substitute one that records instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> request, RequestSafety safety, Action<string> verbose, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await request(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested && ShouldRetry(ex, safety) is { } why)
            {
                var wait = DelayFor(ex, attempt);
                verbose($"{why}; retrying in {wait.TotalSeconds:0.0} s (attempt {attempt + 1} of {MaxAttempts})");
                await Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Why the failure is worth another attempt, or null when it is not.</summary>
    internal static string? ShouldRetry(Exception exception, RequestSafety safety)
    {
        switch (exception)
        {
            case HttpOperationException http:
                var code = (int)http.Response.StatusCode;
                if (code == 429)
                {
                    return "the API server asked to slow down (429 Too Many Requests)";
                }

                return safety == RequestSafety.Idempotent && code is 500 or 502 or 503 or 504
                    ? $"the API server answered {code} {ApiErrors.ReasonFor(code)}"
                    : null;
            case HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData } }:
                // Nothing listens at that address, or its name does not resolve: asking again only delays the
                // answer. client-go (and so kubectl) fails at once here too; it repeats only reset connections.
                return null;
            case HttpRequestException request when safety == RequestSafety.Idempotent && request.InnerException is SocketException or System.IO.IOException:
                return $"the connection failed ({ApiErrors.OneLine(request.InnerException.Message)})";
            default:
                return null;
        }
    }

    internal TimeSpan DelayFor(Exception exception, int attempt)
    {
        if (exception is HttpOperationException http && RetryAfter(http) is { } serverAsked)
        {
            return serverAsked;
        }

        var exponential = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, BaseDelay.Ticks << Math.Min(attempt - 1, 20)));

        // Up to a fifth more, so clients that failed together do not come back together.
        return exponential + TimeSpan.FromTicks((long)(exponential.Ticks * 0.2 * Random.Shared.NextDouble()));
    }

    private static TimeSpan? RetryAfter(HttpOperationException http)
    {
        var headers = http.Response.Headers;
        var first = headers?.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Min(seconds, 30))
            : null;
    }
}
