using System.Globalization;

namespace VsphereK8sStorage.Text;

/// <summary>
/// The one place that makes text from elsewhere (a server's message, a user's value, an exception) fit a
/// one-line message: first line only, whitespace collapsed, control characters removed, length bounded.
/// </summary>
public static class MessageText
{
    /// <summary>The text up to its first line break; <paramref name="trimPeriod"/> drops a final '.' so the text can be quoted mid-sentence.</summary>
    public static string FirstLine(string message, bool trimPeriod = false)
    {
        var end = message.IndexOfAny(new[] { '\r', '\n' });
        var line = end < 0 ? message : message.Substring(0, end);
        return trimPeriod ? line.TrimEnd('.') : line;
    }

    /// <summary>Every line joined into one, each trimmed, then bounded to <paramref name="maxLength"/> characters.</summary>
    public static string OneLine(string? text, int maxLength)
    {
        var line = string.Join(" ", (text ?? string.Empty).Split(new[] { '\r', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim())).Trim();
        return Bounded(line, maxLength);
    }

    /// <summary>The text as a whole sentence: a '.' is added unless it already ends in '.', '?' or '!'.</summary>
    public static string Sentence(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length > 0 && ".?!".IndexOf(trimmed[trimmed.Length - 1]) >= 0 ? trimmed : trimmed + ".";
    }

    /// <summary>Server-supplied text without what a terminal or a log must not receive (control characters), bounded.</summary>
    public static string Printable(string? text, int maxLength = 400)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return Bounded(clean, maxLength);
    }

    /// <summary>
    /// At most <paramref name="maxLength"/> characters of <paramref name="text"/>, then "…"; with
    /// <paramref name="sayLength"/>, "... (N characters)" so the reader knows how much was left out.
    /// </summary>
    public static string Bounded(string text, int maxLength, bool sayLength = false)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        return sayLength
            ? text.Substring(0, maxLength) + $"... ({text.Length.ToString(CultureInfo.InvariantCulture)} characters)"
            : text.Substring(0, maxLength) + "…";
    }
}
