using System.Management.Automation;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>Disconnect-VsphereServer: logs out of vCenter (ending the session) and clears $DefaultVsphereServer when it was that one.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "VsphereServer", SupportsShouldProcess = true)]
[OutputType(typeof(VsphereConnection))]
public sealed class DisconnectVsphereServerCommand : VsphereK8sCmdlet
{
    /// <summary>The connection to close; the default connection when left out.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public VsphereConnection? Server { get; set; }

    protected override void ProcessRecord()
    {
        var variable = "global:" + VsphereCmdlet.DefaultServerVariable;
        var current = VsphereCmdlet.Unwrap(SessionState.PSVariable.GetValue(variable)) as VsphereConnection;
        var connection = Server ?? current;
        if (connection is null)
        {
            ThrowTerminatingError(ErrorMapping.ToErrorRecord(new VsphereK8sException(
                "VsphereNotConnected", ErrorKind.InvalidOperation, "There is no vCenter connection to close: pass -Server, or connect with Connect-VsphereServer first.")));
            return;
        }

        var closed = RunCore((host, ct) => DisconnectVsphereServer.RunAsync(new DisconnectVsphereServerRequest { Connection = connection }, host, ct));
        if (closed is null)
        {
            return;
        }

        if (ReferenceEquals(closed, current))
        {
            SessionState.PSVariable.Remove(variable);
        }

        WriteObject(closed);
    }
}
