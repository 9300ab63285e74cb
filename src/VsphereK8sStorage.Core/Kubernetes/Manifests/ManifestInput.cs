using System.Text;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Opens a source with the reader that suits it: a JSON object (the first character '{' and the next
/// '"', as <c>kubectl get -o json</c> writes) goes to the JSON reader, everything else (YAML, and
/// flow-style YAML that happens to start with '{') to YamlDotNet.
/// </summary>
internal static class ManifestInput
{
    private const int SniffLength = 4096;

    public static IDocumentReader Open(ManifestSource source, ManifestDiagnostics diagnostics, IItemSink items, out IDisposable resource)
    {
        if (source.OpenBytes is { } openBytes)
        {
            var stream = openBytes();
            resource = stream;
            var prefix = new byte[SniffLength];
            var length = ReadFully(stream, prefix);
            var bom = length >= 3 && prefix[0] == 0xEF && prefix[1] == 0xBB && prefix[2] == 0xBF ? 3 : 0;
            var replay = new ReplayStream(prefix, bom, length - bom, stream);
            if (LooksLikeJson(prefix.AsSpan(bom, length - bom), b => (char)b))
            {
                return new JsonDocumentReader(source.DisplayName, replay, diagnostics, items);
            }

            // The byte order mark (if any) goes to StreamReader, which picks UTF-8, UTF-16 or UTF-32 from it.
            var text = new StreamReader(new ReplayStream(prefix, 0, length, stream), ManifestSource.StrictUtf8, detectEncodingFromByteOrderMarks: true);
            resource = text;
            return new YamlDocumentReader(source.DisplayName, text, diagnostics, items);
        }

        var reader = source.Open();
        resource = reader;
        var chars = new char[SniffLength];
        var count = reader.ReadBlock(chars, 0, chars.Length);
        var skip = count > 0 && chars[0] == '\uFEFF' ? 1 : 0;
        if (LooksLikeJson(chars.AsSpan(skip, count - skip), c => c))
        {
            return new JsonDocumentReader(source.DisplayName, new Utf8Stream(new ReplayTextReader(chars, skip, count - skip, reader)), diagnostics, items);
        }

        return new YamlDocumentReader(source.DisplayName, new ReplayTextReader(chars, 0, count, reader), diagnostics, items);
    }

    private delegate char ToChar<T>(T value);

    // '{', then optional whitespace, then '"' (or '}'): a JSON object, not a YAML flow mapping with bare keys.
    private static bool LooksLikeJson<T>(ReadOnlySpan<T> text, ToChar<T> toChar)
    {
        var i = SkipSpace(text, 0, toChar);
        if (i >= text.Length || toChar(text[i]) != '{')
        {
            return false;
        }

        i = SkipSpace(text, i + 1, toChar);
        return i < text.Length && toChar(text[i]) is '"' or '}';
    }

    private static int SkipSpace<T>(ReadOnlySpan<T> text, int i, ToChar<T> toChar)
    {
        while (i < text.Length && toChar(text[i]) is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }

        return i;
    }

    private static int ReadFully(Stream stream, byte[] into)
    {
        var total = 0;
        int read;
        while (total < into.Length && (read = stream.Read(into, total, into.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Bytes already read for sniffing, then the rest of the stream.</summary>
    private sealed class ReplayStream : ForwardOnlyStream
    {
        private readonly byte[] prefix;
        private readonly Stream rest;
        private int position;
        private readonly int end;

        public ReplayStream(byte[] prefix, int offset, int count, Stream rest)
            : base(rest)
        {
            this.prefix = prefix;
            this.rest = rest;
            position = offset;
            end = offset + count;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (position < end)
            {
                var n = Math.Min(count, end - position);
                Buffer.BlockCopy(prefix, position, buffer, offset, n);
                position += n;
                return n;
            }

            return rest.Read(buffer, offset, count);
        }
    }

    /// <summary>Characters already read for sniffing, then the rest of the reader.</summary>
    private sealed class ReplayTextReader : TextReader
    {
        private readonly char[] prefix;
        private readonly TextReader rest;
        private int position;
        private readonly int end;

        public ReplayTextReader(char[] prefix, int offset, int count, TextReader rest)
        {
            this.prefix = prefix;
            this.rest = rest;
            position = offset;
            end = offset + count;
        }

        public override int Peek() => position < end ? prefix[position] : rest.Peek();

        public override int Read() => position < end ? prefix[position++] : rest.Read();

        public override int Read(char[] buffer, int index, int count)
        {
            if (position < end)
            {
                var n = Math.Min(count, end - position);
                Array.Copy(prefix, position, buffer, index, n);
                position += n;
                return n;
            }

            return rest.Read(buffer, index, count);
        }
    }

    /// <summary>A text reader as UTF-8 bytes, for JSON that arrives as text (standard input in tests and hosts).</summary>
    private sealed class Utf8Stream : ForwardOnlyStream
    {
        private readonly TextReader text;
        private readonly Encoder encoder = new UTF8Encoding(false).GetEncoder();
        private readonly char[] chars = new char[4096];

        public Utf8Stream(TextReader text)
            : base(null) => this.text = text;

        public override int Read(byte[] buffer, int offset, int count)
        {
            // At most one UTF-8 sequence (4 bytes) per UTF-16 unit pair: read no more characters than fit.
            var read = text.Read(chars, 0, Math.Min(chars.Length, count / 3));
            return read <= 0 ? 0 : encoder.GetBytes(chars, 0, read, buffer, offset, flush: false);
        }
    }
}
