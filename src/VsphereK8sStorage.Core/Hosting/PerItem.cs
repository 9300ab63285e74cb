using System.Globalization;

namespace VsphereK8sStorage.Hosting;

/// <summary>
/// One bad item is reported and the others go on: the creating cmdlets run each item through here, and each
/// result is handed over as soon as it is made. A lost connection or a refused login is not about the item, so it
/// ends the run; so does a stop (Ctrl+C), before the next item. Either way the run ends with a
/// <see cref="RunInterruptedException"/> that names every item created.
/// </summary>
internal static class PerItem
{
    public static async Task<IReadOnlyList<TResult>> RunAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, string activity, string noun, IOperationHost host, Func<TItem, Task<TResult?>> work)
        where TResult : class
    {
        var results = new List<TResult>();
        await RunAsync(items, activity, noun, host, (item, _) => work(item), results.Add, _ => "", "", CancellationToken.None).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// Runs <paramref name="work"/> for each item in turn and hands each result to <paramref name="emit"/> at once.
    /// <paramref name="name"/> says how the summary names an item; <paramref name="interruptedId"/> is the error id of
    /// the summary; <paramref name="doneWord"/> what it says of the items done ("created", "deleted"). The work's token is cancelled only if an item is still running ten seconds after a stop.
    /// </summary>
    public static async Task RunAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, string activity, string noun, IOperationHost host, Func<TItem, CancellationToken, Task<TResult?>> work,
        Action<TResult> emit, Func<TItem, string> name, string interruptedId, CancellationToken ct, string doneWord = "created")
        where TResult : class
    {
        var ledger = new RunLedger(items.Count, noun, noun + "s", doneWord);
        using var stop = new GracefulStop(ct);
        var done = 0;
        foreach (var item in items)
        {
            if (ct.IsCancellationRequested)
            {
                throw ledger.Interrupted(interruptedId, cancelled: true, null);
            }

            try
            {
                if (await work(item, stop.InFlight).ConfigureAwait(false) is { } result)
                {
                    emit(result);
                    ledger.Record(name(item), ItemOutcome.Changed);
                }
                else
                {
                    ledger.Record(name(item), ItemOutcome.Unchanged);
                }
            }
            catch (VsphereK8sException ex) when (!RunLedger.StopsTheRun(ex))
            {
                host.WriteError(ex);
                ledger.Record(name(item), ItemOutcome.Failed);
            }
            catch (Exception ex) when (interruptedId.Length > 0 && (RunLedger.StopsTheRun(ex) || ex is OperationCanceledException))
            {
                ledger.Record(name(item), RunLedger.OutcomeOfFailedCall(ex));
                throw ledger.Interrupted(interruptedId, cancelled: ex is OperationCanceledException && ct.IsCancellationRequested, ex is OperationCanceledException ? null : ex);
            }

            done++;
            host.WriteProgress(new ProgressReport(1, activity, string.Create(CultureInfo.InvariantCulture, $"{done} of {items.Count} {noun}s"), 100 * done / items.Count));
        }

        host.WriteProgress(new ProgressReport(1, activity, "Done", 100, Completed: true));
    }
}
