using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Kubernetes.Tests.TestSupport;
using VsphereK8sStorage.Operations;

// Usage: dotnet run -c Release --project tests/VsphereK8sStorage.Kubernetes.Benchmark [-- --volumes 10000 --pending 200 --rounds 5]
// Starts the test control plane (tests/peers/install-kube.sh builds it), fills it with --volumes PersistentVolumes and as many
// claims (pre-bound pairs, which the real controller completes, plus --pending claims of a class nothing provisions, so the
// events on Pending claims are read too), waits until the controller is done, then times, alternating, in separate processes:
//   kubectl get pv,pvc,storageclass,nodes --all-namespaces -o json      (the baseline)
//   vk8s get-pvc-binding --kubeconfig FILE -o json                        (read with one paginated list per kind, plan, print)
var options = Options.Parse(args);
var plane = new KubeControlPlane { PvResyncPeriod = "15s" };
await plane.InitializeAsync();
try
{
    if (plane.Unavailable is { } missing || !plane.HasKubectl())
    {
        Console.Error.WriteLine("The Kubernetes peer is missing: " + (plane.Unavailable ?? "kubectl") + " (tests/peers/install-kube.sh builds it).");
        return 2;
    }

    Console.WriteLine($"Live Get-PvcBinding benchmark: {options.Volumes} volumes, {options.Volumes + options.Pending} claims, {options.Rounds} rounds, {Environment.ProcessorCount} cores, .NET {Environment.Version}, Kubernetes v1.20.2");
    using var api = KubernetesApi.Connect(KubernetesConnection.From(plane.AdminKubeconfig, null), _ => { });
    var fill = Stopwatch.StartNew();
    await FillAsync(api.Client, options);
    Console.WriteLine($"filled in {fill.Elapsed.TotalSeconds:0} s; waiting for the controller to bind the pairs");
    await SettleAsync(api, options.Volumes);
    Console.WriteLine($"settled after {fill.Elapsed.TotalSeconds:0} s");

    var vk8s = Path.Combine(AppContext.BaseDirectory, "vk8s.dll");
    var kubectl = new List<double>();
    var ours = new List<double>();
    var inProcess = new List<double>();
    long kubectlBytes = 0, oursBytes = 0;
    Run(plane.Kubectl, new[] { "--kubeconfig", plane.AdminKubeconfig, "get", "pv,pvc,storageclass,nodes", "--all-namespaces", "-o", "json" }, out _); // warm both caches once
    Run("dotnet", new[] { vk8s, "get-pvc-binding", "--kubeconfig", plane.AdminKubeconfig, "-o", "json" }, out _);
    for (var round = 0; round < options.Rounds; round++)
    {
        kubectl.Add(Run(plane.Kubectl, new[] { "--kubeconfig", plane.AdminKubeconfig, "get", "pv,pvc,storageclass,nodes", "--all-namespaces", "-o", "json" }, out kubectlBytes));
        ours.Add(Run("dotnet", new[] { vk8s, "get-pvc-binding", "--kubeconfig", plane.AdminKubeconfig, "-o", "json" }, out oursBytes));
        using var session = new KubernetesSession(KubernetesConnection.From(plane.AdminKubeconfig, null));
        var clock = Stopwatch.StartNew();
        var result = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(session) }, SilentHost.Instance, CancellationToken.None);
        inProcess.Add(clock.Elapsed.TotalMilliseconds);
        Check(result.Plan.Claims.Count == options.Volumes + options.Pending, $"planned {result.Plan.Claims.Count} claims");
    }

    var ratio = Median(ours) / Median(kubectl);
    Console.WriteLine();
    Console.WriteLine("| run | median | rounds (ms) | output |");
    Console.WriteLine("| --- | --- | --- | --- |");
    Console.WriteLine($"| kubectl get pv,pvc,storageclass,nodes -A -o json (baseline) | {Median(kubectl):0} ms | {string.Join(", ", kubectl.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))} | {kubectlBytes / 1024} KiB |");
    Console.WriteLine($"| vk8s get-pvc-binding --kubeconfig -o json | {Median(ours):0} ms | {string.Join(", ", ours.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))} | {oursBytes / 1024} KiB |");
    Console.WriteLine($"| GetPvcBinding in-process (read and plan, no process start) | {Median(inProcess):0} ms | {string.Join(", ", inProcess.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))} | |");
    Console.WriteLine();
    Console.WriteLine($"vk8s / kubectl = {ratio:0.00} (the target is at most 1.50)");
    return 0;
}
finally
{
    await plane.DisposeAsync();
}

static async Task FillAsync(IKubernetes client, Options options)
{
    await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench" } });
    await client.StorageV1.CreateStorageClassAsync(new V1StorageClass { Metadata = new V1ObjectMeta { Name = "vsphere-sc" }, Provisioner = "csi.vsphere.vmware.com" });
    var work = Enumerable.Range(0, options.Volumes + options.Pending).ToList();
    await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
    {
        var claim = $"claim-{i:00000}";
        if (i < options.Volumes)
        {
            var volume = $"pv-{i:00000}";
            await client.CoreV1.CreatePersistentVolumeAsync(new V1PersistentVolume
            {
                Metadata = new V1ObjectMeta { Name = volume, Labels = new Dictionary<string, string> { ["tier"] = i % 2 == 0 ? "gold" : "silver" } },
                Spec = new V1PersistentVolumeSpec
                {
                    Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity($"{1 + (i % 5)}Gi") },
                    AccessModes = new List<string> { "ReadWriteOnce" },
                    ClaimRef = new V1ObjectReference { NamespaceProperty = "bench", Name = claim },
                    VsphereVolume = new V1VsphereVirtualDiskVolumeSource { VolumePath = $"[datastore1] volumes/{volume}.vmdk" },
                },
            }, cancellationToken: ct);
        }

        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = claim },
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = new List<string> { "ReadWriteOnce" },
                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity("1Gi") } },
                StorageClassName = i < options.Volumes ? string.Empty : "vsphere-sc",
                VolumeName = i < options.Volumes ? $"pv-{i:00000}" : null,
            },
        }, "bench", cancellationToken: ct);
    });
}

static async Task SettleAsync(KubernetesApi api, int pairs)
{
    for (var attempt = 0; attempt < 1800; attempt++)
    {
        var claims = await api.ListAllAsync(Resources.PersistentVolumeClaim, "bench", CancellationToken.None);
        var bound = claims.Items.Count(c => c.Status?.Phase == "Bound");
        if (bound >= pairs)
        {
            return;
        }

        if (attempt % 15 == 0)
        {
            Console.WriteLine($"  {bound} of {pairs} pairs bound");
        }

        await Task.Delay(2000);
    }

    throw new TimeoutException("the controller did not bind the pairs in an hour");
}

static double Run(string file, string[] arguments, out long outputBytes)
{
    var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in arguments)
    {
        info.ArgumentList.Add(argument);
    }

    var clock = Stopwatch.StartNew();
    using var process = Process.Start(info)!;
    var error = process.StandardError.ReadToEndAsync();
    long bytes = 0;
    var buffer = new char[65536];
    int read;
    while ((read = process.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
    {
        bytes += read;
    }

    process.WaitForExit();
    var elapsed = clock.Elapsed.TotalMilliseconds;
    Check(process.ExitCode == 0, $"{Path.GetFileName(file)} {string.Join(" ", arguments)} exited {process.ExitCode}: {error.Result}");
    outputBytes = bytes;
    return elapsed;
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static void Check(bool condition, string message)
{
    if (!condition)
    {
        throw new InvalidOperationException(message);
    }
}

internal sealed record Options(int Volumes, int Pending, int Rounds)
{
    public static Options Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new Options(Value("--volumes", 10_000), Value("--pending", 200), Value("--rounds", 5));
    }
}
