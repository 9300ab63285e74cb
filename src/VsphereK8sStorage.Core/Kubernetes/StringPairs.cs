using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// A few string pairs in the order written (an object's labels, annotations, a selector's matchLabels): an array
/// searched in order, a third of a Dictionary's size for the handful of entries an object has, and as fast to search
/// at that size. A key written twice keeps its first place and its last value, as a Dictionary filled in order does.
/// </summary>
internal sealed class StringPairs : IReadOnlyDictionary<string, string>
{
    /// <summary>Up to this many entries a map is read into StringPairs; more go into a Dictionary.</summary>
    public const int MaxEntries = 8;

    private readonly KeyValuePair<string, string>[] pairs;
    private int count;

    public StringPairs(int capacity) => pairs = new KeyValuePair<string, string>[capacity];

    public int Count => count;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The key '{key}' is not in the map.");

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<string> Values => this.Select(pair => pair.Value);

    /// <summary>Adds the pair, or gives an existing key its new value in place.</summary>
    public void Set(string key, string value)
    {
        var at = IndexOf(key);
        pairs[at >= 0 ? at : count++] = new KeyValuePair<string, string>(key, value);
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var at = IndexOf(key);
        value = at >= 0 ? pairs[at].Value : null;
        return at >= 0;
    }

    /// <summary>The entries in order, without boxing an enumerator.</summary>
    public ReadOnlySpan<KeyValuePair<string, string>> AsSpan() => pairs.AsSpan(0, count);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return pairs[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(pairs[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
