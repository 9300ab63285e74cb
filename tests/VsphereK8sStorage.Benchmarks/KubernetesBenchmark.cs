using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Operations.Kubernetes;
using k8s;
using k8s.Models;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Benchmarks.OnApiServer;

// Usage: dotnet run -c Release --project tests/VsphereK8sStorage.Benchmarks -- kubernetes [--volumes 10000 --pending 200 --rounds 5]
// Starts the test control plane without its controllers (tests/peers/install-kube.sh builds it), writes --volumes bound
// volume/claim pairs as the PV controller leaves them plus --pending claims of a CSI class with the controller's event on
// each (so the event read is timed too), then times, alternating, in separate processes:
//   kubectl get pv,pvc,storageclass,nodes --all-namespaces -o json      (the baseline)
//   vk8s get-pvc-binding --kubeconfig FILE -o json                        (read with one paginated list per kind, plan, print)
/// <summary>The live Get-PvcBinding read against kubectl on a real API server, measured in the same run (<c>-- kubernetes</c>).</summary>
internal static class KubernetesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var plane = new KubeControlPlane { StartControllerManager = false };
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
            Console.WriteLine($"filled in {fill.Elapsed.TotalSeconds:0} s");

            // The vk8s users run: the CLI project's own build output (apphost), not a copy beside the harness.
            var vk8s = Vk8sPath();
            Console.WriteLine($"vk8s: {vk8s}; load average before timing: {LoadAverage()}");
            var kubectl = new List<double>();
            var ours = new List<double>();
            var inProcess = new List<double>();
            long kubectlBytes = 0, oursBytes = 0;
            Run(plane.Kubectl, new[] { "--kubeconfig", plane.AdminKubeconfig, "get", "pv,pvc,storageclass,nodes", "--all-namespaces", "-o", "json" }, out _); // warm both caches once
            Run(vk8s, new[] { "get-pvc-binding", "--kubeconfig", plane.AdminKubeconfig, "-o", "json" }, out _);
            for (var round = 0; round < options.Rounds; round++)
            {
                kubectl.Add(Run(plane.Kubectl, new[] { "--kubeconfig", plane.AdminKubeconfig, "get", "pv,pvc,storageclass,nodes", "--all-namespaces", "-o", "json" }, out kubectlBytes));
                ours.Add(Run(vk8s, new[] { "get-pvc-binding", "--kubeconfig", plane.AdminKubeconfig, "-o", "json" }, out oursBytes));
                using var session = new KubernetesSession(KubernetesConnection.From(plane.AdminKubeconfig, null));
                var clock = Stopwatch.StartNew();
                var result = await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = new LiveClusterSourceSpec(session) }, SilentHost.Instance, CancellationToken.None);
                inProcess.Add(clock.Elapsed.TotalMilliseconds);
                Check(result.Plan.Claims.Count == options.Volumes + options.Pending, $"planned {result.Plan.Claims.Count} claims");

                // The written state reads as the controller's own: every pair already bound, every other claim waiting for the CSI driver with its event.
                Check(result.Plan.Claims.Count(c => c.Phase == ClaimPhase.Bound && !c.NewBinding) == options.Volumes, "the pairs are not all bound as written");
                Check(result.Plan.Claims.Count(c => c.ReasonCode == ReasonCode.ExternalProvisioning && c.LastEvent == c.Event) == options.Pending, "the Pending claims do not show their events");
            }

            var ratio = Median(ours) / Median(kubectl);
            Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average after timing: {LoadAverage()}");
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

        // Writes what the PV controller leaves behind for each pre-bound pair (claim with volumeName and bind-completed, volume
        // with a claimRef carrying the claim's uid, both phases Bound), so the cluster holds 10,000 bound pairs without waiting
        // half an hour for the v1.20 controller; plus Pending claims of a CSI class, each with the event the controller posts.
        static async Task FillAsync(IKubernetes client, Options options)
        {
            const string Ns = "bench";
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
            await client.StorageV1.CreateStorageClassAsync(new V1StorageClass { Metadata = new V1ObjectMeta { Name = "vsphere-sc" }, Provisioner = "csi.vsphere.vmware.com" });
            var done = 0;
            var work = Enumerable.Range(0, options.Volumes + options.Pending).ToList();
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                var name = $"claim-{i:00000}";
                var volume = $"pv-{i:00000}";
                var capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity($"{1 + (i % 5)}Gi") };
                var paired = i < options.Volumes;
                var claim = await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
                {
                    Metadata = new V1ObjectMeta { Name = name, Annotations = paired ? new Dictionary<string, string> { ["pv.kubernetes.io/bind-completed"] = "yes" } : null },
                    Spec = new V1PersistentVolumeClaimSpec
                    {
                        AccessModes = new List<string> { "ReadWriteOnce" },
                        Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity("1Gi") } },
                        StorageClassName = paired ? string.Empty : "vsphere-sc",
                        VolumeName = paired ? volume : null,
                    },
                }, Ns, cancellationToken: ct);

                if (paired)
                {
                    var created = await client.CoreV1.CreatePersistentVolumeAsync(new V1PersistentVolume
                    {
                        Metadata = new V1ObjectMeta { Name = volume, Labels = new Dictionary<string, string> { ["tier"] = i % 2 == 0 ? "gold" : "silver" }, Annotations = new Dictionary<string, string> { ["pv.kubernetes.io/bound-by-controller"] = "yes" } },
                        Spec = new V1PersistentVolumeSpec
                        {
                            Capacity = capacity,
                            AccessModes = new List<string> { "ReadWriteOnce" },
                            PersistentVolumeReclaimPolicy = "Retain",
                            ClaimRef = new V1ObjectReference { Kind = "PersistentVolumeClaim", ApiVersion = "v1", NamespaceProperty = Ns, Name = name, Uid = claim.Metadata.Uid, ResourceVersion = claim.Metadata.ResourceVersion },
                            VsphereVolume = new V1VsphereVirtualDiskVolumeSource { VolumePath = $"[datastore1] volumes/{volume}.vmdk" },
                        },
                    }, cancellationToken: ct);
                    created.Status = new V1PersistentVolumeStatus { Phase = "Bound" };
                    await client.CoreV1.ReplacePersistentVolumeStatusAsync(created, volume, cancellationToken: ct);
                    claim.Status = new V1PersistentVolumeClaimStatus { Phase = "Bound", AccessModes = new List<string> { "ReadWriteOnce" }, Capacity = capacity };
                    await client.CoreV1.ReplaceNamespacedPersistentVolumeClaimStatusAsync(claim, name, Ns, cancellationToken: ct);
                }
                else
                {
                    await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
                    {
                        Metadata = new V1ObjectMeta { Name = $"{name}.bench" },
                        InvolvedObject = new V1ObjectReference { Kind = "PersistentVolumeClaim", ApiVersion = "v1", NamespaceProperty = Ns, Name = name, Uid = claim.Metadata.Uid },
                        Type = "Normal",
                        Reason = "ExternalProvisioning",
                        Message = "waiting for a volume to be created, either by external provisioner \"csi.vsphere.vmware.com\" or manually created by system administrator",
                        Source = new V1EventSource { Component = "persistentvolume-controller" },
                        FirstTimestamp = DateTime.UtcNow,
                        LastTimestamp = DateTime.UtcNow,
                        Count = 1,
                    }, Ns, cancellationToken: ct);
                }

                if (Interlocked.Increment(ref done) % 2000 == 0)
                {
                    Console.WriteLine($"  {done} of {work.Count} claims written");
                }
            });
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

        static string Vk8sPath()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VsphereK8sStorage.slnx")))
            {
                directory = directory.Parent;
            }

            var vk8s = Path.Combine(directory?.FullName ?? ".", "src", "VsphereK8sStorage.Cli", "bin", "Release", "net8.0", "vk8s");
            Check(File.Exists(vk8s), $"{vk8s} not found: dotnet build src/VsphereK8sStorage.Cli -c Release");
            return vk8s;
        }

        static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

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
