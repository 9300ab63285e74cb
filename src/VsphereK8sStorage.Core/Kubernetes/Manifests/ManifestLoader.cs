using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Threading;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Reads manifests the way <c>kubectl apply -f</c> takes them: files of one or more YAML or JSON
/// documents, <c>List</c> objects, or directories of <c>.yaml</c>, <c>.yml</c> and <c>.json</c> files
/// (with <c>recurse</c>, their subdirectories too). Every malformed document is reported; if there is
/// any, loading fails as a whole.
/// </summary>
public static class ManifestLoader
{
    /// <summary>Expands paths (files and directories) into sources, in a stable order.</summary>
    public static IReadOnlyList<ManifestSource> ResolvePaths(IEnumerable<string> paths, bool recurse, IOperationHost host) =>
        ManifestPaths.Resolve(ClusterSourceSpec.Manifests(paths, recurse), host);

    /// <summary>Reads every source and fails if anything in them is malformed (for tests and tools that want all or nothing).</summary>
    public static ClusterSnapshot Load(IEnumerable<ManifestSource> sources, IOperationHost host) => Load(sources, host, CancellationToken.None);

    /// <inheritdoc cref="Load(IEnumerable{ManifestSource}, IOperationHost)"/>
    public static ClusterSnapshot Load(IEnumerable<ManifestSource> sources, IOperationHost host, CancellationToken cancellationToken)
    {
        var snapshot = Read(sources, host, cancellationToken);
        return snapshot.ReadFailure is { } failure ? throw failure : snapshot;
    }

    /// <summary>
    /// Reads every source. A malformed document or an unreadable file is reported and left out, and
    /// the others are read: the snapshot holds what could be read, and <see cref="ClusterSnapshot.ReadFailure"/>
    /// what could not.
    /// </summary>
    /// <remarks>
    /// Sources, the documents of a large multi-document YAML file and the items of a large YAML List are read in
    /// parallel on the machine's cores; what each part finds is recorded and handed on in input order, so the objects,
    /// the "defined twice" warnings and every message are those of a read from start to end.
    /// </remarks>
    public static ClusterSnapshot Read(IEnumerable<ManifestSource> sources, IOperationHost host, CancellationToken cancellationToken) =>
        Read(sources, host, cancellationToken, ManifestReadOptions.Default);

    /// <inheritdoc cref="Read(IEnumerable{ManifestSource}, IOperationHost, CancellationToken)"/>
    internal static ClusterSnapshot Read(IEnumerable<ManifestSource> sources, IOperationHost host, CancellationToken cancellationToken, ManifestReadOptions options)
    {
        var diagnostics = new ManifestDiagnostics();
        var builder = new ClusterSnapshotBuilder(message => diagnostics.AddWarning("DefinedTwice", message));
        var documents = 0;
        var sourceNames = new List<string>();
        var list = sources as IReadOnlyList<ManifestSource> ?? sources.ToList();
        if (options.Parallelism <= 1)
        {
            foreach (var source in list)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sourceNames.Add(source.DisplayName);
                documents += ReadSource(source, diagnostics, builder, options.ItemBatch, cancellationToken);
            }
        }
        else
        {
            var journals = new ReadJournal[list.Count][];
            Parallel(list.Count, options, cancellationToken, i => journals[i] = ReadInParts(list[i], options, cancellationToken));
            builder.Expect(journals.Sum(parts => parts.Sum(j => j.Volumes)), journals.Sum(parts => parts.Sum(j => j.Claims)));
            for (var i = 0; i < list.Count; i++)
            {
                sourceNames.Add(list[i].DisplayName);
                foreach (var journal in journals[i])
                {
                    documents += journal.Documents;
                    journal.ReplayInto(diagnostics, builder);
                }

                journals[i] = Array.Empty<ReadJournal>();
            }
        }

        diagnostics.WriteWarnings(host);
        var failure = diagnostics.Failure(host, documents, sourceNames);
        var snapshot = builder.Build(failure);
        host.WriteVerbose($"Read {documents} documents: {snapshot.Volumes.Count} PersistentVolumes, {snapshot.Claims.Count} PersistentVolumeClaims, {snapshot.StorageClasses.Count} StorageClasses, {snapshot.Nodes.Count} Nodes");
        return snapshot;
    }

    // One source from start to end; returns the documents read. With an item batch, a List's items are decoded on
    // a second thread while the reader goes on (ItemPipeline).
    private static int ReadSource(ManifestSource source, ManifestDiagnostics diagnostics, IObjectSink sink, int itemBatch, CancellationToken cancellationToken)
    {
        var decoder = new ObjectDecoder(sink, diagnostics, cancellationToken);
        using var pipeline = itemBatch > 0 ? new ItemPipeline(decoder, itemBatch) : null;
        var documents = 0;
        try
        {
            var documentReader = ManifestInput.Open(source, diagnostics, (IItemSink?)pipeline ?? decoder, out var input);
            using (input)
            {
                while (documentReader.TryRead(out var document))
                {
                    documents++;
                    pipeline?.Drain();
                    decoder.Decode(document);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.AddError(new ManifestException(new SourceLocation(source.DisplayName, 0, 0, 0), null, string.Empty, $"cannot be read: {ex.Message}", ManifestRules.FileUnreadable.Id, ex));
        }
        finally
        {
            // Items of a List that never completed are dropped with their source.
            pipeline?.Drain();
            decoder.EndOfSource();
        }

        return documents;
    }

    /// <summary>
    /// One source into journals: its parts in parallel where it is a large multi-document YAML file or a large YAML
    /// List, else one, of the whole.
    /// </summary>
    internal static ReadJournal[] ReadInParts(ManifestSource source, ManifestReadOptions options, CancellationToken cancellationToken)
    {
        var cut = Split(source, options);
        if (cut is { List: { } frame })
        {
            if (ReadListInRuns(source, cut.Parts, frame, options, cancellationToken) is { } runs)
            {
                return runs;
            }
        }
        else if (cut is not null)
        {
            var parts = cut.Parts;
            var journals = new ReadJournal[parts.Count];
            var whole = new bool[parts.Count];
            Parallel(parts.Count, options, cancellationToken, p => (journals[p], whole[p]) = ReadPart(source, parts[p], p == 0, cancellationToken));
            if (Array.TrueForAll(whole, w => w))
            {
                return journals;
            }
        }

        var journal = new ReadJournal();
        journal.Documents = ReadSource(source, journal.Diagnostics, journal, options.ItemBatch, cancellationToken);
        return new[] { journal };
    }

    private static YamlCut? Split(ManifestSource source, ManifestReadOptions options)
    {
        if (source.OpenBytes is not { } openBytes)
        {
            return null;
        }

        try
        {
            using var stream = openBytes();
            return YamlSplit.Plan(stream, options.Parallelism, options.MinPartBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Reading it whole reports what is wrong with it.
            return null;
        }
    }

    // A part, and whether it held the documents the split predicted and no error ended it.
    private static (ReadJournal Journal, bool AsPredicted) ReadPart(ManifestSource source, YamlPart part, bool first, CancellationToken cancellationToken)
    {
        var journal = new ReadJournal();
        var decoder = new ObjectDecoder(journal, journal.Diagnostics, cancellationToken);
        try
        {
            using var text = OpenPart(source, part, first);
            var reader = new YamlDocumentReader(source.DisplayName, text, journal.Diagnostics, decoder, part.FirstLine - 1, part.Before);
            while (reader.TryRead(out var document))
            {
                if (journal.Documents++ == 0 && !first && reader.LastDocumentLine != part.FirstLine)
                {
                    return (journal, false);
                }

                decoder.Decode(document);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return (journal, !reader.Failed && journal.Documents == part.Count);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (journal, false);
        }
    }

    /// <summary>
    /// A file of one List, its items read in runs side by side: a journal of each run's objects, then one of what
    /// decoding the items found, as a read from start to end hands a List on (its objects, then its items' messages).
    /// Null when the List's own fields or a run do not read as the cut predicted: the file is then read whole.
    /// </summary>
    private static ReadJournal[]? ReadListInRuns(ManifestSource source, List<YamlPart> runs, YamlListFrame frame, ManifestReadOptions options, CancellationToken cancellationToken)
    {
        if (ReadListFrame(source, frame) is not { } list)
        {
            return null;
        }

        var journals = new ReadJournal[runs.Count + 1];
        var found = new ManifestDiagnostics[runs.Count];
        var asPredicted = new bool[runs.Count];
        Parallel(runs.Count, options, cancellationToken, r => (journals[r], found[r], asPredicted[r]) = ReadItemRun(source, runs[r], list, cancellationToken));
        if (!Array.TrueForAll(asPredicted, a => a))
        {
            return null;
        }

        var messages = new ReadJournal { Documents = 1 };
        foreach (var run in found)
        {
            messages.Diagnostics.Absorb(run);
        }

        journals[runs.Count] = messages;
        return journals;
    }

    // The List's fields before and after its items, with one placeholder item between them: they must read as one
    // List document without problems or anchors (an item could name one). Returns where the List starts.
    private static SourceLocation? ReadListFrame(ManifestSource source, YamlListFrame frame)
    {
        try
        {
            using var stream = source.OpenBytes!();
            var bytes = new byte[frame.ItemsOffset + Placeholder.Length + (frame.Length - frame.TailOffset)];
            stream.ReadExactly(bytes, 0, (int)frame.ItemsOffset);
            Placeholder.CopyTo(bytes.AsSpan((int)frame.ItemsOffset));
            stream.Seek(frame.TailOffset, SeekOrigin.Begin);
            stream.ReadExactly(bytes, (int)frame.ItemsOffset + Placeholder.Length, (int)(frame.Length - frame.TailOffset));

            var diagnostics = new ManifestDiagnostics();
            using var text = new StreamReader(new MemoryStream(bytes), ManifestSource.StrictUtf8, detectEncodingFromByteOrderMarks: true);
            var reader = new YamlDocumentReader(source.DisplayName, text, diagnostics);
            if (!reader.TryRead(out var document) || reader.TryRead(out _) || reader.Failed || reader.NamedAnchors || diagnostics.ErrorCount > 0)
            {
                return null;
            }

            return document.Root is MappingNode root && root["items"] is SequenceNode { Items.Count: 1 } && ObjectDecoder.IsList(root) ? document.Location : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            return null;
        }
    }

    private static ReadOnlySpan<byte> Placeholder => "- 0\n"u8;

    // A run of the List's items, decoded as the List's own; and whether it held the items predicted, without anchors or errors.
    private static (ReadJournal Objects, ManifestDiagnostics Found, bool AsPredicted) ReadItemRun(ManifestSource source, YamlPart run, SourceLocation list, CancellationToken cancellationToken)
    {
        var objects = new ReadJournal();
        var found = new ManifestDiagnostics();
        var decoder = new ObjectDecoder(objects, found, cancellationToken);
        try
        {
            using var text = OpenPart(source, run, first: false);
            var reader = new YamlDocumentReader(source.DisplayName, text, found, decoder, run.FirstLine - 1, itemRun: new ItemRun(list, run.Before));
            var documents = 0;
            var items = -1;
            while (reader.TryRead(out var document))
            {
                documents++;
                items = document.Root is SequenceNode sequence ? sequence.Streamed : -1;
                cancellationToken.ThrowIfCancellationRequested();
            }

            var asPredicted = !reader.Failed && !reader.NamedAnchors && documents == 1 && items == run.Count && found.ErrorCount == 0;
            decoder.ReleaseItems();
            return (objects, found, asPredicted);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (objects, found, false);
        }
    }

    private static StreamReader OpenPart(ManifestSource source, YamlPart part, bool first) =>
        new(new YamlSplit.PartStream(source.OpenBytes!(), part.Offset, part.Length), ManifestSource.StrictUtf8, detectEncodingFromByteOrderMarks: first, bufferSize: 64 * 1024);

    private static void Parallel(int count, ManifestReadOptions options, CancellationToken cancellationToken, Action<int> body) =>
        ParallelWork.Run(() => System.Threading.Tasks.Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken }, body));

    /// <summary>Convenience for tests and tools: load manifests from text.</summary>
    public static ClusterSnapshot LoadText(string yaml, string displayName = "input.yaml") =>
        Load(new[] { new ManifestSource(displayName, () => new StringReader(yaml)) }, SilentHost.Instance);
}

/// <summary>
/// How manifests are read: on how many cores, from what size a YAML file is cut into parts read in parallel, and in
/// batches of how many items a List's items are decoded on a second thread (0: on the reading thread).
/// </summary>
internal sealed record ManifestReadOptions(int Parallelism, long MinPartBytes, int ItemBatch)
{
    /// <summary>
    /// Every core; files under 1 MiB (a few thousand objects) are read whole, where a split does not pay; a List's
    /// items go to the decoding thread 32 at a time (so a List of fewer never starts it).
    /// </summary>
    public static ManifestReadOptions Default { get; } = new(Environment.ProcessorCount, 512 * 1024, Environment.ProcessorCount > 1 ? 32 : 0);

    /// <summary>One source after another, each from start to end, on one thread.</summary>
    public static ManifestReadOptions Sequential { get; } = new(1, long.MaxValue, 0);
}
