namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// The <c>vmware_soap_session</c> cookie shared by every round trip of one connection, and a generation
/// number that grows with each new cookie, so concurrent callers that all saw the session end log in once.
/// </summary>
internal sealed class SoapSession
{
    public const string CookieName = "vmware_soap_session";

    private string? cookie;
    private int generation;

    public SoapSession(string? cookie = null)
    {
        if (cookie is not null)
        {
            SetCookie(cookie);
        }
    }

    /// <summary>The cookie value without quotes (as Go's and .NET's cookie parsers keep it), or null before login.</summary>
    public string? Cookie => Volatile.Read(ref cookie);

    public int Generation => Volatile.Read(ref generation);

    public void SetCookie(string value)
    {
        var normalized = Normalize(value);
        if (normalized.Length == 0 || string.Equals(normalized, Cookie, StringComparison.Ordinal))
        {
            return;
        }

        Volatile.Write(ref cookie, normalized);
        Interlocked.Increment(ref generation);
    }

    public void Clear()
    {
        Volatile.Write(ref cookie, null);
        Interlocked.Increment(ref generation);
    }

    /// <summary>
    /// Accepts the forms users meet: <c>vmware_soap_session="52a…"</c>, <c>"52a…"</c> (PowerCLI's SessionSecret)
    /// or the bare value.
    /// </summary>
    public static string Normalize(string value)
    {
        var text = value.Trim();
        var prefix = CookieName + "=";
        if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(prefix.Length);
        }

        var semicolon = text.IndexOf(';');
        if (semicolon >= 0)
        {
            text = text.Substring(0, semicolon);
        }

        return text.Trim().Trim('"');
    }

    /// <summary>The session cookie in a <c>Set-Cookie</c> header, or null when the header sets another cookie.</summary>
    public static string? FromSetCookie(string header)
    {
        var text = header.TrimStart();
        if (!text.StartsWith(CookieName + "=", StringComparison.Ordinal))
        {
            return null;
        }

        var value = Normalize(text);
        return value.Length == 0 ? null : value;
    }
}
