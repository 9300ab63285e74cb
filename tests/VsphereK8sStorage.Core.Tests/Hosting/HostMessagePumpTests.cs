using System;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Hosting;

public sealed class HostMessagePumpTests
{
    [Fact]
    public void Messages_from_worker_threads_reach_the_host_on_the_calling_thread_in_order()
    {
        var host = new RecordingHost();
        var callingThread = Environment.CurrentManagedThreadId;

        var workerThread = HostMessagePump.Run(host, async (h, ct) =>
        {
            await Task.Yield();
            h.WriteVerbose("one");
            await Task.Delay(10, ct);
            h.WriteWarning("two");
            h.WriteVerbose("three");
            return Environment.CurrentManagedThreadId;
        }, CancellationToken.None);

        Assert.NotEqual(callingThread, workerThread);
        Assert.Equal(new[] { "one", "three" }, host.Verbose);
        Assert.Equal(new[] { "two" }, host.Warnings);
        Assert.Equal(new[] { callingThread }, host.CallingThreads);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ShouldProcess_is_asked_on_the_calling_thread_and_its_answer_reaches_the_worker(bool answer)
    {
        var host = new RecordingHost { ShouldProcessAnswer = answer };

        var result = HostMessagePump.Run(host, (h, ct) => Task.Run(() => h.ShouldProcess("[datastore1] volumes/a.vmdk", "Create"), ct), CancellationToken.None);

        Assert.Equal(answer, result);
        Assert.Equal(("[datastore1] volumes/a.vmdk", "Create"), Assert.Single(host.ShouldProcessCalls));
    }

    [Fact]
    public void A_core_exception_comes_out_unchanged_after_earlier_messages_were_delivered()
    {
        var host = new RecordingHost();

        var error = Assert.Throws<VsphereK8sException>(() => HostMessagePump.Run<int>(host, (h, ct) =>
        {
            h.WriteVerbose("before");
            throw new VsphereK8sException("Broken", ErrorKind.InvalidData, "bad input");
        }, CancellationToken.None));

        Assert.Equal("Broken", error.ErrorId);
        Assert.Equal(new[] { "before" }, host.Verbose);
    }

    [Fact]
    public void When_the_host_throws_the_operation_is_cancelled_and_the_host_exception_surfaces()
    {
        // PowerShell throws PipelineStoppedException from WriteVerbose when the user presses Ctrl+C.
        var host = new ThrowingHost();
        var observedCancellation = false;

        var error = Assert.Throws<InvalidOperationException>(() => HostMessagePump.Run(host, async (h, ct) =>
        {
            h.WriteVerbose("boom");
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            }
            catch (OperationCanceledException)
            {
                observedCancellation = true;
            }

            return h.ShouldProcess("target", "action");
        }, CancellationToken.None));

        Assert.Equal("host stopped", error.Message);
        Assert.True(observedCancellation);
    }

    [Fact]
    public void Cancelling_the_caller_token_cancels_the_operation()
    {
        using var cancel = new CancellationTokenSource();
        cancel.CancelAfter(50);

        Assert.ThrowsAny<OperationCanceledException>(() => HostMessagePump.Run(new RecordingHost(), async (h, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return 0;
        }, cancel.Token));
    }

    private sealed class ThrowingHost : IOperationHost
    {
        public void WriteVerbose(string message) => throw new InvalidOperationException("host stopped");

        public void WriteDebug(string message)
        {
        }

        public void WriteWarning(string message)
        {
        }

        public void WriteError(VsphereK8sException error)
        {
        }

        public void WriteProgress(ProgressReport progress)
        {
        }

        public bool ShouldProcess(string target, string action) => true;

        public bool ShouldContinue(string query, string caption) => true;
    }
}
