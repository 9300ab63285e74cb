using System;
using System.Linq;
using System.Text.RegularExpressions;
using VsphereK8sStorage.Kubernetes;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>
/// The name checks are written by hand for speed; apimachinery states them as regular expressions.
/// Random strings over the characters that matter hold the two to the same answers.
/// </summary>
public sealed class KubernetesNamesTests
{
    private const string Label = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string NamePart = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static readonly Regex DnsLabel = new($"^{Label}\\z");
    private static readonly Regex DnsSubdomain = new($"^{Label}(\\.{Label})*\\z");
    private static readonly Regex LabelValue = new($"^({NamePart})?\\z");
    private static readonly Regex QualifiedName = new($"^({Label}(\\.{Label})*/)?{NamePart}\\z");

    private static string[] RandomStrings(int seed, int count)
    {
        var random = new Random(seed);
        const string alphabet = "ab9Z-_./\n";
        return Enumerable.Range(0, count)
            .Select(_ => new string(Enumerable.Range(0, random.Next(0, 9)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .Concat(new[] { new string('a', 63), new string('a', 64), new string('a', 253), new string('a', 254), "a/" + new string('b', 64), new string('a', 254) + "/b" })
            .ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Hand_written_checks_agree_with_apimachinerys_patterns(int seed)
    {
        foreach (var value in RandomStrings(seed, 5_000))
        {
            Assert.True((value.Length <= 63 && DnsLabel.IsMatch(value)) == (KubernetesNames.IsDns1123Label(value).Count == 0), $"label '{value}'");
            Assert.True((value.Length <= 253 && DnsSubdomain.IsMatch(value)) == (KubernetesNames.IsDns1123Subdomain(value).Count == 0), $"subdomain '{value}'");
            Assert.True((value.Length <= 63 && LabelValue.IsMatch(value)) == (KubernetesNames.IsValidLabelValue(value).Count == 0), $"label value '{value}'");
            var slash = value.IndexOf('/');
            var lengthsFit = slash < 0 ? value.Length <= 63 : slash <= 253 && value.Length - slash - 1 <= 63;
            Assert.True((lengthsFit && QualifiedName.IsMatch(value)) == (KubernetesNames.IsQualifiedName(value).Count == 0), $"qualified name '{value}'");
        }
    }
}
