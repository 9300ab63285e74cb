using System.Xml;
using System.Xml.Linq;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// When vCenter says <c>NotAuthenticated</c> (the session expired or was terminated) and credentials are
/// at hand, logs in again and replays the request once. A NotAuthenticated fault means the call was
/// refused before it ran, so the replay cannot do anything twice. Concurrent callers that saw the same
/// session end share one login: each remembers the session generation it used, and only the first to
/// arrive with a stale generation logs in.
/// </summary>
internal sealed class ReloginRoundTripper : ISoapRoundTripper
{
    private readonly ISoapRoundTripper inner;
    private readonly SoapSession session;
    private readonly Func<CancellationToken, Task> login;
    private readonly SemaphoreSlim gate = new(1, 1);
    private int relogins;

    public ReloginRoundTripper(ISoapRoundTripper inner, SoapSession session, Func<CancellationToken, Task> login)
    {
        this.inner = inner;
        this.session = session;
        this.login = login;
    }

    /// <summary>How many times the session was renewed.</summary>
    public int Relogins => Volatile.Read(ref relogins);

    public Task<XElement> RoundTripAsync(SoapRequest request, CancellationToken cancellationToken) =>
        WithReloginAsync(request, () => inner.RoundTripAsync(request, cancellationToken), cancellationToken);

    public Task<T> RoundTripAsync<T>(SoapRequest request, Func<XmlReader, T> read, CancellationToken cancellationToken) =>
        WithReloginAsync(request, () => inner.RoundTripAsync(request, read, cancellationToken), cancellationToken);

    private async Task<T> WithReloginAsync<T>(SoapRequest request, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var generation = session.Generation;
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (VsphereFaultException ex) when (ex.FaultKind == VsphereFaultKind.NotAuthenticated && request.NeedsSession)
        {
            await RenewAsync(generation, cancellationToken).ConfigureAwait(false);
            return await call().ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(int staleGeneration, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (session.Generation != staleGeneration)
            {
                return; // another caller already logged in again
            }

            session.Clear();
            await login(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref relogins);
        }
        finally
        {
            gate.Release();
        }
    }
}
