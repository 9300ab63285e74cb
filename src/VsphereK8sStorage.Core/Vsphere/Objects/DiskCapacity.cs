using System.Globalization;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Vsphere.Objects;

/// <summary>
/// A disk size as a person writes it, converted to the unit a vSphere API takes (KiB for VMDKs, MiB for
/// first-class disks), rounding up to whole units. Three spellings mean the same thing in every host: a
/// Kubernetes quantity (<c>2Gi</c>, <c>500M</c>), a number of bytes (<c>10737418240</c>, which is what a
/// computed PowerShell size such as <c>(5 * 1GB)</c> arrives as), and PowerShell's and vSphere's byte units
/// (<c>10GB</c>, <c>1.5TB</c>, also <c>10GiB</c>), which count in powers of 1024 as PowerShell's <c>10GB</c>
/// literal, PowerCLI's <c>CapacityGB</c> and govc's sizes do.
/// </summary>
/// <remarks>
/// Limits: at least 1 MiB (vSphere rounds smaller disks up, and a smaller size is always a mistake such as
/// a missing unit) and at most 62 TB (62 TiB), VMFS's largest virtual disk; and no more than the datastore's
/// free space, checked before anything is created.
/// </remarks>
internal static class DiskCapacity
{
    /// <summary>The smallest disk accepted: 1 MiB.</summary>
    public const long MinimumBytes = 1L << 20;

    /// <summary>The largest virtual disk VMFS holds: 62 TB, counted as vSphere counts it (62 × 2^40 bytes).</summary>
    public const long MaximumBytes = 62L << 40;

    /// <summary>The size in bytes, refused (naming <paramref name="parameter"/>) when it is no size, under 1 MiB or over 62 TB.</summary>
    public static long ToBytes(string capacity, string parameter)
    {
        var text = capacity?.Trim() ?? string.Empty;
        if (!Quantity.TryParse(ByteUnitAsQuantity(text), out var quantity, out var error))
        {
            throw new InvalidParameterException(
                "DiskCapacityInvalid", parameter,
                MessageText.Sentence($"The capacity '{MessageText.Printable(capacity, 100)}' is not a size: {error}"), capacity);
        }

        var bytes = quantity.Value;
        if (bytes.Sign <= 0)
        {
            throw new InvalidParameterException("DiskCapacityInvalid", parameter, $"The capacity '{text}' must be more than zero, such as 2Gi or 2GB.", capacity);
        }

        if (bytes < MinimumBytes)
        {
            throw new InvalidParameterException(
                "DiskCapacityTooSmall", parameter,
                $"The capacity '{text}' is {bytes.ToString(CultureInfo.InvariantCulture)} bytes, less than the smallest disk (1 MiB){(text.Length > 0 && text.All(char.IsDigit) ? $"; give a unit, such as {text}Gi or {text}GB" : string.Empty)}.", capacity);
        }

        if (bytes > MaximumBytes)
        {
            throw new InvalidParameterException(
                "DiskCapacityTooLarge", parameter,
                $"The capacity '{text}' is more than 62 TB (62 TiB), the largest virtual disk VMFS holds; nothing was created. Split the data over several disks.", capacity);
        }

        return (long)bytes;
    }

    /// <summary>Whole <paramref name="unitBytes"/> units, rounded up; a warning says so when rounding changed the size.</summary>
    public static long ToUnits(string capacity, long unitBytes, string unitName, string parameter, IOperationHost host)
    {
        var bytes = ToBytes(capacity, parameter);
        var units = Math.DivRem(bytes, unitBytes, out var remainder);
        if (remainder != 0)
        {
            units += 1;
            host.WriteWarning($"The capacity {capacity} is not a whole number of {unitName}; the disk gets {units.ToString(CultureInfo.InvariantCulture)} {unitName} ({(units * unitBytes).ToString(CultureInfo.InvariantCulture)} bytes).");
        }

        return units;
    }

    /// <summary>Refuses a disk larger than the datastore's free space, before anything is created.</summary>
    public static void CheckFreeSpace(long bytes, long freeSpaceBytes, string datastore, string target, string parameter)
    {
        if (bytes > freeSpaceBytes)
        {
            throw new InvalidParameterException(
                "DiskCapacityExceedsFreeSpace", parameter,
                $"{target} would be {ToQuantity(bytes)}, more than the {ToQuantity(freeSpaceBytes)} free on datastore {datastore}; nothing was created. Free space there, or pick another datastore ({Param.Command("Get-VsphereDatastore")} shows their free space).",
                target);
        }
    }

    /// <summary>The size in Kubernetes' binary form (<c>2Gi</c>), the form a PersistentVolume's capacity takes.</summary>
    public static string ToQuantity(long bytes) => Quantity.FromUnits(bytes, QuantityFormat.BinarySI).ToCanonicalString();

    // "10GB", "1.5tb", "10GiB", "512KB" → "10Gi", "1.5Ti", "10Gi", "512Ki": byte units count in powers of 1024.
    private static string ByteUnitAsQuantity(string text)
    {
        if (text.Length < 3 || char.ToUpperInvariant(text[text.Length - 1]) != 'B')
        {
            return text;
        }

        var stem = text.Substring(0, text.Length - 1);
        if (stem.EndsWith("i", StringComparison.OrdinalIgnoreCase))
        {
            stem = stem.Substring(0, stem.Length - 1);
        }

        var unit = char.ToUpperInvariant(stem[stem.Length - 1]);
        var number = stem.Substring(0, stem.Length - 1);
        return "KMGTP".IndexOf(unit) >= 0 && number.Length > 0 && (char.IsDigit(number[number.Length - 1]) || number[number.Length - 1] == '.')
            ? number + unit + "i"
            : text;
    }
}
