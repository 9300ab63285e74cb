using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Property;

/// <summary>
/// Reads with one PropertyCollector request per question: explicit property paths, all objects at once,
/// following <c>ContinueRetrievePropertiesEx</c> tokens when the server pages (a real vCenter sends about
/// 100 objects a page; vcsim sends everything at once).
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

    /// <summary>Pages requested from the server so far (for tests and benchmarks).</summary>
    public int Pages { get; private set; }

    /// <summary>All objects the spec selects, across every page.</summary>
    public async Task<IReadOnlyList<ObjectContent>> RetrieveAsync(PropertyFilterSpec spec, CancellationToken ct, int? maxObjects = null)
    {
        var page = await VimMethods.RetrievePropertiesExAsync(soap, content.PropertyCollector, spec, maxObjects, ct).ConfigureAwait(false);
        Pages++;
        var objects = new List<ObjectContent>(page.Objects);
        try
        {
            while (page.Token is { } token)
            {
                page = await VimMethods.ContinueRetrievePropertiesExAsync(soap, content.PropertyCollector, token, ct).ConfigureAwait(false);
                Pages++;
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

    public Task<IReadOnlyList<ObjectContent>> RetrieveObjectsAsync(IEnumerable<ManagedObjectReference> objects, IReadOnlyList<PropertySpec> properties, CancellationToken ct) =>
        RetrieveAsync(PropertyFilterSpec.ForObjects(objects, properties), ct);

    /// <summary>
    /// Every object of the specs' types below <paramref name="container"/> (recursively), through a
    /// ContainerView that lives only for this call. Views belong to a session: if the session was renewed
    /// between creating the view and reading it, the view is gone and the read is done again with a new one.
    /// </summary>
    public async Task<IReadOnlyList<ObjectContent>> RetrieveContainerAsync(ManagedObjectReference container, IReadOnlyList<PropertySpec> properties, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var view = await VimMethods.CreateContainerViewAsync(soap, content.ViewManager, container, properties.Select(p => p.Type).Distinct(), recursive: true, ct).ConfigureAwait(false);
            try
            {
                return await RetrieveAsync(PropertyFilterSpec.ForView(view, properties), ct).ConfigureAwait(false);
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
