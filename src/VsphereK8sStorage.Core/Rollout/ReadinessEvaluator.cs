using System.Globalization;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Rollout;

/// <summary>
/// Turns the facts into rows: cluster rows first (versions, control plane, storage, privileges on vCenter-wide
/// objects), then every check for each node in name order. A pure function of <see cref="ReadinessFacts"/>.
/// </summary>
/// <remarks>
/// Design: a node's VM is the one CPI and CSI would find: the BIOS UUID in spec.providerID (vsphere://uuid),
/// else status.nodeInfo.systemUUID compared with config.uuid as is and with its first three groups byte-swapped
/// (guests that report an older SMBIOS version show them reversed), else the VM or guest host name. Several VMs
/// with that UUID is a Fail of its own: the drivers cannot tell them apart. Checks on a VM that was not found are
/// Skip rows that say why.
/// </remarks>
internal static class ReadinessEvaluator
{
    public const string UninitializedTaint = "node.cloudprovider.kubernetes.io/uninitialized";
    public const int MinimumHardwareVersion = 15;
    public const int MaxControllerReplicas = 3;

    public static IReadOnlyList<ReadinessRow> Evaluate(ReadinessFacts facts)
    {
        var rows = new List<ReadinessRow>();
        var inventory = facts.Inventory;
        var byUuid = inventory.Vms.Where(v => !v.IsTemplate && v.BiosUuid is { Length: > 0 }).ToLookup(v => v.BiosUuid!, StringComparer.Ordinal);
        var matches = facts.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => (Node: n, Match: Match(n, inventory, byUuid))).ToList();
        var nodeVms = matches.Where(m => m.Match.Vms.Count == 1).Select(m => m.Match.Vms[0]).ToList();
        var nodeHosts = nodeVms.Select(v => v.Host).OfType<ManagedObjectReference>().Distinct().Where(inventory.Hosts.ContainsKey).Select(h => inventory.Hosts[h]).ToList();
        var privileges = facts.Privileges is { } snapshot ? new EffectivePrivileges(snapshot, facts.DriverUser) : null;

        rows.AddRange(VersionRows(facts));
        rows.Add(ControlPlaneRow(facts));
        var datastores = StorageRows(facts, nodeHosts, rows);
        if (privileges is not null)
        {
            var datacenters = nodeVms.Select(v => v.Chain.FirstOrDefault(c => c.Is("Datacenter"))).Where(d => !d.IsEmpty).Distinct().ToList();
            var entities = new List<(string What, IReadOnlyList<ManagedObjectReference> Chain, PrivilegeScope Scope)>
            {
                ("vCenter's root folder", new[] { inventory.Root }, PrivilegeScope.VcenterRoot),
            };
            entities.AddRange(datacenters.Select(d => ($"datacenter {inventory.NameOf(d)}", inventory.DatacenterChains.TryGetValue(d, out var chain) ? chain : new[] { d, inventory.Root }, PrivilegeScope.Datacenter)));
            entities.AddRange(datastores.Select(d => ($"datastore {d.Name}", d.Chain, PrivilegeScope.SharedDatastore)));
            rows.Add(PrivilegeRow(facts, privileges, string.Empty, null, entities));
        }

        foreach (var (node, match) in matches)
        {
            rows.AddRange(NodeRows(facts, node, match, privileges));
        }

        return rows;
    }

    /// <summary>The systemUUID form with the first three groups' bytes reversed (its own inverse); null when it is not a UUID.</summary>
    public static string? SwapByteOrder(string uuid)
    {
        var parts = uuid.Split('-');
        if (parts.Length != 5 || parts[0].Length != 8 || parts[1].Length != 4 || parts[2].Length != 4)
        {
            return null;
        }

        static string Reverse(string hex)
        {
            var bytes = Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)).Reverse();
            return string.Concat(bytes);
        }

        return string.Join("-", Reverse(parts[0]), Reverse(parts[1]), Reverse(parts[2]), parts[3], parts[4]);
    }

    internal sealed record VmMatch(IReadOnlyList<InventoryVm> Vms, string How, string? Uuid);

    internal static VmMatch Match(NodeFacts node, ClusterInventory inventory, ILookup<string, InventoryVm> byUuid)
    {
        if (node.ProviderId is { } provider && provider.StartsWith("vsphere://", StringComparison.OrdinalIgnoreCase))
        {
            var uuid = provider["vsphere://".Length..].Trim().ToLowerInvariant();
            if (byUuid[uuid].Any())
            {
                return new VmMatch(byUuid[uuid].ToList(), "by spec.providerID", uuid);
            }
        }

        if (node.SystemUuid is { Length: > 0 } system)
        {
            var uuid = system.Trim().ToLowerInvariant();
            if (byUuid[uuid].Any())
            {
                return new VmMatch(byUuid[uuid].ToList(), "by systemUUID", uuid);
            }

            if (SwapByteOrder(uuid) is { } swapped && byUuid[swapped].Any())
            {
                return new VmMatch(byUuid[swapped].ToList(), "by systemUUID with the first three groups byte-swapped", swapped);
            }
        }

        var names = new[] { node.Name, node.Hostname }.OfType<string>().ToList();
        var byName = inventory.Vms.Where(v => !v.IsTemplate && names.Any(n =>
            string.Equals(v.Name, n, StringComparison.OrdinalIgnoreCase) ||
            (v.GuestHostName is { } g && (string.Equals(g, n, StringComparison.OrdinalIgnoreCase) || string.Equals(g.Split('.')[0], n.Split('.')[0], StringComparison.OrdinalIgnoreCase)))))
            .ToList();
        return byName.Count > 0 ? new VmMatch(byName, "by name", null) : new VmMatch(Array.Empty<InventoryVm>(), "none", null);
    }

    private static IEnumerable<ReadinessRow> VersionRows(ReadinessFacts facts)
    {
        if (facts.SkipVersionCheck)
        {
            var skipped = $"left out: {Param.Name("SkipVersionCheck")}";
            yield return Row(ReadinessCheck.CsiKubernetesVersion, ReadinessStatus.Skip, skipped);
            yield return Row(ReadinessCheck.CpiKubernetesVersion, ReadinessStatus.Skip, skipped);
            yield return Row(ReadinessCheck.VcenterVersion, ReadinessStatus.Skip, skipped);
            yield break;
        }

        var csi = facts.Csi;
        var kubernetes = DriverVersion.Parse(facts.KubernetesVersion);
        if (kubernetes is not { } k)
        {
            yield return Row(ReadinessCheck.CsiKubernetesVersion, ReadinessStatus.Warn, $"the API server did not report a version; CSI {csi.Version} supports Kubernetes {csi.KubernetesMin} to {csi.KubernetesMax}", "Check the cluster's version with kubectl version.");
        }
        else if (SupportMatrix.Supports(csi, k))
        {
            yield return Row(ReadinessCheck.CsiKubernetesVersion, ReadinessStatus.Pass, $"Kubernetes {k.MinorText} is within {csi.KubernetesMin} to {csi.KubernetesMax}, which CSI {csi.Version} supports (source: {csi.Source})");
        }
        else
        {
            var fitting = SupportMatrix.Csi.Where(r => SupportMatrix.Supports(r, k)).Select(r => r.Version).ToList();
            yield return Row(
                ReadinessCheck.CsiKubernetesVersion, ReadinessStatus.Fail,
                $"Kubernetes {k.MinorText} is outside {csi.KubernetesMin} to {csi.KubernetesMax}, which CSI {csi.Version} supports (source: {csi.Source})",
                fitting.Count > 0
                    ? $"Choose a CSI release that supports {k.MinorText} with {Param.Name("CsiVersion")}: {string.Join(", ", fitting)}."
                    : $"Upgrade the cluster to Kubernetes {csi.KubernetesMin} or later; no CSI release in the support matrix supports {k.MinorText}.");
        }

        if (kubernetes is { } kv)
        {
            var chosen = facts.CpiVersion is { } wanted ? SupportMatrix.Cpi.FirstOrDefault(r => DriverVersion.Parse(r.Version) is { } v && DriverVersion.Parse(wanted) is { } w && v.Major == w.Major && v.Minor == w.Minor) : SupportMatrix.FindCpi(kv.MinorText);
            var forCluster = SupportMatrix.FindCpi(kv.MinorText);
            if (chosen is not null && forCluster is not null && chosen == forCluster)
            {
                yield return Row(ReadinessCheck.CpiKubernetesVersion, ReadinessStatus.Pass, $"CPI {chosen.Version} targets Kubernetes {chosen.Kubernetes} (source: {chosen.Source})");
            }
            else
            {
                var releases = string.Join(", ", SupportMatrix.Cpi.Select(r => r.Version));
                yield return Row(
                    ReadinessCheck.CpiKubernetesVersion, ReadinessStatus.Fail,
                    chosen is null
                        ? $"no CPI release in the support matrix targets Kubernetes {kv.MinorText} (known: {releases}); CPI v1.X supports Kubernetes 1.X only"
                        : $"CPI {chosen.Version} targets Kubernetes {chosen.Kubernetes}, not {kv.MinorText}; CPI v1.X supports Kubernetes 1.X only",
                    forCluster is not null
                        ? $"Install CPI {forCluster.Version} ({Param.Name("Version")} {forCluster.Version})."
                        : $"Use the CPI release for Kubernetes {kv.MinorText} (releases/v{kv.MinorText} upstream) with {Param.Name("ManifestPath")}, or upgrade the cluster to a version listed.");
            }
        }
        else
        {
            yield return Row(ReadinessCheck.CpiKubernetesVersion, ReadinessStatus.Warn, "the API server did not report a version", "Check the cluster's version with kubectl version.");
        }

        var api = DriverVersion.Parse(facts.VcenterApiVersion);
        var min = DriverVersion.Parse(SupportMatrix.VcenterMin)!.Value;
        yield return api is { } a && a >= min
            ? Row(ReadinessCheck.VcenterVersion, ReadinessStatus.Pass, $"{facts.VcenterName} reports API version {facts.VcenterApiVersion}; the drivers need {SupportMatrix.VcenterMin} or later")
            : Row(
                ReadinessCheck.VcenterVersion, ReadinessStatus.Fail,
                $"{facts.VcenterName} reports API version {(facts.VcenterApiVersion.Length == 0 ? "(none)" : facts.VcenterApiVersion)}; the CSI driver refuses vCenter below {SupportMatrix.VcenterMin} (it compares about.apiVersion at start-up)",
                "Upgrade vCenter to 6.7 Update 3 or later.");
    }

    private static ReadinessRow ControlPlaneRow(ReadinessFacts facts)
    {
        var controlPlane = facts.Nodes.Count(n => n.ControlPlane);
        var planned = facts.PlannedReplicas ?? Math.Min(Math.Max(controlPlane, 1), MaxControllerReplicas);
        if (controlPlane == 0)
        {
            return Row(
                ReadinessCheck.ControlPlane, ReadinessStatus.Fail,
                "no node is labelled node-role.kubernetes.io/control-plane (or /master, /controlplane): the CSI controller can run only on such nodes",
                "Label the control-plane nodes: kubectl label node NAME node-role.kubernetes.io/control-plane=\"\".");
        }

        if (facts.CsiControllerReplicas is { } installed && installed > controlPlane)
        {
            return Row(
                ReadinessCheck.ControlPlane, ReadinessStatus.Warn,
                $"the CSI controller has {installed} replicas but there are {controlPlane} control-plane node(s): {installed - controlPlane} will stay Pending (one replica per node)",
                $"Run {Param.Command("Install-VsphereCsi")} again, which sets the replicas to the control-plane count, or pass {Param.Name("Replicas")} {Math.Min(controlPlane, MaxControllerReplicas)}.");
        }

        if (facts.PlannedReplicas is { } asked && asked > controlPlane)
        {
            return Row(
                ReadinessCheck.ControlPlane, ReadinessStatus.Warn,
                $"{asked} controller replicas were asked for but there are {controlPlane} control-plane node(s): {asked - controlPlane} would stay Pending",
                $"Leave out {Param.Name("Replicas")} (the default is the control-plane count, at most {MaxControllerReplicas}).");
        }

        return Row(
            ReadinessCheck.ControlPlane, ReadinessStatus.Pass,
            facts.CsiControllerReplicas is { } now
                ? $"{controlPlane} control-plane node(s) for the CSI controller's {now} replica(s)"
                : $"{controlPlane} control-plane node(s); the CSI controller will get {planned} replica(s)");
    }

    /// <summary>One row per vSphere StorageClass (or one for the shared datastores); returns the datastores whose privileges matter.</summary>
    private static IReadOnlyList<InventoryDatastore> StorageRows(ReadinessFacts facts, IReadOnlyList<InventoryHost> hosts, List<ReadinessRow> rows)
    {
        var inventory = facts.Inventory;
        if (hosts.Count == 0)
        {
            rows.Add(Row(ReadinessCheck.SharedDatastore, ReadinessStatus.Skip, "no node VM was found, so no host to check datastores on"));
            return Array.Empty<InventoryDatastore>();
        }

        var shared = inventory.Datastores.Values.Where(d => hosts.All(h => d.MountedOn.Contains(h.Ref))).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        string Names(IEnumerable<InventoryDatastore> items) => string.Join(", ", items.Select(d => d.Name).Take(10));
        string Missing(InventoryDatastore d) => string.Join(", ", hosts.Where(h => !d.MountedOn.Contains(h.Ref)).Select(h => h.Name).OrderBy(n => n, StringComparer.Ordinal).Take(10));
        var hostCount = hosts.Count.ToString(CultureInfo.InvariantCulture);
        if (facts.StorageClasses.Count == 0)
        {
            rows.Add(shared.Count > 0
                ? Row(ReadinessCheck.SharedDatastore, ReadinessStatus.Pass, $"{shared.Count} datastore(s) are mounted on all {hostCount} host(s) of the node VMs: {Names(shared)}")
                : Row(
                    ReadinessCheck.SharedDatastore, ReadinessStatus.Fail,
                    $"no datastore is mounted on all {hostCount} host(s) of the node VMs: the driver fails with \"failed to get shared datastores in kubernetes cluster\"",
                    "Mount a datastore on every host that runs a node VM (or move the node VMs to hosts that share one)."));
            return shared;
        }

        var relevant = new List<InventoryDatastore>();
        foreach (var sc in facts.StorageClasses)
        {
            if (sc.DatastoreUrl is { Length: > 0 } url)
            {
                var ds = inventory.Datastores.Values.FirstOrDefault(d => string.Equals(d.Url.TrimEnd('/'), url.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
                if (ds is null)
                {
                    rows.Add(Row(ReadinessCheck.SharedDatastore, ReadinessStatus.Fail, $"StorageClass {sc.Name}: no datastore on {facts.VcenterName} has the URL {url}", $"Set datastoreurl to a datastore's Url from {Param.Command("Get-VsphereDatastore")}."));
                    continue;
                }

                relevant.Add(ds);
                rows.Add(shared.Contains(ds)
                    ? Row(ReadinessCheck.SharedDatastore, ReadinessStatus.Pass, $"StorageClass {sc.Name}: datastore {ds.Name} is mounted on all {hostCount} host(s) of the node VMs")
                    : Row(
                        ReadinessCheck.SharedDatastore, ReadinessStatus.Fail,
                        $"StorageClass {sc.Name}: datastore {ds.Name} is not mounted on {Missing(ds)}, which run(s) node VMs; volumes cannot be attached there",
                        $"Mount {ds.Name} on those hosts, or choose a datastore they all share ({(shared.Count == 0 ? "none now" : Names(shared))})."));
            }
            else if (sc.StoragePolicyName is { Length: > 0 } policy)
            {
                if (sc.PolicyDatastoreUrls is not { } urls)
                {
                    rows.Add(Row(ReadinessCheck.SharedDatastore, ReadinessStatus.Fail, $"StorageClass {sc.Name}: no storage policy named '{policy}' on {facts.VcenterName}", $"Set storagepolicyname to a policy from {Param.Command("Get-VsphereStoragePolicy")}."));
                    continue;
                }

                var compatible = inventory.Datastores.Values.Where(d => urls.Any(u => string.Equals(u, d.Url, StringComparison.OrdinalIgnoreCase))).ToList();
                var usable = compatible.Where(shared.Contains).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
                relevant.AddRange(usable);
                rows.Add(usable.Count > 0
                    ? Row(ReadinessCheck.SharedDatastore, ReadinessStatus.Pass, $"StorageClass {sc.Name}: policy '{policy}' is satisfied by {usable.Count} datastore(s) mounted on all {hostCount} host(s): {Names(usable)}")
                    : Row(
                        ReadinessCheck.SharedDatastore, ReadinessStatus.Fail,
                        $"StorageClass {sc.Name}: none of the {compatible.Count} datastore(s) compatible with policy '{policy}' is mounted on all {hostCount} host(s) of the node VMs: the driver fails with \"failed to get shared datastores in kubernetes cluster\"",
                        "Mount a compatible datastore on every host that runs a node VM, or change the policy."));
            }
            else
            {
                relevant.AddRange(shared);
                rows.Add(shared.Count > 0
                    ? Row(ReadinessCheck.SharedDatastore, ReadinessStatus.Pass, $"StorageClass {sc.Name} names no datastore or policy; {shared.Count} datastore(s) are mounted on all {hostCount} host(s): {Names(shared)}")
                    : Row(ReadinessCheck.SharedDatastore, ReadinessStatus.Fail, $"StorageClass {sc.Name} names no datastore or policy, and no datastore is mounted on all {hostCount} host(s) of the node VMs", "Mount a datastore on every host that runs a node VM."));
            }
        }

        return relevant.Distinct().ToList();
    }

    /// <summary>
    /// disk.enableUUID is on; whether the guest sees it yet is the power-cycle verdict (as Enable-DiskUuid decides it):
    /// a VM running since before the change needs a power off and on, which is a Fail; no record of the change is a Warn.
    /// </summary>
    private static ReadinessRow DiskUuidEnabledRow(ReadinessFacts facts, InventoryVm vm)
    {
        DateTimeOffset? change = facts.DiskUuidChanges is { } changes && changes.TryGetValue(vm.Ref, out var at) ? at : null;
        if (facts.DiskUuidChanges is null && PowerCycleCheck.NeedsEvents(true, vm.PowerState, vm.BootTime))
        {
            return Row(ReadinessCheck.DiskUuid, ReadinessStatus.Pass, "disk.enableUUID is TRUE");
        }

        var (need, _) = PowerCycleCheck.Decide(true, vm.PowerState, vm.BootTime, change);
        string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return need switch
        {
            PowerCycleNeed.Yes => Row(
                ReadinessCheck.DiskUuid, ReadinessStatus.Fail,
                $"disk.enableUUID is TRUE since {Time(change!.Value)}, but the VM has run since {Time(vm.BootTime!.Value)}: its guest does not see it until the VM is powered off and on",
                "Power the VM off and on (a guest reboot is not enough); the guest reads the setting when the VM powers on."),
            PowerCycleNeed.Unknown => Row(
                ReadinessCheck.DiskUuid, ReadinessStatus.Warn,
                "disk.enableUUID is TRUE, but vCenter keeps no record of when it was set, so whether the running guest sees it is unknown",
                "If it was set while the VM was running, power the VM off and on; a VM powered on after the change sees it."),
            _ => Row(ReadinessCheck.DiskUuid, ReadinessStatus.Pass, "disk.enableUUID is TRUE"),
        };
    }

    private static IEnumerable<ReadinessRow> NodeRows(ReadinessFacts facts, NodeFacts node, VmMatch match, EffectivePrivileges? privileges)
    {
        var inventory = facts.Inventory;
        ReadinessRow ForNode(ReadinessCheck check, ReadinessStatus status, string detail, string fix = "", InventoryVm? vm = null) =>
            Row(check, status, detail, fix) with { Node = node.Name, VM = vm?.Name, VmId = vm?.Ref.Id };

        InventoryVm? vm = null;
        if (match.Vms.Count == 0)
        {
            var uuid = node.SystemUuid is { Length: > 0 } s ? $"BIOS UUID {s.ToLowerInvariant()} (in either byte order)" : "a BIOS UUID (the node reports no systemUUID)";
            yield return ForNode(
                ReadinessCheck.NodeVm, ReadinessStatus.Fail,
                $"no VM on {facts.VcenterName} has {uuid}, or the name {node.Name}",
                $"Check that the node runs on this vCenter ({Param.Name("Server")}); the CPI and CSI find a node's VM by the BIOS UUID its status.nodeInfo.systemUUID reports.");
            yield return ForNode(ReadinessCheck.DuplicateBiosUuid, ReadinessStatus.Skip, "no VM found");
        }
        else if (match.Vms.Count > 1 && match.Uuid is not null)
        {
            var names = string.Join(", ", match.Vms.Select(v => v.Path).Take(5));
            yield return ForNode(ReadinessCheck.NodeVm, ReadinessStatus.Fail, $"{match.Vms.Count} VMs match {match.How}: {names}", "See the DuplicateBiosUuid row.");
            yield return ForNode(
                ReadinessCheck.DuplicateBiosUuid, ReadinessStatus.Fail,
                $"{match.Vms.Count} VMs share the BIOS UUID {match.Uuid} (clones of one template?): {names}; the CPI and CSI cannot tell them apart",
                "Give each clone its own BIOS UUID: power it off, remove uuid.bios from its .vmx (or set a new one) and power it on; or re-clone it with a customization spec.");
        }
        else if (match.Vms.Count > 1)
        {
            yield return ForNode(ReadinessCheck.NodeVm, ReadinessStatus.Fail, $"{match.Vms.Count} VMs are named {node.Name}: {string.Join(", ", match.Vms.Select(v => v.Path).Take(5))}", "Give the node's VM a unique name, or make sure the node reports its VM's BIOS UUID.");
            yield return ForNode(ReadinessCheck.DuplicateBiosUuid, ReadinessStatus.Skip, "no single VM found");
        }
        else
        {
            vm = match.Vms[0];
            var uuidNote = match.Uuid is null && node.SystemUuid is { Length: > 0 } system
                ? $"; its systemUUID {system.ToLowerInvariant()} matches no VM in either byte order, so the CPI will not find it"
                : string.Empty;
            yield return uuidNote.Length == 0
                ? ForNode(ReadinessCheck.NodeVm, ReadinessStatus.Pass, $"VM {vm.Path} (matched {match.How})", vm: vm)
                : ForNode(ReadinessCheck.NodeVm, ReadinessStatus.Warn, $"VM {vm.Path} (matched by name){uuidNote}", "Make sure the node runs in this VM and reports its BIOS UUID (status.nodeInfo.systemUUID).", vm);
            var twins = inventory.Vms.Where(v => v != vm && !v.IsTemplate && v.BiosUuid is not null && v.BiosUuid == vm.BiosUuid).ToList();
            yield return twins.Count == 0
                ? ForNode(ReadinessCheck.DuplicateBiosUuid, ReadinessStatus.Pass, $"no other VM has BIOS UUID {vm.BiosUuid}", vm: vm)
                : ForNode(
                    ReadinessCheck.DuplicateBiosUuid, ReadinessStatus.Fail,
                    $"{string.Join(", ", twins.Select(t => t.Path).Take(5))} also {(twins.Count == 1 ? "has" : "have")} BIOS UUID {vm.BiosUuid}; the CPI and CSI cannot tell them apart",
                    "Give each clone its own BIOS UUID: power it off, remove uuid.bios from its .vmx (or set a new one) and power it on.", vm);
        }

        if (vm is null)
        {
            foreach (var check in new[] { ReadinessCheck.DiskUuid, ReadinessCheck.HardwareVersion, ReadinessCheck.PowerState })
            {
                yield return ForNode(check, ReadinessStatus.Skip, "no single VM found for the node");
            }
        }
        else
        {
            yield return vm.DiskUuidEnabled
                ? DiskUuidEnabledRow(facts, vm) with { Node = node.Name, VM = vm.Name, VmId = vm.Ref.Id }
                : ForNode(
                    ReadinessCheck.DiskUuid, ReadinessStatus.Fail,
                    vm.DiskUuidSetting is null ? "disk.enableUUID is not set" : $"disk.enableUUID is '{vm.DiskUuidSetting}'",
                    $"{Param.Command("Enable-DiskUuid")} {Param.Name("Id")} {vm.Ref.Id} (or pipe these rows into it), then power the VM off and on: a running guest sees the setting only after that.",
                    vm);
            var hardware = vm.HardwareVersionNumber;
            yield return hardware >= MinimumHardwareVersion
                ? ForNode(ReadinessCheck.HardwareVersion, ReadinessStatus.Pass, $"hardware version {vm.HardwareVersion}", vm: vm)
                : ForNode(
                    ReadinessCheck.HardwareVersion, ReadinessStatus.Fail,
                    $"hardware version {vm.HardwareVersion ?? "unknown"}; the CSI driver needs vmx-{MinimumHardwareVersion} or later",
                    "Power the VM off and upgrade its compatibility to ESXi 6.7 U2 or later (vSphere Client: Actions > Compatibility > Upgrade VM Compatibility).",
                    vm);
            yield return vm.PowerState == "poweredOn"
                ? ForNode(ReadinessCheck.PowerState, ReadinessStatus.Pass, "poweredOn", vm: vm)
                : ForNode(ReadinessCheck.PowerState, ReadinessStatus.Fail, $"{vm.PowerState}: the node cannot run pods", "Power the VM on.", vm);
        }

        var expected = vm?.BiosUuid is { } bios ? "vsphere://" + bios : null;
        if (facts.CpiInstalled)
        {
            yield return node.ProviderId switch
            {
                null or "" => ForNode(ReadinessCheck.ProviderId, ReadinessStatus.Fail, "spec.providerID is empty although the CPI is installed: it has not initialised this node", CpiFix, vm),
                var id when expected is not null && !string.Equals(id, expected, StringComparison.OrdinalIgnoreCase) => ForNode(ReadinessCheck.ProviderId, ReadinessStatus.Fail, $"spec.providerID is {id}, but the node's VM has BIOS UUID {vm!.BiosUuid}", "The providerID cannot change; delete the Node object and let the kubelet register it again.", vm),
                var id => ForNode(ReadinessCheck.ProviderId, ReadinessStatus.Pass, $"spec.providerID is {id}", vm: vm),
            };
            yield return node.Uninitialized
                ? ForNode(ReadinessCheck.UninitializedTaint, ReadinessStatus.Fail, $"the node still carries {UninitializedTaint}: the CPI has not initialised it, and the CSI controller does not tolerate the taint", CpiFix, vm)
                : ForNode(ReadinessCheck.UninitializedTaint, ReadinessStatus.Pass, "the CPI has initialised the node (the taint is gone)", vm: vm);
        }
        else
        {
            yield return node.ProviderId is { Length: > 0 } id
                ? ForNode(ReadinessCheck.ProviderId, ReadinessStatus.Pass, $"spec.providerID is {id}", vm: vm)
                : ForNode(ReadinessCheck.ProviderId, ReadinessStatus.Skip, "the CPI is not installed yet; it sets spec.providerID", vm: vm);
            yield return node.Uninitialized || node.ProviderId is { Length: > 0 }
                ? ForNode(ReadinessCheck.UninitializedTaint, ReadinessStatus.Pass, node.Uninitialized ? $"{UninitializedTaint} is set: the CPI will initialise the node" : "the node is initialised already", vm: vm)
                : ForNode(
                    ReadinessCheck.UninitializedTaint, ReadinessStatus.Warn,
                    $"no {UninitializedTaint} taint: the kubelet did not start with its cloud-provider flag set to external, and the CPI initialises only nodes carrying the taint",
                    $"{Param.Command("Add-K8sNodeTaint")} {Param.Name("Node")} {node.Name} {Param.Name("Key")} {UninitializedTaint} {Param.Name("Value")} true {Param.Name("Effect")} NoSchedule, before installing the CPI.",
                    vm);
        }

        if (privileges is not null)
        {
            if (vm is null)
            {
                yield return ForNode(ReadinessCheck.Privileges, ReadinessStatus.Skip, "no single VM found for the node");
            }
            else
            {
                var entities = new List<(string What, IReadOnlyList<ManagedObjectReference> Chain, PrivilegeScope Scope)> { ($"VM {vm.Name}", vm.Chain, PrivilegeScope.NodeVm) };
                if (vm.Host is { } host && inventory.Hosts.TryGetValue(host, out var h))
                {
                    entities.Add(($"host {h.Name}", h.Chain, PrivilegeScope.NodeHost));
                }

                yield return PrivilegeRow(facts, privileges, node.Name, vm, entities);
            }
        }
    }

    private static string CpiFix =>
        "Read the CPI's log (kubectl -n kube-system logs ds/vsphere-cloud-controller-manager); the usual causes are the credentials in Secret vsphere-cloud-secret, the datacenters in ConfigMap vsphere-cloud-config, and a BIOS UUID that matches no VM.";

    private static ReadinessRow PrivilegeRow(ReadinessFacts facts, EffectivePrivileges privileges, string node, InventoryVm? vm, IEnumerable<(string What, IReadOnlyList<ManagedObjectReference> Chain, PrivilegeScope Scope)> entities)
    {
        var missing = new List<string>();
        var viaGroup = new List<string>();
        var checkedCount = 0;
        var roles = new List<string>();
        foreach (var (what, chain, scope) in entities)
        {
            foreach (var required in DriverPrivileges.For(scope))
            {
                var lacking = new List<string>();
                foreach (var privilege in required.Privileges)
                {
                    checkedCount++;
                    var (grant, decider) = privileges.Check(chain, privilege);
                    if (grant == Grant.Missing)
                    {
                        lacking.Add(privilege);
                    }
                    else if (grant == Grant.ThroughGroup)
                    {
                        viaGroup.Add($"{privilege} on {what} (group {decider!.Principal})");
                    }
                }

                if (lacking.Count > 0)
                {
                    missing.Add($"{string.Join(", ", lacking)} on {what}");
                    roles.Add($"{required.Role} on {what}");
                }
            }
        }

        var row = Row(ReadinessCheck.Privileges, ReadinessStatus.Pass, $"{facts.DriverUser} holds the {checkedCount} privilege(s) checked on {string.Join(", ", entities.Select(e => e.What))}") with
        {
            Node = node,
            VM = vm?.Name,
            VmId = vm?.Ref.Id,
        };
        if (missing.Count > 0)
        {
            return row with
            {
                Status = ReadinessStatus.Fail,
                Detail = $"{facts.DriverUser} lacks {string.Join("; ", missing)}",
                Fix = Render($"Grant {facts.DriverUser} the documented roles (without propagation): {string.Join("; ", roles)}. Source: {DriverPrivileges.Source}."),
            };
        }

        return viaGroup.Count > 0
            ? row with
            {
                Status = ReadinessStatus.Warn,
                Detail = $"{facts.DriverUser} holds {string.Join("; ", viaGroup.Take(5))} only through a group; group membership could not be checked",
                Fix = "Make sure the user is in that group, or grant the role to the user itself.",
            }
            : row;
    }

    private static ReadinessRow Row(ReadinessCheck check, ReadinessStatus status, string detail, string fix = "") =>
        new() { Check = check, Status = status, Detail = Render(detail), Fix = Render(fix) };

    private static string Render(string text) => Param.Render(text, Param.Syntax);
}
