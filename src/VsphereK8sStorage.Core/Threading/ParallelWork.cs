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
}
