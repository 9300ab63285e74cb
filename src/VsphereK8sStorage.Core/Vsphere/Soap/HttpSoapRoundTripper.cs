using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Xml;
using System.Xml.Linq;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// SOAP over HTTPS with <see cref="HttpClient"/>: one handler per connection (its own TLS decision and
/// connection pool), the session cookie sent on every call and taken from every <c>Set-Cookie</c>.
/// </summary>
internal sealed class HttpSoapRoundTripper : ISoapRoundTripper, IDisposable
{
    private readonly HttpClient client;
    private readonly Uri baseUri;
    private readonly SoapSession session;
    private readonly CertificatePolicy certificates;
    private readonly string server;

    public HttpSoapRoundTripper(Uri baseUri, SoapSession session, CertificatePolicy certificates, TimeSpan timeout)
    {
        this.baseUri = baseUri;
        this.session = session;
        this.certificates = certificates;
        server = baseUri.IsDefaultPort ? baseUri.Host : $"{baseUri.Host}:{baseUri.Port}";
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
            MaxConnectionsPerServer = 64,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => certificates.Validate(certificate, errors) },
        };
        client = new HttpClient(handler) { Timeout = timeout };
    }

    /// <summary>The API version named in the SOAPAction header; the server's own once its service content is read.</summary>
    public string ApiVersion { get; set; } = "6.5";

    private int roundTrips;

    /// <summary>How many requests this connection has sent to the server (retries and re-logins included).</summary>
    public int RoundTrips => Volatile.Read(ref roundTrips);

    public Task<XElement> RoundTripAsync(SoapRequest request, CancellationToken cancellationToken) =>
        RoundTripAsync(request, SoapEnvelope.ReadElement, cancellationToken);

    public async Task<T> RoundTripAsync<T>(SoapRequest request, Func<XmlReader, T> read, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref roundTrips);
        var cookie = request.NeedsSession ? session.Cookie : null;
        var body = SoapEnvelope.Write(request, request.Endpoint == SoapEndpoint.Vim ? null : cookie);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, request.Endpoint.Path))
        {
            Content = new ByteArrayContent(body),
        };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/xml; charset=utf-8");
        message.Headers.TryAddWithoutValidation("SOAPAction", $"{request.Endpoint.ActionNamespace}/{ApiVersion}");
        message.Headers.Accept.ParseAdd("text/xml");
        if (cookie is not null)
        {
            message.Headers.TryAddWithoutValidation("Cookie", $"{SoapSession.CookieName}={cookie}");
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (IsCertificateFailure(ex))
        {
            throw certificates.Failure(server, ex);
        }
        catch (HttpRequestException ex)
        {
            throw TransportFailure(request, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SoapTransportException("VsphereTimeout", SoapTransportFailure.Timeout, $"{server} did not answer {request.Method} within {client.Timeout.TotalSeconds:0} s.", server, ex);
        }

        using (response)
        {
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var header in setCookies)
                {
                    if (SoapSession.FromSetCookie(header) is { } value)
                    {
                        session.SetCookie(value);
                    }
                }
            }

            var status = (int)response.StatusCode;
            if (status is 502 or 503 or 504)
            {
                throw new SoapTransportException("VsphereUnavailable", SoapTransportFailure.Unavailable, $"{server} answered {request.Method} with HTTP {status} ({MessageText.Printable(response.ReasonPhrase, 80)}): the vCenter service is not available right now.", server);
            }

            // vim25 answers faults with 500 and a SOAP body; any other status is not a SOAP answer.
            if (status != 200 && status != 500)
            {
                throw new SoapTransportException("VsphereHttpError", SoapTransportFailure.InvalidResponse, $"{server} answered {request.Method} on {request.Endpoint.Path} with HTTP {status} ({MessageText.Printable(response.ReasonPhrase, 80)}); check that the address is a vCenter or ESXi SDK endpoint.", server);
            }

            try
            {
                using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return SoapEnvelope.ReadResponse(stream, request, server, read);
            }
            catch (IOException ex)
            {
                throw TransportFailure(request, ex);
            }
            catch (HttpRequestException ex)
            {
                throw TransportFailure(request, ex);
            }
        }
    }

    public void Dispose() => client.Dispose();

    private static bool IsCertificateFailure(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    private SoapTransportException TransportFailure(SoapRequest request, Exception ex)
    {
        var refused = ex is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }
            || ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData };
        var unreachable = refused
            || ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
            || ex.InnerException is SocketException { SocketErrorCode: SocketError.HostUnreachable or SocketError.NetworkUnreachable };
        return unreachable
            ? new SoapTransportException("VsphereUnreachable", refused ? SoapTransportFailure.Refused : SoapTransportFailure.Unreachable, $"Cannot connect to {server}: {MessageText.Printable(ex.Message, 200)}. Check the server name and port, and that this machine can reach it.", server, ex)
            : new SoapTransportException("VsphereConnectionBroken", SoapTransportFailure.Broken, $"The connection to {server} broke during {request.Method}: {MessageText.Printable(ex.Message, 200)}.", server, ex);
    }
}
