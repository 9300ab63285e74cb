using System.Text.Json;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Reads JSON manifests (<c>kubectl get -o json</c>: one object or a List, or several objects one after
/// another) with System.Text.Json's reader into the same trees the YAML reader builds, many times
/// faster than a YAML parser and without a string per punctuation token. Positions are counted as the
/// bytes go by, so every message still names a line and a column.
/// </summary>
internal sealed class JsonDocumentReader : IDocumentReader
{
    private readonly string file;
    private readonly Stream stream;
    private readonly ManifestDiagnostics diagnostics;
    private readonly TreeAssembler tree;
    private readonly RecentStrings recent = new();
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private bool endOfInput;
    private JsonReaderState state;

    // Position bookkeeping: the absolute offset of buffer[0]; line and column of the byte at 'counted'.
    private long bufferOffset;
    private long counted;
    private int line = 1;
    private int column = 1;
    private SourceLocation documentStart;
    private int documentIndex;
    private bool finished;

    public JsonDocumentReader(string file, Stream stream, ManifestDiagnostics diagnostics, IItemSink? items = null)
    {
        this.file = file;
        this.stream = stream;
        this.diagnostics = diagnostics;
        tree = new TreeAssembler(diagnostics, items);
        state = NewState();
    }

    public bool TryRead(out ManifestDocument document)
    {
        document = null!;
        if (finished)
        {
            return false;
        }

        try
        {
            if (!SkipWhitespace())
            {
                finished = true;
                return false;
            }

            documentIndex++;
            var (firstLine, firstColumn) = Position(bufferOffset + start);
            var location = new SourceLocation(file, firstLine, firstColumn, documentIndex);
            documentStart = location;
            tree.Begin(location);
            while (!ReadTokens())
            {
                if (endOfInput)
                {
                    var (l, c) = Position(bufferOffset + end);
                    throw tree.Error(l, c, ManifestRules.YamlSyntax, "JSON syntax error: the input ends inside a value; look for an unclosed brace, bracket or quote");
                }

                Refill();
            }

            // Each top-level value is a document: the next one starts with a fresh reader state.
            state = NewState();
            document = new ManifestDocument(location, tree.Root is ScalarNode { IsNull: true } || tree.HasProblems ? null : tree.Root);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            finished = true;
            diagnostics.AddError(Describe(ex));
            return false;
        }
    }

    private static JsonReaderState NewState() => new(new JsonReaderOptions { MaxDepth = TreeAssembler.MaxDepth + 1 });

    // Reads the tokens in the buffer; true once the document's root is complete.
    private bool ReadTokens()
    {
        var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), endOfInput, state);
        var done = false;
        while (!done && reader.Read())
        {
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                // An end makes no node, so it needs no position; its bytes are counted with the next token's.
                tree.End();
                done = tree.Root is not null;
                continue;
            }

            var (l, c) = Position(bufferOffset + start + reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    tree.StartMapping(l, c, null);
                    break;
                case JsonTokenType.StartArray:
                    tree.StartSequence(l, c, null);
                    break;
                case JsonTokenType.PropertyName or JsonTokenType.String:
                    tree.Scalar(KnownStrings.Get(ref reader, recent), false, l, c, null);
                    break;
                case JsonTokenType.Number:
                    tree.Scalar(recent.Get(reader.ValueSpan), true, l, c, null);
                    break;
                case JsonTokenType.True:
                    tree.Scalar("true", true, l, c, null);
                    break;
                case JsonTokenType.False:
                    tree.Scalar("false", true, l, c, null);
                    break;
                case JsonTokenType.Null:
                    tree.Scalar("null", true, l, c, null);
                    break;
            }

            done = tree.Root is not null;
        }

        start += (int)reader.BytesConsumed;
        state = reader.CurrentState;
        return done;
    }

    // Skips whitespace between top-level values, reading more as needed; false at the end of the input.
    private bool SkipWhitespace()
    {
        while (true)
        {
            while (start < end && buffer[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                start++;
            }

            if (start < end)
            {
                return true;
            }

            if (endOfInput)
            {
                return false;
            }

            Refill();
        }
    }

    private void Refill()
    {
        // Count the lines of what is about to leave the buffer.
        Position(bufferOffset + start);
        var remaining = end - start;
        if (remaining == buffer.Length)
        {
            // One token larger than the buffer (a long string): make room.
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        else if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, remaining);
        }

        bufferOffset += start;
        start = 0;
        end = remaining;
        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read <= 0)
        {
            endOfInput = true;
        }
        else
        {
            end += read;
        }
    }

    // Line and column (in characters) of an absolute offset inside the buffer. Offsets only grow, so
    // every byte is counted once, however long the lines (minified JSON is one line); the counting is
    // done a vector at a time.
    private (int Line, int Column) Position(long offset)
    {
        var from = (int)(counted - bufferOffset);
        var to = (int)(offset - bufferOffset);
        if (to > from)
        {
            var bytes = buffer.AsSpan(from, to - from);
            var lastNewline = bytes.LastIndexOf((byte)'\n');
            if (lastNewline >= 0)
            {
                line += bytes[..lastNewline].Count((byte)'\n') + 1;
                column = 1;
                bytes = bytes[(lastNewline + 1)..];
            }

            column += Characters(bytes);
            counted = offset;
        }

        return (line, column);
    }

    // The UTF-8 characters in some bytes: every byte but continuation bytes (10xxxxxx) starts one.
    private static int Characters(ReadOnlySpan<byte> bytes)
    {
        var firstNonAscii = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        if (firstNonAscii < 0)
        {
            return bytes.Length;
        }

        var characters = firstNonAscii;
        foreach (var b in bytes[firstNonAscii..])
        {
            characters += (b & 0xC0) != 0x80 ? 1 : 0;
        }

        return characters;
    }

    private ManifestException Describe(Exception ex)
    {
        var index = Math.Max(documentIndex, 1);
        switch (ex)
        {
            case ManifestTreeException refused:
                return new ManifestException(refused.Location, null, string.Empty, refused.Message, refused.Rule.Id);
            case JsonException json:
                var message = json.Message;
                var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
                cut = cut < 0 ? message.IndexOf(" LineNumber:", StringComparison.Ordinal) : cut;
                var text = (cut < 0 ? message : message.Substring(0, cut)).TrimEnd('.');
                // The reader counts from where this document began.
                var lines = (int)(json.LineNumber ?? 0);
                var bytes = (int)(json.BytePositionInLine ?? 0);
                var where = lines == 0
                    ? new SourceLocation(file, documentStart.Line, documentStart.Column + bytes, index)
                    : new SourceLocation(file, documentStart.Line + lines, bytes + 1, index);
                return Syntax(where, $"JSON syntax error: {text}");
            default:
                var (l, c) = Position(bufferOffset + start);
                return Syntax(new SourceLocation(file, l, c, index), "JSON syntax error: the JSON reader cannot go on here (invalid UTF-8 text or an unclosed value)");
        }
    }

    private static ManifestException Syntax(SourceLocation location, string message) =>
        new(location, null, string.Empty, message, ManifestRules.YamlSyntax.Id);
}
