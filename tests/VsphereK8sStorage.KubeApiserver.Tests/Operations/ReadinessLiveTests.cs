using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Rollout;
using VsphereK8sStorage.TestSupport.Peers;
using VsphereK8sStorage.Vsphere;
using Xunit;

namespace VsphereK8sStorage.KubeApiserver.Tests.Operations;

/// <summary>
/// A simulator arranged with what the readiness check must find (a VM at hardware version 13 and one at 15, two VMs
/// sharing a BIOS UUID, a datastore missing on the host of a node VM, a driver user whose role on one VM lacks a
/// privilege) and a cluster of Node objects on the real API server whose systemUUIDs point at those VMs (no kubelet
/// runs: the test writes each Node's status). The simulator reports vCenter 6.5 and the API server is v1.20, both
/// below what the drivers support, so the version rows fail here; the tests say so and use SkipVersionCheck.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class ReadinessLiveTests : IClassFixture<ReadinessLiveTests.ArrangedVcsim>
{
    public const string DriverUser = "csi@vsphere.local";
    public const string DuplicateUuid = "4200aaaa-bbbb-cccc-dddd-eeeeffff0001";

    private readonly KubeControlPlane cluster;
    private readonly ArrangedVcsim vcsim;

    public ReadinessLiveTests(KubeControlPlane cluster, ArrangedVcsim vcsim)
    {
        this.cluster = cluster;
        this.vcsim = vcsim;
    }

    /// <summary>The simulator with -ds 2 and the arrangements above, shared by the tests that only read it.</summary>
    public sealed class ArrangedVcsim : IDisposable
    {
        private readonly Lazy<VcsimServer> server = new(() => VcsimServer.Start(Arguments), LazyThreadSafetyMode.ExecutionAndPublication);

        public static IReadOnlyList<string> Arguments => new[]
        {
            "-ds", "2",
            "-hardware-version", "DC0_C0_RP0_VM0=vmx-15",
            "-bios-uuid", $"DC0_C0_RP0_VM1={DuplicateUuid}",
            "-bios-uuid", $"DC0_H0_VM1={DuplicateUuid}",
            "-unmount", "LocalDS_1=DC0_H0",
            "-role", "CNS-VM=VirtualMachine.Config.AddExistingDisk,VirtualMachine.Config.AddRemoveDevice",
            "-role", "CNS-VM-PARTIAL=VirtualMachine.Config.AddExistingDisk",
            "-role", "CNS-DATASTORE=Datastore.FileManagement",
            // The documented grants, none propagating, except the simulator cannot make CNS-SEARCH-AND-SPBM
            // (its Admin role lacks Cns.Searchable), so Admin on the root folder stands in for it.
            "-permission", $"{DriverUser}=Admin@/",
            "-permission", $"{DriverUser}=ReadOnly@/DC0",
            "-permission", $"{DriverUser}=ReadOnly@/DC0/host/DC0_H0/DC0_H0",
            "-permission", $"{DriverUser}=ReadOnly@/DC0/host/DC0_C0/DC0_C0_H0",
            "-permission", $"{DriverUser}=ReadOnly@/DC0/host/DC0_C0/DC0_C0_H1",
            "-permission", $"{DriverUser}=ReadOnly@/DC0/host/DC0_C0/DC0_C0_H2",
            "-permission", $"{DriverUser}=CNS-DATASTORE@/DC0/datastore/LocalDS_0",
            "-permission", $"{DriverUser}=CNS-DATASTORE@/DC0/datastore/LocalDS_1",
            "-permission", $"{DriverUser}=CNS-VM-PARTIAL@/DC0/vm/DC0_H0_VM0",
            "-permission", $"{DriverUser}=CNS-VM@/DC0/vm/DC0_C0_RP0_VM0",
        };

        public VcsimServer Server
        {
            get
            {
                VcsimPeer.Require();
                return server.Value;
            }
        }

        public Task<VsphereConnection> ConnectAsync() => Server.ConnectAsync();

        public void Dispose()
        {
            if (server.IsValueCreated)
            {
                server.Value.Dispose();
            }
        }
    }

    /// <summary>Named cases on one arranged world: the row and the verdict each arrangement must produce.</summary>
    public static TheoryData<string, string, ReadinessCheck, ReadinessStatus, string> Rows => new()
    {
        { "a systemUUID in the guest's byte order finds the VM", "hw13", ReadinessCheck.NodeVm, ReadinessStatus.Pass, "byte-swapped" },
        { "hardware version 13 (the simulator's default) fails", "hw13", ReadinessCheck.HardwareVersion, ReadinessStatus.Fail, "vmx-13" },
        { "hardware version 15 passes", "hw15", ReadinessCheck.HardwareVersion, ReadinessStatus.Pass, "vmx-15" },
        { "disk.enableUUID not set fails", "hw13", ReadinessCheck.DiskUuid, ReadinessStatus.Fail, "not set" },
        { "two VMs with one BIOS UUID fail", "clone", ReadinessCheck.DuplicateBiosUuid, ReadinessStatus.Fail, DuplicateUuid },
        { "a role lacking AddRemoveDevice fails on that VM", "hw13", ReadinessCheck.Privileges, ReadinessStatus.Fail, "VirtualMachine.Config.AddRemoveDevice on VM DC0_H0_VM0" },
        { "the documented roles pass", "hw15", ReadinessCheck.Privileges, ReadinessStatus.Pass, DriverUser },
        { "an uninitialized node passes before the CPI", "hw15", ReadinessCheck.UninitializedTaint, ReadinessStatus.Pass, "will initialise" },
        { "a node without the taint warns before the CPI", "hw13", ReadinessCheck.UninitializedTaint, ReadinessStatus.Warn, "cloud-provider flag" },
        { "vCenter 6.5 (the simulator) fails the version row", "", ReadinessCheck.VcenterVersion, ReadinessStatus.Fail, "6.5" },
        { "Kubernetes 1.20 (the test API server) is below every CSI release", "", ReadinessCheck.CsiKubernetesVersion, ReadinessStatus.Fail, "1.20" },
        { "Kubernetes 1.20 has no CPI release", "", ReadinessCheck.CpiKubernetesVersion, ReadinessStatus.Fail, "1.20" },
        { "one control-plane node for the default replicas passes", "", ReadinessCheck.ControlPlane, ReadinessStatus.Pass, "1 control-plane" },
        { "a StorageClass on a datastore missing from a node VM's host fails", "", ReadinessCheck.SharedDatastore, ReadinessStatus.Fail, "not mounted on DC0_H0" },
    };

    [SkippableTheory]
    [MemberData(nameof(Rows))]
    public async Task The_arranged_simulator_and_cluster_give_each_row(string name, string node, ReadinessCheck check, ReadinessStatus status, string detail)
    {
        cluster.Require();
        var (rows, scratch, _) = await ReadinessAsync("rows", storageClassOn: "LocalDS_1");
        await using (scratch)
        {
            var nodeName = node.Length == 0 ? string.Empty : scratch.Name(node);
            var row = Assert.Single(rows, r => r.Node == nodeName && r.Check == check);
            Assert.True(row.Status == status, $"{name}: {row.Status}: {row.Detail}");
            Assert.Contains(detail, row.Detail);
            Assert.True(status == ReadinessStatus.Pass || row.Fix.Length > 0, $"{name}: no fix");
        }
    }

    [SkippableFact]
    public async Task SkipVersionCheck_leaves_the_version_rows_out_and_nothing_else()
    {
        cluster.Require();
        var (full, scratch, _) = await ReadinessAsync("skip");
        await using (scratch)
        {
            var skipped = await TestVsphereK8sReadiness.RunAsync(Request(scratch, await vcsim.ConnectAsync()) with { SkipVersionCheck = true }, scratch.Host, CancellationToken.None);

            var versionChecks = new[] { ReadinessCheck.CsiKubernetesVersion, ReadinessCheck.CpiKubernetesVersion, ReadinessCheck.VcenterVersion };
            Assert.All(skipped.Where(r => versionChecks.Contains(r.Check)), r => Assert.Equal(ReadinessStatus.Skip, r.Status));
            Assert.Equal(
                full.Where(r => !versionChecks.Contains(r.Check)).Select(r => (r.Node, r.Check, r.Status)),
                skipped.Where(r => !versionChecks.Contains(r.Check)).Select(r => (r.Node, r.Check, r.Status)));
        }
    }

    [SkippableFact]
    public async Task The_vCenter_round_trips_do_not_grow_with_the_nodes()
    {
        cluster.Require();
        var (_, scratch, connection) = await ReadinessAsync("cost");
        await using (scratch)
        {
            int RoundTrips(IEnumerable<string> verbose) =>
                int.Parse(System.Text.RegularExpressions.Regex.Match(verbose.Last(v => v.StartsWith("Checked ", StringComparison.Ordinal)), @"(\d+) vCenter round trip").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

            var one = new RecordingHostProbe();
            await TestVsphereK8sReadiness.RunAsync(Request(scratch, connection) with { Nodes = new[] { scratch.Name("hw13") } }, one.Host, CancellationToken.None);
            var all = new RecordingHostProbe();
            await TestVsphereK8sReadiness.RunAsync(Request(scratch, connection), all.Host, CancellationToken.None);

            Assert.Equal(RoundTrips(one.Host.Verbose), RoundTrips(all.Host.Verbose));
        }
    }

    private sealed class RecordingHostProbe
    {
        public VsphereK8sStorage.Tests.TestSupport.RecordingHost Host { get; } = new();
    }

    private ReadinessRequest Request(Scratch scratch, VsphereConnection connection, string? storageClass = null) => new()
    {
        Connection = connection,
        Session = scratch.Session,
        Nodes = new[] { scratch.Name("*") },
        StorageClassName = storageClass,
        DriverUser = DriverUser,
    };

    /// <summary>
    /// Node objects for four VMs: hw13 (DC0_H0_VM0, its systemUUID byte-swapped, the control plane, no taint),
    /// hw15 (DC0_C0_RP0_VM0, tainted uninitialized), clone (the shared UUID), and the readiness rows for them.
    /// </summary>
    private async Task<(IReadOnlyList<ReadinessRow> Rows, Scratch Scratch, VsphereConnection Connection)> ReadinessAsync(string label, string? storageClassOn = null)
    {
        var connection = await vcsim.ConnectAsync();
        var scratch = await Scratch.CreateAsync(cluster, label);
        var vms = (await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection }, SilentHost.Instance, CancellationToken.None)).ToDictionary(v => v.Name);
        await scratch.CreateNodeAsync("hw13", ReadinessEvaluator.SwapByteOrder(vms["DC0_H0_VM0"].BiosUuid!)!, controlPlane: true);
        await scratch.CreateNodeAsync("hw15", vms["DC0_C0_RP0_VM0"].BiosUuid!, uninitialized: true);
        await scratch.CreateNodeAsync("clone", DuplicateUuid, uninitialized: true);
        string? storageClass = null;
        if (storageClassOn is not null)
        {
            var datastores = await GetVsphereDatastore.RunAsync(new GetVsphereDatastoreRequest { Connection = connection }, SilentHost.Instance, CancellationToken.None);
            storageClass = scratch.Name("sc");
            await scratch.Client.StorageV1.CreateStorageClassAsync(new V1StorageClass
            {
                Metadata = new V1ObjectMeta { Name = storageClass },
                Provisioner = TestVsphereK8sReadiness.CsiProvisioner,
                Parameters = new Dictionary<string, string> { ["datastoreurl"] = datastores.Single(d => d.Name == storageClassOn).Url },
            });
            scratch.Owns(Resources.StorageClass, storageClass);
        }

        var rows = await TestVsphereK8sReadiness.RunAsync(Request(scratch, connection, storageClass), scratch.Host, CancellationToken.None);
        return (rows, scratch, connection);
    }
}
