using System;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Vsphere;

/// <summary>
/// Which vCenter connection a command uses, decided as PowerCLI decides it: an explicit server (a connection, or
/// the name of the default connection), else the default connection; with a credential, the command connects to
/// the named server itself. Hosts pass what was given and the session's default connection; the rules and the
/// errors are here.
/// </summary>
public static class VsphereServerChoice
{
    /// <summary>
    /// The connection to use, or null when the command must connect itself (a server name with a credential).
    /// <paramref name="certificateOption"/> names the certificate option given (Thumbprint, SkipCertificateCheck), if any.
    /// </summary>
    public static VsphereConnection? Choose(object? server, bool credential, string? certificateOption, VsphereConnection? defaultConnection)
    {
        if (credential)
        {
            if (server is null || server is VsphereConnection)
            {
                throw new InvalidParameterException(
                    "VsphereCredentialWithoutServer", "Credential",
                    $"{Param.Name("Credential")} connects to the server that {Param.Name("Server")} names; give {Param.Name("Server")} with a host name (or leave out {Param.Name("Credential")} to use the current connection).");
            }

            return null;
        }

        if (certificateOption is not null)
        {
            throw new InvalidParameterException(
                "VsphereCertificateOptionWithoutCredential", certificateOption,
                $"{Param.Name("Thumbprint")} and {Param.Name("SkipCertificateCheck")} apply when connecting: use them with {Param.Name("Server")} and {Param.Name("Credential")}, or with {Param.Command("Connect-VsphereServer")}.");
        }

        switch (server)
        {
            case VsphereConnection given:
                return given;
            case null when defaultConnection is { IsConnected: true }:
                return defaultConnection;
            case null:
                throw new VsphereK8sException(
                    "VsphereNotConnected", ErrorKind.InvalidOperation,
                    $"Not connected to a vCenter: run {Param.Command("Connect-VsphereServer")} {Param.Name("Server")} <host> {Param.Name("Credential")} (Get-Credential) first, or pass {Param.Name("Server")} and {Param.Name("Credential")}.");
            case string name when defaultConnection is { IsConnected: true } && SameServer(defaultConnection, name):
                return defaultConnection;
            case string name:
                throw new VsphereK8sException(
                    "VsphereNotConnected", ErrorKind.InvalidOperation,
                    $"Not connected to {name}: run {Param.Command("Connect-VsphereServer")} {Param.Name("Server")} {name} {Param.Name("Credential")} (Get-Credential), or pass {Param.Name("Credential")} to connect for this command.", name);
            default:
                throw new InvalidParameterException(
                    "VsphereServerInvalid", "Server",
                    $"{Param.Name("Server")} takes a connection from {Param.Command("Connect-VsphereServer")} or a server name, not a {server.GetType().Name}.");
        }
    }

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
}
