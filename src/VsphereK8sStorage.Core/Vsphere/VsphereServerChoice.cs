using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Vsphere;

/// <summary>What a command does with the vCenters it runs on: reads may run on several, changes on one.</summary>
public enum VsphereServerUse
{
    Read,
    Change,
}

/// <summary>
/// Which vCenter connections a command uses, decided as PowerCLI decides it. Several connections can be open at
/// once: every one Connect-VsphereServer makes joins the default connections (<c>$DefaultVsphereServers</c>, as
/// PowerCLI's <c>$DefaultVIServers</c>), and the last one made is <c>$DefaultVsphereServer</c>. An explicit server
/// (connections, or names of default connections, with wildcards) wins; without one, PowerCLI runs a command on
/// every default server. Here reads do the same (each connection's results in turn), while a change with several
/// default connections and none named is refused rather than made on every vCenter at once; with a credential,
/// the command connects to the one named server itself. Hosts pass what was given and the session's default
/// connections; the rules and the errors are here.
/// </summary>
public static class VsphereServerChoice
{
    /// <summary>
    /// The connection to use, or null when the command must connect itself (a server name with a credential).
    /// <paramref name="certificateOption"/> names the certificate option given (Thumbprint, SkipCertificateCheck), if any.
    /// </summary>
    public static VsphereConnection? Choose(object? server, bool credential, string? certificateOption, VsphereConnection? defaultConnection) =>
        ChooseAll(server is null ? Array.Empty<object>() : new[] { server }, credential, certificateOption, defaultConnection is null ? Array.Empty<VsphereConnection>() : new[] { defaultConnection }, VsphereServerUse.Change)?[0];

    /// <summary>
    /// The connections to use, in the order given (or the order they were made), each once; null when the command
    /// must connect itself (one server name with a credential).
    /// </summary>
    public static IReadOnlyList<VsphereConnection>? ChooseAll(
        IReadOnlyList<object> servers, bool credential, string? certificateOption, IReadOnlyList<VsphereConnection> defaults, VsphereServerUse use)
    {
        if (credential)
        {
            if (servers.Count != 1 || servers[0] is not string)
            {
                throw new InvalidParameterException(
                    "VsphereCredentialWithoutServer", "Credential",
                    $"{Param.Name("Credential")} connects to the one server that {Param.Name("Server")} names; give {Param.Name("Server")} with one host name (or leave out {Param.Name("Credential")} to use the current connections).");
            }

            return null;
        }

        if (certificateOption is not null)
        {
            throw new InvalidParameterException(
                "VsphereCertificateOptionWithoutCredential", certificateOption,
                $"{Param.Name("Thumbprint")} and {Param.Name("SkipCertificateCheck")} apply when connecting: use them with {Param.Name("Server")} and {Param.Name("Credential")}, or with {Param.Command("Connect-VsphereServer")}.");
        }

        var live = defaults.Where(c => c.IsConnected).Distinct().ToList();
        if (servers.Count == 0)
        {
            if (live.Count == 0)
            {
                throw new VsphereK8sException(
                    "VsphereNotConnected", ErrorKind.InvalidOperation,
                    $"Not connected to a vCenter: run {Param.Command("Connect-VsphereServer")} {Param.Name("Server")} <host> {Param.Name("Credential")} (Get-Credential) first, or pass {Param.Name("Server")} and {Param.Name("Credential")}.");
            }

            if (live.Count > 1 && use == VsphereServerUse.Change)
            {
                throw new InvalidParameterException(
                    "VsphereServerAmbiguous", "Server",
                    $"Connected to {live.Count} vCenters ({Names(live)}): say which one this change is for with {Param.Name("Server")}. Reads run on every connected vCenter; changes run on one.");
            }

            return live;
        }

        var chosen = new List<VsphereConnection>();
        foreach (var server in servers)
        {
            switch (server)
            {
                case VsphereConnection given:
                    chosen.Add(given);
                    break;
                case string name:
                    var matches = live.Where(c => Matches(c, name)).ToList();
                    if (matches.Count == 0)
                    {
                        throw new VsphereK8sException(
                            "VsphereNotConnected", ErrorKind.InvalidOperation,
                            live.Count == 0 || !NamePattern.Create(name).HasWildcards
                                ? $"Not connected to {name}: run {Param.Command("Connect-VsphereServer")} {Param.Name("Server")} {name} {Param.Name("Credential")} (Get-Credential), or pass {Param.Name("Credential")} to connect for this command.{Connected(live)}"
                                : $"No connected vCenter matches '{name}'.{Connected(live)}",
                            name);
                    }

                    chosen.AddRange(matches);
                    break;
                default:
                    throw new InvalidParameterException(
                        "VsphereServerInvalid", "Server",
                        $"{Param.Name("Server")} takes connections from {Param.Command("Connect-VsphereServer")} or server names, not a {server.GetType().Name}.");
            }
        }

        chosen = chosen.Distinct().ToList();
        if (chosen.Count > 1 && use == VsphereServerUse.Change)
        {
            throw new InvalidParameterException(
                "VsphereServerAmbiguous", "Server",
                $"{Param.Name("Server")} names {chosen.Count} vCenters ({Names(chosen)}); a change runs on one: name one server.");
        }

        return chosen;
    }

    /// <summary>The default connections after <paramref name="added"/> connected: closed ones and an older one to the same server as the same user drop out, and it comes last.</summary>
    public static IReadOnlyList<VsphereConnection> AfterConnect(IEnumerable<VsphereConnection> defaults, VsphereConnection added) =>
        defaults
            .Where(c => c.IsConnected && !ReferenceEquals(c, added)
                && !(string.Equals(c.Name, added.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(c.User, added.User, StringComparison.OrdinalIgnoreCase)))
            .Distinct()
            .Append(added)
            .ToList();

    /// <summary>The default connections still open after a disconnect.</summary>
    public static IReadOnlyList<VsphereConnection> AfterDisconnect(IEnumerable<VsphereConnection> defaults) =>
        defaults.Where(c => c.IsConnected).Distinct().ToList();

    private static bool Matches(VsphereConnection connection, string name)
    {
        var pattern = NamePattern.Create(name);
        if (pattern.HasWildcards)
        {
            return pattern.IsMatch(connection.Name) || pattern.IsMatch(connection.Address.Host);
        }

        try
        {
            var address = VsphereServerAddress.Parse(name);
            return string.Equals(address.DisplayName, connection.Name, StringComparison.OrdinalIgnoreCase);
        }
        catch (VsphereK8sException)
        {
            return false;
        }
    }

    private static string Names(IEnumerable<VsphereConnection> connections) => string.Join(", ", connections.Select(c => c.Name));

    private static string Connected(IReadOnlyList<VsphereConnection> live) =>
        live.Count == 0 ? string.Empty : $" Connected now: {Names(live)}.";
}
