using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Operations.Vsphere;

/// <summary>Connect-VsphereServer: log in (or join an existing session) and return the connection.</summary>
public static class ConnectVsphereServer
{
    /// <summary>The connection; null when the user declined (-WhatIf, -Confirm).</summary>
    public static async Task<VsphereConnection?> RunAsync(VsphereConnectOptions options, IOperationHost host, CancellationToken ct)
    {
        var server = VsphereServerAddress.Parse(options.Server);
        var action = options.Credential is { } credential
            ? $"Log in as {credential.UserName} and make this the default vCenter connection"
            : "Join the existing session and make this the default vCenter connection";
        if (!host.ShouldProcess(server.DisplayName, action))
        {
            return null;
        }

        return await VsphereConnection.ConnectAsync(options, host, ct).ConfigureAwait(false);
    }
}
