using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// Manifests a host's pipeline hands over, in the order they came: text (the lines <c>Get-Content</c> or
/// <c>kubectl get -o yaml</c> write, or whole documents) read as one stream, as a file with the same lines
/// would be read, and objects (mappings, lists and scalars, as <c>ConvertFrom-Json</c> or <c>ConvertFrom-Yaml</c>
/// make them), each read as one document.
/// </summary>
/// <remarks>
/// Design: text is kept as the pieces the host gave and read through one reader that puts a line break
/// between them, so nothing is copied into one large string. An object is written out as JSON when it is
/// added (without recursion, at most <see cref="TreeAssembler.MaxDepth"/> levels), so a value that is not
/// data is refused with the pipeline item that carried it, and reading it later gives the same objects,
/// rules and messages as a JSON file with that text.
/// </remarks>
public sealed class PipedManifests
{
    /// <summary>The name messages give the piped text (with a part number when objects came between its lines).</summary>
    public const string TextName = "<pipeline>";

    private readonly List<object> parts = new();
    private int textParts;

    /// <summary>Nothing has been added.</summary>
    public bool IsEmpty => parts.Count == 0;

    /// <summary>Adds text: one line, several lines, or whole documents.</summary>
    public void AddText(string text)
    {
        if (parts.Count > 0 && parts[parts.Count - 1] is TextPart open)
        {
            open.Pieces.Add(text);
            return;
        }

        parts.Add(new TextPart(++textParts, text));
    }

    /// <summary>
    /// Adds one object: a mapping (<see cref="IDictionary"/>), a list (<see cref="IEnumerable"/>), or a scalar
    /// (string, number, boolean, date, null). <paramref name="unwrap"/> lets a host turn its own wrappers into
    /// those, one level at a time (PowerShell's PSObject into its base object or a dictionary of its properties).
    /// A value of any other type is refused here, naming the pipeline item.
    /// </summary>
    public void AddObject(object? value, Func<object, object?>? unwrap = null)
    {
        var name = $"<pipeline object {parts.Count + 1}>";
        parts.Add(new ObjectPart(name, PipedObjectWriter.Write(value, unwrap ?? (v => v), name)));
    }

    internal IEnumerable<ManifestSource> Sources()
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case TextPart text:
                    var name = textParts == 1 ? TextName : $"<pipeline text {text.Number}>";
                    yield return new ManifestSource(name, () => new PiecesReader(text.Pieces));
                    break;
                case ObjectPart json:
                    yield return new ManifestSource(json.Name, () => new StreamReader(new MemoryStream(json.Json), Encoding.UTF8))
                    {
                        OpenBytes = () => new MemoryStream(json.Json, writable: false),
                    };
                    break;
            }
        }
    }

    private sealed class TextPart
    {
        public TextPart(int number, string first)
        {
            Number = number;
            Pieces.Add(first);
        }

        public int Number { get; }

        public List<string> Pieces { get; } = new();
    }

    private sealed record ObjectPart(string Name, byte[] Json);

    /// <summary>The pieces, one after another, with a line break after each that does not end in one.</summary>
    private sealed class PiecesReader : TextReader
    {
        private readonly List<string> pieces;
        private int piece;
        private int offset;
        private bool breakPending;

        public PiecesReader(List<string> pieces) => this.pieces = pieces;

        public override int Peek()
        {
            if (!Advance())
            {
                return -1;
            }

            return breakPending ? '\n' : pieces[piece][offset];
        }

        public override int Read()
        {
            var next = Peek();
            if (next >= 0)
            {
                Consume(1);
            }

            return next;
        }

        public override int Read(char[] buffer, int index, int count)
        {
            var written = 0;
            while (written < count && Advance())
            {
                if (breakPending)
                {
                    buffer[index + written++] = '\n';
                    Consume(1);
                    continue;
                }

                var current = pieces[piece];
                var n = Math.Min(count - written, current.Length - offset);
                current.CopyTo(offset, buffer, index + written, n);
                written += n;
                Consume(n);
            }

            return written;
        }

        // Moves past finished pieces; false at the end.
        private bool Advance()
        {
            while (piece < pieces.Count)
            {
                var current = pieces[piece];
                if (breakPending || offset < current.Length)
                {
                    return true;
                }

                if (current.Length > 0 && current[current.Length - 1] == '\n')
                {
                    NextPiece();
                    continue;
                }

                breakPending = true;
                return true;
            }

            return false;
        }

        private void Consume(int n)
        {
            if (breakPending)
            {
                NextPiece();
                return;
            }

            offset += n;
        }

        private void NextPiece()
        {
            piece++;
            offset = 0;
            breakPending = false;
        }
    }
}

/// <summary>Writes a piped object tree as indented JSON, without recursion, refusing what is not data.</summary>
internal static class PipedObjectWriter
{
    public static byte[] Write(object? root, Func<object, object?> unwrap, string name)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, SkipValidation = true, MaxDepth = TreeAssembler.MaxDepth + 1 }))
        {
            var open = new Stack<(IEnumerator Items, bool Mapping)>();
            Value(json, Unwrap(root, unwrap), open, name);
            while (open.Count > 0)
            {
                var (items, mapping) = open.Peek();
                if (!items.MoveNext())
                {
                    open.Pop();
                    if (mapping)
                    {
                        json.WriteEndObject();
                    }
                    else
                    {
                        json.WriteEndArray();
                    }

                    continue;
                }

                if (mapping)
                {
                    var entry = (DictionaryEntry)items.Current!;
                    json.WritePropertyName(Key(Unwrap(entry.Key, unwrap), name));
                    Value(json, Unwrap(entry.Value, unwrap), open, name);
                }
                else
                {
                    Value(json, Unwrap(items.Current, unwrap), open, name);
                }
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static object? Unwrap(object? value, Func<object, object?> unwrap) => value is null ? null : unwrap(value);

    private static void Value(Utf8JsonWriter json, object? value, Stack<(IEnumerator, bool)> open, string name)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                return;
            case string text:
                json.WriteStringValue(text);
                return;
            case bool flag:
                json.WriteBooleanValue(flag);
                return;
            case int or long or short or sbyte or byte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case ulong big:
                json.WriteNumberValue(big);
                return;
            case decimal exact:
                json.WriteNumberValue(exact);
                return;
            case double or float:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(real) || double.IsInfinity(real))
                {
                    throw Refused(name, $"holds the number {real.ToString(CultureInfo.InvariantCulture)}, which JSON and YAML manifests cannot hold");
                }

                json.WriteNumberValue(real);
                return;
            case DateTime time:
                json.WriteStringValue(Rfc3339(new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time)));
                return;
            case DateTimeOffset time:
                json.WriteStringValue(Rfc3339(time));
                return;
            case char or Guid or Enum:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            case IDictionary mapping:
                Open(json, open, mapping.GetEnumerator(), true, name);
                return;
            case IEnumerable list:
                Open(json, open, list.GetEnumerator(), false, name);
                return;
            default:
                throw Refused(name, $"{(open.Count == 0 ? "is" : "holds")} {Describe(value)}, which is not manifest data");
        }
    }

    private static void Open(Utf8JsonWriter json, Stack<(IEnumerator, bool)> open, IEnumerator items, bool mapping, string name)
    {
        if (open.Count >= TreeAssembler.MaxDepth)
        {
            throw Refused(name, $"nests deeper than {TreeAssembler.MaxDepth} levels (does it hold itself?); no Kubernetes object does");
        }

        if (mapping)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartArray();
        }

        open.Push((items, mapping));
    }

    private static string Key(object? key, string name) => key switch
    {
        string text => text,
        null => throw Refused(name, "has a mapping key that is null"),
        IDictionary or IEnumerable => throw Refused(name, "has a mapping key that is a mapping or a list; keys must be text"),
        _ => Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    // RFC 3339 as the API server writes it: whole seconds in UTC with Z, a fraction only when there is one.
    private static string Rfc3339(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    private static string Describe(object value) => "a " + MessageText.Bounded(value.GetType().Name, 60);

    private static VsphereK8sException Refused(string name, string what) =>
        new("PipedObjectUnsupported", ErrorKind.InvalidData, $"{name} {what}: pipe manifest text (Get-Content, kubectl get -o yaml) or objects from ConvertFrom-Json or ConvertFrom-Yaml.", name);
}
