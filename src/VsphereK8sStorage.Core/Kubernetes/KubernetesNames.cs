using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

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

    private static readonly Regex DnsLabel = new("^" + DnsLabelFormat + @"\z", RegexOptions.CultureInvariant);
    private static readonly Regex DnsSubdomain = new("^" + DnsSubdomainFormat + @"\z", RegexOptions.CultureInvariant);
    private static readonly Regex QualifiedNamePart = new("^" + QualifiedNameFormat + @"\z", RegexOptions.CultureInvariant);
    private static readonly Regex LabelValue = new("^" + LabelValueFormat + @"\z", RegexOptions.CultureInvariant);

    private static readonly string[] None = Array.Empty<string>();

    /// <summary>IsDNS1123Label: namespaces, and the name part of many keys.</summary>
    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        List<string>? errors = null;
        if (value.Length > DnsLabelMaxLength)
        {
            Add(ref errors, MaxLength(DnsLabelMaxLength));
        }

        if (!DnsLabel.IsMatch(value))
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

        if (!DnsSubdomain.IsMatch(value))
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
        List<string>? errors = null;
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
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

        if (!QualifiedNamePart.IsMatch(name))
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

        if (!LabelValue.IsMatch(value))
        {
            Add(ref errors, RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    public static string MaxLength(int length) => $"must be no more than {length} characters";


    private static string RegexError(string message, string format, params string[] examples) =>
        // Upstream joins the examples with "', " then " or ", hence the double space.
        $"{message} (e.g. '{string.Join("',  or '", examples)}', regex used for validation is '{format}')";

    private static void Add(ref List<string>? errors, string message) => (errors ??= new List<string>(2)).Add(message);
}
