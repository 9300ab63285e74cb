using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using Xunit;

namespace VsphereK8sStorage.Vcsim.Tests;

/// <summary>
/// Get-CnsVolume on the simulator, with volumes registered as the vSphere CSI driver registers them: CnsCreateVolume
/// with the container cluster and a CnsKubernetesEntityMetadata for the PersistentVolume, its claim and a pod. The
/// simulator keeps the metadata but filters only by volume id and never pages, so the other filters are checked
/// here against volumes of several clusters on two datastores. Each test uses its own cluster ids.
/// </summary>
public sealed class CnsVolumeTests : IClassFixture<CnsVolumeTests.TwoDatastores>
{
    private readonly TwoDatastores vcsim;

    public CnsVolumeTests(TwoDatastores vcsim) => this.vcsim = vcsim;

    /// <summary>A simulator with two datastores, so the datastore filter has something to leave out.</summary>
    public sealed class TwoDatastores : VcsimFixture
    {
        public TwoDatastores()
            : base(new[] { "-ds", "2" })
        {
        }
    }

    private static Task<IReadOnlyList<CnsVolume>> Get(VsphereConnection connection, RecordingHost host, string[]? clusters = null, string[]? datastores = null, string[]? pvs = null, string[]? ids = null) =>
        GetCnsVolume.RunAsync(new GetCnsVolumeRequest { Connection = connection, ClusterIds = clusters ?? Array.Empty<string>(), Datastores = datastores ?? Array.Empty<string>(), PvNames = pvs ?? Array.Empty<string>(), VolumeIds = ids ?? Array.Empty<string>() }, host, CancellationToken.None);

    [SkippableFact]
    public async Task A_volume_registered_as_the_driver_does_shows_its_cluster_PV_claim_pods_datastore_and_capacity()
    {
        using var connection = await vcsim.Server.ConnectAsync();
        var id = await VcsimCnsVolumes.CreateAsync(connection, "LocalDS_1", "meta-cluster", "pvc-0c1f", "shop/data-db-0", "db-0", 2048);
        var host = new RecordingHost();

        var volume = Assert.Single(await Get(connection, host, clusters: new[] { "meta-cluster" }));

        Assert.Equal((id, "pvc-0c1f", "Block", "2Gi", 2048L), (volume.VolumeId, volume.Name, volume.Type, volume.Capacity, volume.CapacityMB));
        Assert.Equal(("meta-cluster", "pvc-0c1f", "shop/data-db-0", "LocalDS_1"), (volume.ClusterId, volume.Pv, volume.Claim, volume.Datastore));
        Assert.Equal(new[] { "shop/db-0" }, volume.Pods);
        Assert.Equal(new[] { "meta-cluster" }, volume.ClusterIds);
        Assert.Equal("green", volume.HealthStatus);
        Assert.Empty(host.Errors);
    }

    /// <summary>Named cases: what each filter (and wildcards) keeps of six volumes in three clusters on two datastores.</summary>
    public static TheoryData<string, string[]?, string[]?, string[]?, string[]> Filters => new()
    {
        { "cluster id", new[] { "f-alpha" }, null, null, new[] { "pv-a1", "pv-a2", "pv-a3" } },
        { "cluster id with a wildcard", new[] { "f-*" }, null, null, new[] { "pv-a1", "pv-a2", "pv-a3", "pv-b1", "pv-b2" } },
        { "two cluster ids", new[] { "f-beta", "g-gamma" }, null, null, new[] { "pv-b1", "pv-b2", "pv-c1" } },
        { "datastore", new[] { "f-*" }, new[] { "LocalDS_1" }, null, new[] { "pv-a3", "pv-b2" } },
        { "datastore with a wildcard", new[] { "f-alpha" }, new[] { "Local*" }, null, new[] { "pv-a1", "pv-a2", "pv-a3" } },
        { "PV name", new[] { "f-*" }, null, new[] { "pv-b1" }, new[] { "pv-b1" } },
        { "PV name with a wildcard and a datastore", new[] { "f-*" }, new[] { "LocalDS_0" }, new[] { "pv-a*" }, new[] { "pv-a1", "pv-a2" } },
    };

    [SkippableTheory]
    [MemberData(nameof(Filters))]
    public async Task Filters_the_simulator_ignores_are_applied_to_what_it_returns(string name, string[]? clusters, string[]? datastores, string[]? pvs, string[] expected)
    {
        _ = name;
        using var connection = await vcsim.Server.ConnectAsync();
        await vcsim.EnsureFilterVolumesAsync(connection);
        var host = new RecordingHost();

        var volumes = await Get(connection, host, clusters, datastores, pvs);

        Assert.Equal(expected, volumes.Select(v => v.Pv).Order(StringComparer.Ordinal));
        Assert.Empty(host.Errors);
    }

    [SkippableFact]
    public async Task An_id_or_exact_PV_name_that_matches_nothing_is_an_error_and_the_rest_is_returned()
    {
        using var connection = await vcsim.Server.ConnectAsync();
        var id = await VcsimCnsVolumes.CreateAsync(connection, "LocalDS_0", "missing-cluster", "pv-there");
        var host = new RecordingHost();

        var byId = await Get(connection, host, ids: new[] { id, "00000000-0000-0000-0000-000000000000" });
        var byPv = await Get(connection, host, clusters: new[] { "missing-cluster" }, pvs: new[] { "pv-there", "pv-gone", "pv-g*" });

        Assert.Equal(id, Assert.Single(byId).VolumeId);
        Assert.Equal("pv-there", Assert.Single(byPv).Pv);
        Assert.Equal(new[] { "00000000-0000-0000-0000-000000000000", "pv-gone" }, host.Errors.Select(e => (string)e.Target!));
        Assert.All(host.Errors, e => Assert.Equal(("CnsVolumeNotFound", ErrorKind.ObjectNotFound), (e.ErrorId, e.Kind)));
    }

    [SkippableFact]
    public async Task A_volume_govmomi_registered_from_outside_the_project_reads_the_same()
    {
        using var connection = await vcsim.Server.ConnectAsync();
        var id = GovcLite.Run(vcsim.Server, "cns.create", "-ds", "LocalDS_0", "-name", "pvc-outside", "-cluster", "outside-cluster", "-pv", "pvc-outside", "-pvc", "web/www-web-0", "-mb", "3072");

        var volume = Assert.Single(await Get(connection, new RecordingHost(), clusters: new[] { "outside-cluster" }));

        Assert.Equal((id, "pvc-outside", "outside-cluster", "pvc-outside", "web/www-web-0", "3Gi", "LocalDS_0"), (volume.VolumeId, volume.Name, volume.ClusterId, volume.Pv, volume.Claim, volume.Capacity, volume.Datastore));
    }
}

/// <summary>The six volumes the filter cases read, created once per simulator.</summary>
internal static class FilterVolumes
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<object> Done = new();

    public static async Task EnsureFilterVolumesAsync(this CnsVolumeTests.TwoDatastores fixture, VsphereConnection connection)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Done.Add(fixture))
            {
                return;
            }

            foreach (var (ds, cluster, pv) in new[]
            {
                ("LocalDS_0", "f-alpha", "pv-a1"), ("LocalDS_0", "f-alpha", "pv-a2"), ("LocalDS_1", "f-alpha", "pv-a3"),
                ("LocalDS_0", "f-beta", "pv-b1"), ("LocalDS_1", "f-beta", "pv-b2"), ("LocalDS_0", "g-gamma", "pv-c1"),
            })
            {
                await VcsimCnsVolumes.CreateAsync(connection, ds, cluster, pv);
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
