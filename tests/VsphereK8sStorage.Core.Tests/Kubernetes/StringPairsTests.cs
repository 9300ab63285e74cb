using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Kubernetes;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>
/// The small maps manifests are read into answer as the Dictionary they replace: entries in the order written, a key
/// written twice in its first place with its last value, ordinal keys.
/// </summary>
public sealed class StringPairsTests
{
    public static TheoryData<string, string[], string> Cases => new()
    {
        { "empty", new string[0], "" },
        { "in the order written", new[] { "tier", "gold", "app", "db" }, "tier=gold,app=db" },
        { "a key written twice keeps its first place and last value", new[] { "a", "1", "b", "2", "a", "3" }, "a=3,b=2" },
        { "keys are ordinal", new[] { "App", "1", "app", "2" }, "App=1,app=2" },
        { "an empty value is a value", new[] { "k", "" }, "k=" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Answers_as_a_dictionary_filled_in_order(string name, string[] written, string expected)
    {
        var pairs = new StringPairs(written.Length / 2);
        var dictionary = new Dictionary<string, string>(System.StringComparer.Ordinal);
        for (var i = 0; i < written.Length; i += 2)
        {
            pairs.Set(written[i], written[i + 1]);
            dictionary[written[i]] = written[i + 1];
        }

        Assert.True(expected == string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}")), name);
        Assert.Equal(dictionary.Count, pairs.Count);
        Assert.Equal(dictionary.ToArray(), pairs.ToArray());
        foreach (var (key, value) in dictionary)
        {
            Assert.True(pairs.TryGetValue(key, out var found) && found == value, name);
            Assert.Equal(value, pairs[key]);
            Assert.True(pairs.ContainsKey(key), name);
        }

        Assert.False(pairs.TryGetValue("missing", out _), name);
        Assert.False(pairs.ContainsKey("APP"), name);
        Assert.Throws<KeyNotFoundException>(() => pairs["missing"]);
    }
}
