using System.Xml.Linq;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Vsphere.Inventory;

/// <summary>
/// Reads CNS volumes with CnsQueryVolume, page by page: the request's cursor asks for <c>limit</c> volumes from
/// <c>offset</c>; the answer's cursor gives the next offset and the total. Reading stops at the total, on an
/// empty page, or when the answer has no total (servers that do not page, such as VMware's simulator, return
/// everything at once). A cursor that does not move forward, or more pages than any real inventory needs, ends
/// the read with an error instead of a loop.
/// </summary>
internal static class CnsVolumeReader
{
    /// <summary>Volumes asked for per round trip.</summary>
    public const int DefaultPageSize = 1000;

    /// <summary>Most pages read in one query: 10,000,000 volumes at the default page size.</summary>
    public const int MaxPages = 10_000;

    /// <summary>Every volume the filter matches, de-duplicated by id (a volume can move between pages while they are read).</summary>
    public static async Task<IReadOnlyList<XElement>> QueryAllAsync(ISoapRoundTripper soap, CnsQueryFilterSpec filter, string server, CancellationToken ct, int pageSize = DefaultPageSize, Action<int, int>? pageRead = null)
    {
        var volumes = new List<XElement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long offset = 0;
        for (var page = 1; ; page++)
        {
            if (page > MaxPages)
            {
                throw Invalid(server, $"more than {MaxPages:N0} pages; stopped after {volumes.Count:N0} volumes");
            }

            var result = await CnsMethods.QueryVolumeAsync(soap, filter with { Offset = offset, Limit = pageSize }, ct).ConfigureAwait(false);
            var found = result.Children("volumes").ToList();
            foreach (var volume in found)
            {
                var id = volume.Child("volumeId")?.ChildText("id") ?? string.Empty;
                if (id.Length > 0 && seen.Add(id))
                {
                    volumes.Add(volume);
                }
            }

            pageRead?.Invoke(page, volumes.Count);
            var cursor = result.Child("cursor");
            var next = cursor?.ChildLong("offset") ?? 0;
            var total = cursor?.ChildLong("totalRecords") ?? 0;
            if (found.Count == 0 || total <= 0 || next >= total)
            {
                return volumes;
            }

            if (next <= offset)
            {
                throw Invalid(server, $"a cursor that does not move forward (offset {next} after {offset}, of {total} volumes); stopped after {volumes.Count:N0} volumes");
            }

            offset = next;
        }
    }

    /// <summary>A CnsVolume element as the model; <paramref name="datastoreNames"/> maps datastore URLs to names.</summary>
    public static CnsVolume ToVolume(XElement volume, IReadOnlyDictionary<string, string> datastoreNames, string server)
    {
        var metadata = volume.Child("metadata");
        var entities = metadata?.Children("entityMetadata").ToList() ?? new List<XElement>();
        var clusters = (metadata?.Children("containerCluster") ?? Enumerable.Empty<XElement>())
            .Concat(metadata?.Children("containerClusterArray") ?? Enumerable.Empty<XElement>())
            .Select(c => Printable(c.ChildText("clusterId")))
            .Concat(entities.Select(e => Printable(e.ChildText("clusterId"))))
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var pv = entities.FirstOrDefault(e => e.ChildText("entityType") == "PERSISTENT_VOLUME");
        var claim = entities.FirstOrDefault(e => e.ChildText("entityType") == "PERSISTENT_VOLUME_CLAIM");
        var pods = entities.Where(e => e.ChildText("entityType") == "POD").Select(Qualified).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var capacityMb = volume.Child("backingObjectDetails")?.ChildLong("capacityInMb") ?? 0;
        var url = Printable(volume.ChildText("datastoreUrl"));
        var type = volume.ChildText("volumeType");
        return new CnsVolume
        {
            VolumeId = Printable(volume.Child("volumeId")?.ChildText("id")),
            Name = Printable(volume.ChildText("name")),
            Type = string.Equals(type, "FILE", StringComparison.OrdinalIgnoreCase) ? "File" : string.Equals(type, "BLOCK", StringComparison.OrdinalIgnoreCase) ? "Block" : Printable(type),
            Capacity = capacityMb > 0 && capacityMb <= long.MaxValue / (1024 * 1024) ? DiskCapacity.ToQuantity(capacityMb * 1024 * 1024) : string.Empty,
            CapacityMB = Math.Max(0, capacityMb),
            ClusterId = Printable(metadata?.Child("containerCluster")?.ChildText("clusterId")) is { Length: > 0 } own ? own : clusters.FirstOrDefault() ?? string.Empty,
            ClusterIds = clusters,
            Pv = pv is null ? null : Printable(pv.ChildText("entityName")),
            Claim = claim is null ? null : Qualified(claim),
            Pods = pods,
            Datastore = datastoreNames.TryGetValue(url, out var name) ? name : url,
            DatastoreUrl = url,
            StoragePolicyId = Optional(volume.ChildText("storagePolicyId")),
            ComplianceStatus = Optional(volume.ChildText("complianceStatus")),
            HealthStatus = Optional(volume.ChildText("healthStatus")),
            DatastoreAccessibilityStatus = Optional(volume.ChildText("datastoreAccessibilityStatus")),
            Server = server,
        };
    }

    private static string Qualified(XElement entity)
    {
        var ns = Printable(entity.ChildText("namespace"));
        var name = Printable(entity.ChildText("entityName"));
        return ns.Length == 0 ? name : $"{ns}/{name}";
    }

    private static string Printable(string? text) => MessageText.Printable(text ?? string.Empty, 300);

    private static string? Optional(string? text) => string.IsNullOrEmpty(text) ? null : Printable(text);

    private static VsphereK8sException Invalid(string server, string what) =>
        new("CnsQueryInvalid", ErrorKind.InvalidData, $"{server} answered CnsQueryVolume with {what}.", server);
}
