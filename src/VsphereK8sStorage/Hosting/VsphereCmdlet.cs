using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Hosting;

/// <summary>
/// Base of the cmdlets that talk to vCenter. It resolves the connection the way PowerCLI does: an explicit
/// -Server (a connection object, or the name of the default connection), else <c>$DefaultVsphereServer</c>,
/// which Connect-VsphereServer sets. -Server NAME -Credential … connects for this one command and logs out
/// at its end, as vk8s does on every run.
/// </summary>
public abstract class VsphereCmdlet : VsphereK8sCmdlet, IDisposable
{
    /// <summary>The session variable holding the default connection (PowerCLI's is $DefaultVIServer).</summary>
    public const string DefaultServerVariable = "DefaultVsphereServer";

    private VsphereConnection? oneShot;

    /// <summary>A connection from Connect-VsphereServer, or a server name: the default connection's, or any with -Credential.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Server { get; set; }

    /// <summary>Connects to -Server for this command only, with this user name and password.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>With -Credential: the SHA-1 thumbprint the server's certificate must have.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Thumbprint { get; set; }

    /// <summary>With -Credential: do not check the server's certificate at all (warns; labs only).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Runs a core operation on the resolved connection (connecting first for -Server NAME -Credential).</summary>
    protected T RunVsphere<T>(Func<VsphereConnection, IOperationHost, CancellationToken, Task<T>> operation)
    {
        var existing = oneShot ?? ResolveExisting();
        return RunCore(async (host, ct) =>
        {
            var connection = existing;
            if (connection is null)
            {
                connection = await VsphereConnection.ConnectAsync(OneShotOptions(), host, ct).ConfigureAwait(false);
                oneShot = connection;
            }

            connection.EnsureConnected();
            return await operation(connection, host, ct).ConfigureAwait(false);
        });
    }

    public void Dispose()
    {
        if (oneShot is { } connection)
        {
            oneShot = null;
            try
            {
                connection.DisconnectAsync(CancellationToken.None).Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // The session ends on its own when vCenter times it out.
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The connection to use, or null when this command must connect itself (-Server NAME -Credential).</summary>
    private VsphereConnection? ResolveExisting()
    {
        if (Credential is not null)
        {
            if (Server is null || Unwrap(Server) is VsphereConnection)
            {
                ThrowTerminatingError(ErrorMapping.ToErrorRecord(new InvalidParameterException(
                    "VsphereCredentialWithoutServer", "Credential",
                    "-Credential connects to the server that -Server names; give -Server with a host name (or leave out -Credential to use the current connection).")));
            }

            return null;
        }

        if (Thumbprint is not null || SkipCertificateCheck.IsPresent)
        {
            ThrowTerminatingError(ErrorMapping.ToErrorRecord(new InvalidParameterException(
                "VsphereCertificateOptionWithoutCredential", Thumbprint is not null ? "Thumbprint" : "SkipCertificateCheck",
                "-Thumbprint and -SkipCertificateCheck apply when connecting: use them with -Server and -Credential, or with Connect-VsphereServer.")));
        }

        var defaultConnection = Unwrap(SessionState.PSVariable.GetValue("global:" + DefaultServerVariable)) as VsphereConnection;
        switch (Server is null ? null : Unwrap(Server))
        {
            case VsphereConnection given:
                return given;
            case null when defaultConnection is { IsConnected: true }:
                return defaultConnection;
            case null:
                ThrowTerminatingError(ErrorMapping.ToErrorRecord(new VsphereK8sException(
                    "VsphereNotConnected", ErrorKind.InvalidOperation,
                    "Not connected to a vCenter: run Connect-VsphereServer -Server <host> -Credential (Get-Credential) first, or pass -Server and -Credential.")));
                return null;
            case string name when defaultConnection is { IsConnected: true } && SameServer(defaultConnection, name):
                return defaultConnection;
            case string name:
                ThrowTerminatingError(ErrorMapping.ToErrorRecord(new VsphereK8sException(
                    "VsphereNotConnected", ErrorKind.InvalidOperation,
                    $"Not connected to {name}: run Connect-VsphereServer -Server {name} -Credential (Get-Credential), or pass -Credential to connect for this command.", name)));
                return null;
            default:
                ThrowTerminatingError(ErrorMapping.ToErrorRecord(new InvalidParameterException(
                    "VsphereServerInvalid", "Server",
                    $"-Server takes a connection from Connect-VsphereServer or a server name, not a {Unwrap(Server)!.GetType().Name}.")));
                return null;
        }
    }

    private VsphereConnectOptions OneShotOptions() => new()
    {
        Server = Unwrap(Server) as string ?? string.Empty,
        Credential = Credential!.GetNetworkCredential(),
        Thumbprint = Thumbprint,
        SkipCertificateCheck = SkipCertificateCheck.IsPresent,
    };

    private static bool SameServer(VsphereConnection connection, string name)
    {
        try
        {
            return string.Equals(VsphereServerAddress.Parse(name).DisplayName, connection.Name, StringComparison.OrdinalIgnoreCase);
        }
        catch (VsphereK8sException)
        {
            return false;
        }
    }

    internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
