using System.Xml;
using System.Xml.Linq;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// Retries a round trip after a transport failure when that is safe (see
/// <see cref="SoapTransportException.MayRetry"/>): not processed, or idempotent. Faults are answers, never retried here.
/// </summary>
internal sealed class RetryingRoundTripper : ISoapRoundTripper
{
    private readonly ISoapRoundTripper inner;
    private readonly int maxAttempts;
    private readonly TimeSpan firstDelay;

    public RetryingRoundTripper(ISoapRoundTripper inner, int maxAttempts = 3, TimeSpan? firstDelay = null)
    {
        this.inner = inner;
        this.maxAttempts = Math.Max(1, maxAttempts);
        this.firstDelay = firstDelay ?? TimeSpan.FromMilliseconds(200);
    }

    /// <summary>Called before each retry with the failure and the attempt about to be made.</summary>
    public Action<SoapTransportException, int>? Retrying { get; set; }

    public Task<XElement> RoundTripAsync(SoapRequest request, CancellationToken cancellationToken) =>
        WithRetriesAsync(request, () => inner.RoundTripAsync(request, cancellationToken), cancellationToken);

    public Task<T> RoundTripAsync<T>(SoapRequest request, Func<XmlReader, T> read, CancellationToken cancellationToken) =>
        WithRetriesAsync(request, () => inner.RoundTripAsync(request, read, cancellationToken), cancellationToken);

    private async Task<T> WithRetriesAsync<T>(SoapRequest request, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var delay = firstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (SoapTransportException ex) when (attempt < maxAttempts && ex.MayRetry(request))
            {
                Retrying?.Invoke(ex, attempt + 1);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay += delay;
            }
        }
    }
}
