using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests;

/// <summary>
/// README.md's "A quick tour" shows `$ vk8s …` commands with what they print: each must print exactly that
/// today, or a reader's first run disagrees with the page that told them what to expect.
/// </summary>
public sealed class ReadmeTourTests
{
    private const string Section = "## A quick tour";

    /// <summary>Each `$ vk8s` command of the tour's shell blocks, with the lines shown after it.</summary>
    public static TheoryData<string, string> TourCommands()
    {
        var data = new TheoryData<string, string>();
        foreach (var (command, output) in ShownCommands())
        {
            data.Add(command, output);
        }

        return data;
    }

    [Fact]
    public void The_tour_shows_at_least_one_vk8s_command_with_output()
    {
        Assert.Contains(ShownCommands(), c => c.Command.StartsWith("vk8s get-pvc-binding", StringComparison.Ordinal) && c.Output.Length > 0);
    }

    [Theory]
    [MemberData(nameof(TourCommands))]
    public async Task A_tour_command_prints_what_the_readme_shows(string command, string shown)
    {
        // Paths in the tour are relative to the repository root; the examples are copied beside the tests.
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(a => a.StartsWith("examples/", StringComparison.Ordinal) ? Path.Combine(AppContext.BaseDirectory, a) : a)
            .ToArray();
        var (exit, output, error) = await Vk8s.RunAsync(string.Empty, args);

        Assert.True(exit == 0, $"{command}: exit {exit}: {error}");
        Assert.Equal(shown, output.Replace("\r", string.Empty, StringComparison.Ordinal).TrimEnd('\n'));
    }

    // "$ vk8s …" lines inside the tour's ``` blocks and the lines up to the next "$ " line or the block's end.
    // Commands fed by a pipe ("… | vk8s") show no output and are left out.
    private static List<(string Command, string Output)> ShownCommands()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md")).Replace("\r", string.Empty, StringComparison.Ordinal);
        var start = readme.IndexOf(Section, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '{Section}' section");
        var end = readme.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        var lines = readme[start..(end < 0 ? readme.Length : end)].Split('\n');

        var commands = new List<(string Command, string Output)>();
        var inBlock = false;
        string? command = null;
        var shown = new List<string>();
        foreach (var line in lines)
        {
            var endsCommand = line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("$ ", StringComparison.Ordinal);
            if (inBlock && endsCommand && command is not null)
            {
                commands.Add((command, string.Join("\n", shown).TrimEnd('\n')));
                command = null;
            }

            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
            }
            else if (inBlock && line.StartsWith("$ vk8s ", StringComparison.Ordinal))
            {
                command = line[2..];
                shown.Clear();
            }
            else if (command is not null)
            {
                shown.Add(line);
            }
        }

        return commands;
    }
}
