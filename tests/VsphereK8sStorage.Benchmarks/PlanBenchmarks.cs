using BenchmarkDotNet.Attributes;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;

namespace VsphereK8sStorage.Benchmarks;

/// <summary>
/// Plan time as the cluster grows: N volumes and N claims. Near-linear growth means 50k costs about
/// 10x and 100k about 20x of 5k (times a log factor), not 100x and 400x. The baseline of each size is
/// the same plan without Alternatives and DependsOn, so the Ratio column is what they cost.
/// </summary>
[MemoryDiagnoser]
public class PlanScaling
{
    private static readonly PlanOptions WithoutArbitraryChoices = new() { TrackArbitraryChoices = false };

    private ClusterSnapshot cluster = ClusterSnapshot.Empty;

    [Params(5_000, 50_000, 100_000)]
    public int ObjectsEach { get; set; }

    [GlobalSetup]
    public void Setup() => cluster = ClusterGenerator.Generate(seed: 42, volumeCount: ObjectsEach, claimCount: ObjectsEach);

    [Benchmark]
    public int Plan() => BindingPlanner.Plan(cluster).Claims.Count;

    [Benchmark(Baseline = true)]
    public int PlanWithoutArbitraryChoices() => BindingPlanner.Plan(cluster, WithoutArbitraryChoices).Claims.Count;
}

/// <summary>
/// The index against the baseline of Kubernetes' own search (FindMatchingVolume over every volume for
/// every claim, access-mode group by group), measured in the same run on the same clusters.
/// </summary>
public class PlanVersusKubernetesSearch
{
    private ClusterSnapshot cluster = ClusterSnapshot.Empty;

    [Params(1_000, 5_000, 20_000)]
    public int ObjectsEach { get; set; }

    [GlobalSetup]
    public void Setup() => cluster = ClusterGenerator.Generate(seed: 42, volumeCount: ObjectsEach, claimCount: ObjectsEach);

    [Benchmark(Baseline = true)]
    public int KubernetesLinearSearch() => BindingPlanner.Plan(cluster, new PlanOptions(), SearchStrategy.Linear).Claims.Count;

    [Benchmark]
    public int IndexedSearch() => BindingPlanner.Plan(cluster, new PlanOptions(), SearchStrategy.Indexed).Claims.Count;
}
