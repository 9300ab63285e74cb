using k8s;
using k8s.Models;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>A live cluster as the source of Get-PvcBinding: what the session's API server holds now.</summary>
public sealed record LiveClusterSourceSpec : ClusterSourceSpec
{
    public LiveClusterSourceSpec(KubernetesSession session) => Session = session ?? throw new ArgumentNullException(nameof(session));

    public KubernetesSession Session { get; }

    public override string Description => Session.Endpoint is { } endpoint ? $"the cluster at {endpoint.Server}" : $"the cluster of {Session.Connection}";

    /// <summary>Objects per list request; the tests make it small to prove every page is read.</summary>
    internal int PageSize { get; init; } = KubernetesApi.DefaultPageSize;

    /// <summary>A StatefulSet to read as well (its name, and its namespace or null for the context's), for the claims it would create.</summary>
    public (string Name, string? Namespace)? StatefulSet { get; init; }

    public override IClusterSource Open() => new LiveClusterSource(Session, PageSize, StatefulSet);
}

/// <summary>
/// Reads a cluster's PersistentVolumes, claims, StorageClasses and Nodes with one paginated list per kind
/// (the four at once), plus the server's version, and the events on claims when some claim is not Bound:
/// what Get-PvcBinding needs to plan as that cluster's controller would and to show what it last said.
/// </summary>
internal sealed class LiveClusterSource : IClusterSource
{
    private readonly KubernetesSession session;
    private readonly int pageSize;
    private readonly (string Name, string? Namespace)? statefulSet;

    public LiveClusterSource(KubernetesSession session, int pageSize = KubernetesApi.DefaultPageSize, (string Name, string? Namespace)? statefulSet = null)
    {
        this.session = session;
        this.pageSize = pageSize;
        this.statefulSet = statefulSet;
    }

    public string Description => session.Endpoint is { } endpoint ? $"the cluster at {endpoint.Server}" : $"the cluster of {session.Connection}";

    public async Task<ClusterSnapshot> ReadAsync(IOperationHost host, CancellationToken cancellationToken)
    {
        var api = session.Api(host);
        var pages = new int[4];
        Task<ListPage<T>> List<T>(ResourceType<T> type, int kind)
            where T : class, IKubernetesObject<V1ObjectMeta> =>
            api.ListAllAsync(type, null, cancellationToken, pageSize: pageSize, progress: _ => pages[kind]++);

        var version = api.GetServerVersionAsync(cancellationToken);
        var volumes = List(Resources.PersistentVolume, 0);
        var claims = List(Resources.PersistentVolumeClaim, 1);
        var classes = List(Resources.StorageClass, 2);
        var nodes = List(Resources.Node, 3);
        var set = statefulSet is { } wanted ? ReadStatefulSetAsync(api, wanted.Name, wanted.Namespace ?? api.Endpoint.Namespace ?? "default", cancellationToken) : Task.FromResult<StatefulSet?>(null);
        await Task.WhenAll(version, volumes, claims, classes, nodes, set).ConfigureAwait(false);
        var statefulSets = set.Result is { } found ? new[] { found } : Array.Empty<StatefulSet>();

        var serverVersion = version.Result;
        host.WriteVerbose($"read {volumes.Result.Items.Count} PersistentVolumes ({Pages(pages[0])}), {claims.Result.Items.Count} PersistentVolumeClaims ({Pages(pages[1])}), "
            + $"{classes.Result.Items.Count} StorageClasses ({Pages(pages[2])}) and {nodes.Result.Items.Count} Nodes ({Pages(pages[3])}) from {api.Endpoint.Server} (Kubernetes {serverVersion})");
        var snapshot = new ClusterSnapshot(
            volumes.Result.Items.Select(ClusterModelMapper.Volume).ToList(),
            claims.Result.Items.Select(ClusterModelMapper.Claim).ToList(),
            classes.Result.Items.Select(ClusterModelMapper.Class).ToList(),
            nodes.Result.Items.Select(ClusterModelMapper.Node).ToList())
        {
            ServerVersion = serverVersion,
            LastClaimEvents = new Dictionary<string, ClaimEvent>(),
            StatefulSets = statefulSets,
        };

        // A bound claim's events are history; only the unbound ones' say what the controller is waiting for.
        var unbound = snapshot.Claims.Where(c => c.Phase != ClaimPhase.Bound).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        if (unbound.Count > 0)
        {
            var events = await api.ListAllAsync(Resources.Event, null, cancellationToken, fieldSelector: "involvedObject.kind=PersistentVolumeClaim", pageSize: pageSize).ConfigureAwait(false);
            return new ClusterSnapshot(snapshot.Volumes, snapshot.Claims, snapshot.StorageClasses, snapshot.Nodes)
            {
                ServerVersion = serverVersion,
                StatefulSets = statefulSets,
                LastClaimEvents = LastEvents(events.Items.Where(e => unbound.Contains(ClaimKey(e)))),
            };
        }

        return snapshot;
    }

    /// <summary>The StatefulSet asked for, or null when the namespace holds none of that name.</summary>
    private static async Task<StatefulSet?> ReadStatefulSetAsync(KubernetesApi api, string name, string ns, CancellationToken cancellationToken)
    {
        try
        {
            var set = await api.Send($"read StatefulSet {ns}/{name}", RequestSafety.Idempotent, ct => api.Client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: ct), cancellationToken, name).ConfigureAwait(false);
            return ClusterModelMapper.StatefulSet(set);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>The newest event per claim, by the time kubectl describe sorts on (last seen, else first seen, else created).</summary>
    internal static IReadOnlyDictionary<string, ClaimEvent> LastEvents(IEnumerable<Corev1Event> events) =>
        events
            .Where(e => e.InvolvedObject?.Name is not null)
            .GroupBy(ClaimKey, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var last = g.OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue).Last();
                    return new ClaimEvent(last.Type == "Warning" ? EventType.Warning : EventType.Normal, last.Reason ?? string.Empty, last.Message ?? string.Empty);
                },
                StringComparer.Ordinal);

    private static string Pages(int count) => count == 1 ? "1 page" : $"{count} pages";

    private static string ClaimKey(Corev1Event e) => $"{e.InvolvedObject?.NamespaceProperty ?? e.Metadata?.NamespaceProperty}/{e.InvolvedObject?.Name}";
}
