using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Threading;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Objects;
using Xunit;

namespace VsphereK8sStorage.Tests.Vsphere;

/// <summary>The concurrency bound of Enable-DiskUuid's reconfigures: never more in flight than the limit, every item accounted for once.</summary>
public sealed class BoundedStarterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public async Task Never_more_calls_in_flight_than_the_limit_and_results_in_hand_over_order(int limit)
    {
        var inFlight = 0;
        var most = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var starter = new BoundedStarter<int, int>(limit, async (item, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.WhenAny(gate.Task, Task.Delay(5, ct));
            Interlocked.Decrement(ref inFlight);
            return item * 10;
        });

        for (var i = 0; i < 40; i++)
        {
            await starter.StartAsync(i, CancellationToken.None);
        }

        gate.SetResult();
        var results = await starter.CompleteAsync();

        Assert.InRange(most, 1, limit);
        Assert.Equal(Enumerable.Range(0, 40), results.Select(r => r.Item));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 10), results.Select(r => r.Result));
    }

    [Fact]
    public async Task A_failing_call_is_kept_with_its_item_and_the_others_go_on()
    {
        await using var starter = new BoundedStarter<int, int>(4, (item, _) => item == 2 ? throw new InvalidOperationException("boom") : Task.FromResult(item));

        foreach (var i in Enumerable.Range(0, 5))
        {
            await starter.StartAsync(i, CancellationToken.None);
        }

        var results = await starter.CompleteAsync();

        Assert.Equal("boom", Assert.Single(results, r => r.Error is not null).Error!.Message);
        Assert.Equal(new[] { 0, 1, 3, 4 }, results.Where(r => r.Error is null).Select(r => r.Result));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
