using System.Numerics;
using VsphereK8sStorage.Kubernetes;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

public sealed class QuantityTests
{
    private static readonly BigInteger Nano = BigInteger.Pow(10, 9);

    public static TheoryData<string, string, string> Values => new()
    {
        // name, input, exact value in nano-units
        { "binary suffix Gi", "2Gi", (2L * (1L << 30) * 1_000_000_000L).ToString() },
        { "fraction with binary suffix", "1.5Gi", (1_610_612_736L * 1_000_000_000L).ToString() },
        { "binary fraction below one unit", "0.5Ki", (512L * 1_000_000_000L).ToString() },
        { "milli", "500m", "500000000" },
        { "nano", "1n", "1" },
        { "below nano rounds up", "0.1n", "1" },
        { "negative below nano rounds away from zero", "-0.1n", "-1" },
        { "micro", "2u", "2000" },
        { "no suffix", "42", "42000000000" },
        { "plus sign", "+7", "7000000000" },
        { "negative", "-1Gi", (-(1L << 30) * 1_000_000_000L).ToString() },
        { "leading fraction point", ".5", "500000000" },
        { "trailing fraction point", "1.", "1000000000" },
        { "leading zeros", "007k", "7000000000000" },
        { "decimal k", "1k", "1000000000000" },
        { "decimal M", "3M", "3000000000000000" },
        { "decimal G", "5G", "5000000000000000000" },
        { "lower-case exponent", "1e3", "1000000000000" },
        { "upper-case exponent", "1E3", "1000000000000" },
        { "negative exponent", "1e-3", "1000000" },
        { "explicit plus exponent", "2e+2", "200000000000" },
        { "E alone is exa", "1E", "1000000000000000000000000000" },
        { "beyond 2^63 stays exact (decimal)", "800E", "800000000000000000000000000000" },
        { "binary beyond 2^63-1 is capped", "8Ei", ((BigInteger)long.MaxValue * Nano).ToString() },
        { "zero", "0", "0" },
        { "zero with suffix", "0Gi", "0" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Parses_to_the_exact_value(string name, string input, string expectedNanos)
    {
        Assert.True(Quantity.TryParse(input, out var quantity, out var error), $"{name}: {error}");
        Assert.Equal(BigInteger.Parse(expectedNanos), quantity.Nanos);
        Assert.Equal(input, quantity.ToString());
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        // name, input, a phrase the error must contain
        { "empty", "", "cannot be empty" },
        { "leading space", " 1", "not a valid quantity" },
        { "trailing space", "1 ", "not a valid quantity" },
        { "two points", "1.1.M", "not a valid quantity" },
        { "letters only", "aoeu", "not a valid quantity" },
        { "upper-case K is not a suffix", "5K", "unknown suffix 'K'" },
        { "bare i", "1i", "unknown suffix 'i'" },
        { "lower-case binary suffix", "1gi", "not a valid quantity" },
        { "disk-tool GB names both readings", "5GB", "did you mean '5G' (powers of 1000) or '5Gi' (powers of 1024)?" },
        { "disk-tool GiB", "1.5GiB", "did you mean '1.5G' (powers of 1000) or '1.5Gi' (powers of 1024)?" },
        { "disk-tool kb", "100kb", "did you mean '100k' (powers of 1000) or '100Ki' (powers of 1024)?" },
        { "a B alone is no byte unit", "5B", "not a valid quantity" },
        { "e without exponent", "1e", "unknown suffix 'e'" },
        { "suffix then digits", "1Ki5", "unknown suffix" },
        { "exponent then suffix", "1e3m", "not a valid quantity" },
        { "absurd exponent", "1e99999", "exponent" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_with_an_error_naming_the_value(string name, string input, string phrase)
    {
        Assert.False(Quantity.TryParse(input, out _, out var error), name);
        Assert.Contains(phrase, error);
        if (input.Length > 0)
        {
            Assert.Contains($"'{input}'", error);
        }
    }

    public static TheoryData<string, string, int> Comparisons => new()
    {
        { "1Gi", "1G", 1 },
        { "1024Mi", "1Gi", 0 },
        { "1000M", "1G", 0 },
        { "0.5Gi", "512Mi", 0 },
        { "1e3", "1k", 0 },
        { "1E", "1000P", 0 },
        { "999m", "1", -1 },
        { "800E", "8Ei", 1 },
        { "1n", "0", 1 },
        { "-1", "0", -1 },
        { "100Gi", "107374182400", 0 },
        { "70000000Ti", "9223372036854775807", 0 },   // capped at 2^63-1 on the common path
        { "99999999Ti", "9223372036854775807", 0 },   // too large for the common path's decimal: capped by the general one
        { "999999999999999T", "999999999999999000000000000", 0 }, // beyond a decimal's range on both sides
        { "999999999999999T", "79228162514G", 1 },
    };

    [Fact]
    public void Equal_values_hash_alike_whichever_way_they_were_read()
    {
        Assert.Equal(Quantity.Zero, Quantity.Parse("0"));
        Assert.Equal(Quantity.Zero.GetHashCode(), Quantity.Parse("0").GetHashCode());
        var sizes = new System.Collections.Generic.HashSet<Quantity> { Quantity.Parse("1Gi"), Quantity.Parse("999999999999999T") };
        Assert.Contains(Quantity.Parse("1024Mi"), sizes);
        Assert.Contains(Quantity.Parse("1073741824"), sizes);
        Assert.Contains(Quantity.Parse("999999999999999000000000000"), sizes);
    }

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void Compares_exactly_regardless_of_format(string left, string right, int expected)
    {
        Assert.Equal(expected, System.Math.Sign(Quantity.Parse(left).CompareTo(Quantity.Parse(right))));
        Assert.Equal(expected == 0, Quantity.Parse(left) == Quantity.Parse(right));
    }

    public static TheoryData<string, string> Canonical => new()
    {
        { "1.5Gi", "1536Mi" },
        { "2048Mi", "2Gi" },
        { "1000Mi", "1000Mi" },
        { "0.5Gi", "512Mi" },
        { "512", "512" },
        { "1000", "1k" },
        { "1500", "1500" },
        { "1.5", "1500m" },
        { "0.1", "100m" },
        { "1e3", "1e3" },
        { "100m", "100m" },
        { "0", "0" },
        { "1Ki", "1Ki" },
        { "0.5Ki", "512" },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Prints_the_canonical_form(string input, string expected) =>
        Assert.Equal(expected, Quantity.Parse(input).ToCanonicalString());

    [Theory]
    [InlineData("1.5", 2)]
    [InlineData("1", 1)]
    [InlineData("1n", 1)]
    [InlineData("-1.5", -2)]
    [InlineData("2Gi", 2147483648)]
    public void Value_rounds_away_from_zero(string input, long expected) =>
        Assert.Equal(new BigInteger(expected), Quantity.Parse(input).Value);

    // Observed from apimachinery's own scanner (resource/quantity.go), run on each input: the parser is
    // hand-written and more lenient than the regular expression its error message quotes.
    public static TheoryData<string, string, string, string> UpstreamScannerQuirks => new()
    {
        // name, input, exact value in nano-units, canonical form
        { "a bare suffix is zero", "m", "0", "0" },
        { "a bare binary suffix is zero", "Ki", "0", "0" },
        { "a bare exponent is zero", "e3", "0", "0" },
        { "a lone point is zero", ".", "0", "0" },
        { "a lone sign is zero", "-", "0", "0" },
        { "a signed point is zero", "+.", "0", "0" },
        { "point before a suffix", "1.G", "1000000000000000000", "1G" },
        { "binary cap applies to negatives too", "-8Ei", (-(BigInteger)long.MaxValue * Nano).ToString(), "-9223372036854775807" },
        { "binary below one nano rounds up and prints decimal", "0.000000000001Ki", "2", "2n" },
        { "negative sub-nano rounds away from zero", "-3.001n", "-4", "-4n" },
        { "signed sub-nano", "+1.5n", "2", "2n" },
        { "exponent below nano rounds up", "1.e-10", "1", "1e-9" },
        { "exponent canonical is a multiple of three", "1e14", "100000000000000000000000", "100e12" },
        { "large exponent stays exact", "1e100", (BigInteger.Pow(10, 109)).ToString(), "10e99" },
        { "negative exponent canonical", "12e-1", "1200000000", "1200e-3" },
        { "binary fraction that is not an integer prints milli", "1.1Ki", "1126400000000", "1126400m" },
        { "binary integer not a multiple of 1024 prints plain", "1.5Ki", "1536000000000", "1536" },
        { "trailing fraction zeros", "1.500k", "1500000000000", "1500" },
    };

    [Theory]
    [MemberData(nameof(UpstreamScannerQuirks))]
    public void Parses_like_the_upstream_scanner(string name, string input, string expectedNanos, string canonical)
    {
        Assert.True(Quantity.TryParse(input, out var quantity, out var error), $"{name}: {error}");
        Assert.Equal(BigInteger.Parse(expectedNanos), quantity.Nanos);
        Assert.Equal(canonical, quantity.ToCanonicalString());
    }

    public static TheoryData<string, string> UpstreamRejects => new()
    {
        // name, input: each is an error in apimachinery too
        { "sign after exponent marker with no digits", "1e+" },
        { "two signs", "--1" },
        { "plus then minus", "+-1" },
        { "point then exponent, no digits", ".e-10" },
        { "byte unit", "1KiB" },
        { "digit separators", "1_000" },
        { "hexadecimal", "0x10" },
        { "exponent then exa", "1E3E" },
        { "fractional exponent", "1e1.5" },
    };

    [Theory]
    [MemberData(nameof(UpstreamRejects))]
    public void Rejects_what_the_upstream_scanner_rejects(string name, string input)
    {
        Assert.False(Quantity.TryParse(input, out _, out var error), name);
        Assert.Contains($"'{input}'", error);
    }
}
