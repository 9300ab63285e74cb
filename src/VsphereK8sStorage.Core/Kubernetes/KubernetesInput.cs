using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// Checks what a user typed before any request is sent, with the rules the core already holds
/// (<see cref="KubernetesNames"/>, <see cref="Quantity"/>, <see cref="AccessModeNames"/>, <see cref="SelectorSyntax"/>).
/// Each failure is an <see cref="InvalidParameterException"/> that names the parameter and the bad value.
/// </summary>
internal static class KubernetesInput
{
    public static string Name(string kind, string? value)
    {
        if (Problem(KubernetesNames.IsDns1123Subdomain(value ?? string.Empty)) is { } problem)
        {
            throw new InvalidParameterException("InvalidName", "Name", $"Invalid {kind} name '{value}': {problem}.", value);
        }

        return value!;
    }

    /// <summary>apimachinery's messages for a value, joined; null when there are none (the value is valid).</summary>
    public static string? Problem(IReadOnlyList<string> errors) => errors.Count == 0 ? null : string.Join("; ", errors);

    public static string? Namespace(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Problem(KubernetesNames.IsDns1123Label(value)) is { } problem)
        {
            throw new InvalidParameterException("InvalidNamespace", "Namespace", $"Invalid namespace '{value}': {problem}.", value);
        }

        return value;
    }

    /// <summary>A reference to another object by name (a class, a volume, a claim); null and "" pass through.</summary>
    public static string? Reference(string parameter, string what, string? value)
    {
        if (!string.IsNullOrEmpty(value) && Problem(KubernetesNames.IsDns1123Subdomain(value!)) is { } problem)
        {
            throw new InvalidParameterException("InvalidName", parameter, $"Invalid {what} '{value}' ({parameter}): {problem}.", value);
        }

        return value;
    }

    /// <summary>A storage size in Kubernetes' quantity syntax, more than zero (volumes and claims alike, as the API server wants).</summary>
    public static Quantity Capacity(string? value)
    {
        if (!Quantity.TryParse(value, out var quantity, out var error))
        {
            throw new InvalidParameterException("InvalidCapacity", "Capacity", MessageText.Sentence($"Invalid capacity '{value}': {error}"), value);
        }

        if (quantity.Sign <= 0)
        {
            throw new InvalidParameterException("InvalidCapacity", "Capacity", $"Invalid capacity '{value}': it must be greater than zero.", value);
        }

        return quantity;
    }

    /// <summary>API access-mode names (ReadWriteOnce, ...), as the API server spells them; none given means ReadWriteOnce.</summary>
    public static IReadOnlyList<string> AccessModes(IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return new[] { nameof(VsphereK8sStorage.Kubernetes.AccessModes.ReadWriteOnce) };
        }

        var modes = VsphereK8sStorage.Kubernetes.AccessModes.None;
        foreach (var value in values)
        {
            if (!AccessModeNames.TryParse(value, out var mode))
            {
                var suggestion = AccessModeNames.Suggest(value ?? string.Empty);
                throw new InvalidParameterException(
                    "InvalidAccessMode",
                    "AccessMode",
                    $"Invalid access mode '{value}': use one of {string.Join(", ", AccessModeNames.ValidNames)}{(suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)")}.",
                    value);
            }

            modes |= mode;
        }

        if ((modes & VsphereK8sStorage.Kubernetes.AccessModes.ReadWriteOncePod) != 0 && modes != VsphereK8sStorage.Kubernetes.AccessModes.ReadWriteOncePod)
        {
            throw new InvalidParameterException("InvalidAccessMode", "AccessMode", "Invalid access modes: ReadWriteOncePod cannot be combined with other access modes.", string.Join(",", values));
        }

        return modes.ToNames();
    }

    /// <summary>One of a fixed set of values, in any letter case; returns the API spelling.</summary>
    public static string? OneOf(string parameter, string what, string? value, params string[] allowed)
    {
        if (value is null)
        {
            return null;
        }

        return allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidParameterException($"Invalid{parameter}", parameter, $"Invalid {what} '{value}': use one of {string.Join(", ", allowed)}.", value);
    }

    /// <summary>Label keys and values, as metadata.labels holds them.</summary>
    public static IReadOnlyDictionary<string, string> Labels(IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null || labels.Count == 0)
        {
            return ObjectMeta.NoEntries;
        }

        foreach (var (key, value) in labels)
        {
            if ((Problem(KubernetesNames.IsQualifiedName(key)) ?? Problem(KubernetesNames.IsValidLabelValue(value ?? string.Empty))) is { } problem)
            {
                throw new InvalidParameterException("InvalidLabel", "Label", $"Invalid label '{key}={value}': {problem}.", key);
            }
        }

        return labels.OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => l.Value ?? string.Empty, StringComparer.Ordinal);
    }

    /// <summary>An absolute path without '..' elements, as hostPath, local and nfs paths must be.</summary>
    public static string Path(string parameter, string? value, bool absolute)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidParameterException("InvalidPath", parameter, $"Invalid path ({parameter}): it cannot be empty.", value);
        }

        if (value!.Split('/').Contains(".."))
        {
            throw new InvalidParameterException("InvalidPath", parameter, $"Invalid path '{value}' ({parameter}): it must not contain '..'.", value);
        }

        if (absolute && !value.StartsWith("/", StringComparison.Ordinal))
        {
            throw new InvalidParameterException("InvalidPath", parameter, $"Invalid path '{value}' ({parameter}): it must be absolute (start with '/').", value);
        }

        return value;
    }

    /// <summary>Text that must be given and non-blank, such as an NFS server or a CSI volume handle.</summary>
    public static string Required(string parameter, string what, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidParameterException($"Invalid{parameter}", parameter, $"Invalid {what} ({parameter}): it cannot be empty.", value);
        }

        return value!;
    }
}
