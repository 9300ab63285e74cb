using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests.TestSupport;

/// <summary>
/// Reads a PowerShell data file (.psd1). PowerShell cannot run here, so Import-PowerShellDataFile is not
/// available; this parses the subset module manifests use and fails loudly on anything else:
/// @{ } hashtables (keys bare or quoted, case-insensitive, duplicates rejected as PowerShell does),
/// @( ) arrays and comma lists, '...' and "..." strings (no variable expansion), integers and decimals,
/// $true/$false/$null, # and &lt;# #&gt; comments, and backtick line continuation.
/// Values come back as <see cref="IReadOnlyDictionary{TKey,TValue}"/>, <see cref="IReadOnlyList{T}"/>,
/// string, int/long/double, bool or null.
/// </summary>
internal sealed class PowerShellDataFile
{
    private readonly List<Token> tokens;
    private int next;

    private PowerShellDataFile(string text)
    {
        tokens = Tokenize(text).ToList();
    }

    private enum Kind
    {
        HashStart,
        ArrayStart,
        Close,
        CloseParen,
        Equals,
        Comma,
        Semicolon,
        NewLine,
        String,
        Number,
        Variable,
        Bareword,
        End,
    }

    /// <summary>Parses a data file whose one statement is a hashtable (a module manifest).</summary>
    public static IReadOnlyDictionary<string, object?> ParseHashtable(string text) =>
        Parse(text) as IReadOnlyDictionary<string, object?> ?? throw new FormatException("The data file's value is not a hashtable (@{ ... }).");

    /// <summary>Parses a data file's one value.</summary>
    public static object? Parse(string text)
    {
        var parser = new PowerShellDataFile(text);
        parser.SkipNewLines();
        var value = parser.Expression();
        parser.SkipNewLines();
        parser.Expect(Kind.End, "end of file");
        return value;
    }

    /// <summary>A value as strings: PowerShell accepts one string where a manifest key takes several.</summary>
    public static IReadOnlyList<string> Strings(object? value) => value switch
    {
        null => Array.Empty<string>(),
        string s => new[] { s },
        IReadOnlyList<object?> list => list.Select(v => v as string ?? throw new FormatException($"'{v}' is not a string.")).ToList(),
        _ => throw new FormatException($"{value.GetType().Name} value '{value}' is neither a string nor an array of strings."),
    };

    private object? Expression()
    {
        var first = Primary();
        if (Peek.Kind != Kind.Comma)
        {
            return first;
        }

        var items = new List<object?> { first };
        while (Peek.Kind == Kind.Comma)
        {
            Take();
            SkipNewLines(); // a comma continues the expression onto the next line
            items.Add(Primary());
        }

        return items;
    }

    private object? Primary()
    {
        var token = Take();
        return token.Kind switch
        {
            Kind.HashStart => HashtableBody(),
            Kind.ArrayStart => ArrayBody(),
            Kind.String => token.Text,
            Kind.Number => token.Value,
            Kind.Variable => token.Value,
            _ => throw Error(token, "a value"),
        };
    }

    private IReadOnlyDictionary<string, object?> HashtableBody()
    {
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipSeparators();
            var key = Take();
            if (key.Kind == Kind.Close)
            {
                return table;
            }

            if (key.Kind is not (Kind.Bareword or Kind.String or Kind.Number))
            {
                throw Error(key, "a hashtable key or '}'");
            }

            var name = key.Text;
            Expect(Kind.Equals, "'=' after key '" + name + "'");
            SkipNewLines();
            var value = Expression();
            if (!table.TryAdd(name, value))
            {
                throw new FormatException($"Line {key.Line}: duplicate key '{name}' in a hashtable (PowerShell rejects duplicate keys).");
            }

            if (Peek.Kind is not (Kind.NewLine or Kind.Semicolon or Kind.Close))
            {
                throw Error(Peek, "a new line, ';' or '}' after the value of '" + name + "'");
            }
        }
    }

    private IReadOnlyList<object?> ArrayBody()
    {
        var items = new List<object?>();
        while (true)
        {
            SkipSeparators();
            if (Peek.Kind == Kind.CloseParen)
            {
                Take();
                return items;
            }

            // Each statement's output is collected; a comma list or a nested @() unrolls one level.
            var value = Expression();
            if (value is IReadOnlyList<object?> list)
            {
                items.AddRange(list);
            }
            else
            {
                items.Add(value);
            }

            if (Peek.Kind is not (Kind.NewLine or Kind.Semicolon or Kind.CloseParen))
            {
                throw Error(Peek, "a new line, ';', ',' or ')' in an array");
            }
        }
    }

    private Token Peek => tokens[next];

    private Token Take() => tokens[next < tokens.Count - 1 ? next++ : next];

    private void Expect(Kind kind, string what)
    {
        var token = Take();
        if (token.Kind != kind)
        {
            throw Error(token, what);
        }
    }

    private void SkipNewLines()
    {
        while (Peek.Kind == Kind.NewLine)
        {
            Take();
        }
    }

    private void SkipSeparators()
    {
        while (Peek.Kind is Kind.NewLine or Kind.Semicolon)
        {
            Take();
        }
    }

    private static FormatException Error(Token token, string expected) =>
        new($"Line {token.Line}: expected {expected}, found {(token.Kind == Kind.End ? "end of file" : $"'{token.Text}'")}.");

    private static readonly Dictionary<char, Kind> Punctuation = new()
    {
        ['}'] = Kind.Close,
        [')'] = Kind.CloseParen,
        ['='] = Kind.Equals,
        [','] = Kind.Comma,
        [';'] = Kind.Semicolon,
    };

    private static IEnumerable<Token> Tokenize(string text)
    {
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = line;
            switch (c)
            {
                case ' ' or '\t' or '\r' or '\uFEFF':
                    i++;
                    continue;
                case '\n':
                    line++;
                    i++;
                    yield return new Token(Kind.NewLine, "\\n", null, start);
                    continue;
                case '`' when i + 1 < text.Length && text[i + 1] is ('\n' or '\r'):
                    // Line continuation: the newline does not end the statement.
                    i = text.IndexOf('\n', i) + 1;
                    line++;
                    continue;
                case '#':
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }

                    continue;
                case '<' when At(text, i, "<#"):
                    var end = text.IndexOf("#>", i + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        throw new FormatException($"Line {line}: unterminated block comment.");
                    }

                    line += text.AsSpan(i, end - i).Count('\n');
                    i = end + 2;
                    continue;
                case '@' when At(text, i, "@{"):
                    i += 2;
                    yield return new Token(Kind.HashStart, "@{", null, start);
                    continue;
                case '@' when At(text, i, "@("):
                    i += 2;
                    yield return new Token(Kind.ArrayStart, "@(", null, start);
                    continue;
                case var _ when Punctuation.TryGetValue(c, out var punctuation):
                    i++;
                    yield return new Token(punctuation, c.ToString(), null, start);
                    continue;
                case '\'':
                    yield return new Token(Kind.String, SingleQuoted(text, ref i, ref line), null, start);
                    continue;
                case '"':
                    yield return new Token(Kind.String, DoubleQuoted(text, ref i, ref line), null, start);
                    continue;
                case '$':
                    var variable = Word(text, i + 1);
                    i += 1 + variable.Length;
                    object? value = variable.ToLowerInvariant() switch
                    {
                        "true" => true,
                        "false" => false,
                        "null" => null,
                        _ => throw new FormatException($"Line {line}: variable ${variable} is not allowed in a data file; only $true, $false and $null are."),
                    };
                    yield return new Token(Kind.Variable, "$" + variable, value, start);
                    continue;
                case '-' or '.' or (>= '0' and <= '9'):
                    var number = Number(text, ref i, line);
                    yield return new Token(Kind.Number, Convert.ToString(number, CultureInfo.InvariantCulture)!, number, start);
                    continue;
                default:
                    var word = Word(text, i);
                    if (word.Length == 0)
                    {
                        throw new FormatException($"Line {line}: unexpected character '{c}'.");
                    }

                    i += word.Length;
                    yield return new Token(Kind.Bareword, word, null, start);
                    continue;
            }
        }

        yield return new Token(Kind.End, string.Empty, null, line);
    }

    private static bool At(string text, int i, string what) => string.CompareOrdinal(text, i, what, 0, what.Length) == 0;

    private static string Word(string text, int i)
    {
        var end = i;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_' || (text[end] == '-' && end > i)))
        {
            end++;
        }

        return text.Substring(i, end - i);
    }

    // '...' with '' for a quote: no escapes, no expansion.
    private static string SingleQuoted(string text, ref int i, ref int line)
    {
        var start = line;
        var value = new StringBuilder();
        for (i++; i < text.Length; i++)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i++;
                    continue;
                }

                i++;
                return value.ToString();
            }

            line += text[i] == '\n' ? 1 : 0;
            value.Append(text[i]);
        }

        throw new FormatException($"Line {start}: unterminated string.");
    }

    // "..." with backtick escapes and "" for a quote. '$' followed by a name or '(' would expand at run time,
    // which a data file does not allow.
    private static string DoubleQuoted(string text, ref int i, ref int line)
    {
        var start = line;
        var value = new StringBuilder();
        for (i++; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    value.Append('"');
                    i++;
                    continue;
                }

                i++;
                return value.ToString();
            }

            if (c == '`' && i + 1 < text.Length)
            {
                i++;
                value.Append(text[i] switch
                {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    '0' => '\0',
                    var other => other,
                });
                continue;
            }

            if (c == '$' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] is '_' or '(' or '{'))
            {
                throw new FormatException($"Line {line}: \"...\" expands '$' at run time, which a data file does not allow; use '...' or escape it as `$.");
            }

            line += c == '\n' ? 1 : 0;
            value.Append(c);
        }

        throw new FormatException($"Line {start}: unterminated string.");
    }

    private static object Number(string text, ref int i, int line)
    {
        var start = i;
        if (text[i] == '-')
        {
            i++;
        }

        while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        if (i < text.Length && char.IsLetter(text[i]))
        {
            throw new FormatException($"Line {line}: number with a suffix or hex digits ('{text.Substring(start, i - start + 1)}...') is outside the supported subset.");
        }

        var literal = text.Substring(start, i - start);
        if (int.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
        {
            return small;
        }

        if (long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var large))
        {
            return large;
        }

        if (double.TryParse(literal, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        throw new FormatException($"Line {line}: '{literal}' is not a number.");
    }

    private sealed record Token(Kind Kind, string Text, object? Value, int Line);
}
