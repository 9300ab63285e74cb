using System;
using System.Linq;
using FsCheck.Xunit;
using VsphereK8sStorage.Binding;
using Xunit;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>The marked positions of a run, as AlternativeWorlds queries them: the next marked position at or after any position, as marks come and go.</summary>
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

    [Theory]
    [InlineData("a removed mark is skipped", 200, new[] { 5, 130 }, new[] { 5 }, 0, 130)]
    [InlineData("removing the only mark of a summary word", 10_000, new[] { 70, 9_000 }, new[] { 70 }, 0, 9_000)]
    [InlineData("removing one of two marks in a word keeps the other", 100, new[] { 3, 9 }, new[] { 3 }, 0, 9)]
    [InlineData("removing every mark", 300_000, new[] { 5, 299_999 }, new[] { 5, 299_999 }, 0, -1)]
    [InlineData("removing an unmarked position changes nothing", 100, new[] { 9 }, new[] { 4 }, 0, 9)]
    public void Forgets_removed_marks(string name, int size, int[] marks, int[] removed, int from, int expected)
    {
        var set = new PositionSet(size);
        foreach (var mark in marks)
        {
            set.Add(mark);
        }

        foreach (var mark in removed)
        {
            set.Remove(mark);
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
        for (var i = random.Next(0, 80); i > 0; i--)
        {
            // Mostly marks, some removals (of marked positions and of others).
            var position = random.Next(size);
            var add = random.Next(3) > 0;
            marked[position] = add;
            if (add)
            {
                set.Add(position);
            }
            else
            {
                set.Remove(position);
            }
        }

        foreach (var from in Enumerable.Range(0, 40).Select(_ => random.Next(size + 1)))
        {
            var expected = Array.FindIndex(marked, Math.Min(from, size), m => m);
            Assert.Equal(expected, set.NextFrom(from));
        }
    }
}
