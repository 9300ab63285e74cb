using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Inventory;

/// <summary>A VM as the rollout checks read it.</summary>
internal sealed record InventoryVm
{
    public required ManagedObjectReference Ref { get; init; }

    public required string Name { get; init; }

    public required string Path { get; init; }

    /// <summary>config.uuid: the BIOS UUID CPI and CSI find a node's VM by; lower case.</summary>
    public string? BiosUuid { get; init; }

    /// <summary>"vmx-13".</summary>
    public string? HardwareVersion { get; init; }

    public string? DiskUuidSetting { get; init; }

    public bool DiskUuidEnabled { get; init; }

    public string PowerState { get; init; } = "unknown";

    public string? GuestHostName { get; init; }

    public ManagedObjectReference? Host { get; init; }

    public bool IsTemplate { get; init; }

    /// <summary>When the VM last powered on (runtime.bootTime, or summary.runtime.bootTime on the simulator).</summary>
    public DateTimeOffset? BootTime { get; init; }

    /// <summary>The VM, then each parent up to the root folder: where permissions are looked up.</summary>
    public required IReadOnlyList<ManagedObjectReference> Chain { get; init; }

    /// <summary>The number in "vmx-15", or null when vCenter did not say.</summary>
    public int? HardwareVersionNumber =>
        HardwareVersion is { } text && text.StartsWith("vmx-", StringComparison.Ordinal) && int.TryParse(text.AsSpan(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}

/// <summary>An ESXi host and the datastores it mounts.</summary>
internal sealed record InventoryHost
{
    public required ManagedObjectReference Ref { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<ManagedObjectReference> Chain { get; init; }

    public required IReadOnlySet<ManagedObjectReference> Datastores { get; init; }
}

/// <summary>A datastore, its URL (what a StorageClass's datastoreurl names) and the hosts that mount it.</summary>
internal sealed record InventoryDatastore
{
    public required ManagedObjectReference Ref { get; init; }

    public required string Name { get; init; }

    public required string Url { get; init; }

    public required IReadOnlyList<ManagedObjectReference> Chain { get; init; }

    /// <summary>The hosts that mount it: the datastore's host list and every host that lists the datastore.</summary>
    public required IReadOnlySet<ManagedObjectReference> MountedOn { get; init; }
}

/// <summary>VMs, hosts, datastores and datacenters from one PropertyCollector read.</summary>
internal sealed record ClusterInventory
{
    public required ManagedObjectReference Root { get; init; }

    public required IReadOnlyList<InventoryVm> Vms { get; init; }

    public required IReadOnlyDictionary<ManagedObjectReference, InventoryHost> Hosts { get; init; }

    public required IReadOnlyDictionary<ManagedObjectReference, InventoryDatastore> Datastores { get; init; }

    /// <summary>Datacenter reference to name.</summary>
    public required IReadOnlyDictionary<ManagedObjectReference, string> Datacenters { get; init; }

    /// <summary>Each datacenter's chain (itself, then its folders up to the root).</summary>
    public required IReadOnlyDictionary<ManagedObjectReference, IReadOnlyList<ManagedObjectReference>> DatacenterChains { get; init; }

    /// <summary>Names of every object read (folders too), for messages.</summary>
    public required IReadOnlyDictionary<ManagedObjectReference, string> Names { get; init; }

    public string NameOf(ManagedObjectReference reference) => Names.TryGetValue(reference, out var name) ? name : reference.Value;
}

/// <summary>Reads what the rollout checks need from vCenter in one PropertyCollector read, whatever the inventory's size.</summary>
internal static class ClusterInventoryReader
{
    public static readonly IReadOnlyList<PropertySpec> Properties = new[]
    {
        new PropertySpec(VirtualMachineMo.Type, new[]
        {
            ManagedEntity.Name, ManagedEntity.Parent, VirtualMachineMo.Uuid, VirtualMachineMo.Version, VirtualMachineMo.Template,
            VirtualMachineMo.ExtraConfig, VirtualMachineMo.PowerState, VirtualMachineMo.Host, VirtualMachineMo.GuestHostName,
            VirtualMachineMo.BootTimeRuntime, VirtualMachineMo.BootTimeSummary,
        }),
        new PropertySpec(ManagedEntity.HostSystem, new[] { ManagedEntity.Name, ManagedEntity.Parent, "datastore" }),
        new PropertySpec(DatastoreMo.Type, new[] { ManagedEntity.Name, ManagedEntity.Parent, DatastoreMo.SummaryUrl, DatastoreMo.Host }),
    };

    public static async Task<ClusterInventory> ReadAsync(VsphereConnection connection, CancellationToken ct)
    {
        var index = await InventoryIndex.ReadAsync(connection, Properties, ct, inHalves: true).ConfigureAwait(false);
        return From(index, connection.Content.RootFolder);
    }

    internal static ClusterInventory From(InventoryIndex index, ManagedObjectReference root)
    {
        IReadOnlyList<ManagedObjectReference> Chain(ManagedObjectReference start)
        {
            var chain = new List<ManagedObjectReference>();
            var seen = new HashSet<ManagedObjectReference>();
            for (ManagedObjectReference? current = start; current is { } c && seen.Add(c); current = index.Get(c)?.MoRef("parent"))
            {
                chain.Add(c);
                if (c == root)
                {
                    break;
                }
            }

            if (chain[^1] != root)
            {
                chain.Add(root);
            }

            return chain;
        }

        var hostLists = index.OfType("HostSystem").ToDictionary(h => h.Obj, h => (IReadOnlySet<ManagedObjectReference>)h.MoRefs("datastore").ToHashSet());
        var datastores = index.OfType("Datastore").ToDictionary(d => d.Obj, d =>
        {
            // vCenter fills the datastore's host list; the simulator keeps only the last host there but lists the
            // datastore on every host that mounts it. Either side saying "mounted" counts.
            var mounted = d.Items("host")
                .Where(m => m.Child("mountInfo")?.ChildText("mounted") != "false")
                .Select(m => m.ChildMoRef("key"))
                .OfType<ManagedObjectReference>()
                .ToHashSet();
            mounted.UnionWith(hostLists.Where(h => h.Value.Contains(d.Obj)).Select(h => h.Key));
            return new InventoryDatastore { Ref = d.Obj, Name = index.NameOf(d.Obj), Url = d.Text(DatastoreMo.SummaryUrl) ?? string.Empty, Chain = Chain(d.Obj), MountedOn = mounted };
        });
        var hosts = index.OfType("HostSystem").ToDictionary(h => h.Obj, h => new InventoryHost
        {
            Ref = h.Obj,
            Name = index.NameOf(h.Obj),
            Chain = Chain(h.Obj),
            Datastores = datastores.Values.Where(d => d.MountedOn.Contains(h.Obj)).Select(d => d.Ref).ToHashSet(),
        });
        var vms = index.OfType("VirtualMachine")
            .Select(vm =>
            {
                var typed = VirtualMachineMo.From(vm);
                var setting = ExtraConfig.LastValue(typed.ExtraConfigValues, ExtraConfig.DiskEnableUuid);
                return new InventoryVm
                {
                    Ref = vm.Obj,
                    Name = index.NameOf(vm.Obj),
                    Path = index.PathOf(vm.Obj),
                    BiosUuid = typed.BiosUuid?.Trim().ToLowerInvariant(),
                    HardwareVersion = typed.HardwareVersion,
                    DiskUuidSetting = setting,
                    DiskUuidEnabled = ExtraConfig.IsTrue(setting),
                    PowerState = typed.Power.ToWire(),
                    GuestHostName = typed.GuestHost,
                    Host = typed.RuntimeHost,
                    IsTemplate = typed.IsTemplate,
                    BootTime = typed.BootTime,
                    Chain = Chain(vm.Obj),
                };
            })
            .OrderBy(v => v.Path, StringComparer.Ordinal)
            .ToList();
        var datacenters = index.OfType("Datacenter").ToDictionary(d => d.Obj, d => index.NameOf(d.Obj));
        var names = new Dictionary<ManagedObjectReference, string>();
        foreach (var type in new[] { "Folder", "Datacenter", "ComputeResource", "ClusterComputeResource", "StoragePod", "HostSystem", "Datastore", "VirtualMachine" })
        {
            foreach (var item in index.OfType(type))
            {
                names[item.Obj] = index.NameOf(item.Obj);
            }
        }

        return new ClusterInventory
        {
            Root = root,
            Vms = vms,
            Hosts = hosts,
            Datastores = datastores,
            Datacenters = datacenters,
            DatacenterChains = datacenters.Keys.ToDictionary(d => d, Chain),
            Names = names,
        };
    }
}
