using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Xml.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Benchmarks.OnVcsim;

// Usage: dotnet run -c Release --project tests/VsphereK8sStorage.Benchmarks -- vsphere [--vms 1000 --rounds 3 --baseline-vms 1000 --runs 5]
//        [--reads-only] [--before <a vk8s executable built from the revision to compare with>]
// --reads-only leaves out Enable-DiskUuid (sections 1-3, the slow ones): only the inventory read, its decode and the
// whole-process rows. --before adds that executable's get-vsphere-vm and --version to the whole-process rows, so a
// change is measured against the code before it in the same run (build it with build.ps1 -Task Publish in a worktree
// of that revision, or dotnet publish src/VsphereK8sStorage.Cli -c Release -r linux-x64 -p:VsphereK8sAot=true -o DIR).
// The baseline is govc-lite (tests/peers/install-vcsim.sh builds it from ../shared/tools/govc-lite): like govc it
// keeps its session between calls and finds objects with govmomi's finder. vk8s runs as built beside this program
// (JIT) and, when VK8S_BINARY or out/vk8s/vk8s names one (build.ps1 -Task Publish), as the NativeAOT executable.
// Every simulator is fresh (reconfigures change it), has --vms VMs in one cluster, and listens on 127.0.0.1.
// --baseline-vms runs the per-VM baseline on the first N of them (its rate per VM does not depend on how many
// there are, and a thousand processes take minutes on a busy machine).
/// <summary>Enable-DiskUuid and Get-VsphereVm against vcsim, with govc-lite as the baseline measured in the same run (<c>-- vsphere</c>).</summary>
internal static class VsphereBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var govc = Path.Combine(Path.GetDirectoryName(VcsimServer.Binary ?? throw new InvalidOperationException(VcsimServer.MissingHint))!, "govc-lite");
        Check(File.Exists(govc), $"{govc} is missing: run tests/peers/install-vcsim.sh, which builds it");
        var vk8s = Path.Combine(AppContext.BaseDirectory, "vk8s.dll");
        var nativeVk8s = Environment.GetEnvironmentVariable("VK8S_BINARY") is { Length: > 0 } named ? Path.GetFullPath(named) : Path.Combine(RepoPaths.Root, "out", "vk8s", "vk8s");
        var haveNative = File.Exists(nativeVk8s);
        var before = options.Before is { } named2 ? Path.GetFullPath(named2) : null;
        Check(before is null || File.Exists(before), $"--before {before}: no such file");
        var sessions = Path.Combine(Path.GetTempPath(), "vk8s-benchmark-sessions-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var model = new[] { "-vm", options.Vms.ToString(CultureInfo.InvariantCulture), "-standalone-host", "0" };
        Console.WriteLine($"vSphere benchmark: {options.Vms} VMs per simulator, {options.Rounds} rounds, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        // 1. Enable-DiskUuid over every VM (the core operation the cmdlet runs), each round on a fresh simulator.
        var enable = new List<double>();
        var rerun = new List<double>();
        var enableCpu = new List<double>();
        for (var round = 0; round < (options.ReadsOnly ? 0 : options.Rounds); round++)
        {
            using var vcsim = VcsimServer.Start(model);
            using var connection = await Connect(vcsim);
            var request = new DiskUuidRequest { Connection = connection, Selection = new VmSelection { Patterns = new[] { "*" } } };
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var results = await Time(() => EnableDiskUuid.RunAsync(request, SilentHost.Instance, CancellationToken.None), enable);
            enableCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
            Check(results.Count(r => r.Changed) == options.Vms, $"round {round}: {results.Count(r => r.Changed)} of {options.Vms} changed");
            var again = await Time(() => EnableDiskUuid.RunAsync(request, SilentHost.Instance, CancellationToken.None), rerun);
            Check(again.All(r => !r.Changed && r.Enabled), "the re-run changed something");
            Console.WriteLine(Invariant($"  Enable-DiskUuid round {round + 1}: {enable[^1]:F0} ms, re-run {rerun[^1]:F0} ms"));
        }

        // 2. The same from a shell: one vk8s process (start-up, login, read, reconfigure, confirm, logout).
        double endToEnd = double.NaN;
        if (!options.ReadsOnly)
        {
            using var vcsim = VcsimServer.Start(model);
            endToEnd = Run("dotnet", new[] { vk8s, "enable-disk-uuid", "--vm", "*", "-o", "json" }, Env(vcsim, "VSPHERE"), out _);
            Console.WriteLine(Invariant($"  vk8s enable-disk-uuid: {endToEnd:F0} ms"));
        }

        // 3. The seed guide's baseline: govc ls, then one govc vm.change process per VM, as xargs -n1 runs them.
        double listOnce = double.NaN, baselineTotal = double.NaN, baselineCpu = 0;
        var baselineVms = 0;
        if (!options.ReadsOnly)
        {
            using var vcsim = VcsimServer.Start(model);
            listOnce = Run(govc, new[] { "ls", "/DC0/vm" }, Env(vcsim, "GOVC"), out var listing);
            var paths = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(options.BaselineVms).ToList();
            baselineVms = paths.Count;
            var childrenBefore = ChildCpu.Reaped();
            var clock = Stopwatch.StartNew();
            foreach (var path in paths)
            {
                Run(govc, new[] { "vm.change", "-vm", path, "-e", "disk.enableUUID=1" }, Env(vcsim, "GOVC"), out _);
            }

            baselineCpu = ChildCpu.Reaped() - childrenBefore;

            baselineTotal = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine(Invariant($"  baseline: {baselineVms} govc-lite processes in {baselineTotal:F0} ms"));
        }

        // 4. The inventory question: every VM with its extraConfig in one PropertyCollector request, against govc ls.
        var read = new List<double>();
        var ls = new List<double>();
        DecodeBenchmark.Result decode;
        using (var vcsim = VcsimServer.Start(model))
        {
            using var connection = await Connect(vcsim);
            for (var i = 0; i < Math.Max(5, options.Rounds); i++)
            {
                var vms = await Time(() => GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection }, SilentHost.Instance, CancellationToken.None), read);
                Check(vms.Count == options.Vms, $"Get-VsphereVm read {vms.Count} VMs");
                ls.Add(Run(govc, new[] { "ls", "/DC0/vm" }, Env(vcsim, "GOVC"), out _));
            }

            decode = await DecodeBenchmark.RunAsync(connection, vcsim, Math.Max(15, options.Runs * 3));
        }

        // 5. Whole processes, interleaved run by run on one simulator: vk8s get-vsphere-vm (login, one read, logout) against
        // govc-lite ls /DC0/vm (names only, its session kept), and each program's bare start.
        var processes = new Dictionary<string, List<double>>();
        var clientCpu = new Dictionary<string, List<double>>();
        var serverCpu = new Dictionary<string, List<double>>();
        using (var vcsim = VcsimServer.Start(model))
        {
            var measures = new List<(string Name, string File, string[] Args, Dictionary<string, string> Env)>
            {
                ("baseline: govc-lite ls /DC0/vm", govc, new[] { "ls", "/DC0/vm" }, Env(vcsim, "GOVC")),
                ("baseline: govc-lite, no arguments (start only)", govc, Array.Empty<string>(), Env(vcsim, "GOVC")),
                ("vk8s get-vsphere-vm -o json (JIT, session kept)", "dotnet", new[] { vk8s, "get-vsphere-vm", "-o", "json" }, Env(vcsim, "VSPHERE", sessions)),
                ("vk8s --version (JIT)", "dotnet", new[] { vk8s, "--version" }, Env(vcsim, "VSPHERE")),
            };
            if (haveNative)
            {
                // The session cache (a login's cookie kept for the next run, as govc keeps its session) on and off.
                measures.Add(("vk8s get-vsphere-vm -o json (NativeAOT, session kept)", nativeVk8s, new[] { "get-vsphere-vm", "-o", "json" }, Env(vcsim, "VSPHERE", sessions)));
                measures.Add(("vk8s get-vsphere-vm -o json (NativeAOT, --no-session-cache)", nativeVk8s, new[] { "get-vsphere-vm", "-o", "json" }, Env(vcsim, "VSPHERE", "off")));
                measures.Add(("vk8s --version (NativeAOT)", nativeVk8s, new[] { "--version" }, Env(vcsim, "VSPHERE")));
                foreach (var cache in new[] { sessions, "off" })
                {
                    RunWithError(nativeVk8s, new[] { "get-vsphere-vm", "--verbose", "--name", "no-such-vm-*" }, Env(vcsim, "VSPHERE", cache), out _, out var verbose);
                    Console.WriteLine($"  session cache {(cache == "off" ? "off" : "on")}: " + string.Join("\n  ", verbose.Split('\n').Where(l => l.Contains("round trips", StringComparison.Ordinal))));
                }
            }

            if (before is not null)
            {
                measures.Add(("before: vk8s get-vsphere-vm -o json (NativeAOT)", before, new[] { "get-vsphere-vm", "-o", "json" }, Env(vcsim, "VSPHERE", "off")));
                measures.Add(("before: vk8s --version (NativeAOT)", before, new[] { "--version" }, Env(vcsim, "VSPHERE")));
                RunWithError(before, new[] { "get-vsphere-vm", "--verbose", "--name", "no-such-vm-*" }, Env(vcsim, "VSPHERE", "off"), out _, out var verbose);
                Console.WriteLine("  before: " + string.Join("\n  ", verbose.Split('\n').Where(l => l.Contains("round trips", StringComparison.Ordinal))));
            }
            else
            {
                Console.WriteLine($"  no NativeAOT vk8s at {nativeVk8s} (build.ps1 -Task Publish writes it): JIT only");
            }

            foreach (var m in measures)
            {
                processes[m.Name] = new List<double>();
                clientCpu[m.Name] = new List<double>();
                serverCpu[m.Name] = new List<double>();
                Run(m.File, m.Args, m.Env, out _); // warm-up: file cache, the govc session
            }

            for (var i = 0; i < options.Runs; i++)
            {
                foreach (var m in measures)
                {
                    // CPU time does not grow with the machine's load as wall time does: the client's (the process, reaped)
                    // and the simulator's share of the same run.
                    var clientBefore = ChildCpu.Reaped();
                    var serverBefore = vcsim.ProcessorTime;
                    processes[m.Name].Add(Run(m.File, m.Args, m.Env, out _));
                    clientCpu[m.Name].Add(ChildCpu.Reaped() - clientBefore);
                    serverCpu[m.Name].Add((vcsim.ProcessorTime - serverBefore).TotalMilliseconds);
                }
            }
        }

        if (Directory.Exists(sessions))
        {
            Directory.Delete(sessions, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"| Decoding the RetrievePropertiesEx answer of {options.Vms} VMs (recorded once, median of {decode.Runs}) | time | allocated |"));
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(Invariant($"| an XElement tree of the whole envelope, then the objects (the decode before) | {decode.TreeMs:F1} ms | {decode.TreeBytes / 1048576.0:F1} MB |"));
        Console.WriteLine(Invariant($"| streaming XmlReader, only each property value a tree | {decode.StreamMs:F1} ms ({decode.StreamMs / decode.TreeMs:F2}x) | {decode.StreamBytes / 1048576.0:F1} MB ({decode.StreamBytes / decode.TreeBytes:F2}x) |"));
        Console.WriteLine(Invariant($"(answer: {decode.ResponseBytes / 1024.0:F0} KB, {decode.Objects} objects)"));

        var enablePerVm = Median(enable) / options.Vms;
        var baselinePerVm = baselineTotal / baselineVms;
        Console.WriteLine();
        Console.WriteLine("| What | Time | Per VM |");
        Console.WriteLine("|---|---:|---:|");
        if (!options.ReadsOnly)
        {
        Row($"Enable-DiskUuid, {options.Vms} VMs (core operation, median of {enable.Count})", Median(enable), enablePerVm);
        Row($"Enable-DiskUuid re-run, all already on (median of {rerun.Count})", Median(rerun), Median(rerun) / options.Vms);
        Row("vk8s enable-disk-uuid --vm '*' (one process, end to end)", endToEnd, endToEnd / options.Vms);
        Row($"baseline: govc-lite vm.change, one process per VM (session kept) ({baselineVms} VMs)", baselineTotal, baselinePerVm);
        Console.WriteLine(Invariant($"| client CPU per VM: Enable-DiskUuid (this process) | | {Median(enableCpu) / options.Vms:F3} ms |"));
        Console.WriteLine(Invariant($"| client CPU per VM: govc-lite (its process) | | {baselineCpu / baselineVms:F3} ms |"));
        }

        Row($"Get-VsphereVm, {options.Vms} VMs with extraConfig (median of {read.Count})", Median(read), Median(read) / options.Vms);
        Row($"baseline: govc-lite ls /DC0/vm (median of {ls.Count}, names only)", Median(ls), Median(ls) / options.Vms);
        Console.WriteLine();
        if (!options.ReadsOnly)
        {
            Console.WriteLine(Invariant($"Enable-DiskUuid per VM: {baselinePerVm / enablePerVm:F0}x faster than the per-VM baseline (goal 20x, moonshot 50x); end to end with vk8s: {baselinePerVm / (endToEnd / options.Vms):F0}x."));
            Console.WriteLine(Invariant($"Client CPU per VM: {baselineCpu / baselineVms / (Median(enableCpu) / options.Vms):F0}x less (wall-clock ratios grow with the machine's load, since the baseline starts a process per VM; the simulator's own CPU is not counted)."));
        }

        Console.WriteLine(Invariant($"Inventory: Get-VsphereVm with extraConfig {Median(ls) / Median(read):F1}x the speed of govc ls (first listing in the baseline round: {listOnce:F0} ms)."));
        Console.WriteLine();
        Console.WriteLine(Invariant($"| whole process, {options.Vms} VMs, median of {options.Runs} interleaved | median | against govc-lite ls | against govc-lite's start | client CPU | simulator CPU | client + simulator CPU against govc-lite ls |"));
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        const string LsName = "baseline: govc-lite ls /DC0/vm";
        var lsMedian = Median(processes[LsName]);
        var startMedian = Median(processes["baseline: govc-lite, no arguments (start only)"]);
        var lsCpu = Median(clientCpu[LsName].Zip(serverCpu[LsName], (c, s) => c + s).ToList());
        foreach (var (name, samples) in processes)
        {
            var cpu = Median(clientCpu[name].Zip(serverCpu[name], (c, s) => c + s).ToList());
            Console.WriteLine(Invariant($"| {name} | {Median(samples):F0} ms | {Median(samples) / lsMedian:F2}x | {Median(samples) / startMedian:F2}x | {Median(clientCpu[name]):F0} ms | {Median(serverCpu[name]):F0} ms | {cpu / lsCpu:F2}x |"));
        }

        static async Task<VsphereConnection> Connect(VcsimServer vcsim) => await VsphereConnection.ConnectAsync(
            new VsphereConnectOptions { Server = vcsim.Server, Credential = new NetworkCredential("user", "pass"), Thumbprint = VcsimServer.Thumbprint },
            SilentHost.Instance,
            CancellationToken.None);

        static async Task<T> Time<T>(Func<Task<T>> work, List<double> samples)
        {
            var clock = Stopwatch.StartNew();
            var result = await work();
            samples.Add(clock.Elapsed.TotalMilliseconds);
            return result;
        }

        static double Run(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, out string stdout) =>
            RunWithError(file, arguments, environment, out stdout, out _);

        static double RunWithError(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, out string stdout, out string stderr)
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            foreach (var (name, value) in environment)
            {
                info.Environment[name] = value;
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            stderr = error.Result;
            Check(process.ExitCode == 0 || arguments.Count() == 0, $"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr}");
            return elapsed;
        }

        // vk8s's session cache: a folder of this run's (kept between its runs, as govc-lite's), or "off".
        static Dictionary<string, string> Env(VcsimServer vcsim, string kind, string sessionCache = "off") => kind == "GOVC"
            ? new() { ["GOVC_URL"] = new UriBuilder(vcsim.Url) { UserName = "user", Password = "pass" }.Uri.ToString(), ["GOVC_INSECURE"] = "1" }
            : new() { ["VSPHERE_SERVER"] = vcsim.Server, ["VSPHERE_USER"] = "user", ["VSPHERE_PASSWORD"] = "pass", ["VSPHERE_THUMBPRINT"] = VcsimServer.Thumbprint, ["VK8S_SESSION_CACHE"] = sessionCache };

        static double Median(IReadOnlyList<double> samples) => samples.Count == 0 ? double.NaN : samples.Order().ElementAt(samples.Count / 2);

        static void Row(string what, double totalMs, double perVmMs) =>
            Console.WriteLine(Invariant($"| {what} | {totalMs:F0} ms | {perVmMs:F3} ms |"));

        static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        static void Check(bool condition, string problem)
        {
            if (!condition)
            {
                throw new InvalidOperationException(problem);
            }
        }
    }
}

/// <summary>
/// The RetrievePropertiesEx answer Get-VsphereVm reads, fetched once from the simulator as bytes, then decoded both
/// ways the client has, alternately: the whole envelope as an XElement tree and the objects from it (the decode before
/// the streaming one), and the streaming XmlReader decode the client uses now. Both must give the same objects.
/// </summary>
internal static class DecodeBenchmark
{
    public sealed record Result(int Runs, int Objects, long ResponseBytes, double TreeMs, double StreamMs, double TreeBytes, double StreamBytes);

    public static async Task<Result> RunAsync(VsphereConnection connection, VcsimServer vcsim, int runs)
    {
        var specs = InventoryIndex.Merge(InventoryIndex.Navigation.Concat(VmReader.Properties));
        var view = await VimMethods.CreateContainerViewAsync(connection.Soap, connection.Content.ViewManager, connection.Content.RootFolder, specs.Select(p => p.Type).Distinct(), recursive: true, CancellationToken.None);
        var filter = PropertyFilterSpec.ForView(view, specs);
        var request = new SoapRequest("RetrievePropertiesEx", connection.Content.PropertyCollector, w =>
        {
            filter.Write(w, "specSet");
            w.Start("options").End();
        });
        byte[] answer;
        using (var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && CertificatePolicy.Sha1Thumbprint(certificate) == VcsimServer.Thumbprint })
        using (var http = new HttpClient(handler))
        using (var message = new HttpRequestMessage(HttpMethod.Post, new Uri(vcsim.Url, "/sdk")) { Content = new ByteArrayContent(SoapEnvelope.Write(request, null)) })
        {
            message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml");
            message.Headers.TryAddWithoutValidation("SOAPAction", "urn:vim25/" + connection.ApiVersion);
            message.Headers.TryAddWithoutValidation("Cookie", $"{SoapSession.CookieName}={connection.SessionCookie}");
            using var response = await http.SendAsync(message);
            answer = await response.Content.ReadAsByteArrayAsync();
        }

        await VimMethods.DestroyViewAsync(connection.Soap, view, CancellationToken.None);
        RetrieveResult Tree() => RetrieveResult.Parse(SoapEnvelope.ReadResponse(new MemoryStream(answer), request, "vcsim"));
        RetrieveResult Stream() => SoapEnvelope.ReadResponse(new MemoryStream(answer), request, "vcsim", RetrieveResult.Read);

        var tree = Tree();
        var stream = Stream();
        if (tree.Objects.Count != stream.Objects.Count || tree.Objects.Count == 0
            || !tree.Objects.Zip(stream.Objects).All(p => p.First.Obj == p.Second.Obj && p.First.Properties.Count == p.Second.Properties.Count
                && p.First.Properties.All(kv => p.Second.Properties.TryGetValue(kv.Key, out var v) && PropertyTrees.SameValue(kv.Value, v))))
        {
            throw new InvalidOperationException("The streaming decode and the tree decode disagree on the answer.");
        }

        var (treeMs, streamMs, treeBytes, streamBytes) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < runs + 3; i++)
        {
            foreach (var (decode, times, bytes) in new[] { ((Func<RetrieveResult>)Tree, treeMs, treeBytes), (Stream, streamMs, streamBytes) })
            {
                GC.Collect();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                _ = decode();
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (i >= 3)
                {
                    times.Add(elapsed);
                    bytes.Add(GC.GetAllocatedBytesForCurrentThread() - allocated);
                }
            }
        }

        static double Median(List<double> samples) => samples.Order().ElementAt(samples.Count / 2);

        return new Result(runs, tree.Objects.Count, answer.Length, Median(treeMs), Median(streamMs), Median(treeBytes), Median(streamBytes));
    }
}

/// <summary>CPU time (user and system, ms) of every child process that has exited: getrusage(RUSAGE_CHILDREN).</summary>
internal static class ChildCpu
{
    private const int RusageChildren = -1;

    public static double Reaped()
    {
        // struct rusage starts with two struct timeval (ru_utime, ru_stime) of two longs each; the rest is not read.
        var buffer = System.Runtime.InteropServices.Marshal.AllocHGlobal(256);
        try
        {
            if (GetRusage(RusageChildren, buffer) != 0)
            {
                return double.NaN;
            }

            long Read(int index) => System.Runtime.InteropServices.Marshal.ReadInt64(buffer, index * 8);
            return ((Read(0) + Read(2)) * 1000.0) + ((Read(1) + Read(3)) / 1000.0);
        }
        finally
        {
            System.Runtime.InteropServices.Marshal.FreeHGlobal(buffer);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, IntPtr usage);
}

internal sealed record Options(int Vms, int Rounds, int BaselineVms, int Runs, bool ReadsOnly, string? Before)
{
    public static Options Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var vms = Value("--vms", 1000);
        var before = Array.IndexOf(args, "--before") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        return new Options(vms, Value("--rounds", 3), Value("--baseline-vms", vms), Value("--runs", 5), args.Contains("--reads-only"), before);
    }
}
