using System;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Threading;
using Xunit;

namespace VsphereK8sStorage.Tests.Threading;

/// <summary>
/// Work spread over cores fails with the error one pass in order would throw: hosts map a VsphereK8sException to
/// its id and category, and would show an AggregateException's "One or more errors occurred" instead.
/// </summary>
public sealed class ParallelWorkTests
{
    [Fact]
    public void A_failure_inside_parallel_work_surfaces_as_itself_with_its_id()
    {
        var thrown = Assert.Throws<VsphereK8sException>(() => ParallelWork.Run(() => Parallel.For(0, 64, i =>
        {
            if (i == 17)
            {
                throw new VsphereK8sException("SomethingFailed", ErrorKind.InvalidOperation, "item 17 failed", i);
            }
        })));
        Assert.Equal("SomethingFailed", thrown.ErrorId);
    }

    [Fact]
    public void Work_that_succeeds_runs_every_item()
    {
        var done = new bool[64];
        ParallelWork.Run(() => Parallel.For(0, done.Length, i => done[i] = true));
        Assert.All(done, Assert.True);
    }

    [Fact]
    public async Task Reads_at_once_give_their_results_in_order()
    {
        var results = await ParallelWork.AllAsync(
            new Func<CancellationToken, Task<int>>[]
            {
                async token => { await Task.Delay(30, token); return 1; },
                token => Task.FromResult(2),
            },
            CancellationToken.None);

        Assert.Equal(new[] { 1, 2 }, results);
    }

    [Fact]
    public async Task A_read_that_fails_cancels_the_others_and_its_error_is_thrown()
    {
        var otherCancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = new Func<CancellationToken, Task<int>>[]
        {
            async token =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                    return 0;
                }
                catch (OperationCanceledException)
                {
                    otherCancelled.TrySetResult(true);
                    throw;
                }
            },
            async token =>
            {
                await Task.Yield();
                throw new VsphereK8sException("ReadFailed", ErrorKind.InvalidOperation, "the second read failed", null);
            },
        };

        var all = ParallelWork.AllAsync(reads, CancellationToken.None);
        Assert.True(await Ended(all), "the reads end once one fails (the other is cancelled)");
        var thrown = await Assert.ThrowsAsync<VsphereK8sException>(() => all);

        Assert.Equal("ReadFailed", thrown.ErrorId);
        Assert.True(await otherCancelled.Task, "the read still running was cancelled");
    }

    [Fact]
    public async Task The_callers_cancellation_ends_every_read()
    {
        using var caller = new CancellationTokenSource();
        var reads = new Func<CancellationToken, Task<int>>[]
        {
            async token => { await Task.Delay(Timeout.Infinite, token); return 0; },
            async token => { await Task.Delay(Timeout.Infinite, token); return 0; },
        };

        var all = ParallelWork.AllAsync(reads, caller.Token);
        caller.Cancel();

        Assert.True(await Ended(all), "the reads end once the caller cancels");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => all);
    }

    // Whether the work ended within a bound far above what it takes (a read left running would never end).
    private static async Task<bool> Ended(Task work) => await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(30))) == work;
}
