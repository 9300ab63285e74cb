using System.Text.RegularExpressions;

namespace VsphereK8sStorage.Kubernetes.Yaml;

/// <summary>How YAML resolves a plain (unquoted) scalar; quoted scalars are always strings.</summary>
public enum ScalarKind
{
    String,
    Null,
    Bool,
    Int,
    Float,
}

/// <summary>
/// Plain-scalar resolution as Kubernetes reads YAML: through go-yaml v2, so YAML 1.1 forms count
/// ("on", "yes" and "y" are booleans, "0o17" and "0b101" integers). The manifest reader types scalars
/// with it, and the writers quote every string it would misread, so what we write reads back as written.
/// </summary>
public static class YamlScalars
{
    private static readonly Regex IntPattern = new(@"^[-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+)$", RegexOptions.CultureInvariant);
    // Every character an int or float form above can hold; anything else ("1Gi", "5m") is a string at once.
    private static readonly System.Buffers.SearchValues<char> NumberCharacters = System.Buffers.SearchValues.Create("0123456789abcdefABCDEFxXoObB_+-.eEinfINFaA");
    private static readonly Regex FloatPattern = new(@"^([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant);

    public static ScalarKind Resolve(string plain)
    {
        switch (plain)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return ScalarKind.Null;
            case "true":
            case "True":
            case "TRUE":
            case "false":
            case "False":
            case "FALSE":
            case "yes":
            case "Yes":
            case "YES":
            case "no":
            case "No":
            case "NO":
            case "on":
            case "On":
            case "ON":
            case "off":
            case "Off":
            case "OFF":
            case "y":
            case "Y":
            case "n":
            case "N":
                return ScalarKind.Bool;
        }

        var first = plain[0];
        if (!(char.IsDigit(first) || first == '-' || first == '+' || first == '.'))
        {
            return ScalarKind.String;
        }

        if (plain.AsSpan().IndexOfAnyExcept(NumberCharacters) >= 0)
        {
            return ScalarKind.String;
        }

        if (IntPattern.IsMatch(plain))
        {
            return ScalarKind.Int;
        }

        return FloatPattern.IsMatch(plain) ? ScalarKind.Float : ScalarKind.String;
    }

    /// <summary>True when <paramref name="text"/>, written plain, would read back as something other than this string.</summary>
    public static bool NeedsQuotes(string text) => text.Length == 0 || Resolve(text) != ScalarKind.String;
}
