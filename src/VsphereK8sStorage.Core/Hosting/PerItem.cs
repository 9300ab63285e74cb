using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Hosting;

/// <summary>
/// One bad item is reported and the others go on: the creating cmdlets run each item through here. A lost
/// connection or a refused login is not about the item, so it ends the run instead.
/// </summary>
internal static class PerItem
{
    public static async Task<IReadOnlyList<TResult>> RunAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, string activity, string noun, IOperationHost host, Func<TItem, Task<TResult?>> work)
        where TResult : class
    {
        var results = new List<TResult>();
        var done = 0;
        foreach (var item in items)
        {
            try
            {
                if (await work(item).ConfigureAwait(false) is { } result)
                {
                    results.Add(result);
                }
            }
            catch (VsphereK8sException ex) when (ex is not SoapTransportException && ex.Kind != ErrorKind.AuthenticationFailed)
            {
                host.WriteError(ex);
            }

            done++;
            host.WriteProgress(new ProgressReport(1, activity, string.Create(CultureInfo.InvariantCulture, $"{done} of {items.Count} {noun}"), 100 * done / items.Count));
        }

        host.WriteProgress(new ProgressReport(1, activity, "Done", 100, Completed: true));
        return results;
    }
}
