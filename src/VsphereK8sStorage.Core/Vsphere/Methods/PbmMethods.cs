using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Methods;

/// <summary>The storage policy service's (SPBM, <c>/pbm</c>) singletons.</summary>
internal sealed record PbmServiceContent(ManagedObjectReference ProfileManager, ManagedObjectReference PlacementSolver);

/// <summary>A storage profile as PbmRetrieveContent returns it: the parts this module reads.</summary>
internal sealed record PbmProfile(string? Name, string? UniqueId, string? Description);

/// <summary>One datastore (or other hub) PbmCheckRequirements considered, and whether it satisfies the policy.</summary>
internal sealed record PbmPlacementResult(ManagedObjectReference Hub, bool Compatible, IReadOnlyList<string> Problems);

/// <summary>The SPBM methods this module calls.</summary>
internal static class PbmMethods
{
    public static readonly ManagedObjectReference ServiceInstance = new("PbmServiceInstance", "ServiceInstance");

    public static async Task<PbmServiceContent> RetrieveServiceContentAsync(ISoapRoundTripper soap, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("PbmRetrieveServiceContent", ServiceInstance, null, SoapEndpoint.Pbm) { Idempotent = true }, ct).ConfigureAwait(false);
        var content = response.Child("returnval") ?? response;
        return new PbmServiceContent(content.ChildMoRef("profileManager") ?? default, content.ChildMoRef("placementSolver") ?? default);
    }

    /// <summary>The ids of the storage requirement profiles (what the UI calls VM storage policies).</summary>
    public static async Task<IReadOnlyList<string>> QueryStorageProfilesAsync(ISoapRoundTripper soap, ManagedObjectReference profileManager, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("PbmQueryProfile", profileManager, w =>
        {
            w.Start("resourceType").Value("resourceType", "STORAGE").End();
            w.Value("profileCategory", "REQUIREMENT");
        }, SoapEndpoint.Pbm) { Idempotent = true }, ct).ConfigureAwait(false);
        return response.Children("returnval").Select(r => r.ChildText("uniqueId") ?? string.Empty).Where(id => id.Length > 0).ToList();
    }

    /// <summary>The profiles themselves (name, id, description).</summary>
    public static async Task<IReadOnlyList<PbmProfile>> RetrieveContentAsync(ISoapRoundTripper soap, ManagedObjectReference profileManager, IReadOnlyList<string> profileIds, CancellationToken ct)
    {
        if (profileIds.Count == 0)
        {
            return new List<PbmProfile>(); // the server refuses an empty list (InvalidRequest)
        }

        var response = await soap.RoundTripAsync(new SoapRequest("PbmRetrieveContent", profileManager, w =>
        {
            foreach (var id in profileIds)
            {
                w.Start("profileIds").Value("uniqueId", id).End();
            }
        }, SoapEndpoint.Pbm) { Idempotent = true }, ct).ConfigureAwait(false);
        return response.Children("returnval")
            .Select(e => new PbmProfile(e.ChildText("name"), e.Child("profileId")?.ChildText("uniqueId"), e.ChildText("description")))
            .ToList();
    }

    /// <summary>Every hub (datastore) the server knows, with whether it satisfies the profile.</summary>
    public static async Task<IReadOnlyList<PbmPlacementResult>> CheckRequirementsAsync(ISoapRoundTripper soap, ManagedObjectReference placementSolver, string profileId, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("PbmCheckRequirements", placementSolver, w =>
        {
            w.Start("placementSubjectRequirement", "PbmPlacementCapabilityProfileRequirement")
                .Start("profileId").Value("uniqueId", profileId).End()
                .End();
        }, SoapEndpoint.Pbm) { Idempotent = true }, ct).ConfigureAwait(false);
        return response.Children("returnval").Select(r =>
        {
            var hub = r.Child("hub");
            var reference = new ManagedObjectReference(hub?.ChildText("hubType") ?? string.Empty, hub?.ChildText("hubId") ?? string.Empty);
            var problems = r.Children("error").Select(e => VsphereFault.FromLocalizedMethodFault(e).ToString()).ToList();
            return new PbmPlacementResult(reference, problems.Count == 0, problems);
        }).ToList();
    }
}
