using VsphereK8sStorage.Vsphere.Managed;

namespace VsphereK8sStorage.Vsphere.Objects;

/// <summary>
/// A VM's advanced settings (<c>config.extraConfig</c>). The last entry for a key wins: a real vCenter keeps
/// one entry per key, but vcsim appends a new entry on every reconfigure, so reading the first would see
/// the oldest value.
/// </summary>
internal static class ExtraConfig
{
    public const string DiskEnableUuid = "disk.enableUUID";

    /// <summary>The value written to enable it, as VMware's documentation and govc write it.</summary>
    public const string Enabled = "TRUE";

    /// <summary>The last value of <paramref name="key"/> (keys compare case-insensitively, as the VMX file does), or null.</summary>
    public static string? LastValue(IEnumerable<OptionValue> optionValues, string key)
    {
        string? value = null;
        foreach (var option in optionValues)
        {
            if (string.Equals(option.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = option.Value;
            }
        }

        return value;
    }

    /// <summary>
    /// Whether a VMX boolean reads as true. The VMX parser accepts TRUE/true, 1 and yes in any case;
    /// anything else (including an absent key) is false.
    /// </summary>
    public static bool IsTrue(string? value) =>
        value is not null && (value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Trim() == "1"
            || value.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase));
}
