using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.PowerShell.Hosting;

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

    /// <summary>Runs a core operation that emits each result as it finishes; each is written to the pipeline at once.</summary>
    protected T RunVsphere<T, TItem>(Func<VsphereConnection, IOperationHost, Action<TItem>, CancellationToken, Task<T>> operation)
        where TItem : notnull
    {
        var existing = oneShot ?? ResolveExisting();
        return RunCore<T, TItem>(async (host, emit, ct) =>
        {
            var connection = existing;
            if (connection is null)
            {
                connection = await VsphereConnection.ConnectAsync(OneShotOptions(), host, ct).ConfigureAwait(false);
                oneShot = connection;
            }

            connection.EnsureConnected();
            return await operation(connection, host, emit, ct).ConfigureAwait(false);
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
        var certificateOption = Thumbprint is not null ? nameof(Thumbprint) : SkipCertificateCheck.IsPresent ? nameof(SkipCertificateCheck) : null;
        var defaultConnection = Unwrap(SessionState.PSVariable.GetValue("global:" + DefaultServerVariable)) as VsphereConnection;
        try
        {
            return VsphereServerChoice.Choose(Unwrap(Server), Credential is not null, certificateOption, defaultConnection);
        }
        catch (VsphereK8sException refused)
        {
            ThrowTerminatingError(ErrorMapping.ToErrorRecord(refused));
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

    internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
