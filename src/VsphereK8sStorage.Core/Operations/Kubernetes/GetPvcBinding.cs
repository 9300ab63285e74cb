using System.Globalization;
using System.Text.RegularExpressions;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Operations.Kubernetes;

/// <summary>What Get-PvcBinding / vk8s get-pvc-binding was asked for.</summary>
public sealed record GetPvcBindingRequest
{
    /// <summary>Where the cluster's objects come from; the core resolves it (see <see cref="ClusterSourceSpec"/>).</summary>
    public required ClusterSourceSpec Source { get; init; }

    /// <summary>Evaluate WaitForFirstConsumer claims as if their pod ran on this node.</summary>
    public string? Node { get; init; }

    public bool Detailed { get; init; }

    /// <summary>Show only the claims of this namespace (all claims are planned: each can take a volume from another).</summary>
    public string? Namespace { get; init; }

    /// <summary>Show only the claims whose names match one of these (wildcards allowed); empty shows all.</summary>
    public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The Kubernetes release to plan as ("1.20", "v1.29.4"); unset means the live cluster's own, or current
    /// Kubernetes for manifests. For manifests exported from an older cluster.
    /// </summary>
    public string? KubernetesVersion { get; init; }

    /// <summary>
    /// A StatefulSet (from the manifests, or read from the live cluster) whose <c>volumeClaimTemplates</c> add to the
    /// plan the claims its controller would create for <see cref="Replicas"/> replicas.
    /// </summary>
    public string? StatefulSet { get; init; }

    /// <summary>The replicas to preview <see cref="StatefulSet"/> at; null means the set's own <c>spec.replicas</c>.</summary>
    public int? Replicas { get; init; }

    /// <summary>A kubeconfig or context was named (-Kubeconfig, -Context): refused with manifest paths, which are read offline.</summary>
    public bool ClusterNamed { get; init; }
}

/// <summary>
/// What Get-PvcBinding found: the plan of every claim that could be read, and what could not be read.
/// Hosts write the plan's claims first and then fail with <see cref="InputFailure"/>, so one bad file
/// costs its own objects, not the whole run.
/// </summary>
public sealed record GetPvcBindingResult(BindingPlan Plan, VsphereK8sException? InputFailure);

/// <summary>
/// Get-PvcBinding: read the cluster's storage objects (manifests, or a live cluster through the
/// Kubernetes client), plan every claim's binding with reasons, and for a live cluster add what it last said.
/// </summary>
public static class GetPvcBinding
{
    public const string Activity = "Planning PersistentVolumeClaim bindings";

    // major.minor, then an optional patch and a pre-release or build suffix (v1.28.3-eks-1234, 1.29.0+k3s1).
    private static readonly Regex ReleasePattern = new(@"^v?([0-9]{1,3})\.([0-9]{1,3})(?:\.[0-9]{1,5})?(?:[-+][0-9A-Za-z.+-]*)?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static async Task<GetPvcBindingResult> RunAsync(GetPvcBindingRequest request, IOperationHost host, CancellationToken cancellationToken)
    {
        // Checked before anything is read: bad arguments are the user's to fix, whatever the input holds.
        RefuseManifestsWithCluster(request.Source is ManifestSourceSpec, request.ClusterNamed);
        var asked = request.KubernetesVersion is { } text ? ParseRelease(text) : null;
        CheckStatefulSetArguments(request);
        var source = request.StatefulSet is { } setName && request.Source is LiveClusterSourceSpec live
            ? live with { StatefulSet = (setName, request.Namespace) }
            : request.Source;
        var cluster = source.Open();
        host.WriteProgress(new ProgressReport(1, Activity, $"Reading {cluster.Description}"));
        var snapshot = await cluster.ReadAsync(host, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        host.WriteProgress(new ProgressReport(1, Activity, $"Matching {snapshot.Claims.Count} claims against {snapshot.Volumes.Count} volumes", 50));
        if (snapshot.ReadFailure is not null && snapshot.ObjectCount > 0)
        {
            host.WriteWarning($"the plan leaves out what could not be read from {cluster.Description}; claims may bind differently in the cluster until it is fixed");
        }

        var version = asked is null ? PlannedVersion(snapshot.ServerVersion, host) : AskedVersion(asked, snapshot.ServerVersion, host);
        var previewed = (IReadOnlySet<string>?)null;
        if (request.StatefulSet is { } name)
        {
            (snapshot, previewed) = WithStatefulSetClaims(snapshot, name, request, cluster.Description, host);
        }

        var plan = Plan(snapshot, request, version);
        if (previewed is not null)
        {
            foreach (var binding in plan.Claims)
            {
                binding.Preview = previewed.Contains(binding.Claim);
            }
        }

        foreach (var warning in plan.Warnings)
        {
            host.WriteWarning(warning);
        }

        plan = Shown(plan, request, snapshot.LastClaimEvents);
        host.WriteProgress(new ProgressReport(1, Activity, "Done", 100, Completed: true));
        return new GetPvcBindingResult(plan, snapshot.ReadFailure);
    }

    /// <summary>
    /// Manifests and a cluster are two different sources: naming both (-Path with -Kubeconfig/-Context) is refused
    /// before either is read.
    /// </summary>
    private static void RefuseManifestsWithCluster(bool manifests, bool clusterNamed)
    {
        if (manifests && clusterNamed)
        {
            throw new InvalidParameterException(
                "PathWithCluster", "Kubeconfig",
                $"{Param.Name("Path")} reads manifests offline and {Param.Name("Kubeconfig")}/{Param.Name("Context")} read a cluster: give one or the other.");
        }
    }

    /// <summary>-Replicas belongs to -StatefulSet, and is a count of replicas a preview can plan; checked before anything is read.</summary>
    private static void CheckStatefulSetArguments(GetPvcBindingRequest request)
    {
        if (request.Replicas is { } replicas)
        {
            if (request.StatefulSet is null)
            {
                throw new InvalidParameterException(
                    "ReplicasWithoutStatefulSet", "Replicas",
                    $"{Param.Name("Replicas")} is the replica count of a StatefulSet preview: name the set with {Param.Name("StatefulSet", "statefulset")}.", replicas.ToString(CultureInfo.InvariantCulture));
            }

            StatefulSetClaims.CheckReplicas(replicas, asked: true);
        }

        if (request.StatefulSet is { } name && KubernetesNames.IsDns1123Subdomain(name).Count > 0)
        {
            throw new InvalidParameterException(
                "StatefulSetNameInvalid", "StatefulSet",
                $"'{MessageText.Bounded(name, 80)}' is not a StatefulSet name (lower-case letters, digits, '-' and '.'): check {Param.Name("StatefulSet", "statefulset")}.", name);
        }
    }

    /// <summary>
    /// The snapshot with the claims the StatefulSet would create that do not exist yet, added after the others
    /// (the controller creates them after what the cluster holds), and their keys.
    /// </summary>
    private static (ClusterSnapshot Snapshot, IReadOnlySet<string> Previewed) WithStatefulSetClaims(ClusterSnapshot snapshot, string name, GetPvcBindingRequest request, string source, IOperationHost host)
    {
        var set = StatefulSetClaims.Find(snapshot.StatefulSets, name, request.Namespace, source);
        var added = StatefulSetClaims.Expand(set, request.Replicas, snapshot.Claims);
        var replicas = request.Replicas ?? set.Replicas ?? 1;
        host.WriteVerbose($"StatefulSet {set.Key} at {replicas.ToString(CultureInfo.InvariantCulture)} replicas adds {added.Count.ToString(CultureInfo.InvariantCulture)} claims to the plan ({(replicas * set.ClaimTemplates.Count - added.Count).ToString(CultureInfo.InvariantCulture)} exist already)");
        var claims = snapshot.Claims.Concat(added).ToList();
        var widened = new ClusterSnapshot(snapshot.Volumes, claims, snapshot.StorageClasses, snapshot.Nodes)
        {
            ReadFailure = snapshot.ReadFailure,
            ServerVersion = snapshot.ServerVersion,
            LastClaimEvents = snapshot.LastClaimEvents,
            StatefulSets = snapshot.StatefulSets,
        };
        return (widened, added.Select(c => c.Key).ToHashSet(StringComparer.Ordinal));
    }

    public static BindingPlan Plan(ClusterSnapshot snapshot, GetPvcBindingRequest request, Version? kubernetesVersion = null) =>
        BindingPlanner.Plan(snapshot, new PlanOptions { Node = request.Node, Detailed = request.Detailed, KubernetesVersion = kubernetesVersion ?? PlanOptions.DefaultKubernetesVersion, Shows = ShownBy(request) });

    /// <summary>Whether a claim (namespace, name) is one asked for (-Namespace, -Name); null when all are.</summary>
    private static Func<string, string, bool>? ShownBy(GetPvcBindingRequest request)
    {
        if (request.Namespace is null && request.Names.Count == 0)
        {
            return null;
        }

        var names = request.Names.Select(NamePattern.Create).ToList();
        return (ns, name) => (request.Namespace is null || ns == request.Namespace) && (names.Count == 0 || names.Any(n => n.IsMatch(name)));
    }

    /// <summary>
    /// The release a live cluster's plan follows: the server's own, within the releases the engine models
    /// (v1.20 to current); said as a warning when it is older than current Kubernetes, whose behaviour differs.
    /// </summary>
    private static Version? PlannedVersion(KubernetesServerVersion? server, IOperationHost host)
    {
        if (server is null)
        {
            return null;
        }

        var version = new Version(server.Major, server.Minor);
        var planned = version < KubernetesRelease.Oldest ? KubernetesRelease.Oldest : version > KubernetesRelease.Modelled ? KubernetesRelease.Modelled : version;
        var note = $"The cluster runs Kubernetes {server}; the plan follows the PV controller of Kubernetes {planned.ToString(2)}";
        if (planned < KubernetesRelease.Modelled)
        {
            host.WriteWarning(note + (version < KubernetesRelease.Oldest ? $", the oldest release modelled." : ", whose behaviour and event texts differ from current Kubernetes."));
        }
        else
        {
            host.WriteVerbose(note + ".");
        }

        return planned;
    }

    /// <summary>
    /// -KubernetesVersion as the API server's /version reports it or as people write it: "1.20", "v1.29",
    /// "v1.29.4", "1.28.3-eks-1234"; releases older than the engine models are refused, not guessed.
    /// </summary>
    public static Version ParseRelease(string text)
    {
        var match = ReleasePattern.Match(text.Trim());
        if (!match.Success)
        {
            throw new InvalidParameterException(
                "KubernetesVersionInvalid", "KubernetesVersion",
                $"'{MessageText.Bounded(text, 40)}' is not a Kubernetes version: write major.minor, such as 1.29 or v1.29.4.", text);
        }

        var version = new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        if (version < KubernetesRelease.Oldest)
        {
            throw new InvalidParameterException(
                "KubernetesVersionUnsupported", "KubernetesVersion",
                $"Kubernetes {version.ToString(2)} is older than the releases the plan models ({KubernetesRelease.Oldest.ToString(2)} to {KubernetesRelease.Modelled.ToString(2)}): give one of those.", text);
        }

        return version;
    }

    /// <summary>The release -KubernetesVersion asked for, said beside the live cluster's own when they differ.</summary>
    private static Version AskedVersion(Version asked, KubernetesServerVersion? server, IOperationHost host)
    {
        var planned = asked > KubernetesRelease.Modelled ? KubernetesRelease.Modelled : asked;
        if (planned != asked)
        {
            host.WriteWarning($"Kubernetes {asked.ToString(2)} is newer than the releases the plan models; it follows Kubernetes {planned.ToString(2)}, the newest modelled.");
        }

        if (server is not null && new Version(server.Major, server.Minor) != planned)
        {
            host.WriteWarning($"The cluster runs Kubernetes {server}; the plan follows Kubernetes {planned.ToString(2)}, as {Param.Name("KubernetesVersion")} asks.");
        }
        else
        {
            host.WriteVerbose($"The plan follows the PV controller of Kubernetes {planned.ToString(2)}.");
        }

        return planned;
    }

    /// <summary>The claims asked for (-Namespace, -Name), each with the last event the cluster recorded on it, if read.</summary>
    private static BindingPlan Shown(BindingPlan plan, GetPvcBindingRequest request, IReadOnlyDictionary<string, ClaimEvent>? lastEvents)
    {
        var shows = ShownBy(request);
        var shown = plan.Claims.Where(c => shows is null || shows(c.Namespace, c.Name)).ToList();
        if (lastEvents is not null)
        {
            // The plan was made for this run alone, so its results take the observed event in place.
            foreach (var binding in shown)
            {
                binding.LastEvent = lastEvents.TryGetValue(binding.Claim, out var observed) ? observed : null;
            }
        }

        return shown.Count == plan.Claims.Count ? plan : new BindingPlan(shown, plan.Warnings);
    }
}
