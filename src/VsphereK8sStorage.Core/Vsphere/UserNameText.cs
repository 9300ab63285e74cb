using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Vsphere;

/// <summary>
/// A user name as messages show it. A string with a character that separates a user from a password
/// (<c>admin:S3cr3t</c>, as curl and URLs write them) or with whitespace may hold a password, so it is never
/// printed: messages say which separator it has instead. Domain forms (<c>DOMAIN\user</c>, <c>user@vsphere.local</c>)
/// print as given.
/// </summary>
internal static class UserNameText
{
    private static readonly char[] Separators = { ':', ';', ',', '|' };

    /// <summary>The name in quotes, or a description that does not repeat it.</summary>
    public static string Quoted(string? userName)
    {
        var name = userName ?? string.Empty;
        var separator = name.FirstOrDefault(c => Separators.Contains(c) || char.IsWhiteSpace(c));
        if (separator != default(char))
        {
            var shown = char.IsWhiteSpace(separator) ? "whitespace" : $"'{separator}'";
            return $"the given user name (not shown: it contains {shown}, as a user name with a password would; give the password separately)";
        }

        return $"'{MessageText.Printable(name, 100)}'";
    }
}
