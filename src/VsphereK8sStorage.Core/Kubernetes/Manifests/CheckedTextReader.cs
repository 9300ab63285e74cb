using System.Buffers;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Hands the YAML parser its text, refusing the characters YAML forbids and keeping the position
/// it has reached, so that any failure further down can still name a line and a column.
/// </summary>
/// <remarks>
/// YamlDotNet reads a NUL as the end of the stream: a file of NUL bytes would look empty and a NUL
/// in the middle would cut a document short. go-yaml, which Kubernetes reads with, refuses control
/// characters; so does this reader, at the character.
/// </remarks>
internal sealed class CheckedTextReader : TextReader
{
    // YAML's printable set minus what its spec allows: tab, line feed, carriage return and NEL are fine.
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\u007F\u0080\u0081\u0082\u0083\u0084\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F\uFFFE\uFFFF");

    private readonly TextReader inner;
    private readonly char[] buffer = new char[16 * 1024];
    private int position;
    private int length;
    private int firstForbidden = int.MaxValue;

    public CheckedTextReader(TextReader inner) => this.inner = inner;

    /// <summary>1-based line of the next character.</summary>
    public int Line { get; private set; } = 1;

    /// <summary>1-based column of the next character.</summary>
    public int Column { get; private set; } = 1;

    public override int Peek() => Fill() ? buffer[position] : -1;

    public override int Read()
    {
        if (!Fill())
        {
            return -1;
        }

        var c = buffer[position];
        if (position == firstForbidden)
        {
            throw new ForbiddenCharacterException(Line, Column, c);
        }

        position++;
        if (c == '\n')
        {
            Line++;
            Column = 1;
        }
        else
        {
            Column++;
        }

        return c;
    }

    // YamlDotNet fills its look-ahead buffer with this: whole runs are copied, up to a forbidden character, which the
    // next call refuses (within the same fill, so the parser never reads past it).
    public override int Read(char[] destination, int index, int count)
    {
        var read = 0;
        while (read < count && Fill())
        {
            if (position == firstForbidden)
            {
                if (read > 0)
                {
                    break;
                }

                throw new ForbiddenCharacterException(Line, Column, buffer[position]);
            }

            ReadOnlySpan<char> run = buffer.AsSpan(position, Math.Min(Math.Min(count - read, length - position), firstForbidden - position));
            run.CopyTo(destination.AsSpan(index + read));
            var lastBreak = run.LastIndexOf('\n');
            if (lastBreak < 0)
            {
                Column += run.Length;
            }
            else
            {
                Line += run.Count('\n');
                Column = run.Length - lastBreak;
            }

            position += run.Length;
            read += run.Length;
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Fill()
    {
        if (position < length)
        {
            return true;
        }

        length = inner.Read(buffer, 0, buffer.Length);
        position = 0;
        var forbidden = length <= 0 ? -1 : buffer.AsSpan(0, length).IndexOfAny(Forbidden);
        firstForbidden = forbidden < 0 ? int.MaxValue : forbidden;
        return length > 0;
    }
}

/// <summary>A character YAML does not allow in a stream, at a line and column.</summary>
internal sealed class ForbiddenCharacterException : Exception
{
    public ForbiddenCharacterException(int line, int column, char character)
        : base(character == '\0'
            ? "the file holds a NUL character, which YAML does not allow (a binary file, or UTF-16 text without a byte order mark?)"
            : $"control character U+{(int)character:X4} is not allowed in YAML; remove it")
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}
