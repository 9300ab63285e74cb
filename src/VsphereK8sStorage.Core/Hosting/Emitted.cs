namespace VsphereK8sStorage.Hosting;

/// <summary>Runs an operation that emits each result as it completes, and collects the results for a caller that wants them all.</summary>
internal static class Emitted
{
    public static async Task<IReadOnlyList<T>> CollectAsync<T>(Func<Action<T>, Task> run)
    {
        var results = new List<T>();
        await run(results.Add).ConfigureAwait(false);
        return results;
    }
}
