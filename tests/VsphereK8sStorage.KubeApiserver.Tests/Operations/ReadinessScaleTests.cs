using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.TestSupport.Peers;
using Xunit;
using Xunit.Abstractions;

namespace VsphereK8sStorage.KubeApiserver.Tests.Operations;

/// <summary>
/// The readiness check's cost on 1,000 VMs (vcsim) and 1,000 Node objects (the real API server): prints the time
/// and the vCenter round trips. A measurement, not a pass/fail test: it runs only with READINESS_SCALE=1.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class ReadinessScaleTests
{
    private readonly KubeControlPlane cluster;
    private readonly ITestOutputHelper output;

    public ReadinessScaleTests(KubeControlPlane cluster, ITestOutputHelper output)
    {
        this.cluster = cluster;
        this.output = output;
    }

    [SkippableFact]
    public async Task Readiness_on_1000_VMs_and_1000_nodes()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("READINESS_SCALE") == "1", "a measurement: set READINESS_SCALE=1");
        cluster.Require();
        VcsimPeer.Require();
        using var server = VcsimServer.Start(new[] { "-vm", "500" });
        using var connection = await server.ConnectAsync();
        await using var scratch = await Scratch.CreateAsync(cluster, "scale");
        var vms = await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection }, SilentHost.Instance, CancellationToken.None);
        await Parallel.ForEachAsync(vms.Select((vm, i) => (vm, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, ct) =>
            await scratch.CreateNodeAsync("n" + item.i.ToString(System.Globalization.CultureInfo.InvariantCulture), item.vm.BiosUuid!, controlPlane: item.i < 3, cancellationToken: ct));

        for (var run = 1; run <= 3; run++)
        {
            var host = new VsphereK8sStorage.Tests.TestSupport.RecordingHost();
            var clock = Stopwatch.StartNew();
            var rows = await TestVsphereK8sReadiness.RunAsync(new ReadinessRequest { Connection = connection, Session = scratch.Session, Nodes = new[] { scratch.Name("*") } }, host, CancellationToken.None);
            clock.Stop();
            output.WriteLine($"run {run}: {vms.Count} VMs, {rows.Count(r => r.Node.Length > 0 && r.Check == VsphereK8sStorage.Rollout.ReadinessCheck.NodeVm)} nodes, {rows.Count} rows in {clock.ElapsedMilliseconds} ms; {host.Verbose.Last(v => v.StartsWith("Checked ", StringComparison.Ordinal))}");
        }
    }
}
