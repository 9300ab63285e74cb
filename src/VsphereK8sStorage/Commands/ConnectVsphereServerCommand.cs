using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Connect-VsphereServer: logs in to vCenter (or joins an existing session, such as PowerCLI's) and adds the
/// connection to the default connections of the other vSphere cmdlets ($DefaultVsphereServers; the last one made is
/// $DefaultVsphereServer). Like Connect-VIServer it changes nothing on the server, so it has no -WhatIf.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "VsphereServer", DefaultParameterSetName = ParameterSets.Credential, HelpUri = HelpLinks.Help + "Connect-VsphereServer.md")]
[OutputType(typeof(VsphereConnection))]
public sealed class ConnectVsphereServerCommand : VsphereK8sCmdlet
{
    public static class ParameterSets
    {
        public const string Credential = "Credential";
        public const string Session = "Session";
    }

    /// <summary>vCenter's host name or address, optionally with :port.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.Credential)]
    [Parameter(Position = 0, ParameterSetName = ParameterSets.Session)]
    [ValidateNotNullOrEmpty]
    public string Server { get; set; } = null!;

    /// <summary>User name and password.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Credential)]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    /// <summary>An existing session: a PowerCLI VIServer object (its ServiceUri and SessionSecret are used), or a session cookie.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Session, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object Session { get; set; } = null!;

    /// <summary>The SHA-1 (40 hex digits) or SHA-256 (64) thumbprint the server's certificate must have (pins it instead of trusting a CA).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Thumbprint { get; set; }

    /// <summary>Do not check the server's certificate (warns; for labs only).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    protected override void ProcessRecord()
    {
        var options = new VsphereConnectOptions { Thumbprint = Thumbprint, SkipCertificateCheck = SkipCertificateCheck.IsPresent };
        options = ParameterSetName == ParameterSets.Credential
            ? options with { Server = Server, Credential = Credential.GetNetworkCredential() }
            : FromSession(options);

        var connection = RunCore((host, ct) => ConnectVsphereServer.RunAsync(options, host, ct));
        if (connection is null)
        {
            return;
        }

        VsphereCmdlet.SetDefaultConnections(SessionState, VsphereServerChoice.AfterConnect(VsphereCmdlet.DefaultConnections(SessionState), connection), connection);
        WriteObject(connection);
    }

    /// <summary>Reads a PowerCLI VIServer by its properties (no compile-time PowerCLI dependency), or takes a cookie string.</summary>
    private VsphereConnectOptions FromSession(VsphereConnectOptions options)
    {
        if (VsphereCmdlet.Unwrap(Session) is string cookie)
        {
            if (string.IsNullOrEmpty(Server))
            {
                ThrowTerminatingError(ErrorMapping.ToErrorRecord(new InvalidParameterException(
                    "VsphereSessionWithoutServer", "Server", "A session cookie does not say which server it belongs to: give -Server too.")));
            }

            return options with { Server = Server, SessionCookie = cookie };
        }

        var session = PSObject.AsPSObject(Session);
        var serviceUri = session.Properties["ServiceUri"]?.Value?.ToString();
        var secret = session.Properties["SessionSecret"]?.Value?.ToString();
        if (string.IsNullOrEmpty(secret) || (string.IsNullOrEmpty(serviceUri) && string.IsNullOrEmpty(Server)))
        {
            ThrowTerminatingError(ErrorMapping.ToErrorRecord(new InvalidParameterException(
                "VsphereSessionInvalid", "Session",
                "-Session takes a PowerCLI server object (from Connect-VIServer, with ServiceUri and SessionSecret) or a vmware_soap_session cookie; this object has neither.")));
        }

        return options with { Server = string.IsNullOrEmpty(Server) ? serviceUri! : Server, SessionCookie = secret };
    }
}
