using System.Runtime.ExceptionServices;
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

    // From how many items the array is written in chunks on every core.
    private const int ChunkedFrom = 4096;

    // Items per chunk: a chunk's bytes (about 340 KB of claims) are held until its turn to be written.
    private const int ChunkSize = 256;

    /// <summary>Streams the items as one JSON array: no string of the whole output is ever built.</summary>
    public static void WriteJson<T>(TextWriter writer, IReadOnlyList<T> items)
    {
        using (var utf8 = new TextWriterStream(writer))
        {
            if (items.Count < ChunkedFrom || Environment.ProcessorCount < 2)
            {
                JsonSerializer.Serialize(utf8, items, ListInfo<T>());
            }
            else
            {
                WriteInChunks(utf8, items);
            }
        }

        writer.WriteLine();
    }

    /// <summary>
    /// The array a single pass writes, byte for byte, with its elements serialized on every core: each worker takes
    /// the next chunk of items, serializes it as an array of its own, and waits for its turn to write that array's
    /// inside. Chunks are taken in order, so the worker with the earliest unwritten chunk never waits for another.
    /// </summary>
    private static void WriteInChunks<T>(Stream output, IReadOnlyList<T> items)
    {
        var info = ListInfo<T>();
        var chunks = (items.Count + ChunkSize - 1) / ChunkSize;
        var next = -1;
        var turn = 0;
        var gate = new object();
        var failed = false;
        byte[]? lastLineEnd = null;
        output.Write("["u8);

        void Work()
        {
            using var buffer = new PooledBufferWriter();
            using var json = new Utf8JsonWriter(buffer, WriterOptions);
            int chunk;
            while ((chunk = Interlocked.Increment(ref next)) < chunks)
            {
                buffer.Clear();
                json.Reset(buffer);
                var from = chunk * ChunkSize;
                JsonSerializer.Serialize(json, new Slice<T>(items, from, Math.Min(ChunkSize, items.Count - from)), info);
                json.Flush();

                // The chunk is "[" + its elements + a line end (when indented) + "]": its elements, after a comma
                // between chunks, are the whole array's, and its line end is the one before the array's "]".
                var inside = buffer.Written[1..^1];
                var elements = inside.TrimEnd("\r\n"u8);
                lock (gate)
                {
                    while (turn != chunk && !failed)
                    {
                        Monitor.Wait(gate);
                    }

                    if (failed)
                    {
                        return;
                    }

                    // A write that fails is the worker's failure: Guarded wakes the others.
                    if (chunk > 0)
                    {
                        output.Write(","u8);
                    }

                    output.Write(elements);
                    lastLineEnd ??= inside[elements.Length..].ToArray();

                    turn++;
                    Monitor.PulseAll(gate);
                }
            }
        }

        void Guarded()
        {
            try
            {
                Work();
            }
            catch
            {
                lock (gate)
                {
                    failed = true;
                    Monitor.PulseAll(gate);
                }

                throw;
            }
        }

        // This thread works too; the first failure is thrown as itself once every worker has stopped.
        var helpers = new Task[Math.Min(Environment.ProcessorCount, chunks) - 1];
        for (var i = 0; i < helpers.Length; i++)
        {
            helpers[i] = Task.Run(Guarded);
        }

        ExceptionDispatchInfo? failure = null;
        try
        {
            Guarded();
        }
        catch (Exception ex)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }

        foreach (var helper in helpers)
        {
            try
            {
                helper.GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                failure ??= ExceptionDispatchInfo.Capture(ex);
            }
        }

        failure?.Throw();
        output.Write(lastLineEnd);
        output.Write("]"u8);
    }

    // What JsonSerializer writes a stream with under JsonOptions.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JsonOptions.Encoder,
        Indented = JsonOptions.WriteIndented,
        MaxDepth = JsonOptions.MaxDepth,
    };

    /// <summary>Items <paramref name="from"/> on, as a list of their own (for one chunk's array).</summary>
    private sealed class Slice<T> : IReadOnlyList<T>
    {
        private readonly IReadOnlyList<T> items;
        private readonly int from;

        public Slice(IReadOnlyList<T> items, int from, int count)
        {
            this.items = items;
            this.from = from;
            Count = count;
        }

        public int Count { get; }

        public T this[int index] => items[from + index];

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return items[from + i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Bytes written into a buffer rented from the shared pool, grown by renting a larger one, kept across chunks.</summary>
    private sealed class PooledBufferWriter : System.Buffers.IBufferWriter<byte>, IDisposable
    {
        private byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int written;

        public ReadOnlySpan<byte> Written => buffer.AsSpan(0, written);

        public void Clear() => written = 0;

        public void Advance(int count) => written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return buffer.AsMemory(written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return buffer.AsSpan(written);
        }

        public void Dispose() => System.Buffers.ArrayPool<byte>.Shared.Return(buffer);

        private void Ensure(int sizeHint)
        {
            if (buffer.Length - written >= Math.Max(sizeHint, 1))
            {
                return;
            }

            var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, written + sizeHint));
            buffer.AsSpan(0, written).CopyTo(larger);
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
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
        private readonly char[] chars = new char[8192];

        public TextWriterStream(TextWriter writer) => this.writer = writer;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            // Decoded a buffer of characters at a time, so a large write (a chunk of a long array) needs no larger one.
            while (!buffer.IsEmpty)
            {
                decoder.Convert(buffer, chars, flush: false, out var bytesUsed, out var charsUsed, out _);
                writer.Write(chars, 0, charsUsed);
                buffer = buffer[bytesUsed..];
            }
        }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
