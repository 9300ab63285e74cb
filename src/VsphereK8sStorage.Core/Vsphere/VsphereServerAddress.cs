using System.Globalization;

namespace VsphereK8sStorage.Vsphere;

/// <summary>
/// Where vCenter is: <c>vc.example.com</c>, <c>vc.example.com:8443</c>, <c>[fd00::1]:443</c> or a URL such as
/// <c>https://vc.example.com/sdk</c> (PowerCLI's ServiceUri). Always HTTPS: the session cookie and the
/// password must never cross the network in clear text.
/// </summary>
public sealed record VsphereServerAddress(string Host, int Port)
{
    public const int DefaultPort = 443;

    /// <summary>https://host:port/, the base of /sdk and /pbm.</summary>
    public Uri BaseUri => new UriBuilder(Uri.UriSchemeHttps, Host, Port).Uri;

    /// <summary>How the server is named to people: the host, with the port when it is not 443.</summary>
    public string DisplayName => Port == DefaultPort ? Host : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static VsphereServerAddress Parse(string server)
    {
        var text = (server ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            throw Invalid(server ?? string.Empty, "it is empty");
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            {
                throw Invalid(text, "it is not a valid URL");
            }

            if (!string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(text, $"the scheme is {uri.Scheme}, and only https keeps the password and session private");
            }

            if (uri.UserInfo.Length > 0)
            {
                throw Invalid("https://…@" + uri.Host, "it carries a user name or password; pass credentials separately");
            }

            return FromUri(uri);
        }

        if (!Uri.TryCreate("https://" + text, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0 || parsed.AbsolutePath != "/" || parsed.UserInfo.Length > 0 || parsed.Query.Length > 0)
        {
            throw Invalid(text, "it is not a host name or address with an optional :port");
        }

        return FromUri(parsed);
    }

    private static VsphereServerAddress FromUri(Uri uri) =>
        new(uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost, uri.Port);

    private static InvalidParameterException Invalid(string server, string why) =>
        new("VsphereServerInvalid", "Server",
            $"The server '{(server.Length > 100 ? server.Substring(0, 100) + "…" : server)}' cannot be used: {why}. Give a host name or address, optionally with :port (for example vcenter.example.com or 10.0.0.5:443).",
            server);

    public override string ToString() => DisplayName;
}
