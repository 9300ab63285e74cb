using System;
using System.Globalization;
using System.IO;
using System.Threading;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes.Manifests;

namespace VsphereK8sStorage.Benchmarks;

/// <summary>
/// Bytes allocated per object read, end to end and by stage (read, plan, JSON out), for each manifest file given:
/// the "allocated per object" row, counted by the runtime (GC.GetTotalAllocatedBytes, precise) rather than
/// timed, so one pass gives the figure; the second of two passes is printed, after the first has loaded every type.
/// Objects are the file's volumes and claims.
/// </summary>
internal static class AllocationsPerObject
{
    public static int Run(string[] files)
    {
        foreach (var file in files)
        {
            Measure(file);
            var (objects, read, plan, write) = Measure(file);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)}: {objects} objects; bytes allocated per object: {(read + plan + write) / (double)objects:F0} end to end (read {read / (double)objects:F0}, plan {plan / (double)objects:F0}, JSON out {write / (double)objects:F0})"));
        }

        return 0;
    }

    private static (int Objects, long Read, long Plan, long Write) Measure(string file)
    {
        GC.Collect();
        var start = GC.GetTotalAllocatedBytes(precise: true);
        var snapshot = ManifestLoader.Load(new[] { ManifestSource.FromFile(file) }, SilentHost.Instance, CancellationToken.None);
        var read = GC.GetTotalAllocatedBytes(precise: true);
        var claims = BindingPlanner.Plan(snapshot).Claims;
        var planned = GC.GetTotalAllocatedBytes(precise: true);
        using (var output = new StreamWriter(Stream.Null))
        {
            ResultView.Write(output, claims, OutputFormat.Json);
        }

        var written = GC.GetTotalAllocatedBytes(precise: true);
        return (snapshot.Volumes.Count + snapshot.Claims.Count, read - start, planned - read, written - planned);
    }
}
