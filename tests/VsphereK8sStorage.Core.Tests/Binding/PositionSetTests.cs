using System;
using System.Linq;
using FsCheck.Xunit;
using VsphereK8sStorage.Binding;
using Xunit;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>The marked positions of a run, as ArbitraryChoices queries them: the next marked position at or after any position.</summary>
public sealed class PositionSetTests
{
    [Theory]
    [InlineData("empty set", 100, new int[0], 0, -1)]
    [InlineData("the position itself", 100, new[] { 7 }, 7, 7)]
    [InlineData("a later position in the same word", 100, new[] { 9 }, 3, 9)]
    [InlineData("a later word", 200, new[] { 130 }, 3, 130)]
    [InlineData("past the last mark", 200, new[] { 130 }, 131, -1)]
    [InlineData("across a summary word", 10_000, new[] { 9_000 }, 1, 9_000)]
    [InlineData("three levels", 300_000, new[] { 5, 299_999 }, 6, 299_999)]
    [InlineData("beyond the end", 64, new[] { 63 }, 64, -1)]
    public void Finds_the_next_mark(string name, int size, int[] marks, int from, int expected)
    {
        var set = new PositionSet(size);
        foreach (var mark in marks)
        {
            set.Add(mark);
        }

        Assert.True(expected == set.NextFrom(from), name);
    }

    [Property(MaxTest = 200)]
    public void Agrees_with_a_linear_scan(int seed)
    {
        var random = new Random(seed);
        var size = random.Next(1, 20_000);
        var marked = new bool[size];
        var set = new PositionSet(size);
        for (var i = random.Next(0, 50); i > 0; i--)
        {
            var position = random.Next(size);
            marked[position] = true;
            set.Add(position);
        }

        foreach (var from in Enumerable.Range(0, 40).Select(_ => random.Next(size + 1)))
        {
            var expected = Array.FindIndex(marked, Math.Min(from, size), m => m);
            Assert.Equal(expected, set.NextFrom(from));
        }
    }
}
