using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>Properties of quantities over generated values, computed independently of the parser.</summary>
public sealed class QuantityPropertyTests
{
    private static readonly (string Suffix, int Radix, int Exponent)[] Suffixes =
    {
        ("", 10, 0), ("n", 10, -9), ("u", 10, -6), ("m", 10, -3), ("k", 10, 3), ("M", 10, 6), ("G", 10, 9),
        ("T", 10, 12), ("P", 10, 15), ("E", 10, 18), ("Ki", 2, 10), ("Mi", 2, 20), ("Gi", 2, 30), ("Ti", 2, 40),
        ("Pi", 2, 50), ("e3", 10, 3), ("e-2", 10, -2), ("e7", 10, 7),
    };

    /// <summary>The value of whole.fraction×suffix, computed as a rational and rounded up to nano-units.</summary>
    private static BigInteger ExpectedNanos(ulong whole, uint fraction, int fractionDigits, (string Suffix, int Radix, int Exponent) suffix)
    {
        var fractionText = fractionDigits == 0 ? string.Empty : (fraction % BigInteger.Pow(10, fractionDigits)).ToString().PadLeft(fractionDigits, '0');
        var numerator = BigInteger.Parse(whole + fractionText, CultureInfo.InvariantCulture) * BigInteger.Pow(10, 9);
        var denominator = BigInteger.Pow(10, fractionDigits);
        if (suffix.Radix == 2)
        {
            numerator *= BigInteger.Pow(2, suffix.Exponent);
        }
        else if (suffix.Exponent >= 0)
        {
            numerator *= BigInteger.Pow(10, suffix.Exponent);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -suffix.Exponent);
        }

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var value = remainder.IsZero ? quotient : quotient + 1;
        var cap = (BigInteger)long.MaxValue * BigInteger.Pow(10, 9);
        return suffix.Radix == 2 && value > cap ? cap : value;
    }

    private static string Text(ulong whole, uint fraction, int fractionDigits, string suffix) =>
        fractionDigits == 0
            ? whole + suffix
            : whole + "." + (fraction % BigInteger.Pow(10, fractionDigits)).ToString().PadLeft(fractionDigits, '0') + suffix;

    [Property(MaxTest = 2000)]
    public bool Parsing_matches_exact_rational_arithmetic(ulong whole, uint fraction, byte digits, byte suffixIndex)
    {
        var suffix = Suffixes[suffixIndex % Suffixes.Length];
        var fractionDigits = digits % 12;
        var text = Text(whole, fraction, fractionDigits, suffix.Suffix);
        return Quantity.Parse(text).Nanos == ExpectedNanos(whole, fraction, fractionDigits, suffix);
    }

    [Property(MaxTest = 2000)]
    public bool Comparison_agrees_with_the_exact_values(ulong a, ulong b, byte sa, byte sb, uint fa, byte da)
    {
        var suffixA = Suffixes[sa % Suffixes.Length];
        var suffixB = Suffixes[sb % Suffixes.Length];
        var left = Quantity.Parse(Text(a, fa, da % 6, suffixA.Suffix));
        var right = Quantity.Parse(Text(b, 0, 0, suffixB.Suffix));
        var expected = ExpectedNanos(a, fa, da % 6, suffixA).CompareTo(ExpectedNanos(b, 0, 0, suffixB));
        return System.Math.Sign(left.CompareTo(right)) == System.Math.Sign(expected);
    }

    [Property(MaxTest = 2000)]
    public bool Canonical_form_parses_back_to_the_same_value(ulong whole, uint fraction, byte digits, byte suffixIndex, bool negative)
    {
        var suffix = Suffixes[suffixIndex % Suffixes.Length];
        var text = (negative ? "-" : string.Empty) + Text(whole, fraction, digits % 10, suffix.Suffix);
        var quantity = Quantity.Parse(text);
        return Quantity.Parse(quantity.ToCanonicalString()) == quantity;
    }

    [Property(MaxTest = 1000)]
    public bool Binary_suffixes_are_powers_of_1024(uint n)
    {
        return Quantity.Parse(n + "Mi") == Quantity.Parse((BigInteger)n * 1024 + "Ki")
            && Quantity.Parse(n + "Gi") == Quantity.Parse((BigInteger)n * 1024 * 1024 + "Ki")
            && Quantity.Parse(n + "k") == Quantity.Parse(n + "e3")
            && Quantity.Parse(n + "G") == Quantity.Parse((BigInteger)n * 1000 + "M");
    }
}
