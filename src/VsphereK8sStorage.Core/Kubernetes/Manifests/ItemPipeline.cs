using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Decodes the items of a large List on a second thread while the reader parses the ones after them: one
/// <c>kubectl get -o json</c> (or <c>-o yaml</c>) List is one document, which no split can cut into parts, and
/// parsing it took about two thirds of its read, decoding the rest.
/// </summary>
/// <remarks>
/// Design: items go over in batches, in input order, to one decoding thread, so the decoder sees exactly the
/// calls a read on one thread makes. A List of fewer than a batch never starts the thread. The reader waits
/// (<see cref="Drain"/>) before the decoder does anything else (the document's end, the source's end), and the
/// decoded items' nodes come back to the reader's thread (<see cref="TakeDone"/>), which alone reuses them.
/// The decoder reports an item's problems to the List's own staged diagnostics; the one thing it counts in
/// the reader's diagnostics, skipped kinds, is a map the reader's thread never touches while items are read.
/// </remarks>
internal sealed class ItemPipeline : IItemSink, IDisposable
{
    // Batches read ahead of the decoder, at most: they hold their trees, and every node in flight is one the reader
    // cannot reuse yet: 8 batches of 64 added about 30 bytes per object read from the 50k List, 2 of 32 add 8, and
    // the decoder keeps up.
    private const int BatchesAhead = 2;

    private readonly IItemSink decoder;
    private readonly int batchSize;
    private readonly BlockingCollection<Batch> toDecode = new(BatchesAhead);
    private readonly ConcurrentQueue<Batch> decoded = new();
    private readonly Stack<Batch> spareBatches = new();
    private readonly object idle = new();
    private Batch filling;
    private int filled;
    private int inFlight;
    private Thread? thread;
    private volatile ExceptionDispatchInfo? failure;

    public ItemPipeline(IItemSink decoder, int batchSize)
    {
        this.decoder = decoder;
        this.batchSize = Math.Max(1, batchSize);
        filling = new Batch(this.batchSize);
    }

    /// <inheritdoc/>
    public bool KeepsItems => true;

    public void Item(ManifestNode item, int index, SourceLocation document)
    {
        filling.Entries[filled++] = new Entry(item, index, document);
        if (filled == batchSize)
        {
            Send();
        }
    }

    /// <inheritdoc/>
    public void TakeDone(SpareNodes? into)
    {
        while (decoded.TryDequeue(out var batch))
        {
            if (into is null)
            {
                batch.Nodes.Clear();
            }
            else
            {
                into.Take(batch.Nodes);
            }

            spareBatches.Push(batch);
        }
    }

    /// <summary>Waits until every item given so far is decoded (the last, partial batch on this thread); rethrows a failure of the decoder.</summary>
    public void Drain()
    {
        if (thread is not null)
        {
            lock (idle)
            {
                while (inFlight > 0)
                {
                    Monitor.Wait(idle);
                }
            }
        }

        failure?.Throw();
        if (filled == 0)
        {
            return;
        }

        filling.DecodeWith(decoder, filled);
        decoded.Enqueue(filling);
        filling = NextBatch();
    }

    public void Dispose()
    {
        toDecode.CompleteAdding();
        thread?.Join();
        toDecode.Dispose();
    }

    private void Send()
    {
        failure?.Throw();
        if (thread is null)
        {
            thread = new Thread(DecodeBatches) { IsBackground = true, Name = "vk8s list items" };
            thread.Start();
        }

        lock (idle)
        {
            inFlight++;
        }

        toDecode.Add(filling);
        filling = NextBatch();
    }

    private Batch NextBatch()
    {
        filled = 0;
        return spareBatches.Count > 0 ? spareBatches.Pop() : new Batch(batchSize);
    }

    private void DecodeBatches()
    {
        foreach (var batch in toDecode.GetConsumingEnumerable())
        {
            if (failure is null)
            {
                try
                {
                    batch.DecodeWith(decoder, batch.Entries.Length);
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
            }

            decoded.Enqueue(batch);
            lock (idle)
            {
                inFlight--;
                Monitor.PulseAll(idle);
            }
        }
    }

    private readonly record struct Entry(ManifestNode Node, int Index, SourceLocation Document);

    /// <summary>Items handed over together, and their nodes once decoded, gathered on the thread that decoded them.</summary>
    private sealed class Batch
    {
        public Batch(int size) => Entries = new Entry[size];

        public Entry[] Entries { get; }

        public SpareNodes Nodes { get; } = new();

        public void DecodeWith(IItemSink decoder, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var entry = Entries[i];
                decoder.Item(entry.Node, entry.Index, entry.Document);
                Nodes.Gather(entry.Node);
            }

            Array.Clear(Entries, 0, count);
        }
    }
}
