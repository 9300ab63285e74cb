using System.Collections.Concurrent;

namespace VsphereK8sStorage.Hosting;

/// <summary>
/// Runs an async core operation on the thread pool while the calling thread delivers everything
/// the operation says to the real host. PowerShell only accepts WriteVerbose, WriteProgress,
/// ShouldProcess and friends from the pipeline thread; this is the one place that guarantees it.
/// </summary>
/// <remarks>
/// Design: the operation sees a queueing host. Fire-and-forget messages are queued; questions
/// (ShouldProcess, ShouldContinue) are queued with a completion the worker waits on. The calling
/// thread drains the queue until the operation finishes. If the real host throws (PowerShell
/// throws PipelineStoppedException when the user presses Ctrl+C), the operation is cancelled,
/// pending questions are answered "no", and the host's exception is rethrown after the operation ends.
/// </remarks>
public static class HostMessagePump
{
    public static T Run<T>(IOperationHost host, Func<IOperationHost, CancellationToken, Task<T>> operation, CancellationToken cancellationToken, Action<RunInterruptedException>? whenAbandoned = null)
    {
        if (operation is null)
        {
            throw new ArgumentNullException(nameof(operation));
        }

        return Pump(host, (queued, ct) => operation(queued, ct), cancellationToken, whenAbandoned);
    }

    /// <summary>
    /// Runs an operation that hands over results as they finish: each goes to <paramref name="write"/> on the calling
    /// thread (a cmdlet's WriteObject), in the order the operation emitted them, while the operation goes on.
    /// </summary>
    /// <remarks>
    /// When the host fails (PowerShell's pipeline is stopping), results and messages still queued are dropped; a
    /// summary the operation then ends with goes to <paramref name="whenAbandoned"/>, which writes it past the
    /// pipeline (to the console), since nothing can be written into a stopped pipeline.
    /// </remarks>
    public static T Run<T, TItem>(IOperationHost host, Func<IOperationHost, Action<TItem>, CancellationToken, Task<T>> operation, Action<TItem> write, CancellationToken cancellationToken, Action<RunInterruptedException>? whenAbandoned = null)
    {
        if (operation is null)
        {
            throw new ArgumentNullException(nameof(operation));
        }

        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        return Pump(host, (queued, ct) => operation(queued, item => queued.Deliver(() => write(item)), ct), cancellationToken, whenAbandoned);
    }

    private static T Pump<T>(IOperationHost host, Func<QueuedHost, CancellationToken, Task<T>> operation, CancellationToken cancellationToken, Action<RunInterruptedException>? whenAbandoned)
    {
        if (host is null)
        {
            throw new ArgumentNullException(nameof(host));
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<Action<IOperationHost?>>();
        var queued = new QueuedHost(queue);

        var task = Task.Run(() => operation(queued, linked.Token), linked.Token);
        task.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);

        Exception? hostFailure = null;
        foreach (var message in queue.GetConsumingEnumerable())
        {
            if (hostFailure is not null)
            {
                message(null);
                continue;
            }

            try
            {
                message(host);
            }
            catch (Exception ex)
            {
                hostFailure = ex;
                queued.Closed = true;
                linked.Cancel();
            }
        }

        if (hostFailure is not null)
        {
            // The operation has ended (cancelled or not); the host's own exception explains why we stopped.
            if (task.IsFaulted && task.Exception!.InnerException is RunInterruptedException interrupted)
            {
                whenAbandoned?.Invoke(interrupted);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(hostFailure).Throw();
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Queues messages for the pumping thread. A null host means the pump is shutting down after a
    /// host failure: questions are then answered "no" so the worker is never left waiting.
    /// </summary>
    private sealed class QueuedHost : IOperationHost
    {
        private readonly BlockingCollection<Action<IOperationHost?>> queue;

        public QueuedHost(BlockingCollection<Action<IOperationHost?>> queue) => this.queue = queue;

        public volatile bool Closed;

        public void WriteVerbose(string message) => Post(h => h.WriteVerbose(message));

        public void WriteDebug(string message) => Post(h => h.WriteDebug(message));

        public void WriteWarning(string message) => Post(h => h.WriteWarning(message));

        public void WriteError(VsphereK8sException error) => Post(h => h.WriteError(error));

        public void WriteProgress(ProgressReport progress) => Post(h => h.WriteProgress(progress));

        /// <summary>Runs <paramref name="action"/> on the pumping thread (dropped once the host has failed).</summary>
        public void Deliver(Action action) => Post(_ => action());

        public bool ShouldProcess(string target, string action) => Ask(h => h.ShouldProcess(target, action));

        public bool ShouldProcess(string target, string action, ActionImpact impact) => Ask(h => h.ShouldProcess(target, action, impact));

        public bool ShouldContinue(string query, string caption) => Ask(h => h.ShouldContinue(query, caption));

        private void Post(Action<IOperationHost> message)
        {
            if (Closed)
            {
                return;
            }

            queue.Add(h =>
            {
                if (h is not null)
                {
                    message(h);
                }
            });
        }

        private bool Ask(Func<IOperationHost, bool> question)
        {
            if (Closed)
            {
                return false;
            }

            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            queue.Add(h =>
            {
                if (h is null)
                {
                    answer.TrySetResult(false);
                    return;
                }

                try
                {
                    answer.TrySetResult(question(h));
                }
                catch
                {
                    answer.TrySetResult(false);
                    throw;
                }
            });
            return answer.Task.GetAwaiter().GetResult();
        }
    }
}
