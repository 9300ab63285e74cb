using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Operations.Vsphere;

/// <summary>Connect-VsphereServer: log in (or join an existing session) and return the connection.</summary>
public static class ConnectVsphereServer
{
    /// <summary>The connection. Logging in changes nothing on the server, so nothing is asked first (as Connect-VIServer).</summary>
    public static async Task<VsphereConnection?> RunAsync(VsphereConnectOptions options, IOperationHost host, CancellationToken ct)
    {
        VsphereServerAddress.Parse(options.Server);
        return await VsphereConnection.ConnectAsync(options, host, ct).ConfigureAwait(false);
    }
}
