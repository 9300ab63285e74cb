using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace VsphereK8sStorage.HelpGenerator;

public sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks, int Line);

public sealed record HelpParameterText(string Name, IReadOnlyList<string> Description, int Line);

/// <summary>An INPUTS or OUTPUTS entry: a type name and what it means.</summary>
public sealed record HelpTypeText(string TypeName, IReadOnlyList<string> Description);

public sealed record HelpLink(string Text, string? Uri);

/// <summary>One cmdlet's help as written in module/help/&lt;Verb-Noun&gt;.md. Text is in paragraphs.</summary>
public sealed record CommandHelpText(
    string File,
    string Name,
    string Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<HelpExample> Examples,
    IReadOnlyList<HelpParameterText> Parameters,
    IReadOnlyList<HelpTypeText> Inputs,
    IReadOnlyList<HelpTypeText> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<HelpLink> Links);

/// <summary>A help file that cannot be read; the message is one line, "file:line: problem".</summary>
public sealed class HelpFormatException : Exception
{
    public HelpFormatException(string file, int line, string problem)
        : base($"{file}:{line}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public string File { get; }

    public int Line { get; }

    public string Problem { get; }
}

/// <summary>
/// Reads platyPS-style cmdlet help markdown:
/// <code>
/// # Verb-Noun
/// ## SYNOPSIS           one paragraph
/// ## SYNTAX             optional, ignored: the syntax comes from the compiled cmdlet
/// ## DESCRIPTION        paragraphs
/// ## EXAMPLES           ### Example 1: title, then a ```powershell block, then remarks paragraphs
/// ## PARAMETERS         ### -Name, then description paragraphs (a platyPS ```yaml block is ignored);
///                       ### CommonParameters is ignored
/// ## INPUTS / OUTPUTS   ### Type.Name, then what it means
/// ## NOTES              paragraphs
/// ## RELATED LINKS      [text](uri) or plain text, one per line
/// </code>
/// Paragraphs are separated by blank lines; list items ("- ", "* ", "1. ") start paragraphs of their own.
/// A platyPS YAML front matter block (--- ... ---) is skipped. Anything it cannot place is a
/// <see cref="HelpFormatException"/> naming the file and line.
/// </summary>
public static class MarkdownHelpReader
{
    private static readonly string[] KnownSections =
    {
        "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS", "ALIASES",
    };

    private static readonly string[] RequiredSections = { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS" };

    private static readonly Regex ListItem = new(@"^\s*([-*+]|\d+[.)])\s+", RegexOptions.CultureInvariant);

    private static readonly Regex Link = new(@"^\s*(?:[-*+]\s+)?\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)\s*$", RegexOptions.CultureInvariant);

    public static CommandHelpText ReadFile(string path, string displayName) =>
        Read(File.ReadAllText(path), displayName);

    public static CommandHelpText Read(string markdown, string file)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = Blocks(lines, file);

        string? name = null;
        var sections = new Dictionary<string, (int Line, List<Block> Blocks)>(StringComparer.Ordinal);
        List<Block>? current = null;
        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.Heading && block.Level == 1)
            {
                if (name is not null)
                {
                    throw new HelpFormatException(file, block.Line, $"a second '# ' title ('{block.Text}'); one help file describes one cmdlet");
                }

                name = block.Text;
                continue;
            }

            if (block.Kind == BlockKind.Heading && block.Level == 2)
            {
                if (name is null)
                {
                    throw new HelpFormatException(file, block.Line, "expected the cmdlet name as a '# Verb-Noun' title first");
                }

                var section = block.Text.ToUpperInvariant();
                if (!KnownSections.Contains(section))
                {
                    throw new HelpFormatException(file, block.Line, $"unknown section '## {block.Text}'; expected one of {string.Join(", ", KnownSections.Select(s => "## " + s))}");
                }

                if (sections.ContainsKey(section))
                {
                    throw new HelpFormatException(file, block.Line, $"'## {section}' appears twice");
                }

                current = new List<Block>();
                sections[section] = (block.Line, current);
                continue;
            }

            if (current is null)
            {
                throw new HelpFormatException(file, block.Line, name is null ? "expected the cmdlet name as a '# Verb-Noun' title first" : "text before the first '## ' section");
            }

            current.Add(block);
        }

        if (name is null)
        {
            throw new HelpFormatException(file, 1, "no '# Verb-Noun' title");
        }

        foreach (var required in RequiredSections.Where(r => !sections.ContainsKey(r)))
        {
            throw new HelpFormatException(file, lines.Length, $"no '## {required}' section");
        }

        List<Block> Section(string key) => sections.TryGetValue(key, out var s) ? s.Blocks : new List<Block>();

        var synopsis = Paragraphs(Section("SYNOPSIS"), file, "SYNOPSIS");
        return new CommandHelpText(
            file,
            name,
            string.Join(" ", synopsis),
            Paragraphs(Section("DESCRIPTION"), file, "DESCRIPTION"),
            Examples(Section("EXAMPLES"), file),
            Parameters(Section("PARAMETERS"), file),
            TypeEntries(Section("INPUTS"), file, "INPUTS"),
            TypeEntries(Section("OUTPUTS"), file, "OUTPUTS"),
            Paragraphs(Section("NOTES"), file, "NOTES"),
            Links(Section("RELATED LINKS"), file));
    }

    private static IReadOnlyList<HelpExample> Examples(List<Block> blocks, string file)
    {
        var examples = new List<HelpExample>();
        foreach (var (heading, body) in Subsections(blocks, file, "EXAMPLES"))
        {
            var code = body.Where(b => b.Kind == BlockKind.Code).Select(b => b.Text).ToList();
            if (code.Count == 0)
            {
                throw new HelpFormatException(file, heading.Line, $"'### {heading.Text}' has no ```powershell code block");
            }

            var remarks = Paragraphs(body.Where(b => b.Kind != BlockKind.Code).ToList(), file, "EXAMPLES");
            examples.Add(new HelpExample(heading.Text, string.Join("\n\n", code), remarks, heading.Line));
        }

        return examples;
    }

    private static IReadOnlyList<HelpParameterText> Parameters(List<Block> blocks, string file)
    {
        var parameters = new List<HelpParameterText>();
        foreach (var (heading, body) in Subsections(blocks, file, "PARAMETERS"))
        {
            if (heading.Text.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!heading.Text.StartsWith('-') || heading.Text.Length < 2 || heading.Text.Skip(1).Any(c => !char.IsLetterOrDigit(c) && c != '_'))
            {
                throw new HelpFormatException(file, heading.Line, $"'### {heading.Text}' under PARAMETERS: write the parameter as '### -Name'");
            }

            // platyPS puts the parameter's metadata in a ```yaml block; ours comes from the compiled cmdlet.
            var description = Paragraphs(body.Where(b => b.Kind != BlockKind.Code).ToList(), file, "PARAMETERS");
            parameters.Add(new HelpParameterText(heading.Text.Substring(1), description, heading.Line));
        }

        return parameters;
    }

    private static IReadOnlyList<HelpTypeText> TypeEntries(List<Block> blocks, string file, string section) =>
        Subsections(blocks, file, section)
            .Select(s => new HelpTypeText(s.Heading.Text, Paragraphs(s.Body, file, section)))
            .ToList();

    private static IReadOnlyList<HelpLink> Links(List<Block> blocks, string file)
    {
        var links = new List<HelpLink>();
        foreach (var block in blocks)
        {
            if (block.Kind != BlockKind.Text)
            {
                throw new HelpFormatException(file, block.Line, "RELATED LINKS takes one link per line: [text](uri) or plain text");
            }

            // Each link line is a paragraph of its own (see Blocks).
            foreach (var line in block.Text.Split("\n\n"))
            {
                var match = Link.Match(line);
                links.Add(match.Success
                    ? new HelpLink(match.Groups["text"].Value.Trim(), match.Groups["uri"].Value.Trim() is { Length: > 0 } uri ? uri : null)
                    : new HelpLink(ListItem.Replace(line, string.Empty).Trim(), null));
            }
        }

        return links;
    }

    // "### Title" headings and the blocks under each; anything before the first one is an error.
    private static IEnumerable<(Block Heading, List<Block> Body)> Subsections(List<Block> blocks, string file, string section)
    {
        Block? heading = null;
        var body = new List<Block>();
        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.Heading && block.Level == 3)
            {
                if (heading is not null)
                {
                    yield return (heading, body);
                }

                heading = block;
                body = new List<Block>();
            }
            else if (heading is null)
            {
                throw new HelpFormatException(file, block.Line, $"{section} starts with text; put it under a '### ' heading");
            }
            else if (block.Kind == BlockKind.Heading)
            {
                throw new HelpFormatException(file, block.Line, $"a level-{block.Level} heading inside {section}; use '### ' for each entry");
            }
            else
            {
                body.Add(block);
            }
        }

        if (heading is not null)
        {
            yield return (heading, body);
        }
    }

    private static IReadOnlyList<string> Paragraphs(IReadOnlyList<Block> blocks, string file, string section)
    {
        foreach (var block in blocks.Where(b => b.Kind != BlockKind.Text))
        {
            throw new HelpFormatException(file, block.Line, block.Kind == BlockKind.Code
                ? $"a code block in {section}; code belongs in EXAMPLES"
                : $"a heading inside {section}");
        }

        return blocks.SelectMany(b => b.Text.Split("\n\n")).ToList();
    }

    private enum BlockKind
    {
        Heading,
        Text,
        Code,
    }

    /// <summary>A heading (Level 1-6), a paragraph group, or a fenced code block, with the line it starts on.</summary>
    private sealed record Block(BlockKind Kind, int Level, string Text, int Line);

    // Splits the file into headings, code blocks and text; text keeps paragraphs apart with "\n\n", and a
    // list item starts a paragraph; lines of one paragraph are joined with a space. Links keep one per line.
    private static List<Block> Blocks(string[] lines, string file)
    {
        var blocks = new List<Block>();
        var index = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            // platyPS front matter (external help file, Module Name, ...): skipped.
            var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
            if (end < 0)
            {
                throw new HelpFormatException(file, 1, "front matter opened with '---' is never closed");
            }

            index = end + 1;
        }

        var paragraphs = new List<string>();
        var paragraph = new StringBuilder();
        var textLine = 0;

        void EndParagraph()
        {
            if (paragraph.Length > 0)
            {
                paragraphs.Add(paragraph.ToString());
                paragraph.Clear();
            }
        }

        void EndText()
        {
            EndParagraph();
            if (paragraphs.Count > 0)
            {
                blocks.Add(new Block(BlockKind.Text, 0, string.Join("\n\n", paragraphs), textLine));
                paragraphs.Clear();
            }
        }

        for (; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd();
            var lineNumber = index + 1;
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                EndText();
                var fence = trimmed.Substring(0, 3);
                var close = Array.FindIndex(lines, index + 1, l => l.Trim().StartsWith(fence, StringComparison.Ordinal) && l.Trim().Trim(fence[0]).Length == 0);
                if (close < 0)
                {
                    throw new HelpFormatException(file, lineNumber, $"code block opened with {fence} is never closed");
                }

                var code = string.Join("\n", lines.Skip(index + 1).Take(close - index - 1).Select(l => l.TrimEnd())).Trim('\n');
                blocks.Add(new Block(BlockKind.Code, 0, code, lineNumber));
                index = close;
                continue;
            }

            var level = trimmed.TakeWhile(c => c == '#').Count();
            if (level is > 0 and <= 6 && trimmed.Length > level && trimmed[level] == ' ' && line.Length - trimmed.Length < 4)
            {
                EndText();
                blocks.Add(new Block(BlockKind.Heading, level, trimmed.Substring(level).Trim().TrimEnd('#').Trim(), lineNumber));
                continue;
            }

            if (trimmed.Length == 0)
            {
                EndParagraph();
                continue;
            }

            if (paragraphs.Count == 0 && paragraph.Length == 0)
            {
                textLine = lineNumber;
            }

            if (ListItem.IsMatch(trimmed) || Link.IsMatch(trimmed))
            {
                EndParagraph();
            }

            paragraph.Append(paragraph.Length == 0 ? string.Empty : " ").Append(trimmed);
            if (Link.IsMatch(trimmed))
            {
                EndParagraph();
            }
        }

        EndText();
        return blocks;
    }
}
