using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.PowerShell.Tests.Vsphere;

/// <summary>
/// Simulators for the in-process PowerShell tests, started on first use and ended with the test process (they exit
/// with their standard input). <see cref="WhatIf"/> is only for the -WhatIf register, which needs VMs and disks that
/// nothing else changes.
/// </summary>
public static class Vcsim
{
    public const string User = "k8s-admin@vsphere.local";
    public const string Password = "Pa55 w0rd&<\"'";

    private static readonly Lazy<VcsimServer> SharedServer = new(() => VcsimServer.Start(new[] { "-vm", "3" }, User, Password), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<VcsimServer> WhatIfServer = new(() => VcsimServer.Start(new[] { "-vm", "1" }, User, Password), LazyThreadSafetyMode.ExecutionAndPublication);

    public static VcsimServer Shared => SharedServer.Value;

    public static VcsimServer WhatIf => WhatIfServer.Value;

    /// <summary>Why the vSphere cases cannot run here (vcsim not built), or null.</summary>
    public static string? MissingReason => VcsimServer.Binary is null ? "vcsim is not built on this machine: run tests/peers/install-vcsim.sh" : null;

    public static PSCredential Credential(string password = Password)
    {
        var secure = new SecureString();
        foreach (var c in password)
        {
            secure.AppendChar(c);
        }

        return new PSCredential(User, secure);
    }

    /// <summary>$server, $credential and $thumbprint for a script, as a user would have them.</summary>
    public static Dictionary<string, object?> Variables(VcsimServer server) => new()
    {
        ["server"] = server.Server,
        ["credential"] = Credential(),
        ["thumbprint"] = VcsimServer.Thumbprint,
    };

    /// <summary>
    /// Logs in the way another tool (PowerCLI) would, with its own HTTP client, and returns the session cookie, so a
    /// test can hand the cmdlets a session they did not open.
    /// </summary>
    public static string LoginElsewhere(VcsimServer server)
    {
        using var handler = new HttpClientHandler { UseCookies = false, ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == VcsimServer.Thumbprint.Replace(":", string.Empty, StringComparison.Ordinal) };
        using var client = new HttpClient(handler);
        var body = $"""<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><Login xmlns="urn:vim25"><_this type="SessionManager">SessionManager</_this><userName>{SecurityElement.Escape(User)}</userName><password>{SecurityElement.Escape(Password)}</password></Login></soapenv:Body></soapenv:Envelope>""";
        using var response = client.PostAsync(server.Url, new StringContent(body, Encoding.UTF8, "text/xml")).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        foreach (var cookie in response.Headers.GetValues("Set-Cookie"))
        {
            var match = Regex.Match(cookie, "vmware_soap_session=\"?([^\";]+)");
            if (match.Success)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("vcsim set no session cookie");
    }
}
