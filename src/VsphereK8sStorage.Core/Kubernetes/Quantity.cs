using System.Globalization;
using System.Numerics;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>How a quantity was written; Kubernetes keeps it to print the value back in the same style.</summary>
public enum QuantityFormat
{
    /// <summary>Binary suffixes Ki, Mi, Gi, Ti, Pi, Ei.</summary>
    BinarySI,

    /// <summary>Decimal suffixes n, u, m, k, M, G, T, P, E, or none.</summary>
    DecimalSI,

    /// <summary>An exponent such as 1e3 or 5E-2.</summary>
    DecimalExponent,
}

/// <summary>
/// A Kubernetes <c>resource.Quantity</c>: an exact decimal, never floating point.
/// </summary>
/// <remarks>
/// Design: the value is held as a whole number of nano-units (10^-9) in a BigInteger, which is the
/// precision Kubernetes keeps: anything finer is rounded away from zero ("if you ask for some, you
/// get some"). BigInteger keeps values beyond 2^63, such as <c>800E</c>, exact. Binary-suffixed
/// values above 2^63-1 are capped to 2^63-1, as Kubernetes does. Comparison ignores the format,
/// so <c>1Gi</c> equals <c>1024Mi</c> and <c>1k</c> equals <c>1e3</c>.
/// </remarks>
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    // Beyond this decimal exponent the numbers stop being storage sizes and start being denial of service.
    private const int MaxDecimalExponent = 4096;

    // Likewise for length: Kubernetes reads any number of digits, but no size needs more than a few dozen,
    // and a megabyte of digits would cost quadratic time to convert.
    private const int MaxTextLength = 1000;

    private static readonly BigInteger NanosPerUnit = BigInteger.Pow(10, 9);
    private static readonly BigInteger MaxInt64 = new(long.MaxValue);
    private static readonly BigInteger DecimalLimit = new(decimal.MaxValue);

    // The value is held as a decimal when it fits (up to about 79 exabytes), else as a BigInteger: comparing
    // decimals is several times cheaper than comparing BigIntegers, planning a large cluster compares sizes millions
    // of times, and a BigInteger above 2^31 nanos (2 bytes and up) would cost an array per quantity read.
    private readonly BigInteger bigNanos;
    private readonly decimal fastNanos;
    private readonly bool hasFastNanos;
    private readonly string? text;

    private Quantity(BigInteger nanos, QuantityFormat format, string? text)
    {
        hasFastNanos = BigInteger.Abs(nanos) <= DecimalLimit;
        fastNanos = hasFastNanos ? (decimal)nanos : 0m;
        bigNanos = hasFastNanos ? BigInteger.Zero : nanos;
        Format = format;
        this.text = text;
    }

    private Quantity(decimal nanos, QuantityFormat format, string? text)
    {
        hasFastNanos = true;
        fastNanos = nanos;
        Format = format;
        this.text = text;
    }

    // A default Quantity (zero) has neither; it reads as zero either way.
    private BigInteger ExactNanos => hasFastNanos ? new BigInteger(fastNanos) : bigNanos;

    public static Quantity Zero => default;

    public QuantityFormat Format { get; }

    /// <summary>The exact value in units of 10^-9.</summary>
    public BigInteger Nanos => ExactNanos;

    public bool IsZero => hasFastNanos ? fastNanos == 0m : bigNanos.IsZero;

    public int Sign => hasFastNanos ? Math.Sign(fastNanos) : bigNanos.Sign;

    /// <summary>The value rounded to a whole number away from zero, as Kubernetes' <c>Quantity.Value()</c>.</summary>
    public BigInteger Value
    {
        get
        {
            var whole = BigInteger.DivRem(ExactNanos, NanosPerUnit, out var remainder);
            return remainder.IsZero ? whole : whole + remainder.Sign;
        }
    }

    /// <summary>Creates a quantity of whole units in the given format (used by generators and tests).</summary>
    public static Quantity FromUnits(BigInteger units, QuantityFormat format = QuantityFormat.BinarySI) =>
        new(units * NanosPerUnit, format, null);

    public static Quantity Parse(string text)
    {
        if (TryParse(text, out var quantity, out var error))
        {
            return quantity;
        }

        throw new FormatException(error);
    }

    /// <summary>
    /// Parses Kubernetes' quantity grammar: an optional sign, digits with an optional fraction,
    /// then an optional suffix (binary, decimal SI, or an e/E exponent). No surrounding spaces.
    /// </summary>
    public static bool TryParse(string? text, out Quantity quantity, out string error)
    {
        quantity = default;
        error = string.Empty;
        if (text is null || text.Length == 0)
        {
            error = "a quantity cannot be empty; write a number with an optional suffix, such as 5Gi or 500M";
            return false;
        }

        if (text.Length > MaxTextLength)
        {
            error = $"a quantity of {text.Length} characters is too long for this tool (it reads at most {MaxTextLength}); write the size with a suffix, such as 5Gi";
            return false;
        }

        if (TryParseCommon(text, out quantity))
        {
            return true;
        }

        var s = text;
        var pos = 0;
        var negative = false;
        if (s[0] == '-' || s[0] == '+')
        {
            negative = s[0] == '-';
            pos++;
        }

        var intStart = pos;
        while (pos < s.Length && IsDigit(s[pos]))
        {
            pos++;
        }

        var intDigits = s.Substring(intStart, pos - intStart);
        var fracDigits = string.Empty;
        if (pos < s.Length && s[pos] == '.')
        {
            pos++;
            var fracStart = pos;
            while (pos < s.Length && IsDigit(s[pos]))
            {
                pos++;
            }

            fracDigits = s.Substring(fracStart, pos - fracStart);
        }

        // The suffix is a run of suffix letters, then an optional sign and digits (exponents like e-3).
        var suffixStart = pos;
        while (pos < s.Length && "eEinumkKMGTP".IndexOf(s[pos]) >= 0)
        {
            pos++;
        }

        if (pos < s.Length && (s[pos] == '-' || s[pos] == '+'))
        {
            pos++;
        }

        while (pos < s.Length && IsDigit(s[pos]))
        {
            pos++;
        }

        if (pos != s.Length)
        {
            error = $"'{text}' is not a valid quantity: it must be a number with an optional suffix, matching '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (for example 2Gi, 500M, 1.5Ti, 1e9){SuggestForByteUnit(text)}";
            return false;
        }

        var suffix = s.Substring(suffixStart);
        if (!TryInterpretSuffix(suffix, out var radix, out var exponent, out var format))
        {
            error = $"'{text}' is not a valid quantity: unknown suffix '{suffix}'; use Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024), n, u, m, k, M, G, T, P, E (powers of 1000) or an exponent such as e9";
            return false;
        }

        if (radix == 10 && Math.Abs((long)exponent - fracDigits.Length) > MaxDecimalExponent)
        {
            error = $"'{text}' is not a valid quantity for this tool: its exponent is beyond ±{MaxDecimalExponent}";
            return false;
        }

        // Kubernetes takes a digitless number as zero (".", "-", "m"), except where its exact-decimal
        // path has to parse it: a lone point scaled below nano (".e-10") is an error there, so here too.
        var hasPoint = suffixStart > intStart + intDigits.Length;
        if (intDigits.Length == 0 && fracDigits.Length == 0 && hasPoint && radix == 10 && exponent < -9)
        {
            error = $"'{text}' is not a valid quantity: it has no digits; write a number before the suffix, such as 1{suffix}";
            return false;
        }

        var mantissaDigits = intDigits + fracDigits;
        var mantissa = mantissaDigits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(mantissaDigits, NumberStyles.None, CultureInfo.InvariantCulture);
        var scale = fracDigits.Length; // value = mantissa * 10^-scale * radix^exponent

        BigInteger value;
        if (radix == 2)
        {
            var numerator = mantissa * BigInteger.Pow(2, exponent);
            value = ScaleByPowerOfTen(numerator, 9 - scale);
            if (value > MaxInt64 * NanosPerUnit)
            {
                value = MaxInt64 * NanosPerUnit;
            }
        }
        else
        {
            value = ScaleByPowerOfTen(mantissa, 9 - scale + exponent);
        }

        quantity = new Quantity(negative ? -value : value, format, text);
        return true;
    }

    public int CompareTo(Quantity other) =>
        hasFastNanos && other.hasFastNanos ? fastNanos.CompareTo(other.fastNanos) : ExactNanos.CompareTo(other.ExactNanos);

    // A value that fits a decimal never equals one that does not, so each kind hashes its own way.
    public bool Equals(Quantity other) =>
        hasFastNanos && other.hasFastNanos ? fastNanos == other.fastNanos : ExactNanos.Equals(other.ExactNanos);

    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    public override int GetHashCode() => hasFastNanos || bigNanos.IsZero ? fastNanos.GetHashCode() : bigNanos.GetHashCode();

    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <summary>The text the user wrote, or the canonical form for computed quantities.</summary>
    public override string ToString() => text ?? ToCanonicalString();

    /// <summary>
    /// Kubernetes' canonical spelling: binary values print with the largest binary suffix that keeps
    /// the number whole (<c>1.5Gi</c> → <c>1536Mi</c>), unless they are below 1024 or fractional,
    /// which print in decimal; decimal values use the largest multiple-of-three exponent that keeps
    /// the number whole (<c>1.5</c> → <c>1500m</c>, <c>1000</c> → <c>1k</c>).
    /// </summary>
    public string ToCanonicalString()
    {
        var nanos = ExactNanos;
        if (nanos.IsZero)
        {
            return "0";
        }

        var sign = nanos.Sign < 0 ? "-" : string.Empty;
        var magnitude = BigInteger.Abs(nanos);
        var format = Format;

        if (format == QuantityFormat.BinarySI)
        {
            var units = BigInteger.DivRem(magnitude, NanosPerUnit, out var fraction);
            if (!fraction.IsZero || units < 1024)
            {
                format = QuantityFormat.DecimalSI;
            }
            else
            {
                var power = 0;
                while (power < 60 && (units % 1024).IsZero)
                {
                    units /= 1024;
                    power += 10;
                }

                return sign + units.ToString(CultureInfo.InvariantCulture) + BinarySuffix(power);
            }
        }

        // Strip factors of 1000 from the nano count: exponent starts at -9.
        var mantissa = magnitude;
        var exponent = -9;
        while ((mantissa % 1000).IsZero && !mantissa.IsZero)
        {
            if (format == QuantityFormat.DecimalSI && exponent >= 18)
            {
                break;
            }

            mantissa /= 1000;
            exponent += 3;
        }

        var digits = mantissa.ToString(CultureInfo.InvariantCulture);
        if (format == QuantityFormat.DecimalExponent)
        {
            return sign + digits + (exponent == 0 ? string.Empty : "e" + exponent.ToString(CultureInfo.InvariantCulture));
        }

        return sign + digits + DecimalSuffix(exponent);
    }

    /// <summary>A short human form for messages, such as "2Gi" or "5G"; the original text when there is one.</summary>
    public string ToDisplayString() => ToString();

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    // What a suffix multiplies by, in nano-units, for the fast path below.
    // Nanos per unit of each common suffix, and the largest mantissa whose product still fits a decimal.
    private static readonly (string Suffix, decimal Nanos, long MaxMantissa, QuantityFormat Format)[] CommonSuffixes =
    {
        Common(string.Empty, 1_000_000_000m, QuantityFormat.DecimalSI),
        Common("Ki", 1_024m * 1_000_000_000m, QuantityFormat.BinarySI),
        Common("Mi", 1_048_576m * 1_000_000_000m, QuantityFormat.BinarySI),
        Common("Gi", 1_073_741_824m * 1_000_000_000m, QuantityFormat.BinarySI),
        Common("Ti", 1_099_511_627_776m * 1_000_000_000m, QuantityFormat.BinarySI),
        Common("m", 1_000_000m, QuantityFormat.DecimalSI),
        Common("k", 1e12m, QuantityFormat.DecimalSI),
        Common("M", 1e15m, QuantityFormat.DecimalSI),
        Common("G", 1e18m, QuantityFormat.DecimalSI),
        Common("T", 1e21m, QuantityFormat.DecimalSI),
    };

    // Binary values are capped at 2^63-1 units, as Kubernetes caps them.
    private static readonly decimal MaxBinaryNanos = long.MaxValue * 1_000_000_000m;

    private static (string, decimal, long, QuantityFormat) Common(string suffix, decimal nanos, QuantityFormat format) =>
        (suffix, nanos, (long)Math.Min(long.MaxValue, decimal.Floor(decimal.MaxValue / nanos)), format);

    /// <summary>
    /// The spellings manifests use nearly always, whole digits and a common suffix ("10Gi", "500M",
    /// "1073741824"), read without the general path's substrings and powers. Same values: the tests
    /// hold both paths to Kubernetes' tables.
    /// </summary>
    private static bool TryParseCommon(string text, out Quantity quantity)
    {
        quantity = default;
        var digits = 0;
        long mantissa = 0;
        while (digits < text.Length && IsDigit(text[digits]))
        {
            if (digits == 15)
            {
                return false;
            }

            mantissa = (mantissa * 10) + (text[digits] - '0');
            digits++;
        }

        var suffixLength = text.Length - digits;
        if (digits == 0 || suffixLength > 2)
        {
            return false;
        }

        foreach (var (suffix, nanos, maxMantissa, format) in CommonSuffixes)
        {
            if (suffix.Length == suffixLength && string.CompareOrdinal(text, digits, suffix, 0, suffixLength) == 0)
            {
                if (mantissa > maxMantissa)
                {
                    return false; // the general parser holds it exactly
                }

                var value = mantissa * nanos;
                quantity = new Quantity(format == QuantityFormat.BinarySI && value > MaxBinaryNanos ? MaxBinaryNanos : value, format, text);
                return true;
            }
        }

        return false;
    }

    private static BigInteger ScaleByPowerOfTen(BigInteger value, int power)
    {
        if (power >= 0)
        {
            return value * BigInteger.Pow(10, power);
        }

        // Finer than a nano-unit: round away from zero, as Kubernetes does.
        var divisor = BigInteger.Pow(10, -power);
        var quotient = BigInteger.DivRem(value, divisor, out var remainder);
        return remainder.IsZero ? quotient : quotient + 1;
    }

    // "5GB", "10GiB", "100kb": byte units from disk tools; Kubernetes has no B, so name both readings.
    private static string SuggestForByteUnit(string text)
    {
        if (text.Length < 3 || (text[text.Length - 1] != 'B' && text[text.Length - 1] != 'b'))
        {
            return string.Empty;
        }

        var stem = text.Substring(0, text.Length - 1);
        if (stem.EndsWith("i", StringComparison.Ordinal))
        {
            stem = stem.Substring(0, stem.Length - 1);
        }

        var unit = char.ToUpperInvariant(stem[stem.Length - 1]);
        var number = stem.Substring(0, stem.Length - 1);
        if ("KMGTPE".IndexOf(unit) < 0 || !TryParse(number, out _, out _))
        {
            return string.Empty;
        }

        var decimalUnit = unit == 'K' ? "k" : unit.ToString();
        return $"; did you mean '{number}{decimalUnit}' (powers of 1000) or '{number}{unit}i' (powers of 1024)?";
    }

    private static bool TryInterpretSuffix(string suffix, out int radix, out int exponent, out QuantityFormat format)
    {
        radix = 10;
        format = QuantityFormat.DecimalSI;
        switch (suffix)
        {
            case "": exponent = 0; return true;
            case "n": exponent = -9; return true;
            case "u": exponent = -6; return true;
            case "m": exponent = -3; return true;
            case "k": exponent = 3; return true;
            case "M": exponent = 6; return true;
            case "G": exponent = 9; return true;
            case "T": exponent = 12; return true;
            case "P": exponent = 15; return true;
            case "E": exponent = 18; return true;
        }

        format = QuantityFormat.BinarySI;
        radix = 2;
        switch (suffix)
        {
            case "Ki": exponent = 10; return true;
            case "Mi": exponent = 20; return true;
            case "Gi": exponent = 30; return true;
            case "Ti": exponent = 40; return true;
            case "Pi": exponent = 50; return true;
            case "Ei": exponent = 60; return true;
        }

        radix = 10;
        format = QuantityFormat.DecimalExponent;
        exponent = 0;
        if (suffix.Length > 1 && (suffix[0] == 'e' || suffix[0] == 'E'))
        {
            var digits = suffix.Substring(1);
            return int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                && digits.IndexOf(' ') < 0;
        }

        return false;
    }

    private static string BinarySuffix(int power) => power switch
    {
        0 => string.Empty,
        10 => "Ki",
        20 => "Mi",
        30 => "Gi",
        40 => "Ti",
        50 => "Pi",
        _ => "Ei",
    };

    private static string DecimalSuffix(int exponent) => exponent switch
    {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        0 => string.Empty,
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        _ => "e" + exponent.ToString(CultureInfo.InvariantCulture),
    };
}
