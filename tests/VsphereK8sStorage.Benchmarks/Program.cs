using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using VsphereK8sStorage.Benchmarks;

// With no arguments: both suites, then the growth ratios of PlanScaling computed from the same run.
// Arguments go to BenchmarkDotNet (for example --filter *Scaling*).
var config = DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator);
if (args.Length > 0)
{
    BenchmarkSwitcher.FromAssembly(typeof(PlanScaling).Assembly).Run(args, config);
    return;
}

var scaling = BenchmarkRunner.Run<PlanScaling>(config);
BenchmarkRunner.Run<PlanVersusKubernetesSearch>(config);
PrintGrowth(scaling);

static void PrintGrowth(Summary summary)
{
    var means = summary.Reports
        .Where(r => r.ResultStatistics is not null)
        .Select(r => (Size: (int)r.BenchmarkCase.Parameters["ObjectsEach"], Mean: r.ResultStatistics!.Mean / 1e6))
        .OrderBy(r => r.Size)
        .ToList();
    if (means.Count == 0)
    {
        return;
    }

    var (baseSize, baseMean) = means[0];
    Console.WriteLine();
    Console.WriteLine("Growth of plan time (N volumes and N claims each), against the smallest size in this run:");
    foreach (var (size, mean) in means)
    {
        var sizeRatio = (double)size / baseSize;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  N={size,7:N0}: {mean,9:F1} ms   x{mean / baseMean,6:F1} for x{sizeRatio,4:F0} the objects (quadratic would be x{sizeRatio * sizeRatio:F0})"));
    }
}
