using VsphereK8sStorage.Threading;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Property;

/// <summary>
/// Reads with one PropertyCollector request per question: explicit property paths, all objects at once,
/// following <c>ContinueRetrievePropertiesEx</c> tokens when the server pages (a real vCenter sends about
/// 100 objects a page; vcsim sends everything at once). A read asked for in halves is sent as two requests at once,
/// each with half of every type's paths, and their answers are joined per object: the server encodes every property
/// of every object (vcsim took 95 ms for Get-VsphereVm's 13 paths over 1,000 VMs, about 2.4 MB), and two halves are
/// encoded, and decoded here, on two cores. Readers ask for it where the objects number thousands (every VM); for a
/// few datastores a second connection would cost more than it saves.
/// </summary>
internal sealed class PropertyCollector
{
    private readonly ISoapRoundTripper soap;
    private readonly ServiceContent content;

    public PropertyCollector(ISoapRoundTripper soap, ServiceContent content)
    {
        this.soap = soap;
        this.content = content;
    }

    private int pages;

    /// <summary>Pages requested from the server so far (for tests and benchmarks).</summary>
    public int Pages => Volatile.Read(ref pages);

    /// <summary>
    /// All objects the spec selects, across every page. Read <paramref name="inHalves"/>, the objects are the ones
    /// the first half found (it holds each type's first paths, such as name); an object created or removed between
    /// the two halves' answers has only the properties the half that saw it read.
    /// </summary>
    public async Task<IReadOnlyList<ObjectContent>> RetrieveAsync(PropertyFilterSpec spec, CancellationToken ct, int? maxObjects = null, bool inHalves = false)
    {
        if (!inHalves || Halves(spec.Properties) is not { } halves)
        {
            return await RetrievePagesAsync(spec, ct, maxObjects).ConfigureAwait(false);
        }

        // A half that fails cancels the other, and its failure is what is thrown.
        var reads = await ParallelWork.AllAsync(
            new Func<CancellationToken, Task<IReadOnlyList<ObjectContent>>>[]
            {
                token => RetrievePagesAsync(spec with { Properties = halves.First }, token, maxObjects),
                token => RetrievePagesAsync(spec with { Properties = halves.Second }, token, maxObjects),
            },
            ct).ConfigureAwait(false);

        var more = new Dictionary<ManagedObjectReference, ObjectContent>();
        foreach (var read in reads[1])
        {
            more.TryAdd(read.Obj, read);
        }

        return reads[0].Select(o => more.TryGetValue(o.Obj, out var other) ? o.With(other) : o).ToList();
    }

    /// <summary>Each type's paths in two halves (a type with one path only in the first), or null when no type has two.</summary>
    private static (IReadOnlyList<PropertySpec> First, IReadOnlyList<PropertySpec> Second)? Halves(IReadOnlyList<PropertySpec> properties)
    {
        if (!properties.Any(p => p.Paths.Count >= 2))
        {
            return null;
        }

        var first = new List<PropertySpec>();
        var second = new List<PropertySpec>();
        foreach (var property in properties)
        {
            var half = (property.Paths.Count + 1) / 2;
            first.Add(property with { Paths = property.Paths.Take(half).ToList() });
            if (property.Paths.Count > half)
            {
                second.Add(property with { Paths = property.Paths.Skip(half).ToList() });
            }
        }

        return (first, second);
    }

    private async Task<IReadOnlyList<ObjectContent>> RetrievePagesAsync(PropertyFilterSpec spec, CancellationToken ct, int? maxObjects)
    {
        var page = await VimMethods.RetrievePropertiesExAsync(soap, content.PropertyCollector, spec, maxObjects, ct).ConfigureAwait(false);
        Interlocked.Increment(ref pages);
        var objects = new List<ObjectContent>(page.Objects);
        try
        {
            while (page.Token is { } token)
            {
                page = await VimMethods.ContinueRetrievePropertiesExAsync(soap, content.PropertyCollector, token, ct).ConfigureAwait(false);
                Interlocked.Increment(ref pages);
                objects.AddRange(page.Objects);
            }
        }
        catch (OperationCanceledException) when (page.Token is { } token)
        {
            // Free the server-side cursor; the caller's cancellation stands either way.
            await IgnoreFailures(() => VimMethods.CancelRetrievePropertiesExAsync(soap, content.PropertyCollector, token, CancellationToken.None)).ConfigureAwait(false);
            throw;
        }

        return objects;
    }

    public Task<IReadOnlyList<ObjectContent>> RetrieveObjectsAsync(IEnumerable<ManagedObjectReference> objects, IReadOnlyList<PropertySpec> properties, CancellationToken ct, bool inHalves = false) =>
        RetrieveAsync(PropertyFilterSpec.ForObjects(objects, properties), ct, inHalves: inHalves);

    /// <summary>
    /// Every object of the specs' types below <paramref name="container"/> (recursively), through a
    /// ContainerView that lives only for this call. Views belong to a session: if the session was renewed
    /// between creating the view and reading it, the view is gone and the read is done again with a new one.
    /// </summary>
    public async Task<IReadOnlyList<ObjectContent>> RetrieveContainerAsync(ManagedObjectReference container, IReadOnlyList<PropertySpec> properties, CancellationToken ct, bool inHalves = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var view = await VimMethods.CreateContainerViewAsync(soap, content.ViewManager, container, properties.Select(p => p.Type).Distinct(), recursive: true, ct).ConfigureAwait(false);
            try
            {
                return await RetrieveAsync(PropertyFilterSpec.ForView(view, properties), ct, inHalves: inHalves).ConfigureAwait(false);
            }
            catch (VsphereFaultException ex) when (attempt == 1 && ex.FaultKind == VsphereFaultKind.ManagedObjectNotFound)
            {
                continue;
            }
            finally
            {
                await IgnoreFailures(() => VimMethods.DestroyViewAsync(soap, view, CancellationToken.None)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Several reads of the objects below <paramref name="container"/> at once, each through a view of its own types
    /// (<see cref="RetrieveContainerAsync(ManagedObjectReference, IReadOnlyList{PropertySpec}, CancellationToken, bool)"/>),
    /// their objects together. A server checks every property spec against every object of a view: vcsim spent about
    /// 12 ms per request matching the navigation types' specs against 1,000 VMs, so thousands of one type and a few
    /// dozen of others cost it less apart. A read that fails cancels the others, and its failure is what is thrown.
    /// </summary>
    public async Task<IReadOnlyList<ObjectContent>> RetrieveContainerAsync(ManagedObjectReference container, IReadOnlyList<(IReadOnlyList<PropertySpec> Properties, bool InHalves)> reads, CancellationToken ct)
    {
        var results = await ParallelWork.AllAsync(
            reads
                .Where(read => read.Properties.Count > 0)
                .Select(read => (Func<CancellationToken, Task<IReadOnlyList<ObjectContent>>>)(token => RetrieveContainerAsync(container, read.Properties, token, read.InHalves)))
                .ToList(),
            ct).ConfigureAwait(false);
        return results.SelectMany(objects => objects).ToList();
    }

    private static async Task IgnoreFailures(Func<Task> cleanup)
    {
        try
        {
            await cleanup().ConfigureAwait(false);
        }
        catch (Errors.VsphereK8sException)
        {
            // Best effort: the server frees views and cursors with the session anyway.
        }
    }
}
