using System.Text.RegularExpressions;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// Kubernetes' name and label syntax (apimachinery's validation), each check returning a message
/// that says what a valid value looks like, or null when the value is valid.
/// </summary>
public static class KubernetesNames
{
    private static readonly Regex Dns1123Label = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant);
    private static readonly Regex Dns1123Subdomain = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant);
    private static readonly Regex QualifiedNamePart = new("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$", RegexOptions.CultureInvariant);

    /// <summary>Names of volumes, claims, classes and nodes: DNS-1123 subdomains.</summary>
    public static string? CheckSubdomain(string value)
    {
        if (value.Length == 0)
        {
            return "a name cannot be empty";
        }

        if (value.Length > 253 || !Dns1123Subdomain.IsMatch(value))
        {
            return $"'{value}' is not a valid name: use at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";
        }

        return null;
    }

    /// <summary>Namespaces: DNS-1123 labels.</summary>
    public static string? CheckLabelName(string value)
    {
        if (value.Length == 0 || value.Length > 63 || !Dns1123Label.IsMatch(value))
        {
            return $"'{value}' is not a valid namespace: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit";
        }

        return null;
    }

    /// <summary>Label and annotation keys: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static string? CheckQualifiedName(string value)
    {
        var slash = value.IndexOf('/');
        var name = slash < 0 ? value : value.Substring(slash + 1);
        if (slash >= 0)
        {
            var prefix = value.Substring(0, slash);
            if (prefix.Length == 0 || CheckSubdomain(prefix) is not null)
            {
                return $"'{value}' is not a valid key: the part before '/' must be a DNS subdomain such as example.com";
            }
        }

        if (name.Length == 0 || name.Length > 63 || !QualifiedNamePart.IsMatch(name))
        {
            return $"'{value}' is not a valid key: the name part must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
        }

        return null;
    }

    /// <summary>Label values: empty, or at most 63 letters, digits, '-', '_', '.', starting and ending alphanumeric.</summary>
    public static string? CheckLabelValue(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > 63 || !QualifiedNamePart.IsMatch(value))
        {
            return $"'{value}' is not a valid label value: use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
        }

        return null;
    }
}
