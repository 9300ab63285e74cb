using System.Collections.Concurrent;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Threading;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// One plan in the making: the cluster as the plan changes it, and the order of the controller's steps.
/// The steps themselves are <see cref="SyncBoundClaim"/>, <see cref="SyncUnboundClaim"/> (with
/// <see cref="FindBestMatch"/>, <see cref="RequestedVolume"/> and <see cref="ProvisionClaim"/>),
/// <see cref="ExplainPending"/> and <see cref="CheckBoundClaimsOnNode"/>.
/// </summary>
internal sealed class PlanRun
{
    private readonly IReadOnlyList<PersistentVolumeClaim> claims;
    private readonly Dictionary<string, VolumeState> volumesByName;
    private readonly Dictionary<string, StorageClass> classes;
    private readonly Dictionary<string, Node> nodes;
    private readonly List<string> warnings = new();
    private readonly VolumeIndex index;
    private readonly ClaimOrders orders;

    public PlanRun(ClusterSnapshot snapshot, PlanOptions options, SearchStrategy strategy)
    {
        Options = options;
        Release = new KubernetesRelease(options.KubernetesVersion);
        claims = snapshot.Claims;
        nodes = snapshot.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        if (options.Node is not null && !nodes.ContainsKey(options.Node))
        {
            // ObjectNotFound, as for a node New-/Add-K8sNodeTaint cannot find: the name may be right, the input lacks it.
            throw new VsphereK8sException(
                "NodeNotFound",
                ErrorKind.ObjectNotFound,
                $"Node '{options.Node}' is not in the input. Add its Node object (kubectl get node {options.Node} -o yaml) to evaluate node affinity, or leave out the node.",
                options.Node);
        }

        // Every volume is sorted by name here, then by capacity twice (the near-miss groups and the search's index), and
        // the claims are sorted twice: a large plan sorts the claims on another core meanwhile, and the two indexes side by side.
        orders = new ClaimOrders(claims, claims.Count >= options.ExplainInParallelFrom && Environment.ProcessorCount > 1);
        var volumes = snapshot.Volumes
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .Select((v, i) => new VolumeState(i, v, Release.MatchesVolumeAttributesClass))
            .ToArray();
        volumesByName = volumes.ToDictionary(v => v.Name, StringComparer.Ordinal);
        classes = snapshot.StorageClasses.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var defaults = snapshot.StorageClasses.Where(c => c.IsDefault).ToList();
        DefaultClass = BindingPlanner.DefaultClass(defaults);
        if (defaults.Count > 1)
        {
            warnings.Add($"{defaults.Count} StorageClasses are marked default ({string.Join(", ", defaults.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal))}); Kubernetes uses the newest, '{DefaultClass!.Name}'. Unmark the others.");
        }

        var nearMisses = volumes.Length >= options.ExplainInParallelFrom && Environment.ProcessorCount > 1
            ? Task.Run(() => new NearMissFinder(volumes))
            : null;
        index = new VolumeIndex(volumes);
        Search = strategy == SearchStrategy.Linear ? new LinearVolumeSearch(volumes) : new IndexedVolumeSearch(index);
        NearMisses = nearMisses?.GetAwaiter().GetResult() ?? new NearMissFinder(volumes);
        if (options.TrackArbitraryChoices)
        {
            Choices = new ArbitraryChoices(index, options.Detailed ? int.MaxValue : options.AlternativesLimit);
        }
    }

    public PlanOptions Options { get; }

    public KubernetesRelease Release { get; }

    public StorageClass? DefaultClass { get; }

    public IVolumeSearch Search { get; }

    public NearMissFinder NearMisses { get; }

    /// <summary>Whether claims left waiting may share explanations (<see cref="NearMissFinder.Explain"/>): set once the plan is final.</summary>
    public bool SharesExplanations { get; private set; }

    /// <summary>The searches claims make, by class and selected node (<see cref="FindBestMatch.Describe"/>).</summary>
    public Dictionary<(string StorageClass, string? SelectedNode), ClaimSearch> Searches { get; } = new();

    /// <summary>Null when the caller turned tracking off.</summary>
    public ArbitraryChoices? Choices { get; }

    public BindingPlan Execute()
    {
        orders.StartShownOrder();
        var outcomes = new List<ClaimOutcome>(claims.Count);
        var claimOf = new int[claims.Count];

        // Bound claims first: they do not compete, they hold what they have.
        for (var i = 0; i < claims.Count; i++)
        {
            if (claims[i].WasBound)
            {
                claimOf[outcomes.Count] = i;
                outcomes.Add(SyncBoundClaim.Run(this, claims[i]));
            }
        }

        var worlds = Choices is null ? null : new AlternativeWorlds(this, index, volumesByName.Count);
        foreach (var i in orders.Unbound())
        {
            claimOf[outcomes.Count] = i;
            var outcome = SyncUnboundClaim.Run(this, claims[i]);
            outcomes.Add(outcome);
            worlds?.After(outcome);
        }

        worlds?.Finish();

        ExplainAll(outcomes);
        return new BindingPlan(ResultsOf(outcomes, claimOf, orders.ShownPositions()), warnings);
    }

    /// <summary>
    /// The outcomes as results, each at its claim's shown position (<paramref name="claimOf"/> gives each outcome's
    /// claim); a large plan's on every core (each result reads only its outcome).
    /// </summary>
    private PvcBinding[] ResultsOf(List<ClaimOutcome> outcomes, int[] claimOf, int[] shownPositions)
    {
        var results = new PvcBinding[outcomes.Count];
        if (outcomes.Count < Options.ExplainInParallelFrom || Environment.ProcessorCount < 2)
        {
            for (var i = 0; i < results.Length; i++)
            {
                results[shownPositions[claimOf[i]]] = outcomes[i].ToResult();
            }

            return results;
        }

        ParallelWork.Run(() => Parallel.ForEach(Partitioner.Create(0, outcomes.Count, ChunkOf(outcomes.Count)), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                results[shownPositions[claimOf[i]]] = outcomes[i].ToResult();
            }
        }));
        return results;
    }

    // Many chunks per core, so a core that finishes early takes another and the last chunk is short: at 8 per core, a
    // perf timeline of the 50k plan showed one core explaining the last chunk alone for about 100 ms.
    private static int ChunkOf(int count) => Math.Max(64, count / (Environment.ProcessorCount * 64));

    /// <summary>
    /// Explains what the final plan leaves waiting, and checks bound claims on the node. Each outcome reads only the
    /// final plan and writes only itself, so a large plan is explained on every core, each worker with a near-miss
    /// finder of its own: the results are those of one pass in order.
    /// </summary>
    private void ExplainAll(List<ClaimOutcome> outcomes)
    {
        SharesExplanations = Options.ShareExplanations && !orders.NamesRepeat();
        if (outcomes.Count < Options.ExplainInParallelFrom || Environment.ProcessorCount < 2)
        {
            Explain(outcomes, 0, outcomes.Count, NearMisses);
            return;
        }

        ParallelWork.Run(() => Parallel.ForEach(
            Partitioner.Create(0, outcomes.Count, ChunkOf(outcomes.Count)),
            () => NearMisses.ForAnotherThread(),
            (range, _, finder) =>
            {
                Explain(outcomes, range.Item1, range.Item2, finder);
                return finder;
            },
            _ => { }));
    }

    private void Explain(List<ClaimOutcome> outcomes, int from, int to, NearMissFinder nearMisses)
    {
        for (var i = from; i < to; i++)
        {
            if (Options.Shows is { } shows && !shows(outcomes[i].Context.Claim.Namespace, outcomes[i].Context.Claim.Name))
            {
                continue;
            }

            ExplainPending.Run(this, outcomes[i], nearMisses);
            if (Options.Node is not null)
            {
                CheckBoundClaimsOnNode.Run(this, outcomes[i]);
            }
        }
    }

    private readonly Dictionary<(Type, ReasonCode, string), object> shared = new();

    /// <summary>
    /// A reason or an event that depends only on <paramref name="key"/> (the claim's class, or its provisioner), made
    /// once per key and shared by every claim that gives it: in a large plan most claims wait for a handful of reasons,
    /// and each copy would cost a few hundred bytes.
    /// </summary>
    public T Shared<T, TState>(ReasonCode code, string key, TState state, Func<TState, T> make)
        where T : class
    {
        lock (shared)
        {
            if (!shared.TryGetValue((typeof(T), code, key), out var value))
            {
                value = make(state);
                shared[(typeof(T), code, key)] = value;
            }

            return (T)value;
        }
    }

    public ClaimContext ContextFor(PersistentVolumeClaim claim, string storageClass) =>
        new(claim, storageClass, Release.MatchesVolumeAttributesClass);

    public VolumeState? Volume(string name) => volumesByName.TryGetValue(name, out var volume) ? volume : null;

    public StorageClass? Class(string name) => classes.TryGetValue(name, out var storageClass) ? storageClass : null;

    public NodeContext NodeFor(string name)
    {
        nodes.TryGetValue(name, out var node);
        return new NodeContext(name, node);
    }

    /// <summary>Binds the volume to the claim in the plan: later claims see it taken.</summary>
    public void Take(VolumeState volume, PersistentVolumeClaim claim, bool inPlan)
    {
        if (!MatchRules.PointsTo(volume.ClaimRef, claim))
        {
            volume.ClaimRef = new ClaimReference(claim.Namespace, claim.Name, claim.Metadata.Uid);
            if (inPlan)
            {
                volume.TakenInPlanBy = claim.Key;
            }
        }
    }
}
