using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using VsphereK8sStorage.Benchmarks;
using VsphereK8sStorage.Benchmarks.OnApiServer;
using VsphereK8sStorage.Benchmarks.OnVcsim;

// Every benchmark of the project, by name:
//   (no arguments)      the BenchmarkDotNet suites of the engine, then PlanScaling's growth ratios, allocations per
//                       object and the cost of Alternatives/DependsOn, all computed from the same run
//   --filter '*X*' ...  BenchmarkDotNet's own arguments (a run that includes PlanScaling still prints the summary)
//   vsphere [...]       Enable-DiskUuid and Get-VsphereVm on vcsim against govc-lite (VsphereBenchmark.cs)
//   kubernetes [...]    the live Get-PvcBinding read on a real API server against kubectl (KubernetesBenchmark.cs)
//   generate N FOLDER   manifest files for cli-end-to-end.sh (ReadWriteBenchmarks.cs)
//   allocations FILE... bytes allocated per object read, end to end and by stage (AllocationsPerObject.cs)
//   yaml-positions FILE whether SharpYaml's parser gives YamlDotNet's events at the same positions (YamlParserPositions.cs)
if (args is ["allocations", _, ..])
{
    return AllocationsPerObject.Run(args[1..]);
}

if (args is ["vsphere", ..])
{
    await VsphereBenchmark.RunAsync(args[1..]);
    return 0;
}

if (args is ["kubernetes", ..])
{
    return await KubernetesBenchmark.RunAsync(args[1..]);
}

if (args is ["yaml-positions", var yamlFile])
{
    return YamlParserPositions.Run(yamlFile);
}

if (args is ["generate", var count, var folder])
{
    ManifestFiles.Generate(int.Parse(count, CultureInfo.InvariantCulture), folder);
    return 0;
}

// One job for every suite: few iterations of a long operation, run in this process (building a
// separate benchmark process timed out on the shared, loaded build machine).
var job = Job.Default
    .WithStrategy(RunStrategy.Monitoring)
    .WithLaunchCount(1)
    .WithWarmupCount(1)
    .WithIterationCount(5)
    .WithToolchain(InProcessEmitToolchain.Instance)
    .AsDefault();
var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
if (args.Length > 0)
{
    foreach (var summary in BenchmarkSwitcher.FromAssembly(typeof(PlanScaling).Assembly).Run(args, config))
    {
        PrintScaling(summary);
    }

    return 0;
}

var scaling = BenchmarkRunner.Run<PlanScaling>(config);
BenchmarkRunner.Run<PlanVersusKubernetesSearch>(config);
PrintScaling(scaling);
return 0;

static void PrintScaling(Summary summary)
{
    var rows = summary.Reports
        .Where(r => r.ResultStatistics is not null && r.BenchmarkCase.Descriptor.Type == typeof(PlanScaling))
        .Select(r => (
            Method: r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
            Size: (int)r.BenchmarkCase.Parameters["ObjectsEach"],
            Mean: r.ResultStatistics!.Mean / 1e6,
            BytesPerObject: r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) / (2.0 * (int)r.BenchmarkCase.Parameters["ObjectsEach"])))
        .ToList();
    if (rows.Count == 0)
    {
        return;
    }

    Console.WriteLine();
    Console.WriteLine("PlanScaling (N volumes and N claims each), growth against the smallest size in this run:");
    foreach (var method in rows.Select(r => r.Method).Distinct())
    {
        var ofMethod = rows.Where(r => r.Method == method).OrderBy(r => r.Size).ToList();
        var (baseSize, baseMean) = (ofMethod[0].Size, ofMethod[0].Mean);
        foreach (var (_, size, mean, bytesPerObject) in ofMethod)
        {
            var sizeRatio = (double)size / baseSize;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {method,-28} N={size,7:N0}: {mean,9:F1} ms   x{mean / baseMean,6:F1} for x{sizeRatio,4:F0} the objects (quadratic would be x{sizeRatio * sizeRatio:F0}); {bytesPerObject,6:F0} bytes allocated per object"));
        }
    }

    Console.WriteLine("Cost of Alternatives and DependsOn (Plan against PlanWithoutArbitraryChoices, same run):");
    foreach (var size in rows.Select(r => r.Size).Distinct().OrderBy(s => s))
    {
        var with = rows.SingleOrDefault(r => r.Size == size && r.Method == "Plan");
        var without = rows.SingleOrDefault(r => r.Size == size && r.Method == "PlanWithoutArbitraryChoices");
        if (with.Method is not null && without.Method is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  N={size,7:N0}: time x{with.Mean / without.Mean:F2}, {with.BytesPerObject - without.BytesPerObject:F0} more bytes per object"));
        }
    }
}
