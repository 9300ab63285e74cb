using System.Buffers;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>A run of whole documents of a YAML file: where it starts, its first line, and the documents before it and in it.</summary>
internal readonly record struct YamlPart(long Offset, long Length, int FirstLine, int DocumentOffset, int Documents);

/// <summary>
/// Cuts a multi-document YAML file into runs of documents that can be parsed on their own, with one
/// scan of its bytes for the lines that start with <c>---</c> (then a space, a tab or the end of the
/// line): at the start of a line YamlDotNet reads that as a new document everywhere (it ends a plain or
/// block scalar there, and is an error inside a quoted one), so every part starts where a document does.
/// </summary>
/// <remarks>
/// Design: the cut is a prediction (the documents each part holds), checked after parsing: a part that
/// fails or holds another number of documents makes the caller read the file from start to end instead.
/// Files the line count could be wrong for are not cut: YAML 1.1 breaks lines at a lone carriage return,
/// NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR too. Nor are files with directives (<c>%</c>) or document
/// end markers (<c>...</c>), JSON, or text that is not UTF-8.
/// </remarks>
internal static class YamlSplit
{
    private static readonly SearchValues<byte> Special = SearchValues.Create(new byte[] { (byte)'\n', (byte)'\r', 0xC2, 0xE2 });

    /// <summary>The parts of the file, or null when it is too small to pay or must be read whole.</summary>
    public static List<YamlPart>? Plan(Stream stream, int parallelism, long minPartBytes)
    {
        if (!stream.CanSeek || stream.Length < 2 * minPartBytes)
        {
            return null;
        }

        var target = Math.Max(minPartBytes, stream.Length / (parallelism * 4L));
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

    private static List<YamlPart>? Scan(Stream stream, byte[] buffer, long target)
    {
        var parts = new List<YamlPart>();
        long origin = 0;
        int i = 0, n = 0;
        var endOfInput = false;
        var line = 1;
        var atLineStart = true;
        long partStart = 0;
        var partLine = 1;
        var partMarkers = 0;
        var documentsBefore = 0;
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
            // Keep four bytes ahead in the buffer: the longest pattern looked at.
            if (n - i < 4 && !endOfInput)
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
                var b0 = buffer[i];
                if (b0 == (byte)'-' && n - i >= 3 && buffer[i + 1] == (byte)'-' && buffer[i + 2] == (byte)'-' &&
                    (n - i == 3 || buffer[i + 3] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    var at = origin + i;
                    if (firstMarker < 0)
                    {
                        firstMarker = at;
                    }

                    if (at - partStart >= target && partMarkers > 0)
                    {
                        parts.Add(new YamlPart(partStart, at - partStart, partLine, documentsBefore, partMarkers));
                        documentsBefore += partMarkers;
                        partStart = at;
                        partLine = line;
                        partMarkers = 0;
                    }

                    partMarkers++;
                }
                else if (b0 == (byte)'%' || (b0 == (byte)'.' && n - i >= 3 && buffer[i + 1] == (byte)'.' && buffer[i + 2] == (byte)'.'))
                {
                    return null;
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
        if (parts.Count == 0)
        {
            return null;
        }

        parts.Add(new YamlPart(partStart, length - partStart, partLine, documentsBefore, partMarkers));

        // The first part may hold a document before its first '---' (written without one).
        if (firstMarker != 0 && HasContent(stream, firstMarker < 0 ? length : firstMarker))
        {
            for (var p = 0; p < parts.Count; p++)
            {
                parts[p] = p == 0
                    ? parts[p] with { Documents = parts[p].Documents + 1 }
                    : parts[p] with { DocumentOffset = parts[p].DocumentOffset + 1 };
            }
        }

        return parts;
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
