using System.Runtime.ExceptionServices;

namespace VsphereK8sStorage.Threading;

internal static class ParallelWork
{
    /// <summary>
    /// Runs work that uses Parallel.For or ForEach and, when it fails, throws the first failure itself instead of
    /// an AggregateException: callers and hosts see the error a pass in order would have thrown.
    /// </summary>
    public static void Run(Action work)
    {
        try
        {
            work();
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>
    /// Starts every piece of work at once and returns their results in order. The first that fails cancels the others
    /// (they end as cancelled, not failed), and its failure is what is thrown, as a single run would have thrown it.
    /// </summary>
    public static async Task<T[]> AllAsync<T>(IReadOnlyList<Func<CancellationToken, Task<T>>> work, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = work.Select(start => CancelOthersOnFailure(start, failed)).ToArray();
        return await Task.WhenAll(running).ConfigureAwait(false);
    }

    private static async Task<T> CancelOthersOnFailure<T>(Func<CancellationToken, Task<T>> start, CancellationTokenSource failed)
    {
        try
        {
            return await start(failed.Token).ConfigureAwait(false);
        }
        catch
        {
            failed.Cancel();
            throw;
        }
    }
}
