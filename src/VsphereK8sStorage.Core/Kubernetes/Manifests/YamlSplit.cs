using System.Buffers;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// A run of whole documents of a YAML file, or of whole items of the List a file holds: where it starts, its first
/// line, and the documents (items) before it and in it.
/// </summary>
internal readonly record struct YamlPart(long Offset, long Length, int FirstLine, int Before, int Count);

/// <summary>Where the items of a file's one List start and where its fields after them (its tail) start.</summary>
internal readonly record struct YamlListFrame(long ItemsOffset, long TailOffset, long Length);

/// <summary>How a YAML file is cut: into runs of documents, or (<see cref="List"/> set) into runs of its one List's items.</summary>
internal sealed record YamlCut(List<YamlPart> Parts, YamlListFrame? List);

/// <summary>
/// Cuts a multi-document YAML file into runs of documents that can be parsed on their own, with one
/// scan of its bytes for the lines that start with <c>---</c> (then a space, a tab or the end of the
/// line): at the start of a line YamlDotNet reads that as a new document everywhere (it ends a plain or
/// block scalar there, and is an error inside a quoted one), so every part starts where a document does.
/// A file of one List as <c>kubectl get -o yaml</c> writes it (an <c>items:</c> line, then items that start
/// with <c>- </c> at the start of a line) is cut into runs of items in the same scan.
/// </summary>
/// <remarks>
/// Design: the cut is a prediction (the documents or items each part holds), checked after parsing: a part that
/// fails or holds another number of documents makes the caller read the file from start to end instead.
/// Files the line count could be wrong for are not cut: YAML 1.1 breaks lines at a lone carriage return,
/// NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR too. Nor are files with directives (<c>%</c>) or document
/// end markers (<c>...</c>), JSON, or text that is not UTF-8. A List's fields before and after its items
/// are read apart (<see cref="MaxListFrameBytes"/> at most), so the List itself is checked as a whole.
/// </remarks>
internal static class YamlSplit
{
    /// <summary>The most bytes a List's fields before and after its items may hold for its items to be cut into runs.</summary>
    public const int MaxListFrameBytes = 64 * 1024;

    private static readonly SearchValues<byte> Special = SearchValues.Create(new byte[] { (byte)'\n', (byte)'\r', 0xC2, 0xE2 });

    /// <summary>How to cut the file, or null when it is too small to pay or must be read whole.</summary>
    public static YamlCut? Plan(Stream stream, int parallelism, long minPartBytes)
    {
        // Halved, not doubled: a size that is never cut (long.MaxValue) must not wrap around.
        if (!stream.CanSeek || stream.Length / 2 < minPartBytes)
        {
            return null;
        }

        // Many parts per core, so the last part read leaves the other cores idle briefly: at 4 per core, a perf timeline
        // of the 31 MB file showed one core reading the last part alone for about 150 ms; at 16, about 100 ms less.
        var target = Math.Max(minPartBytes, stream.Length / (parallelism * 16L));
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            return Scan(stream, buffer, target);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static YamlCut? Scan(Stream stream, byte[] buffer, long target)
    {
        var documents = new RunCutter(target, 0, 1);
        var list = new ListScan(target);
        long origin = 0;
        int i = 0, n = 0;
        var endOfInput = false;
        var line = 1;
        var atLineStart = true;
        long firstMarker = -1;

        n = Fill(stream, buffer, 0, ref endOfInput);
        if (n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
        {
            i = 3;
        }
        else if (n >= 2 && (buffer[0] is 0xFE or 0xFF || buffer[1] == 0 || buffer[0] == 0))
        {
            // UTF-16 or UTF-32 (with or without a byte order mark): read whole.
            return null;
        }

        if (LooksLikeJson(buffer.AsSpan(i, n - i)))
        {
            return null;
        }

        while (true)
        {
            // Keep eight bytes ahead in the buffer: the longest pattern looked at ("items:\r\n").
            if (n - i < 8 && !endOfInput)
            {
                Buffer.BlockCopy(buffer, i, buffer, 0, n - i);
                origin += i;
                n -= i;
                i = 0;
                n += Fill(stream, buffer, n, ref endOfInput);
                continue;
            }

            if (i >= n)
            {
                break;
            }

            if (atLineStart)
            {
                atLineStart = false;
                var start = buffer.AsSpan(i, n - i);
                if (start.StartsWith("---"u8) && (start.Length == 3 || start[3] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    var at = origin + i;
                    if (firstMarker < 0)
                    {
                        firstMarker = at;
                    }

                    documents.Add(at, line);
                    list.DocumentMarker();
                }
                else if (start[0] == (byte)'%' || start.StartsWith("..."u8))
                {
                    return null;
                }
                else
                {
                    list.Line(start, origin + i, line);
                }
            }

            var k = buffer.AsSpan(i, n - i).IndexOfAny(Special);
            if (k < 0)
            {
                i = n;
                continue;
            }

            i += k;
            if (n - i < 3 && !endOfInput)
            {
                // Look at the bytes after it once they are in.
                Buffer.BlockCopy(buffer, i, buffer, 0, n - i);
                origin += i;
                n -= i;
                i = 0;
                n += Fill(stream, buffer, n, ref endOfInput);
                if (n < 3 && !endOfInput)
                {
                    continue;
                }
            }

            switch (buffer[i])
            {
                case (byte)'\n':
                    line++;
                    atLineStart = true;
                    break;
                case (byte)'\r':
                    if (i + 1 >= n || buffer[i + 1] != (byte)'\n')
                    {
                        return null;
                    }

                    break;
                case 0xC2:
                    if (i + 1 < n && buffer[i + 1] == 0x85)
                    {
                        return null;
                    }

                    break;
                default:
                    if (i + 2 < n && buffer[i + 1] == 0x80 && buffer[i + 2] is 0xA8 or 0xA9)
                    {
                        return null;
                    }

                    break;
            }

            i++;
        }

        var length = origin + n;
        if (!documents.HasCut)
        {
            return list.Cut(length);
        }

        var parts = documents.Finish(length);

        // The first part may hold a document before its first '---' (written without one).
        if (firstMarker != 0 && HasContent(stream, firstMarker < 0 ? length : firstMarker))
        {
            for (var p = 0; p < parts.Count; p++)
            {
                parts[p] = p == 0
                    ? parts[p] with { Count = parts[p].Count + 1 }
                    : parts[p] with { Before = parts[p].Before + 1 };
            }
        }

        return new YamlCut(parts, null);
    }

    /// <summary>
    /// Follows the lines that start at column 0 for a List as kubectl writes it: fields, an <c>items:</c> line, items
    /// that each start with <c>- </c>, blank and comment lines among them, then more fields. Anything else (a second
    /// document, a second <c>items:</c>, an item after the fields that follow the items) means no List cut.
    /// </summary>
    private sealed class ListScan
    {
        private readonly long target;
        private RunCutter? runs;
        private State state = State.Head;
        private long itemsOffset = -1;
        private long tailOffset = -1;

        public ListScan(long target) => this.target = target;

        private enum State
        {
            Head,
            Items,
            Tail,
            None,
        }

        public void DocumentMarker()
        {
            if (state != State.Head)
            {
                state = State.None;
            }
        }

        /// <summary>A line that is not a document marker, from its first byte (eight bytes or the rest of the input in view).</summary>
        public void Line(ReadOnlySpan<byte> start, long offset, int line)
        {
            if (state == State.None || start[0] is (byte)' ' or (byte)'\t' or (byte)'#' or (byte)'\r' or (byte)'\n')
            {
                // Indented, a comment or blank: part of whatever came before it.
                return;
            }

            var item = start[0] == (byte)'-' && (start.Length == 1 || start[1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');
            switch (state)
            {
                case State.Head when item:
                    state = State.None;
                    break;
                case State.Head:
                    if (start.StartsWith("items:\n"u8) || start.StartsWith("items:\r\n"u8) || start.SequenceEqual("items:"u8))
                    {
                        state = State.Items;
                    }

                    break;
                case State.Items when item:
                    Item(offset, line);
                    break;
                case State.Items:
                    state = State.Tail;
                    tailOffset = offset;
                    break;
                default:
                    if (item || start.StartsWith("items:"u8))
                    {
                        state = State.None;
                    }

                    break;
            }
        }

        /// <summary>The runs of items, or null when the file is not one List cut into at least two runs.</summary>
        public YamlCut? Cut(long length)
        {
            if (state is not (State.Items or State.Tail) || runs is not { HasCut: true })
            {
                return null;
            }

            var tail = tailOffset < 0 ? length : tailOffset;
            var frameBytes = itemsOffset + (length - tail);
            return frameBytes <= MaxListFrameBytes ? new YamlCut(runs.Finish(tail), new YamlListFrame(itemsOffset, tail, length)) : null;
        }

        private void Item(long offset, int line)
        {
            if (runs is null)
            {
                itemsOffset = offset;
                runs = new RunCutter(target, offset, line);
            }

            runs.Add(offset, line);
        }
    }

    /// <summary>
    /// Gathers documents or items, each at its start, into runs of at least <c>target</c> bytes: a run ends at the first
    /// start past that size, so every run holds at least one.
    /// </summary>
    private sealed class RunCutter
    {
        private readonly long target;
        private readonly List<YamlPart> runs = new();
        private long runStart;
        private int runLine;
        private int inRun;
        private int before;

        public RunCutter(long target, long start, int line)
        {
            this.target = target;
            runStart = start;
            runLine = line;
        }

        /// <summary>At least one run has ended: finished, there are two or more.</summary>
        public bool HasCut => runs.Count > 0;

        /// <summary>A document or item starting at <paramref name="offset"/>, on <paramref name="line"/>.</summary>
        public void Add(long offset, int line)
        {
            if (offset - runStart >= target && inRun > 0)
            {
                runs.Add(new YamlPart(runStart, offset - runStart, runLine, before, inRun));
                before += inRun;
                runStart = offset;
                runLine = line;
                inRun = 0;
            }

            inRun++;
        }

        /// <summary>Ends the last run at <paramref name="end"/> and returns them all.</summary>
        public List<YamlPart> Finish(long end)
        {
            runs.Add(new YamlPart(runStart, end - runStart, runLine, before, inRun));
            return runs;
        }
    }

    // Anything but blank lines, comments and a byte order mark before the first '---' makes a document.
    private static bool HasContent(Stream stream, long end)
    {
        stream.Seek(0, SeekOrigin.Begin);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var inComment = false;
            long offset = 0;
            while (offset < end)
            {
                var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, end - offset));
                if (read <= 0)
                {
                    return false;
                }

                for (var j = 0; j < read; j++, offset++)
                {
                    var b = buffer[j];
                    if (offset < 3 && b is 0xEF or 0xBB or 0xBF)
                    {
                        continue;
                    }

                    if (inComment)
                    {
                        inComment = b != (byte)'\n';
                    }
                    else if (b == (byte)'#')
                    {
                        inComment = true;
                    }
                    else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // As ManifestInput sniffs: '{' then '"' or '}' is JSON, read by the JSON reader.
    private static bool LooksLikeJson(ReadOnlySpan<byte> text)
    {
        var i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i < text.Length && text[i] == (byte)'{';
    }

    private static int Fill(Stream stream, byte[] buffer, int from, ref bool endOfInput)
    {
        var total = 0;
        while (from + total < buffer.Length)
        {
            var read = stream.Read(buffer, from + total, buffer.Length - from - total);
            if (read <= 0)
            {
                endOfInput = true;
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>The bytes of one part of a stream.</summary>
    internal sealed class PartStream : ForwardOnlyStream
    {
        private readonly Stream inner;
        private long remaining;

        public PartStream(Stream inner, long offset, long length)
            : base(inner)
        {
            this.inner = inner;
            inner.Seek(offset, SeekOrigin.Begin);
            remaining = length;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (remaining <= 0)
            {
                return 0;
            }

            var read = inner.Read(buffer, offset, (int)Math.Min(count, remaining));
            remaining -= Math.Max(read, 0);
            return read;
        }
    }
}
