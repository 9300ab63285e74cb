using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Operations.Vsphere;

public sealed record DisconnectVsphereServerRequest
{
    public required VsphereConnection Connection { get; init; }
}

/// <summary>Disconnect-VsphereServer: log out, which ends the session for everyone holding its cookie.</summary>
public static class DisconnectVsphereServer
{
    public const string Action = "Log out and end the session";

    /// <summary>The connection, now closed; null when the user declined.</summary>
    public static async Task<VsphereConnection?> RunAsync(DisconnectVsphereServerRequest request, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        if (!host.ShouldProcess($"{connection.User}@{connection.Name}", Action))
        {
            return null;
        }

        await connection.DisconnectAsync(ct).ConfigureAwait(false);
        host.WriteVerbose($"Logged out of {connection.Name}.");
        return connection;
    }
}
