using System.Text;
using System.Text.RegularExpressions;

namespace VsphereK8sStorage.Text;

/// <summary>
/// PowerShell's wildcard language (<c>*</c>, <c>?</c>, <c>[a-c]</c>, backtick escapes), case-insensitive, for
/// names and inventory paths. In a path a wildcard never crosses a '/': <c>/DC0/vm/k8s/*</c> is the
/// folder's children, as govc reads it. Matching cannot backtrack, so no pattern can take long.
/// </summary>
internal sealed class NamePattern
{
    private readonly Regex? regex;

    private NamePattern(string text, Regex? regex)
    {
        Text = text;
        this.regex = regex;
    }

    public string Text { get; }

    public bool HasWildcards => regex is not null;

    /// <summary>An inventory path (starts with '/') rather than a name.</summary>
    public bool IsPath => Text.StartsWith("/", StringComparison.Ordinal);

    public static NamePattern Create(string text)
    {
        if (!ContainsWildcard(text))
        {
            return new NamePattern(text, null);
        }

        var path = text.StartsWith("/", StringComparison.Ordinal);
        var any = path ? "[^/]" : ".";
        var regex = new StringBuilder("^");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '`' when i + 1 < text.Length:
                    regex.Append(Regex.Escape(text[++i].ToString()));
                    break;
                case '*':
                    regex.Append(any).Append('*');
                    break;
                case '?':
                    regex.Append(any);
                    break;
                case '[':
                    var close = text.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    var set = text.Substring(i + 1, close - i - 1).Replace(@"\", @"\\", StringComparison.Ordinal).Replace("^", @"\^", StringComparison.Ordinal);
                    regex.Append('[').Append(set).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        regex.Append('$');
        try
        {
            return new NamePattern(text, new Regex(regex.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));
        }
        catch (ArgumentException)
        {
            // A bracket set .NET cannot read ("[z-a]"): treat the pattern as literal text.
            return new NamePattern(text, null);
        }
    }

    public static bool ContainsWildcard(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '`':
                    i++;
                    break;
                case '*' or '?' or '[':
                    return true;
            }
        }

        return false;
    }

    public bool IsMatch(string candidate) =>
        regex?.IsMatch(candidate) ?? string.Equals(Unescape(Text), candidate, StringComparison.OrdinalIgnoreCase);

    private static string Unescape(string text) => text.Contains('`', StringComparison.Ordinal) ? Regex.Replace(text, "`(.)", "$1") : text;

    public override string ToString() => Text;
}
