using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VsphereK8sStorage.Kubernetes.Yaml;

namespace VsphereK8sStorage.Cli.Output;

/// <summary>
/// Writes result objects as JSON (camelCase, the shape Kubernetes tools use) or YAML. YAML is
/// produced from the JSON form, so both always carry the same fields under the same names.
/// </summary>
public static class ResultWriter
{
    /// <summary>
    /// The options of every JSON vk8s writes: <see cref="CliJsonContext"/>'s (camelCase, indented, enums by
    /// name, generated at compile time), with an encoder for terminals and files rather than HTML that keeps
    /// '≠' and quotes readable.
    /// </summary>
    public static readonly JsonSerializerOptions JsonOptions = new(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Streams the items as one JSON array: no string of the whole output is ever built.</summary>
    public static void WriteJson<T>(TextWriter writer, IReadOnlyList<T> items)
    {
        using (var utf8 = new TextWriterStream(writer))
        {
            JsonSerializer.Serialize(utf8, items, ListInfo<T>());
        }

        writer.WriteLine();
    }

    public static void WriteYaml<T>(TextWriter writer, IReadOnlyList<T> items)
    {
        using var document = JsonSerializer.SerializeToDocument(items, ListInfo<T>());
        YamlWriter.Write(writer, document.RootElement);
    }

    /// <summary>The generated contract of a list of <typeparamref name="T"/>; an error names a type missing from <see cref="CliJsonContext"/>.</summary>
    public static JsonTypeInfo<IReadOnlyList<T>> ListInfo<T>() =>
        JsonOptions.TryGetTypeInfo(typeof(IReadOnlyList<T>), out var info)
            ? (JsonTypeInfo<IReadOnlyList<T>>)info
            : throw new InvalidOperationException($"{typeof(T).Name} has no JSON contract in CliJsonContext, so it cannot be written as JSON or YAML.");

    /// <summary>UTF-8 bytes written on to a text writer (stdout, a file, a test's StringWriter).</summary>
    private sealed class TextWriterStream : Stream
    {
        private readonly TextWriter writer;
        private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();
        private char[] chars = new char[8192];

        public TextWriterStream(TextWriter writer) => this.writer = writer;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            // UTF-8 never decodes to more characters than it has bytes (plus one held back from before).
            if (buffer.Length + 1 > chars.Length)
            {
                chars = new char[buffer.Length + 1];
            }

            var written = decoder.GetChars(buffer, chars, flush: false);
            writer.Write(chars, 0, written);
        }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
