using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Rollout;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Types;
using Xunit;

namespace VsphereK8sStorage.Tests.Rollout;

/// <summary>
/// The readiness rules on hand-built facts: one small inventory (a datacenter, two hosts, two datastores, node VMs)
/// and cluster, changed per case; each case names the row it is about and the verdict a user relies on.
/// </summary>
public sealed class ReadinessEvaluatorTests
{
    private static readonly ManagedObjectReference Root = new("Folder", "group-d1");
    private static readonly ManagedObjectReference Dc = new("Datacenter", "datacenter-2");
    private static readonly ManagedObjectReference VmFolder = new("Folder", "group-v3");
    private static readonly ManagedObjectReference HostFolder = new("Folder", "group-h4");
    private static readonly ManagedObjectReference Cluster = new("ClusterComputeResource", "domain-c7");
    private static readonly ManagedObjectReference Host1 = new("HostSystem", "host-1");
    private static readonly ManagedObjectReference Host2 = new("HostSystem", "host-2");
    private static readonly ManagedObjectReference Shared = new("Datastore", "datastore-1");
    private static readonly ManagedObjectReference Local = new("Datastore", "datastore-2");

    private const string Uuid1 = "422e4956-ad22-1139-6d72-59cc8f26bc90";
    private const string Uuid1Swapped = "56492e42-22ad-3911-6d72-59cc8f26bc90";
    private const string Uuid2 = "4213aa01-0000-1111-2222-333344445555";

    /// <summary>Two node VMs (cp-1 on host-1, worker-1 on host-2), ready for the drivers.</summary>
    private sealed record World
    {
        public List<InventoryVm> Vms { get; init; } = new()
        {
            Vm("vm-10", "cp-1", Uuid1, Host1),
            Vm("vm-11", "worker-1", Uuid2, Host2),
        };

        public HashSet<ManagedObjectReference> SharedMountedOn { get; init; } = new() { Host1, Host2 };

        public List<NodeFacts> Nodes { get; init; } = new()
        {
            new NodeFacts { Name = "cp-1", SystemUuid = Uuid1, ControlPlane = true, Uninitialized = true },
            new NodeFacts { Name = "worker-1", SystemUuid = Uuid2, Uninitialized = true },
        };

        public List<VsphereRole> Roles { get; init; } = new()
        {
            new VsphereRole(-1, "Admin", new HashSet<string>()),
            new VsphereRole(-2, "ReadOnly", Privileges("System.Anonymous", "System.Read", "System.View")),
            new VsphereRole(1, "CNS-VM", Privileges("VirtualMachine.Config.AddExistingDisk", "VirtualMachine.Config.AddRemoveDevice", "System.Anonymous", "System.Read", "System.View")),
            new VsphereRole(2, "CNS-DATASTORE", Privileges("Datastore.FileManagement", "System.Anonymous", "System.Read", "System.View")),
            new VsphereRole(3, "CNS-VM-ADD-ONLY", Privileges("VirtualMachine.Config.AddExistingDisk", "System.Anonymous", "System.Read", "System.View")),
        };

        /// <summary>The documented grants for csi@vsphere.local, none propagating (Admin stands in for CNS-SEARCH-AND-SPBM on the root).</summary>
        public List<VspherePermission> Permissions { get; init; } = new()
        {
            new VspherePermission(Root, "csi@vsphere.local", false, -1, false),
            new VspherePermission(Dc, "csi@vsphere.local", false, -2, false),
            new VspherePermission(Host1, "csi@vsphere.local", false, -2, false),
            new VspherePermission(Host2, "csi@vsphere.local", false, -2, false),
            new VspherePermission(new("VirtualMachine", "vm-10"), "csi@vsphere.local", false, 1, false),
            new VspherePermission(new("VirtualMachine", "vm-11"), "csi@vsphere.local", false, 1, false),
            new VspherePermission(Shared, "csi@vsphere.local", false, 2, false),
            new VspherePermission(Local, "csi@vsphere.local", false, 2, false),
        };

        public IReadOnlyDictionary<ManagedObjectReference, IReadOnlySet<string>>? Fetched { get; init; }

        public string DriverUser { get; init; } = "csi@vsphere.local";

        public string Kubernetes { get; init; } = "1.34";

        public string VcenterApi { get; init; } = "8.0.2";

        public bool SkipVersionCheck { get; init; }

        public bool CpiInstalled { get; init; }

        public int? CsiReplicas { get; init; }

        public List<StorageClassFacts> StorageClasses { get; init; } = new();

        /// <summary>When vCenter's events say disk.enableUUID was set, per VM; null: the events were not read.</summary>
        public Dictionary<ManagedObjectReference, DateTimeOffset>? DiskUuidChanges { get; init; }

        public ReadinessFacts Facts()
        {
            var hostChain = new[] { Cluster, HostFolder, Dc, Root };
            var hosts = new[] { Host1, Host2 }.ToDictionary(h => h, h => new InventoryHost
            {
                Ref = h,
                Name = h == Host1 ? "esx-1" : "esx-2",
                Chain = new[] { h }.Concat(hostChain).ToList(),
                Datastores = new HashSet<ManagedObjectReference>(),
            });
            var datastores = new Dictionary<ManagedObjectReference, InventoryDatastore>
            {
                [Shared] = new() { Ref = Shared, Name = "shared-vmfs", Url = "ds:///vmfs/volumes/shared/", Chain = new[] { Shared, Dc, Root }, MountedOn = SharedMountedOn },
                [Local] = new() { Ref = Local, Name = "local-1", Url = "ds:///vmfs/volumes/local1/", Chain = new[] { Local, Dc, Root }, MountedOn = new HashSet<ManagedObjectReference> { Host1 } },
            };
            var inventory = new ClusterInventory
            {
                Root = Root,
                Vms = Vms,
                Hosts = hosts,
                Datastores = datastores,
                Datacenters = new Dictionary<ManagedObjectReference, string> { [Dc] = "DC0" },
                DatacenterChains = new Dictionary<ManagedObjectReference, IReadOnlyList<ManagedObjectReference>> { [Dc] = new[] { Dc, Root } },
                Names = new Dictionary<ManagedObjectReference, string> { [Dc] = "DC0", [Root] = "Datacenters" },
            };
            return new ReadinessFacts
            {
                Nodes = Nodes,
                KubernetesVersion = Kubernetes,
                VcenterApiVersion = VcenterApi,
                VcenterName = "vcenter.example.com",
                Inventory = inventory,
                Privileges = new PrivilegeSnapshot { Roles = Roles, Permissions = Permissions, Fetched = Fetched },
                DriverUser = DriverUser,
                StorageClasses = StorageClasses,
                CsiControllerReplicas = CsiReplicas,
                CpiInstalled = CpiInstalled,
                Csi = SupportMatrix.LatestCsi,
                SkipVersionCheck = SkipVersionCheck,
                DiskUuidChanges = DiskUuidChanges,
            };
        }
    }

    private static readonly DateTimeOffset Booted = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static World BootedAt(World w, DateTimeOffset? changed, string power = "poweredOn") => w with
    {
        Vms = new() { Vm("vm-10", "cp-1", Uuid1, Host1, power: power) with { BootTime = Booted }, Vm("vm-11", "worker-1", Uuid2, Host2) },
        DiskUuidChanges = changed is { } at ? new() { [new ManagedObjectReference("VirtualMachine", "vm-10")] = at } : new(),
    };

    private static InventoryVm Vm(string moref, string name, string uuid, ManagedObjectReference host, bool diskUuid = true, string version = "vmx-19", string power = "poweredOn")
    {
        var reference = new ManagedObjectReference("VirtualMachine", moref);
        return new InventoryVm
        {
            Ref = reference,
            Name = name,
            Path = "/DC0/vm/k8s/" + name,
            BiosUuid = uuid,
            HardwareVersion = version,
            DiskUuidSetting = diskUuid ? "TRUE" : null,
            DiskUuidEnabled = diskUuid,
            PowerState = power,
            Host = host,
            Chain = new[] { reference, new ManagedObjectReference("Folder", "group-k8s"), VmFolder, Dc, Root },
        };
    }

    private static HashSet<string> Privileges(params string[] ids) => new(ids, StringComparer.Ordinal);

    private sealed record Case(string Name, Func<World, World> Arrange, string Node, ReadinessCheck Check, ReadinessStatus Status, string? DetailContains = null, string? FixContains = null)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    private static readonly IReadOnlyList<Case> Cases = new List<Case>
    {
        new("the prepared world passes NodeVm", w => w, "cp-1", ReadinessCheck.NodeVm, ReadinessStatus.Pass, "by systemUUID"),
        new("systemUUID in the other byte order still finds the VM", w => w with { Nodes = new() { new NodeFacts { Name = "cp-1", SystemUuid = Uuid1Swapped, ControlPlane = true } } }, "cp-1", ReadinessCheck.NodeVm, ReadinessStatus.Pass, "byte-swapped"),
        new("providerID wins over a wrong systemUUID", w => w with { Nodes = new() { new NodeFacts { Name = "cp-1", ProviderId = "vsphere://" + Uuid1.ToUpperInvariant(), SystemUuid = Uuid2, ControlPlane = true } } }, "cp-1", ReadinessCheck.NodeVm, ReadinessStatus.Pass, "spec.providerID"),
        new("a node whose UUID and name match no VM fails NodeVm", w => w with { Nodes = new() { new NodeFacts { Name = "ghost", SystemUuid = "00000000-0000-0000-0000-000000000001", ControlPlane = true } } }, "ghost", ReadinessCheck.NodeVm, ReadinessStatus.Fail, "no VM", "BIOS UUID"),
        new("a node found by name only warns that the CPI will not find it", w => w with { Nodes = new() { new NodeFacts { Name = "cp-1", SystemUuid = "00000000-0000-0000-0000-000000000001", ControlPlane = true } } }, "cp-1", ReadinessCheck.NodeVm, ReadinessStatus.Warn, "matches no VM"),
        new("the VM checks of a node without a VM are Skip", w => w with { Nodes = new() { new NodeFacts { Name = "ghost", ControlPlane = true } } }, "ghost", ReadinessCheck.DiskUuid, ReadinessStatus.Skip),
        new("two VMs with the node's BIOS UUID fail DuplicateBiosUuid", w => w with { Vms = w.Vms.Append(Vm("vm-99", "cp-1-clone", Uuid1, Host2)).ToList() }, "cp-1", ReadinessCheck.DuplicateBiosUuid, ReadinessStatus.Fail, "cp-1-clone", "uuid.bios"),
        new("disk.enableUUID off fails with the Enable-DiskUuid fix", w => w with { Vms = new() { Vm("vm-10", "cp-1", Uuid1, Host1, diskUuid: false), Vm("vm-11", "worker-1", Uuid2, Host2) } }, "cp-1", ReadinessCheck.DiskUuid, ReadinessStatus.Fail, "not set", "Enable-DiskUuid -Id VirtualMachine-vm-10"),
        new("disk.enableUUID set while the VM ran fails until it is powered off and on", w => BootedAt(w, Booted.AddHours(1)), "cp-1", ReadinessCheck.DiskUuid, ReadinessStatus.Fail, "does not see it until the VM is powered off and on", "Power the VM off and on"),
        new("disk.enableUUID set before the VM last booted passes", w => BootedAt(w, Booted.AddHours(-1)), "cp-1", ReadinessCheck.DiskUuid, ReadinessStatus.Pass, "TRUE"),
        new("disk.enableUUID with no retained change event warns that it cannot tell", w => BootedAt(w, null), "cp-1", ReadinessCheck.DiskUuid, ReadinessStatus.Warn, "no record", "power the VM off and on"),
        new("disk.enableUUID on a powered-off VM passes: it is read at power-on", w => BootedAt(w, Booted.AddHours(1), power: "poweredOff"), "cp-1", ReadinessCheck.DiskUuid, ReadinessStatus.Pass, "TRUE"),
        new("hardware version 13 fails", w => w with { Vms = new() { Vm("vm-10", "cp-1", Uuid1, Host1, version: "vmx-13"), Vm("vm-11", "worker-1", Uuid2, Host2) } }, "cp-1", ReadinessCheck.HardwareVersion, ReadinessStatus.Fail, "vmx-13"),
        new("hardware version 15 passes", w => w with { Vms = new() { Vm("vm-10", "cp-1", Uuid1, Host1, version: "vmx-15"), Vm("vm-11", "worker-1", Uuid2, Host2) } }, "cp-1", ReadinessCheck.HardwareVersion, ReadinessStatus.Pass),
        new("a powered-off node VM fails", w => w with { Vms = new() { Vm("vm-10", "cp-1", Uuid1, Host1, power: "poweredOff"), Vm("vm-11", "worker-1", Uuid2, Host2) } }, "cp-1", ReadinessCheck.PowerState, ReadinessStatus.Fail, "poweredOff"),
        new("before the CPI the uninitialized taint passes", w => w, "cp-1", ReadinessCheck.UninitializedTaint, ReadinessStatus.Pass, "will initialise"),
        new("before the CPI a node without the taint warns with the taint fix", w => w with { Nodes = new() { new NodeFacts { Name = "cp-1", SystemUuid = Uuid1, ControlPlane = true } } }, "cp-1", ReadinessCheck.UninitializedTaint, ReadinessStatus.Warn, "cloud-provider flag", "Add-K8sNodeTaint -Node cp-1"),
        new("after the CPI a remaining taint fails", w => w with { CpiInstalled = true }, "cp-1", ReadinessCheck.UninitializedTaint, ReadinessStatus.Fail, "does not tolerate", "vsphere-cloud-controller-manager"),
        new("after the CPI an empty providerID fails", w => w with { CpiInstalled = true }, "cp-1", ReadinessCheck.ProviderId, ReadinessStatus.Fail, "has not initialised"),
        new("after the CPI an initialised node passes", w => w with { CpiInstalled = true, Nodes = new() { new NodeFacts { Name = "cp-1", ProviderId = "vsphere://" + Uuid1, SystemUuid = Uuid1, ControlPlane = true } } }, "cp-1", ReadinessCheck.ProviderId, ReadinessStatus.Pass),
        new("Kubernetes 1.20 is outside every CSI release", w => w with { Kubernetes = "1.20" }, "", ReadinessCheck.CsiKubernetesVersion, ReadinessStatus.Fail, "outside 1.33 to 1.35", "Upgrade"),
        new("Kubernetes 1.28 points to the CSI release that supports it", w => w with { Kubernetes = "1.28" }, "", ReadinessCheck.CsiKubernetesVersion, ReadinessStatus.Fail, null, "v3.3.1"),
        new("Kubernetes 1.20 has no CPI release", w => w with { Kubernetes = "1.20" }, "", ReadinessCheck.CpiKubernetesVersion, ReadinessStatus.Fail, "no CPI release"),
        new("Kubernetes 1.33 has CPI v1.33", w => w with { Kubernetes = "1.33" }, "", ReadinessCheck.CpiKubernetesVersion, ReadinessStatus.Pass, "v1.33"),
        new("vCenter 6.5 (the simulator) fails the vCenter version", w => w with { VcenterApi = "6.5" }, "", ReadinessCheck.VcenterVersion, ReadinessStatus.Fail, "6.5", "6.7 Update 3"),
        new("vCenter 6.7.3 passes", w => w with { VcenterApi = "6.7.3" }, "", ReadinessCheck.VcenterVersion, ReadinessStatus.Pass),
        new("SkipVersionCheck makes the vCenter row Skip", w => w with { VcenterApi = "6.5", SkipVersionCheck = true }, "", ReadinessCheck.VcenterVersion, ReadinessStatus.Skip, "-SkipVersionCheck"),
        new("three controller replicas on one control-plane node warn", w => w with { CsiReplicas = 3 }, "", ReadinessCheck.ControlPlane, ReadinessStatus.Warn, "2 will stay Pending", "-Replicas 1"),
        new("no control-plane node fails", w => w with { Nodes = new() { new NodeFacts { Name = "worker-1", SystemUuid = Uuid2 } } }, "", ReadinessCheck.ControlPlane, ReadinessStatus.Fail, "control-plane"),
        new("a datastore on every node host passes", w => w, "", ReadinessCheck.SharedDatastore, ReadinessStatus.Pass, "shared-vmfs"),
        new("no datastore on every node host fails with the driver's error", w => w with { SharedMountedOn = new() { Host1 } }, "", ReadinessCheck.SharedDatastore, ReadinessStatus.Fail, "failed to get shared datastores"),
        new("a StorageClass's datastore missing on one host fails and names the host", w => w with { StorageClasses = new() { new StorageClassFacts { Name = "local", DatastoreUrl = "ds:///vmfs/volumes/local1/" } } }, "", ReadinessCheck.SharedDatastore, ReadinessStatus.Fail, "not mounted on esx-2"),
        new("a policy whose compatible datastores are shared passes", w => w with { StorageClasses = new() { new StorageClassFacts { Name = "gold", StoragePolicyName = "Gold", PolicyDatastoreUrls = new[] { "ds:///vmfs/volumes/shared/" } } } }, "", ReadinessCheck.SharedDatastore, ReadinessStatus.Pass, "policy 'Gold'"),
        new("a policy compatible only with an unshared datastore fails", w => w with { StorageClasses = new() { new StorageClassFacts { Name = "gold", StoragePolicyName = "Gold", PolicyDatastoreUrls = new[] { "ds:///vmfs/volumes/local1/" } } } }, "", ReadinessCheck.SharedDatastore, ReadinessStatus.Fail, "none of the 1 datastore(s)"),
        new("the documented grants pass on a node", w => w, "cp-1", ReadinessCheck.Privileges, ReadinessStatus.Pass),
        new("the documented grants pass on the cluster objects", w => w, "", ReadinessCheck.Privileges, ReadinessStatus.Pass),
        new("a role lacking AddRemoveDevice fails on that VM", w => w with { Permissions = w.Permissions.Select(p => p.Entity.Value == "vm-10" ? p with { RoleId = 3 } : p).ToList() }, "cp-1", ReadinessCheck.Privileges, ReadinessStatus.Fail, "VirtualMachine.Config.AddRemoveDevice on VM cp-1", "CNS-VM on VM cp-1"),
        new("DOMAIN\\user names the same user as user@domain", w => w with { DriverUser = "VSPHERE.LOCAL\\csi" }, "cp-1", ReadinessCheck.Privileges, ReadinessStatus.Pass),
        new("another user holds nothing", w => w with { DriverUser = "someone@vsphere.local" }, "cp-1", ReadinessCheck.Privileges, ReadinessStatus.Fail, "someone@vsphere.local lacks"),
        new("a permission on the folder without propagate does not reach the VM", w => w with { Permissions = w.Permissions.Where(p => p.Entity.Value != "vm-10").Append(new VspherePermission(new("Folder", "group-k8s"), "csi@vsphere.local", false, 1, false)).ToList() }, "cp-1", ReadinessCheck.Privileges, ReadinessStatus.Fail, "AddExistingDisk"),
        new("a propagating permission on the folder reaches the VM", w => w with { Permissions = w.Permissions.Where(p => p.Entity.Value != "vm-10").Append(new VspherePermission(new("Folder", "group-k8s"), "csi@vsphere.local", false, 1, true)).ToList() }, "cp-1", ReadinessCheck.Privileges, ReadinessStatus.Pass),
        new("the nearest permission decides: NoAccess on the VM beats Admin above", w => w with { Permissions = w.Permissions.Select(p => p.Entity.Value == "vm-10" ? p with { RoleId = -5 } : p).Append(new VspherePermission(Dc, "csi@vsphere.local", false, -1, true)).ToList() }, "cp-1", ReadinessCheck.Privileges, ReadinessStatus.Fail),
        new("a grant only through a group warns when vCenter did not say", w => w with { Permissions = w.Permissions.Where(p => p.Entity.Value != "vm-10").Append(new VspherePermission(new("VirtualMachine", "vm-10"), "VSPHERE.LOCAL\\k8s-drivers", true, 1, false)).ToList() }, "cp-1", ReadinessCheck.Privileges, ReadinessStatus.Warn, "only through a group"),
        new("a group grant vCenter confirms for the user passes", w => w with
        {
            Permissions = w.Permissions.Where(p => p.Entity.Value != "vm-10").Append(new VspherePermission(new("VirtualMachine", "vm-10"), "VSPHERE.LOCAL\\k8s-drivers", true, 1, false)).ToList(),
            Fetched = new Dictionary<ManagedObjectReference, IReadOnlySet<string>> { [new("VirtualMachine", "vm-10")] = Privileges("VirtualMachine.Config.AddExistingDisk", "VirtualMachine.Config.AddRemoveDevice", "System.Read") },
        }, "cp-1", ReadinessCheck.Privileges, ReadinessStatus.Pass),
        new("a group grant vCenter denies for the user fails", w => w with
        {
            Permissions = w.Permissions.Where(p => p.Entity.Value != "vm-10").Append(new VspherePermission(new("VirtualMachine", "vm-10"), "VSPHERE.LOCAL\\k8s-drivers", true, 1, false)).ToList(),
            Fetched = new Dictionary<ManagedObjectReference, IReadOnlySet<string>> { [new("VirtualMachine", "vm-10")] = Privileges("System.Read") },
        }, "cp-1", ReadinessCheck.Privileges, ReadinessStatus.Fail, "AddExistingDisk"),
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_rule_gives_its_row(string name)
    {
        var test = Cases.Single(c => c.Name == name);
        var rows = ReadinessEvaluator.Evaluate(test.Arrange(new World()).Facts());

        var row = Assert.Single(rows, r => r.Node == test.Node && r.Check == test.Check);
        Assert.True(row.Status == test.Status, $"{test.Name}: {row.Status} ({row.Detail}; fix: {row.Fix})");
        if (test.DetailContains is not null)
        {
            Assert.Contains(test.DetailContains, row.Detail);
        }

        if (test.FixContains is not null)
        {
            Assert.Contains(test.FixContains, row.Fix);
        }

        Assert.True(row.Status is ReadinessStatus.Pass or ReadinessStatus.Skip || row.Fix.Length > 0, "every Warn and Fail row says how to fix it");
    }

    [Fact]
    public void Every_node_gets_every_node_check_once_and_the_cluster_its_rows_first()
    {
        var rows = ReadinessEvaluator.Evaluate(new World().Facts());

        var nodeChecks = new[]
        {
            ReadinessCheck.NodeVm, ReadinessCheck.DuplicateBiosUuid, ReadinessCheck.DiskUuid, ReadinessCheck.HardwareVersion, ReadinessCheck.PowerState,
            ReadinessCheck.ProviderId, ReadinessCheck.UninitializedTaint, ReadinessCheck.Privileges,
        };
        foreach (var node in new[] { "cp-1", "worker-1" })
        {
            Assert.Equal(nodeChecks, rows.Where(r => r.Node == node).Select(r => r.Check));
            Assert.All(rows.Where(r => r.Node == node && r.Check != ReadinessCheck.NodeVm || r.Node == node), r => Assert.NotNull(r.VmId));
        }

        Assert.Equal(string.Empty, rows[0].Node);
        Assert.Equal(
            new[] { ReadinessCheck.CsiKubernetesVersion, ReadinessCheck.CpiKubernetesVersion, ReadinessCheck.VcenterVersion, ReadinessCheck.ControlPlane, ReadinessCheck.SharedDatastore, ReadinessCheck.Privileges },
            rows.Where(r => r.Node.Length == 0).Select(r => r.Check));
    }

    [Theory]
    [InlineData("VMware order to guest order", Uuid1, Uuid1Swapped)]
    [InlineData("and back", Uuid1Swapped, Uuid1)]
    [InlineData("not a UUID", "vm-42", null)]
    public void The_byte_swap_reverses_the_first_three_groups(string name, string uuid, string? expected)
    {
        Assert.True(ReadinessEvaluator.SwapByteOrder(uuid) == expected, name);
    }

    [Theory]
    [InlineData("the minimum", "v3.7.3", "1.33", true)]
    [InlineData("the maximum, any patch", "v3.7.3", "1.35.9", true)]
    [InlineData("one below", "v3.7.3", "1.32", false)]
    [InlineData("v3.3.1 spans four minors", "v3.3.1", "1.27", true)]
    [InlineData("v2.7.0 stops at 1.25", "v2.7.0", "1.26", false)]
    public void The_support_matrix_bounds_are_inclusive_minors(string name, string csi, string kubernetes, bool supported)
    {
        Assert.True(SupportMatrix.Supports(SupportMatrix.FindCsi(csi)!, DriverVersion.Parse(kubernetes)!.Value) == supported, name);
    }

    [Fact]
    public void Every_support_matrix_row_names_its_source()
    {
        Assert.All(SupportMatrix.Csi, r => Assert.False(string.IsNullOrWhiteSpace(r.Source), r.Version));
        Assert.All(SupportMatrix.Cpi, r => Assert.False(string.IsNullOrWhiteSpace(r.Source), r.Version));
    }
}
