using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Methods;

namespace VsphereK8sStorage.Operations.Vsphere;

public sealed record GetVsphereStoragePolicyRequest
{
    public required VsphereConnection Connection { get; init; }

    /// <summary>Policy names with wildcards; empty means all.</summary>
    public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();
}

/// <summary>
/// Get-VsphereStoragePolicy: storage policies from the /pbm endpoint (PbmQueryProfile + PbmRetrieveContent),
/// each with the datastores PbmCheckRequirements finds compatible.
/// </summary>
public static class GetVsphereStoragePolicy
{
    private const int Concurrency = 4;

    public static async Task<IReadOnlyList<VsphereStoragePolicy>> RunAsync(GetVsphereStoragePolicyRequest request, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        connection.EnsureConnected();
        var (pbm, profiles) = await ReadProfilesAsync(connection, ct).ConfigureAwait(false);
        var patterns = request.Names.Select(NamePattern.Create).ToList();
        foreach (var missing in patterns.Where(p => !p.HasWildcards && !profiles.Any(pr => p.IsMatch(pr.Name))))
        {
            host.WriteError(new VsphereK8sException(
                "VsphereStoragePolicyNotFound", ErrorKind.ObjectNotFound,
                $"No storage policy named '{missing.Text}' on {connection.Name}; list them with {Param.Command("Get-VsphereStoragePolicy")}.", missing.Text));
        }

        var chosen = profiles.Where(p => patterns.Count == 0 || patterns.Any(n => n.IsMatch(p.Name))).ToList();
        if (chosen.Count == 0)
        {
            return new List<VsphereStoragePolicy>();
        }

        host.WriteVerbose($"Checking which datastores satisfy {chosen.Count} storage policies.");
        var index = await DatastoreReader.ReadAsync(connection, ct).ConfigureAwait(false);
        var policies = new VsphereStoragePolicy[chosen.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, chosen.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (i, token) =>
        {
            var placements = await PbmMethods.CheckRequirementsAsync(connection.Soap, pbm.PlacementSolver, chosen[i].Id, token).ConfigureAwait(false);
            var compatible = placements
                .Where(p => p.Compatible)
                .Select(p => index.Datastore(p.Hub))
                .OfType<DatastoreMo>()
                .OrderBy(d => index.NameOf(d.Self), StringComparer.Ordinal)
                .ToList();
            policies[i] = chosen[i] with
            {
                CompatibleDatastores = compatible.Select(d => index.NameOf(d.Self)).ToList(),
                CompatibleDatastoreUrls = compatible.Select(d => d.Url ?? string.Empty).ToList(),
            };
        }).ConfigureAwait(false);
        return policies.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The id of the policy named <paramref name="name"/> (exactly), for attaching it to a new disk.</summary>
    internal static async Task<string> ResolveIdAsync(VsphereConnection connection, string name, CancellationToken ct)
    {
        var (_, profiles) = await ReadProfilesAsync(connection, ct).ConfigureAwait(false);
        return profiles.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))?.Id
            ?? throw new InvalidParameterException(
                "VsphereStoragePolicyNotFound", "StoragePolicyName",
                $"No storage policy named '{name}' on {connection.Name}. Policies there: {string.Join(", ", profiles.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal))}.",
                name);
    }

    private static async Task<(PbmServiceContent Pbm, IReadOnlyList<VsphereStoragePolicy> Profiles)> ReadProfilesAsync(VsphereConnection connection, CancellationToken ct)
    {
        var pbm = await PbmMethods.RetrieveServiceContentAsync(connection.Soap, ct).ConfigureAwait(false);
        var ids = await PbmMethods.QueryStorageProfilesAsync(connection.Soap, pbm.ProfileManager, ct).ConfigureAwait(false);
        var read = await PbmMethods.RetrieveContentAsync(connection.Soap, pbm.ProfileManager, ids, ct).ConfigureAwait(false);
        var profiles = read.Select(p => new VsphereStoragePolicy
        {
            Name = MessageText.Printable(p.Name, 200),
            Id = p.UniqueId ?? string.Empty,
            Description = p.Description is { Length: > 0 } description ? MessageText.Printable(description, 500) : null,
            Server = connection.Name,
        }).ToList();
        return (pbm, profiles);
    }
}
