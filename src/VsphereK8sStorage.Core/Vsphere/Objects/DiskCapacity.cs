using System.Globalization;
using System.Numerics;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Vsphere.Objects;

/// <summary>
/// A disk size given the way Kubernetes writes it (<c>2Gi</c>, <c>500M</c>, <c>10737418240</c>), converted to
/// the unit a vSphere API takes (KiB for VMDKs, MiB for first-class disks), rounding up to whole units.
/// </summary>
internal static class DiskCapacity
{
    /// <summary>Whole <paramref name="unitBytes"/> units, rounded up; a warning says so when rounding changed the size.</summary>
    public static long ToUnits(string capacity, long unitBytes, string unitName, string parameter, IOperationHost host)
    {
        if (!Quantity.TryParse(capacity?.Trim(), out var quantity, out var error))
        {
            throw new InvalidParameterException("DiskCapacityInvalid", parameter, $"The capacity '{capacity}' is not a size: {error}.", capacity);
        }

        var bytes = quantity.Value;
        if (bytes.Sign <= 0)
        {
            throw new InvalidParameterException("DiskCapacityInvalid", parameter, $"The capacity '{capacity}' must be more than zero, such as 2Gi.", capacity);
        }

        var units = BigInteger.DivRem(bytes, unitBytes, out var remainder);
        if (!remainder.IsZero)
        {
            units += 1;
            host.WriteWarning($"The capacity {capacity} is not a whole number of {unitName}; the disk gets {units.ToString(CultureInfo.InvariantCulture)} {unitName} ({(units * unitBytes).ToString(CultureInfo.InvariantCulture)} bytes).");
        }

        if (units > long.MaxValue / unitBytes)
        {
            throw new InvalidParameterException("DiskCapacityInvalid", parameter, $"The capacity '{capacity}' is larger than any datastore can hold.", capacity);
        }

        return (long)units;
    }

    /// <summary>The size in Kubernetes' binary form (<c>2Gi</c>), the form a PersistentVolume's capacity takes.</summary>
    public static string ToQuantity(long bytes) => Quantity.FromUnits(bytes, QuantityFormat.BinarySI).ToCanonicalString();
}
