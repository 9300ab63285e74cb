using System;
using System.Linq;
using VsphereK8sStorage.Binding;
using Xunit;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// Near misses keep the closest few: the one-pass selection must put at the front exactly what a full sort puts there,
/// in the same order, whatever the input order.
/// </summary>
public sealed class FirstToFrontTests
{
    /// <summary>name, items, how many are kept.</summary>
    public static TheoryData<string, int[], int> Cases => new()
    {
        { "none kept", new[] { 3, 1, 2 }, 0 },
        { "all kept", new[] { 3, 1, 2 }, 3 },
        { "no items", Array.Empty<int>(), 0 },
        { "ascending input", Enumerable.Range(0, 40).ToArray(), 3 },
        { "descending input: every item displaces the front", Enumerable.Range(0, 40).Reverse().ToArray(), 3 },
        { "closest last", Enumerable.Range(1, 30).Append(0).ToArray(), 3 },
        { "one kept", new[] { 9, 4, 7, 1, 8 }, 1 },
        { "shuffled", Shuffled(60, seed: 7), 5 },
        { "shuffled, most kept", Shuffled(25, seed: 11), 24 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_front_is_the_front_of_a_full_sort(string name, int[] items, int count)
    {
        var sorted = items.OrderBy(i => i).Take(count).ToArray();
        var selected = (int[])items.Clone();

        NearMissFinder.MoveFirstToFront<int>(selected, count, (a, b) => a.CompareTo(b));

        Assert.True(sorted.SequenceEqual(selected.Take(count)), $"{name}: [{string.Join(", ", selected.Take(count))}], sorted [{string.Join(", ", sorted)}]");
        Assert.Equal(items.OrderBy(i => i), selected.OrderBy(i => i));
    }

    private static int[] Shuffled(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToArray();
    }
}
