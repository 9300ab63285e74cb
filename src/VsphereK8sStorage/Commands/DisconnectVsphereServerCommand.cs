using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Disconnect-VsphereServer: logs out of vCenter (ending the session). -Server takes connections or names of default
/// connections, with wildcards (-Server * closes them all); without it, $DefaultVsphereServer. Closed connections
/// leave $DefaultVsphereServers, and $DefaultVsphereServer becomes the last one still open.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "VsphereServer", SupportsShouldProcess = true, HelpUri = HelpLinks.Help + "Disconnect-VsphereServer.md")]
[OutputType(typeof(VsphereConnection))]
public sealed class DisconnectVsphereServerCommand : VsphereK8sCmdlet
{
    /// <summary>The connections to close, or server names (wildcards allowed) of default connections; $DefaultVsphereServer when left out.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public object[]? Server { get; set; }

    protected override void ProcessRecord()
    {
        var defaults = VsphereCmdlet.DefaultConnections(SessionState);
        var current = VsphereCmdlet.Unwrap(SessionState.PSVariable.GetValue("global:" + VsphereCmdlet.DefaultServerVariable)) as VsphereConnection;
        IReadOnlyList<VsphereConnection> connections;
        try
        {
            var servers = (Server ?? Array.Empty<object>()).Select(VsphereCmdlet.Unwrap).OfType<object>().ToList();
            connections = servers.Count == 0 && current is { IsConnected: true }
                ? new[] { current }
                : VsphereServerChoice.ChooseAll(servers, credential: false, certificateOption: null, defaults, servers.Count == 0 ? VsphereServerUse.Change : VsphereServerUse.Read)!;
        }
        catch (VsphereK8sException refused)
        {
            ThrowTerminatingError(ErrorMapping.ToErrorRecord(refused));
            return;
        }

        foreach (var connection in connections)
        {
            var closed = RunCore((host, ct) => DisconnectVsphereServer.RunAsync(new DisconnectVsphereServerRequest { Connection = connection }, host, ct));
            if (closed is not null)
            {
                WriteObject(closed);
            }
        }

        var open = VsphereServerChoice.AfterDisconnect(defaults);
        VsphereCmdlet.SetDefaultConnections(SessionState, open, current is { IsConnected: true } ? current : open.LastOrDefault());
    }
}
