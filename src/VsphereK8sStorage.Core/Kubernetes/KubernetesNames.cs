namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// apimachinery's name and label syntax (<c>k8s.io/apimachinery/pkg/util/validation</c>): each check
/// returns the API server's own messages for an invalid value, none for a valid one, so a manifest
/// error reads as <c>kubectl apply</c> would print it.
/// </summary>
public static class KubernetesNames
{
    public const int DnsLabelMaxLength = 63;
    public const int DnsSubdomainMaxLength = 253;
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;

    private const string DnsLabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string DnsSubdomainFormat = DnsLabelFormat + @"(\." + DnsLabelFormat + ")*";
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";

    private const string DnsLabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string DnsSubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string QualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";


    private static readonly string[] None = Array.Empty<string>();

    /// <summary>IsDNS1123Label: namespaces, and the name part of many keys.</summary>
    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        List<string>? errors = null;
        if (value.Length > DnsLabelMaxLength)
        {
            Add(ref errors, MaxLength(DnsLabelMaxLength));
        }

        if (!MatchesDnsLabel(value))
        {
            Add(ref errors, RegexError(DnsLabelMessage, DnsLabelFormat, "my-name", "123-abc"));
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    /// <summary>IsDNS1123Subdomain: names of volumes, claims, classes and nodes (NameIsDNSSubdomain).</summary>
    public static IReadOnlyList<string> IsDns1123Subdomain(string value)
    {
        List<string>? errors = null;
        if (value.Length > DnsSubdomainMaxLength)
        {
            Add(ref errors, MaxLength(DnsSubdomainMaxLength));
        }

        if (!MatchesDnsSubdomain(value))
        {
            Add(ref errors, RegexError(DnsSubdomainMessage, DnsSubdomainFormat, "example.com"));
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    /// <summary>
    /// NameIsDNSSubdomain with prefix=true, for <c>metadata.generateName</c>: a trailing '-' is allowed,
    /// since random characters follow it.
    /// </summary>
    public static IReadOnlyList<string> IsDns1123SubdomainPrefix(string value) =>
        IsDns1123Subdomain(value.EndsWith("-", StringComparison.Ordinal) ? value.Substring(0, value.Length - 1) + "a" : value);

    /// <summary>IsQualifiedName: label and annotation keys, finalizers, provisioner names.</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        // The common case, checked without cutting the string: at most one '/', valid on both sides.
        var cut = value.IndexOf('/');
        if (cut < 0 ? value.Length <= QualifiedNameMaxLength && MatchesQualifiedNamePart(value, 0, value.Length)
            : value.IndexOf('/', cut + 1) < 0 && cut > 0 && cut <= DnsSubdomainMaxLength && IsDnsSubdomain(value, 0, cut)
              && value.Length - cut - 1 <= QualifiedNameMaxLength && MatchesQualifiedNamePart(value, cut + 1, value.Length))
        {
            return None;
        }

        List<string>? errors = null;
        var slash = value.IndexOf('/');
        var slashes = slash < 0 ? 0 : (value.IndexOf('/', slash + 1) < 0 ? 1 : 2);
        string name;
        switch (slashes)
        {
            case 0:
                name = value;
                break;
            case 1:
                var prefix = value.Substring(0, slash);
                name = value.Substring(slash + 1);
                if (prefix.Length == 0)
                {
                    Add(ref errors, "prefix part must be non-empty");
                }
                else
                {
                    foreach (var message in IsDns1123Subdomain(prefix))
                    {
                        Add(ref errors, "prefix part " + message);
                    }
                }

                break;
            default:
                return new[] { "a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')" };
        }

        if (name.Length == 0)
        {
            Add(ref errors, "name part must be non-empty");
        }
        else if (name.Length > QualifiedNameMaxLength)
        {
            Add(ref errors, "name part " + MaxLength(QualifiedNameMaxLength));
        }

        if (!MatchesQualifiedNamePart(name))
        {
            Add(ref errors, "name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    /// <summary>IsValidLabelValue: empty, or at most 63 letters, digits, '-', '_', '.', alphanumeric at both ends.</summary>
    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        List<string>? errors = null;
        if (value.Length > LabelValueMaxLength)
        {
            Add(ref errors, MaxLength(LabelValueMaxLength));
        }

        if (value.Length > 0 && !MatchesQualifiedNamePart(value))
        {
            Add(ref errors, RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    // The patterns above, matched by hand: the reader checks several names per object, and a regular
    // expression costs ten times as much. The tests hold these to the patterns.
    private static bool MatchesDnsLabel(string value) => MatchesDnsLabel(value, 0, value.Length);

    private static bool MatchesDnsLabel(string value, int start, int end)
    {
        if (end <= start || value[start] == '-' || value[end - 1] == '-')
        {
            return false;
        }

        for (var i = start; i < end; i++)
        {
            var c = value[i];
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesDnsSubdomain(string value) => IsDnsSubdomain(value, 0, value.Length);

    private static bool IsDnsSubdomain(string value, int start, int end)
    {
        while (true)
        {
            var dot = value.IndexOf('.', start, end - start);
            var labelEnd = dot < 0 ? end : dot;
            if (!MatchesDnsLabel(value, start, labelEnd))
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            start = dot + 1;
        }
    }

    private static bool MatchesQualifiedNamePart(string value) => MatchesQualifiedNamePart(value, 0, value.Length);

    private static bool MatchesQualifiedNamePart(string value, int start, int end)
    {
        if (end <= start || !IsAlphanumeric(value[start]) || !IsAlphanumeric(value[end - 1]))
        {
            return false;
        }

        for (var i = start; i < end; i++)
        {
            var c = value[i];
            if (!(IsAlphanumeric(c) || c == '-' || c == '_' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlphanumeric(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

    public static string MaxLength(int length) => $"must be no more than {length} characters";


    private static string RegexError(string message, string format, params string[] examples) =>
        // Upstream joins the examples with "', " then " or ", hence the double space.
        $"{message} (e.g. '{string.Join("',  or '", examples)}', regex used for validation is '{format}')";

    private static void Add(ref List<string>? errors, string message) => (errors ??= new List<string>(2)).Add(message);
}
