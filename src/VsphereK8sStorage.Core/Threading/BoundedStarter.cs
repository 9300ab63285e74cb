namespace VsphereK8sStorage.Threading;

/// <summary>
/// Starts work for many items with at most <c>limit</c> calls in flight, while the caller's loop stays
/// sequential: the loop asks (ShouldProcess), reports progress and hands items over one at a time, so the
/// host is only ever called from one flow, and waits only when the limit is reached.
/// </summary>
internal sealed class BoundedStarter<TItem, TResult> : IAsyncDisposable
{
    private readonly SemaphoreSlim slots;
    private readonly Func<TItem, CancellationToken, Task<TResult>> start;
    private readonly List<Task> running = new();
    private readonly Dictionary<int, (TItem Item, TResult? Result, Exception? Error)> outcomes = new();
    private readonly object gate = new();
    private int next;

    public BoundedStarter(int limit, Func<TItem, CancellationToken, Task<TResult>> start)
    {
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit));
        }

        slots = new SemaphoreSlim(limit, limit);
        this.start = start;
    }

    /// <summary>Hands over one item; returns once a slot is free and the call has begun.</summary>
    public async Task StartAsync(TItem item, CancellationToken ct)
    {
        await slots.WaitAsync(ct).ConfigureAwait(false);
        var index = next++;
        running.Add(Task.Run(async () =>
        {
            try
            {
                var result = await start(item, ct).ConfigureAwait(false);
                lock (gate)
                {
                    outcomes[index] = (item, result, null);
                }
            }
            catch (Exception ex)
            {
                lock (gate)
                {
                    outcomes[index] = (item, default, ex);
                }
            }
            finally
            {
                slots.Release();
            }
        }, CancellationToken.None));
    }

    /// <summary>Every item's result or failure, in the order the items were handed over.</summary>
    public async Task<IReadOnlyList<(TItem Item, TResult? Result, Exception? Error)>> CompleteAsync()
    {
        await Task.WhenAll(running).ConfigureAwait(false);
        var ordered = new List<(TItem, TResult?, Exception?)>(next);
        lock (gate)
        {
            for (var i = 0; i < next; i++)
            {
                ordered.Add(outcomes[i]);
            }
        }

        return ordered;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(running).ConfigureAwait(false);
        slots.Dispose();
    }
}
