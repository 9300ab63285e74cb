using System.Net;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli;

/// <summary>
/// How every vSphere subcommand connects, the twin of the cmdlets' -Server/-Credential/-Thumbprint/
/// -SkipCertificateCheck: <c>--server</c> (or $VSPHERE_SERVER), <c>--user</c> (or $VSPHERE_USER) with the
/// password from $VSPHERE_PASSWORD or <c>--password-stdin</c>, never from the command line, where every user
/// of the machine could read it; or an existing session's cookie in $VSPHERE_SESSION. A login's session is kept
/// for the next run in the session cache (<see cref="VsphereSessionCache"/>: the cookie only, in a file only the
/// user can read), as govc keeps its sessions, and joined while vCenter still knows it; with --no-session-cache, or
/// $VK8S_SESSION_CACHE=off, each run logs in and logs out. A session joined from $VSPHERE_SESSION is left open.
/// </summary>
internal sealed class VsphereCliConnection
{
    public const string ServerVariable = "VSPHERE_SERVER";
    public const string UserVariable = "VSPHERE_USER";
    public const string PasswordVariable = "VSPHERE_PASSWORD";
    public const string SessionVariable = "VSPHERE_SESSION";
    public const string ThumbprintVariable = "VSPHERE_THUMBPRINT";
    public const string SessionCacheVariable = "VK8S_SESSION_CACHE";

    public Option<string?> Server { get; } = new("--server") { Description = $"vCenter host name or address, optionally with :port (default: ${ServerVariable})." };

    public Option<string?> User { get; } = new("--user") { Description = $"User name (default: ${UserVariable}). The password comes from ${PasswordVariable} or --password-stdin, never from the command line." };

    public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "Read the password from the first line of standard input." };

    public Option<string?> Thumbprint { get; } = new("--thumbprint") { Description = $"The SHA-1 (40 hex digits) or SHA-256 (64) thumbprint the server's certificate must have, with or without colons (default: ${ThumbprintVariable}); refused with --skip-certificate-check." };

    public Option<bool> SkipCertificateCheck { get; } = new("--skip-certificate-check") { Description = "Do not check the server's certificate (warns; for labs only; refused when a thumbprint is pinned)." };

    public Option<bool> NoSessionCache { get; } = new("--no-session-cache") { Description = $"Log in and out in this run even when ${SessionCacheVariable} turns the session cache on ('on', or a folder: the login's session cookie, and only the cookie, is kept for the next run in a file only you can read; off by default)" };

    /// <summary>Adds the connection options; <paramref name="sessionCache"/> false for commands that must log in (they check the credentials).</summary>
    public void AddTo(Command command, bool sessionCache = true)
    {
        command.Options.Add(Server);
        command.Options.Add(User);
        command.Options.Add(PasswordStdin);
        command.Options.Add(Thumbprint);
        command.Options.Add(SkipCertificateCheck);
        if (sessionCache)
        {
            command.Options.Add(NoSessionCache);
        }
    }

    /// <summary>The connection options from the command line and the environment; a clear error when something is missing.</summary>
    public VsphereConnectOptions Resolve(ParseResult parseResult, ConsoleIO io)
    {
        var server = parseResult.GetValue(Server) ?? Environment(ServerVariable)
            ?? throw new InvalidParameterException("VsphereServerRequired", "Server", $"Say which vCenter: --server <host[:port]>, or set {ServerVariable}.");
        var options = new VsphereConnectOptions
        {
            Server = server,
            Thumbprint = parseResult.GetValue(Thumbprint) ?? Environment(ThumbprintVariable),
            ThumbprintSource = parseResult.GetValue(Thumbprint) is null && Environment(ThumbprintVariable) is not null ? "$" + ThumbprintVariable : null,
            SkipCertificateCheck = parseResult.GetValue(SkipCertificateCheck),
        };

        var user = parseResult.GetValue(User) ?? Environment(UserVariable);
        if (user is null && !parseResult.GetValue(PasswordStdin) && Environment(SessionVariable) is { } cookie)
        {
            return options with { SessionCookie = cookie };
        }

        if (user is null)
        {
            throw new InvalidParameterException("VsphereUserRequired", "User", $"Say who logs in: --user <name> (or {UserVariable}), with the password in {PasswordVariable} or on standard input with --password-stdin; or put an existing session's cookie in {SessionVariable}.");
        }

        return options with { Credential = new NetworkCredential(user, ReadPassword(parseResult, io)), SessionCache = SessionCache(parseResult) };
    }

    /// <summary>The session cache this run uses: the default folder with $VK8S_SESSION_CACHE=on, another folder named there; none without it, with --no-session-cache, a command without the option, or no home folder.</summary>
    private VsphereSessionCache? SessionCache(ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command.Options.IndexOf(NoSessionCache) < 0 || parseResult.GetValue(NoSessionCache))
        {
            return null;
        }

        // Off unless asked for: the kept cookie is a bearer credential on disk, which a user opts into as govc's users do.
        var folder = Environment(SessionCacheVariable);
        if (folder is null || folder.Equals("off", StringComparison.OrdinalIgnoreCase) || folder == "0" || folder.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (folder.Equals("on", StringComparison.OrdinalIgnoreCase) || folder == "1" || folder.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            folder = VsphereSessionCache.DefaultDirectory(Environment);
        }

        return folder is null ? null : new VsphereSessionCache(System.IO.Path.GetFullPath(folder));
    }

    /// <summary>The session $VSPHERE_SESSION holds, on --server or $VSPHERE_SERVER, pinned to $VSPHERE_THUMBPRINT if set: what disconnect-vsphere-server closes.</summary>
    public static VsphereConnectOptions SessionToClose(string? server) => new()
    {
        Server = server ?? Environment(ServerVariable) ?? string.Empty,
        SessionCookie = Environment(SessionVariable)
            ?? throw new InvalidParameterException("VsphereSessionRequired", "Server", $"There is no session to close: put its cookie in {SessionVariable}."),
        Thumbprint = Environment(ThumbprintVariable),
    };

    /// <summary>Connects, runs <paramref name="work"/>, and logs out again unless the session was joined from $VSPHERE_SESSION or is kept in the session cache.</summary>
    public async Task<T> RunAsync<T>(ParseResult parseResult, ConsoleIO io, IOperationHost host, CancellationToken ct, Func<VsphereConnection, Task<T>> work)
    {
        var options = Resolve(parseResult, io);
        if (CliApp.OwnsProcess && (options.Thumbprint is not null || options.SkipCertificateCheck)
            && !parseResult.CommandResult.Command.Options.Any(o => o.Name == "--kubeconfig"))
        {
            // The pin (or the explicit skip) decides alone, and nothing else in this process uses TLS.
            SystemTrustStore.SkipLoading();
        }

        var connection = await VsphereConnection.ConnectAsync(options, host, ct).ConfigureAwait(false);
        try
        {
            return await work(connection).ConfigureAwait(false);
        }
        finally
        {
            await CloseAsync(connection, loggedIn: options.Credential is not null && !connection.SessionCached).ConfigureAwait(false);
        }
    }

    public static async Task CloseAsync(VsphereConnection connection, bool loggedIn)
    {
        if (!loggedIn)
        {
            connection.Dispose();
            return;
        }

        try
        {
            await connection.DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (VsphereK8sException)
        {
            // The session ends on its own when vCenter times it out; the command's outcome stands.
        }
    }

    private string ReadPassword(ParseResult parseResult, ConsoleIO io)
    {
        if (parseResult.GetValue(PasswordStdin))
        {
            var line = io.In.ReadLine();
            return string.IsNullOrEmpty(line)
                ? throw new InvalidParameterException("VspherePasswordMissing", "PasswordStdin", "--password-stdin: standard input is empty; pipe the password in, e.g. from a secret store.")
                : line;
        }

        return Environment(PasswordVariable)
            ?? throw new InvalidParameterException("VspherePasswordMissing", "Credential", $"No password: set {PasswordVariable}, or pipe it in with --password-stdin (vk8s never takes a password on the command line).");
    }

    private static string? Environment(string name) => System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
