using System.Net;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere;

/// <summary>How to reach and authenticate to vCenter. Exactly one of <see cref="Credential"/> and <see cref="SessionCookie"/>.</summary>
public sealed record VsphereConnectOptions
{
    public string Server { get; init; } = string.Empty;

    /// <summary>User name and password; the password stays in the credential's SecureString until the Login call.</summary>
    public NetworkCredential? Credential { get; init; }

    /// <summary>An existing session's <c>vmware_soap_session</c> cookie (PowerCLI's SessionSecret), instead of a login.</summary>
    public string? SessionCookie { get; init; }

    /// <summary>The certificate's SHA-1 (40 hex digits) or SHA-256 (64) thumbprint, with or without colons.</summary>
    public string? Thumbprint { get; init; }

    /// <summary>Where <see cref="Thumbprint"/> came from when not from the thumbprint parameter (an environment variable), for messages.</summary>
    public string? ThumbprintSource { get; init; }

    public bool SkipCertificateCheck { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Where a login keeps its session cookie for the next process, and where the next process finds it (with
    /// <see cref="Credential"/> only): a kept session that is still active is joined instead of logging in again.
    /// </summary>
    public VsphereSessionCache? SessionCache { get; init; }
}

/// <summary>
/// One vCenter session: the connection every vSphere operation receives. It owns the HTTP client, the
/// session cookie, the TLS decision and the round-trip stack (re-login over retries over HTTP). What it
/// shows (server, user, version, thumbprint) is safe to print; the cookie and password are never exposed.
/// </summary>
public sealed class VsphereConnection : IDisposable
{
    private readonly HttpSoapRoundTripper http;
    private readonly SoapSession session;
    private readonly ReloginRoundTripper? relogin;
    private volatile bool connected = true;

    private VsphereConnection(VsphereServerAddress address, HttpSoapRoundTripper http, SoapSession session, ISoapRoundTripper soap, ReloginRoundTripper? relogin, CertificatePolicy certificates, ServiceContent content, UserSession user)
    {
        Address = address;
        this.http = http;
        this.session = session;
        Soap = soap;
        this.relogin = relogin;
        Certificates = certificates;
        Content = content;
        UserSession = user;
        PropertyCollector = new PropertyCollector(soap, content);
    }

    public string Name => Address.DisplayName;

    public int Port => Address.Port;

    public string User => UserSession.UserName;

    public string Version => Content.Version;

    public string Build => Content.Build;

    /// <summary>"VMware vCenter Server 8.0.2 build-22385739".</summary>
    public string ProductName => Content.FullName;

    public string ApiVersion => Content.ApiVersion;

    /// <summary>The vCenter instance's UUID: the same server behind two names has one.</summary>
    public string InstanceUuid => Content.InstanceUuid;

    /// <summary>https://host:port/sdk, the form PowerCLI's VIServer.ServiceUri has.</summary>
    public string ServiceUri => new Uri(Address.BaseUri, "/sdk").ToString();

    /// <summary>The SHA-1 thumbprint of the certificate the server presented (what -Thumbprint pins).</summary>
    public string? CertificateThumbprint => Certificates.ObservedThumbprint;

    public CertificateCheck CertificateCheck => Certificates.Check;

    /// <summary>True when this connection logged in itself and so can log in again when vCenter ends the session.</summary>
    public bool CanRenewSession => relogin is not null;

    public bool IsConnected => connected;

    internal VsphereServerAddress Address { get; }

    internal ISoapRoundTripper Soap { get; }

    /// <summary>How many requests this connection has sent to vCenter so far, its login included.</summary>
    public int RoundTrips => http.RoundTrips;

    internal ServiceContent Content { get; }

    internal PropertyCollector PropertyCollector { get; }

    internal CertificatePolicy Certificates { get; }

    internal UserSession UserSession { get; private set; }

    /// <summary>The vCenter session key (SessionManager's, not the cookie): what TerminateSession takes.</summary>
    internal string SessionKey => UserSession.Key;

    /// <summary>The session cookie (for tests that join this session as PowerCLI's users would).</summary>
    internal string? SessionCookie => session.Cookie;


    /// <summary>
    /// The user name and password this connection logged in with (null when it joined an existing session): what the
    /// driver installs put into the drivers' Kubernetes Secrets when no other credential is given. Never printed.
    /// </summary>
    internal NetworkCredential? LoginCredential { get; private set; }

    /// <summary>True when this connection joined a session kept in <see cref="VsphereConnectOptions.SessionCache"/> instead of logging in.</summary>
    public bool ReusedCachedSession { get; private init; }

    /// <summary>True when the session is kept in a session cache for the next process: closing it then must not log out.</summary>
    public bool SessionCached { get; private set; }

    /// <summary>How many times the session was renewed after vCenter ended it.</summary>
    internal int Relogins => relogin?.Relogins ?? 0;

    public override string ToString() => Name;

    /// <summary>Connects and logs in (or joins an existing session); the one entry point that creates connections.</summary>
    public static async Task<VsphereConnection> ConnectAsync(VsphereConnectOptions options, IOperationHost host, CancellationToken ct)
    {
        var address = VsphereServerAddress.Parse(options.Server);
        if (options.Credential is null == options.SessionCookie is null)
        {
            throw new InvalidParameterException(
                "VsphereCredentialRequired", "Credential",
                $"Connecting to {address} needs either a credential (user name and password) or an existing session, and not both.");
        }

        var certificates = CertificatePolicy.Create(options.Thumbprint, options.SkipCertificateCheck, options.ThumbprintSource);
        if (certificates.Check == CertificateCheck.Skip)
        {
            host.WriteWarning($"The certificate of {address} is not checked: anyone on the network path could pose as it and read the session. Pin it with {Param.Name("Thumbprint")} instead.");
        }

        Threading.SystemTrustPreload.Start();
        var session = new SoapSession(options.SessionCookie is null ? null : SoapSession.Normalize(options.SessionCookie));
        var http = new HttpSoapRoundTripper(address.BaseUri, session, certificates, options.Timeout);
        try
        {
            var retrying = new RetryingRoundTripper(http);
            host.WriteVerbose($"Reading the service content of {address}.");
            var content = await VimMethods.RetrieveServiceContentAsync(retrying, ct).ConfigureAwait(false);
            http.ApiVersion = content.ApiVersion.Length > 0 ? content.ApiVersion : http.ApiVersion;
            if (options.Credential is { } credential)
            {
                var cache = options.SessionCache;
                var trust = certificates.PinnedThumbprint ?? (certificates.Check == CertificateCheck.Skip ? "skip-certificate-check" : "verify");
                UserSession? user = null;
                var reused = false;
                if (cache?.Read(address, credential.UserName, trust) is { } kept)
                {
                    // One cheap read says whether the kept session is still active; if not, log in as without the cache.
                    session.SetCookie(kept);
                    user = await KeptSessionAsync(retrying, content, ct).ConfigureAwait(false);
                    reused = user is not null;
                    if (!reused)
                    {
                        session.Clear();
                        cache.Remove(address, credential.UserName, trust);
                        host.WriteVerbose($"The session kept for {UserNameText.Quoted(credential.UserName)} at {address} has ended; logging in.");
                    }
                }

                user ??= await LoginAsync(retrying, content, address, credential, ct).ConfigureAwait(false);
                VsphereConnection? connection = null;
                var relogin = new ReloginRoundTripper(retrying, session, async token =>
                {
                    // A renewed session has a new key; the user stays the same.
                    var renewed = await LoginAsync(retrying, content, address, credential, token).ConfigureAwait(false);
                    connection!.UserSession = renewed;
                    if (connection.SessionCached && session.Cookie is { } cookie)
                    {
                        cache!.Write(address, credential.UserName, trust, cookie);
                    }
                });
                connection = new VsphereConnection(address, http, session, relogin, relogin, certificates, content, user)
                {
                    LoginCredential = credential,
                    ReusedCachedSession = reused,
                };
                if (reused)
                {
                    connection.SessionCached = true;
                    host.WriteVerbose($"Joined the session kept for {UserNameText.Quoted(user.UserName)} on {content.FullName} at {address} (session cache {cache!.Directory}).");
                }
                else
                {
                    connection.SessionCached = cache is not null && session.Cookie is { } cookie && cache.Write(address, credential.UserName, trust, cookie);
                    host.WriteVerbose(connection.SessionCached
                        ? $"Logged in to {content.FullName} at {address} as {UserNameText.Quoted(user.UserName)}; the session is kept for the next run (session cache {cache!.Directory})."
                        : $"Logged in to {content.FullName} at {address} as {UserNameText.Quoted(user.UserName)}.");
                }

                return connection;
            }

            var current = await CurrentSessionAsync(retrying, content, ct).ConfigureAwait(false)
                ?? throw new VsphereK8sException(
                    "VsphereSessionNotActive", ErrorKind.AuthenticationFailed,
                    $"The session given for {address} is not active (it expired or was logged out); connect again with a credential.", address.DisplayName);
            host.WriteVerbose($"Joined the existing session of {UserNameText.Quoted(current.UserName)} on {content.FullName} at {address}.");
            return new VsphereConnection(address, http, session, retrying, null, certificates, content, current);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Logs out (ending the session for every holder of its cookie) and releases the connection.</summary>
    public async Task DisconnectAsync(CancellationToken ct)
    {
        if (!connected)
        {
            return;
        }

        try
        {
            await VimMethods.LogoutAsync(http, Content.SessionManager, ct).ConfigureAwait(false);
        }
        catch (VsphereFaultException ex) when (ex.FaultKind == VsphereFaultKind.NotAuthenticated)
        {
            // Already ended by the server: the outcome the caller wanted.
        }
        finally
        {
            connected = false;
            session.Clear();
            http.Dispose();
        }
    }

    public void Dispose()
    {
        connected = false;
        http.Dispose();
    }

    /// <summary>Fails with a clear message when the connection was closed.</summary>
    public void EnsureConnected()
    {
        if (!connected)
        {
            throw new VsphereK8sException(
                "VsphereNotConnected", ErrorKind.InvalidOperation,
                $"The connection to {Name} was closed by {Param.Command("Disconnect-VsphereServer")}; connect again with {Param.Command("Connect-VsphereServer")}.", Name);
        }
    }

    private static async Task<UserSession> LoginAsync(ISoapRoundTripper soap, ServiceContent content, VsphereServerAddress address, NetworkCredential credential, CancellationToken ct)
    {
        try
        {
            return await VimMethods.LoginAsync(soap, content.SessionManager, credential.UserName, credential.Password, ct).ConfigureAwait(false);
        }
        catch (VsphereFaultException ex) when (ex.FaultKind == VsphereFaultKind.InvalidLogin)
        {
            throw new VsphereFaultException(
                ex.Fault,
                $"{address} refused the login of {UserNameText.Quoted(credential.UserName)}: the user name or password is wrong, or the account is locked.",
                "VsphereInvalidLogin",
                address.DisplayName);
        }
    }

    /// <summary>The kept session's user, or null when vCenter no longer knows the session (it says so with an unset property or NotAuthenticated).</summary>
    private static async Task<UserSession?> KeptSessionAsync(ISoapRoundTripper soap, ServiceContent content, CancellationToken ct)
    {
        try
        {
            return await CurrentSessionAsync(soap, content, ct).ConfigureAwait(false);
        }
        catch (VsphereFaultException ex) when (ex.FaultKind == VsphereFaultKind.NotAuthenticated)
        {
            return null;
        }
    }

    private static async Task<UserSession?> CurrentSessionAsync(ISoapRoundTripper soap, ServiceContent content, CancellationToken ct)
    {
        var collector = new PropertyCollector(soap, content);
        var result = await collector.RetrieveObjectsAsync(new[] { content.SessionManager }, new[] { new PropertySpec("SessionManager", new[] { "currentSession" }) }, ct).ConfigureAwait(false);
        foreach (var obj in result)
        {
            if (obj["currentSession"] is { } current)
            {
                return UserSession.Parse(current);
            }
        }

        return null;
    }
}
