using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Kubernetes;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests.Output;

/// <summary>
/// A large result list is written as JSON in chunks on every core: the bytes must be those JsonSerializer writes in
/// one pass, for any number of items around the chunk edges, and a writer that fails mid-way fails the write with its
/// own error instead of hanging the other workers.
/// </summary>
public sealed class JsonChunksTests
{
    /// <summary>name, items (the chunked writer starts at 4,096 items; chunks are 256).</summary>
    public static TheoryData<string, int> Sizes => new()
    {
        { "below the threshold: one pass", 4095 },
        { "at the threshold, whole chunks", 4096 },
        { "one item into a last chunk", 4097 },
        { "a last chunk one short", 4351 },
        { "many chunks", 12_345 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Chunks_write_the_bytes_of_one_pass(string name, int count)
    {
        var items = Claims(count);
        var expected = JsonSerializer.Serialize(items, ResultWriter.ListInfo<PvcBinding>()) + Environment.NewLine;

        var written = new StringWriter();
        ResultWriter.WriteJson(written, items);

        Assert.True(expected == written.ToString(), $"{name}: the output differs from one pass at character {FirstDifference(expected, written.ToString())}");
    }

    [Fact]
    public void A_writer_that_fails_fails_the_write_with_its_own_error()
    {
        var items = Claims(20_000);
        var failing = new FailingWriter(afterChars: 1_000_000);

        var error = Record.Exception(() => ResultWriter.WriteJson(failing, items));

        Assert.IsType<IOException>(error);
        Assert.Equal("the pipe was closed", error.Message);
    }

    private static PvcBinding[] Claims(int count) =>
        Enumerable.Range(0, count).Select(i => new PvcBinding
        {
            Claim = $"apps/claim-{i}",
            Namespace = "apps",
            Name = $"claim-{i}",
            Phase = i % 3 == 0 ? ClaimPhase.Bound : ClaimPhase.Pending,
            Volume = i % 3 == 0 ? $"pv-{i}" : null,
            StorageClass = i % 2 == 0 ? "gold" : "silver",
            Capacity = i % 3 == 0 ? "10Gi" : null,
            AccessModes = i % 3 == 0 ? new[] { "ReadWriteOnce" } : Array.Empty<string>(),
            Requested = "5Gi",
            RequestedAccessModes = new[] { "ReadWriteOnce" },
            Reason = $"class 'gold' ≠ \"silver\" for claim {i}",
            Rejections = i % 5 == 0 ? new[] { new VolumeRejection { Volume = $"pv-{i + 1}", Capacity = "1Gi", StorageClass = "gold", Reasons = new[] { "capacity 1Gi < requested 5Gi" } } } : Array.Empty<VolumeRejection>(),
        }).ToArray();

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private sealed class FailingWriter : StringWriter
    {
        private readonly int afterChars;
        private int chars;

        public FailingWriter(int afterChars) => this.afterChars = afterChars;

        public override void Write(char[] buffer, int index, int count)
        {
            chars += count;
            if (chars > afterChars)
            {
                throw new IOException("the pipe was closed");
            }

            base.Write(buffer, index, count);
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
