using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.TestSupport.Peers;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using Xunit;
using Xunit.Abstractions;

namespace VsphereK8sStorage.KubeApiserver.Tests.Operations;

/// <summary>
/// The storage map over 1,000 CNS volumes (STORAGEMAP_SCALE sets another count), 90 % of them behind a PersistentVolume
/// on the real API server and the rest orphans: its time and its round trips, beside the two reads it cannot do
/// without (every CNS volume, every PersistentVolume) timed in the same run as the baseline. The simulator does not
/// answer one CnsCreateVolume of 1,000 volumes, so they are registered 100 to a call. A measurement, not a
/// pass/fail test: it runs only with STORAGEMAP_SCALE set.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class StorageMapScaleTests
{
    private const int Batch = 100;

    private readonly KubeControlPlane cluster;
    private readonly ITestOutputHelper output;

    public StorageMapScaleTests(KubeControlPlane cluster, ITestOutputHelper output)
    {
        this.cluster = cluster;
        this.output = output;
    }

    [SkippableFact]
    public async Task The_storage_map_of_1000_volumes_costs_a_bounded_number_of_round_trips()
    {
        Skip.If(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("STORAGEMAP_SCALE")), "a measurement: set STORAGEMAP_SCALE=1000");
        var count = int.TryParse(Environment.GetEnvironmentVariable("STORAGEMAP_SCALE"), out var n) && n > 1 ? n : 1000;
        cluster.Require();
        using var vcsim = VcsimPeer.Start();
        await using var scratch = await Scratch.CreateAsync(cluster, "scale");
        using var vsphere = await VsphereConnection.ConnectAsync(new VsphereConnectOptions { Server = vcsim.Server, Credential = new NetworkCredential("user", "pass"), Thumbprint = VcsimServer.Thumbprint }, SilentHost.Instance, CancellationToken.None);
        var id = scratch.Name("cluster");

        var seed = Stopwatch.StartNew();
        var index = await DatastoreReader.ReadAsync(vsphere, CancellationToken.None);
        var ds = index.OfType("Datastore").Single(d => index.NameOf(d.Obj) == "LocalDS_0").Obj;
        var ids = new List<string>();
        for (var start = 0; start < count; start += Batch)
        {
            var specs = Enumerable.Range(start, Math.Min(Batch, count - start)).Select(i => scratch.Name($"pv-{i}"))
                .Select(pv => new CnsCreateSpec(pv, ds, 1024, id, vsphere.User, new[] { new CnsEntitySpec("PERSISTENT_VOLUME", pv, null, id, Array.Empty<(string, string, string?)>()) })).ToList();
            var task = await CnsMethods.CreateVolumeAsync(vsphere.Soap, specs, CancellationToken.None);
            var result = await TaskWaiter.WaitAsync(vsphere, task, "CnsCreateVolume", CancellationToken.None);
            ids.AddRange(result!.Descendants().Where(e => e.Name.LocalName == "volumeId").Select(e => e.Elements().First(c => c.Name.LocalName == "id").Value));
        }

        Assert.Equal(count, ids.Count);
        var cnsSeconds = seed.Elapsed.TotalSeconds;
        var withPv = count * 9 / 10;
        await Parallel.ForEachAsync(Enumerable.Range(0, withPv), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var pv = scratch.Name($"pv-{i}");
            await scratch.Client.CoreV1.CreatePersistentVolumeAsync(
                new V1PersistentVolume
                {
                    Metadata = new V1ObjectMeta { Name = pv },
                    Spec = new V1PersistentVolumeSpec
                    {
                        Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") },
                        AccessModes = new[] { "ReadWriteOnce" },
                        StorageClassName = string.Empty,
                        PersistentVolumeReclaimPolicy = "Retain",
                        Csi = new V1CSIPersistentVolumeSource { Driver = "csi.vsphere.vmware.com", VolumeHandle = ids[i] },
                    },
                },
                cancellationToken: ct);
            lock (scratch)
            {
                scratch.Owns(Resources.PersistentVolume, pv);
            }
        });
        output.WriteLine($"seeded {count} CNS volumes in {(count + Batch - 1) / Batch} CnsCreateVolume calls ({cnsSeconds:F1} s) and {withPv} PersistentVolumes ({seed.Elapsed.TotalSeconds - cnsSeconds:F1} s)");

        for (var run = 1; run <= 3; run++)
        {
            // Baseline: the two reads any such report needs, one after the other.
            var clock = Stopwatch.StartNew();
            var cns = await CnsVolumeReader.QueryAllAsync(vsphere.Soap, new CnsQueryFilterSpec(), vsphere.Name, CancellationToken.None);
            var pvs = await scratch.Api.ListAllAsync(Resources.PersistentVolume, null, CancellationToken.None);
            var baseline = clock.Elapsed;

            clock.Restart();
            var map = await GetVsphereK8sStorageMap.RunAsync(new GetStorageMapRequest { Connection = vsphere, Session = scratch.Session, ClusterId = id }, SilentHost.Instance, CancellationToken.None);
            var elapsed = clock.Elapsed;
            var mine = map.Rows.Where(r => r.MapClusterId == id && (r.Pv?.StartsWith(scratch.Prefix, StringComparison.Ordinal) == true || r.Status == StorageMapStatus.OrphanDisk)).ToList();
            Assert.Equal(count, mine.Count);
            Assert.Equal(count - withPv, mine.Count(r => r.Status == StorageMapStatus.OrphanDisk));
            output.WriteLine($"run {run}: map {elapsed.TotalMilliseconds:F0} ms, {map.VsphereRequests} vCenter requests + {map.KubernetesLists} Kubernetes lists, {map.Rows.Count} rows; baseline (CNS query of {cns.Count} + list of {pvs.Items.Count} PVs) {baseline.TotalMilliseconds:F0} ms; ratio {elapsed / baseline:F2}");
        }
    }
}
