using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes.Manifests;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>
/// The pipeline that decodes a List's items on a second thread: the decoder gets every item once, in input order,
/// full batches on the other thread and the rest on the reader's; every node comes back to the reader; a decoder's
/// failure reaches the reader as itself.
/// </summary>
public sealed class ItemPipelineTests
{
    private static readonly SourceLocation Document = new("list.json", 1, 1, 1);

    /// <summary>name, items, batch size, the items decoded on the reader's thread (the last, partial batch).</summary>
    public static TheoryData<string, int, int, int> Batches => new()
    {
        { "fewer items than a batch: no second thread", 5, 8, 5 },
        { "full batches and a partial one", 10, 3, 1 },
        { "full batches only", 12, 4, 0 },
        { "batches of one", 7, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(Batches))]
    public void Every_item_is_decoded_once_in_order_and_every_node_comes_back(string name, int items, int batch, int onReaderThread)
    {
        var decoder = new RecordingDecoder();
        var nodes = Enumerable.Range(0, items).Select(i => new ScalarNode($"item-{i}", true, i + 1, 1)).ToList();
        var returned = new SpareNodes();
        using (var pipeline = new ItemPipeline(decoder, batch))
        {
            for (var i = 0; i < items; i++)
            {
                pipeline.Item(nodes[i], i, Document);
                pipeline.TakeDone(returned);
            }

            pipeline.Drain();
            pipeline.TakeDone(returned);
        }

        Assert.Equal(Enumerable.Range(0, items), decoder.Indexes);
        var reader = Environment.CurrentManagedThreadId;
        Assert.True(onReaderThread == decoder.Threads.Count(t => t == reader), $"{name}: {onReaderThread} items on the reader's thread");
        Assert.Equal(nodes.OrderBy(n => n.Line), returned.Scalars.OrderBy(n => n.Line));
    }

    [Fact]
    public void A_decoder_that_fails_fails_the_read_with_its_own_error()
    {
        var decoder = new RecordingDecoder { FailAt = 4 };
        using var pipeline = new ItemPipeline(decoder, 2);

        var error = Record.Exception(() =>
        {
            for (var i = 0; i < 10; i++)
            {
                pipeline.Item(new ScalarNode("x", true, 1, 1), i, Document);
            }

            pipeline.Drain();
        });

        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal("item 4", error.Message);
        Assert.DoesNotContain(5, decoder.Indexes);
    }

    private sealed class RecordingDecoder : IItemSink
    {
        public List<int> Indexes { get; } = new();

        public List<int> Threads { get; } = new();

        public int FailAt { get; init; } = -1;

        public void Item(ManifestNode item, int index, SourceLocation document)
        {
            // Slow enough that the reader gets ahead, as it does on a large List.
            Thread.SpinWait(1000);
            if (index == FailAt)
            {
                throw new InvalidOperationException($"item {index}");
            }

            Indexes.Add(index);
            Threads.Add(Environment.CurrentManagedThreadId);
        }
    }
}
