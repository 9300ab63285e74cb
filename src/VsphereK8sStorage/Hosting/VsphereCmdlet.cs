using System.Collections;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// Base of the cmdlets that talk to vCenter. It resolves the connections the way PowerCLI does (the rules are
/// VsphereServerChoice's): an explicit -Server (connections, or names of default connections, with wildcards),
/// else the default connections in <c>$DefaultVsphereServers</c>, which Connect-VsphereServer fills (listing reads
/// run on each, other commands need one). -Server NAME -Credential … connects for this one command and logs out
/// at its end, as vk8s does on every run.
/// </summary>
public abstract class VsphereCmdlet : VsphereK8sCmdlet, IDisposable
{
    /// <summary>The session variable holding the last connection made (PowerCLI's is $DefaultVIServer).</summary>
    public const string DefaultServerVariable = "DefaultVsphereServer";

    /// <summary>The session variable holding every default connection (PowerCLI's is $DefaultVIServers).</summary>
    public const string DefaultServersVariable = "DefaultVsphereServers";

    private VsphereConnection? oneShot;

    /// <summary>Connections from Connect-VsphereServer, or server names (wildcards allowed) of default connections; one name of any server with -Credential.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public object[]? Server { get; set; }

    /// <summary>Connects to -Server for this command only, with this user name and password.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>With -Credential: the SHA-1 (40 hex digits) or SHA-256 (64) thumbprint the server's certificate must have.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Thumbprint { get; set; }

    /// <summary>With -Credential: do not check the server's certificate at all (warns; labs only).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Runs a core operation on the one resolved connection (connecting first for -Server NAME -Credential).</summary>
    protected T RunVsphere<T>(Func<VsphereConnection, IOperationHost, CancellationToken, Task<T>> operation)
    {
        var existing = oneShot ?? ResolveExisting(VsphereServerUse.Change)?[0];
        return RunCore((host, ct) => RunOnAsync(existing, host, ct, connection => operation(connection, host, ct)));
    }

    /// <summary>Runs a core operation on the one resolved connection that emits each result as it finishes; each is written to the pipeline at once.</summary>
    protected T RunVsphere<T, TItem>(Func<VsphereConnection, IOperationHost, Action<TItem>, CancellationToken, Task<T>> operation)
        where TItem : notnull
    {
        var existing = oneShot ?? ResolveExisting(VsphereServerUse.Change)?[0];
        return RunCore<T, TItem>((host, emit, ct) => RunOnAsync(existing, host, ct, connection => operation(connection, host, emit, ct)));
    }

    /// <summary>Runs a read on every resolved connection in turn and writes each one's results as they come.</summary>
    protected void WriteVsphereResults<T>(Func<VsphereConnection, IOperationHost, CancellationToken, Task<T>> operation)
        where T : IEnumerable
    {
        foreach (var connection in ReadConnections())
        {
            var results = RunCore((host, ct) => RunOnAsync(connection, host, ct, c => operation(c, host, ct)));
            if (results is not null)
            {
                WriteObject(results, enumerateCollection: true);
            }
        }
    }

    /// <summary>Runs a streaming read on every resolved connection in turn; each result is written to the pipeline as it finishes.</summary>
    protected void WriteVsphereResults<T, TItem>(Func<VsphereConnection, IOperationHost, Action<TItem>, CancellationToken, Task<T>> operation)
        where TItem : notnull
    {
        foreach (var connection in ReadConnections())
        {
            RunCore<T, TItem>((host, emit, ct) => RunOnAsync(connection, host, ct, c => operation(c, host, emit, ct)));
        }
    }

    /// <summary>The default connections: $DefaultVsphereServers, and $DefaultVsphereServer when a script set only that.</summary>
    internal static IReadOnlyList<VsphereConnection> DefaultConnections(SessionState state)
    {
        var list = new List<VsphereConnection>();
        var all = Unwrap(state.PSVariable.GetValue("global:" + DefaultServersVariable));
        if (all is IEnumerable items and not string)
        {
            list.AddRange(items.Cast<object?>().Select(Unwrap).OfType<VsphereConnection>());
        }
        else if (all is VsphereConnection one)
        {
            list.Add(one);
        }

        if (Unwrap(state.PSVariable.GetValue("global:" + DefaultServerVariable)) is VsphereConnection current && !list.Contains(current))
        {
            list.Add(current);
        }

        return list;
    }

    /// <summary>Sets $DefaultVsphereServers to <paramref name="connections"/> and $DefaultVsphereServer to <paramref name="current"/> (removed when null).</summary>
    internal static void SetDefaultConnections(SessionState state, IReadOnlyList<VsphereConnection> connections, VsphereConnection? current)
    {
        state.PSVariable.Set("global:" + DefaultServersVariable, connections.ToArray());
        if (current is null)
        {
            state.PSVariable.Remove("global:" + DefaultServerVariable);
        }
        else
        {
            state.PSVariable.Set("global:" + DefaultServerVariable, current);
        }
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

    /// <summary>The connections a listing read runs on: the one-shot connection, or every resolved one; null stands for "connect first".</summary>
    private IReadOnlyList<VsphereConnection?> ReadConnections() =>
        oneShot is { } made ? new[] { made } : (IReadOnlyList<VsphereConnection?>?)ResolveExisting(VsphereServerUse.Read) ?? new VsphereConnection?[] { null };

    /// <summary>Runs <paramref name="operation"/> on <paramref name="existing"/>, or on a connection made for this command when it is null.</summary>
    private async Task<T> RunOnAsync<T>(VsphereConnection? existing, IOperationHost host, CancellationToken ct, Func<VsphereConnection, Task<T>> operation)
    {
        var connection = existing;
        if (connection is null)
        {
            connection = await VsphereConnection.ConnectAsync(OneShotOptions(), host, ct).ConfigureAwait(false);
            oneShot = connection;
        }

        connection.EnsureConnected();
        return await operation(connection).ConfigureAwait(false);
    }

    /// <summary>The connections to use, or null when this command must connect itself (-Server NAME -Credential).</summary>
    private IReadOnlyList<VsphereConnection>? ResolveExisting(VsphereServerUse use)
    {
        var certificateOption = Thumbprint is not null ? nameof(Thumbprint) : SkipCertificateCheck.IsPresent ? nameof(SkipCertificateCheck) : null;
        var servers = (Server ?? Array.Empty<object>()).Select(Unwrap).OfType<object>().ToList();
        try
        {
            return VsphereServerChoice.ChooseAll(servers, Credential is not null, certificateOption, DefaultConnections(SessionState), use);
        }
        catch (VsphereK8sException refused)
        {
            ThrowTerminatingError(ErrorMapping.ToErrorRecord(refused));
            return null;
        }
    }

    private VsphereConnectOptions OneShotOptions() => new()
    {
        Server = Server is { Length: 1 } one ? Unwrap(one[0]) as string ?? string.Empty : string.Empty,
        Credential = Credential!.GetNetworkCredential(),
        Thumbprint = Thumbprint,
        SkipCertificateCheck = SkipCertificateCheck.IsPresent,
    };

    internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
