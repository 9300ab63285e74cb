using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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

    public override IClusterSource Open() => new LiveClusterSource(Session);
}

/// <summary>
/// Reads a cluster's PersistentVolumes, claims, StorageClasses and Nodes with one paginated list per kind
/// (the four at once), plus the server's version, and the events on claims when some claim is not Bound:
/// what Get-PvcBinding needs to plan as that cluster's controller would and to show what it last said.
/// </summary>
internal sealed class LiveClusterSource : IClusterSource
{
    private readonly KubernetesSession session;

    public LiveClusterSource(KubernetesSession session) => this.session = session;

    public string Description => session.Endpoint is { } endpoint ? $"the cluster at {endpoint.Server}" : $"the cluster of {session.Connection}";

    /// <summary>The server's version, once read.</summary>
    public KubernetesServerVersion? ServerVersion { get; private set; }

    /// <summary>The newest event on each claim ("namespace/name") that is not Bound; empty until read.</summary>
    public IReadOnlyDictionary<string, ClaimEvent> LastClaimEvents { get; private set; } = new Dictionary<string, ClaimEvent>();

    public async Task<ClusterSnapshot> ReadAsync(IOperationHost host, CancellationToken cancellationToken)
    {
        var api = session.Api(host);
        var version = api.GetServerVersionAsync(cancellationToken);
        var volumes = api.ListAllAsync(Resources.PersistentVolume, null, cancellationToken);
        var claims = api.ListAllAsync(Resources.PersistentVolumeClaim, null, cancellationToken);
        var classes = api.ListAllAsync(Resources.StorageClass, null, cancellationToken);
        var nodes = api.ListAllAsync(Resources.Node, null, cancellationToken);
        await Task.WhenAll(version, volumes, claims, classes, nodes).ConfigureAwait(false);

        ServerVersion = version.Result;
        host.WriteVerbose($"read {volumes.Result.Items.Count} PersistentVolumes, {claims.Result.Items.Count} PersistentVolumeClaims, {classes.Result.Items.Count} StorageClasses and {nodes.Result.Items.Count} Nodes from {api.Endpoint.Server} (Kubernetes {ServerVersion})");
        var snapshot = new ClusterSnapshot(
            volumes.Result.Items.Select(ClusterModelMapper.Volume).ToList(),
            claims.Result.Items.Select(ClusterModelMapper.Claim).ToList(),
            classes.Result.Items.Select(ClusterModelMapper.Class).ToList(),
            nodes.Result.Items.Select(ClusterModelMapper.Node).ToList());

        if (snapshot.Claims.Any(c => c.Phase != ClaimPhase.Bound))
        {
            var events = await api.ListAllAsync(Resources.Event, null, cancellationToken, fieldSelector: "involvedObject.kind=PersistentVolumeClaim").ConfigureAwait(false);
            LastClaimEvents = LastEvents(events.Items);
        }

        return snapshot;
    }

    /// <summary>The newest event per claim, by the time kubectl describe sorts on (last seen, else first seen, else created).</summary>
    internal static IReadOnlyDictionary<string, ClaimEvent> LastEvents(IEnumerable<Corev1Event> events) =>
        events
            .Where(e => e.InvolvedObject?.Name is not null)
            .GroupBy(e => $"{e.InvolvedObject.NamespaceProperty ?? e.Metadata?.NamespaceProperty}/{e.InvolvedObject.Name}", StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var last = g.OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue).Last();
                    return new ClaimEvent(last.Type == "Warning" ? EventType.Warning : EventType.Normal, last.Reason ?? string.Empty, last.Message ?? string.Empty);
                },
                StringComparer.Ordinal);
}
