using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Inventory;

/// <summary>Reads VMs with one PropertyCollector read and turns them into <see cref="VsphereVm"/>.</summary>
internal static class VmReader
{
    /// <summary>What Get-VsphereVm shows, Enable-DiskUuid decides on, and the names of the hosts and datastores they point at.</summary>
    public static readonly IReadOnlyList<PropertySpec> Properties = new[] { VirtualMachineMo.Summary, ManagedEntity.HostNames, DatastoreMo.Names };

    /// <summary>What Enable-DiskUuid and Test-DiskUuid decide on: a smaller read than Get-VsphereVm's, as it runs over every node.</summary>
    public static readonly IReadOnlyList<PropertySpec> DiskUuidProperties = new[] { VirtualMachineMo.DiskUuid };

    /// <summary>Every VM, read in halves sent at once: an inventory has thousands.</summary>
    public static Task<InventoryIndex> ReadAsync(VsphereConnection connection, CancellationToken ct) =>
        ReadAsync(connection, Properties, ct);

    public static Task<InventoryIndex> ReadAsync(VsphereConnection connection, IReadOnlyList<PropertySpec> properties, CancellationToken ct) =>
        InventoryIndex.ReadAsync(connection, properties, ct, inHalves: true);

    /// <summary>
    /// The selected VMs in inventory-path order, each once, and one error per literal name, id or folder
    /// that matched nothing (wildcards that match nothing are not errors, as in PowerShell). Names, paths and ids
    /// add up; folders add up; given both, a VM must match one of each, as PowerCLI's Get-VM -Name … -Location …
    /// narrows to the location.
    /// </summary>
    public static (IReadOnlyList<VirtualMachineMo> Vms, IReadOnlyList<VsphereK8sException> Misses) Select(InventoryIndex index, VmSelection selection, string server)
    {
        var vms = index.VirtualMachines().ToList();
        if (selection.SelectsAll)
        {
            return (vms.OrderBy(v => index.PathOf(v.Self), StringComparer.Ordinal).ToList(), Array.Empty<VsphereK8sException>());
        }

        var chosen = new HashSet<ManagedObjectReference>();
        var misses = new List<VsphereK8sException>();
        var literals = new List<(string Text, IReadOnlyList<ManagedObjectReference> Matched)>();
        foreach (var text in selection.Patterns)
        {
            var pattern = NamePattern.Create(text);
            var matched = vms.Where(v => pattern.IsMatch(pattern.IsPath ? index.PathOf(v.Self) : index.NameOf(v.Self))).ToList();
            chosen.UnionWith(matched.Select(v => v.Self));
            if (matched.Count > 0 && !pattern.HasWildcards)
            {
                literals.Add((text, matched.Select(v => v.Self).ToList()));
            }
            if (matched.Count == 0 && pattern.IsPath && pattern.HasWildcards && MissingContainer(index, text) is { } container)
            {
                misses.Add(new VsphereK8sException(
                    "VsphereFolderNotFound", ErrorKind.ObjectNotFound,
                    $"No folder at '{container}' on {server}, so '{text}' matches nothing there; give a VM folder's inventory path such as /DC0/vm/k8s/*.",
                    text));
            }
            else if (matched.Count == 0 && !pattern.HasWildcards)
            {
                misses.Add(new VsphereK8sException(
                    "VsphereVmNotFound", ErrorKind.ObjectNotFound,
                    pattern.IsPath
                        ? $"No virtual machine at '{text}' on {server}; check the path with {Param.Command("Get-VsphereVm")}, or use a wildcard such as '{text.TrimEnd('/')}*'."
                        : $"No virtual machine named '{text}' on {server}; check the name with {Param.Command("Get-VsphereVm")}, or use a wildcard such as '{text}*'.",
                    text));
            }
        }

        foreach (var id in selection.Ids)
        {
            var reference = ParseVmId(id);
            if (index.Get(reference) is null)
            {
                misses.Add(new VsphereK8sException(
                    "VsphereVmNotFound", ErrorKind.ObjectNotFound,
                    $"No virtual machine with id '{id}' on {server}: it was removed, or it belongs to another vCenter (pass {Param.Name("Server")}).", id));
                continue;
            }

            chosen.Add(reference);
            literals.Add((id, new[] { reference }));
        }

        var inFolders = new HashSet<ManagedObjectReference>();
        var foldersFound = false;
        foreach (var text in selection.Folders)
        {
            var pattern = NamePattern.Create(text);
            var folders = index.OfType(ManagedEntity.Folder)
                .Where(f => pattern.IsMatch(pattern.IsPath ? index.PathOf(f.Obj) : index.NameOf(f.Obj)))
                .Select(f => index.PathOf(f.Obj) + "/")
                .ToList();
            if (folders.Count == 0 && !pattern.HasWildcards)
            {
                misses.Add(new VsphereK8sException(
                    "VsphereFolderNotFound", ErrorKind.ObjectNotFound,
                    $"No folder {(pattern.IsPath ? "at" : "named")} '{text}' on {server}; give a VM folder's inventory path such as /DC0/vm/k8s.", text));
            }

            foldersFound |= folders.Count > 0;
            inFolders.UnionWith(vms.Where(v => folders.Any(f => index.PathOf(v.Self).StartsWith(f, StringComparison.Ordinal))).Select(v => v.Self));
        }

        if (selection.Patterns.Count == 0 && selection.Ids.Count == 0)
        {
            chosen = inFolders;
        }
        else if (selection.Folders.Count > 0)
        {
            chosen.IntersectWith(inFolders);
            // Only when some folder given exists: a folder that does not is the one error to fix first.
            foreach (var (text, matched) in literals.Where(l => foldersFound && !l.Matched.Any(inFolders.Contains)))
            {
                misses.Add(new VsphereK8sException(
                    "VsphereVmNotFound", ErrorKind.ObjectNotFound,
                    $"The virtual machine '{text}' is at {index.PathOf(matched[0])} on {server}, not below the folders given ({string.Join(", ", selection.Folders)}); leave out {Param.Name("Folder")} to select it, or name a folder it is in.",
                    text));
            }
        }

        return (vms.Where(v => chosen.Contains(v.Self)).OrderBy(v => index.PathOf(v.Self), StringComparer.Ordinal).ToList(), misses);
    }

    /// <summary>
    /// The first container on an inventory path pattern's way to its first wildcard that is not in the inventory:
    /// '/DC0/vm/nofolder/*' and '/DC0/vm/nofolder/sub/k8s-*' both name '/DC0/vm/nofolder', a folder that must
    /// exist, as a folder selection's must. Null when every literal container exists.
    /// </summary>
    private static string? MissingContainer(InventoryIndex index, string path)
    {
        var segments = path.Split('/');
        var literal = segments.Skip(1).Take(segments.Length - 2).TakeWhile(s => !NamePattern.Create(s).HasWildcards).ToList();
        if (literal.Count == 0)
        {
            return null;
        }

        var containers = ManagedEntity.Navigation.SelectMany(spec => index.OfType(spec.Type)).Select(o => index.PathOf(o.Obj)).ToList();
        for (var depth = 1; depth <= literal.Count; depth++)
        {
            var container = "/" + string.Join("/", literal.Take(depth));
            var pattern = NamePattern.Create(container);
            if (!containers.Any(pattern.IsMatch))
            {
                return container;
            }
        }

        return null;
    }

    /// <summary>PowerCLI's <c>VirtualMachine-vm-42</c>, or the bare <c>vm-42</c>.</summary>
    public static ManagedObjectReference ParseVmId(string id)
    {
        var text = id.Trim();
        if (ManagedObjectReference.TryParseId(text, out var reference) && reference.Is(VirtualMachineMo.Type))
        {
            return reference;
        }

        if (ManagedObjectReference.TryParseId(text, out reference) && !text.StartsWith("vm-", StringComparison.Ordinal))
        {
            throw new InvalidParameterException(
                "VsphereIdNotVm", "Id",
                $"The id '{text}' names a {reference.Type}, not a virtual machine; VM ids look like VirtualMachine-vm-42.", id);
        }

        return new ManagedObjectReference(VirtualMachineMo.Type, text);
    }

    public static VsphereVm ToVm(InventoryIndex index, VirtualMachineMo vm, string server)
    {
        var setting = ExtraConfig.LastValue(vm.ExtraConfigValues, ExtraConfig.DiskEnableUuid);
        var addresses = vm.GuestNetIpAddresses.Where(ip => ip.Length > 0).Distinct().ToList();
        if (addresses.Count == 0 && vm.GuestPrimaryIpAddress is { Length: > 0 } primary)
        {
            addresses.Add(primary);
        }

        var datacenter = index.DatacenterOf(vm.Self);
        return new VsphereVm
        {
            Name = index.NameOf(vm.Self),
            Path = index.PathOf(vm.Self),
            Id = vm.Self.Id,
            MoRef = vm.Self.Value,
            PowerState = vm.Power.ToWire(),
            DiskUuidEnabled = ExtraConfig.IsTrue(setting),
            DiskUuidSetting = setting,
            BiosUuid = vm.BiosUuid,
            InstanceUuid = vm.InstanceUuidValue,
            HardwareVersion = vm.HardwareVersion,
            GuestHostName = vm.GuestHost,
            IPAddresses = addresses,
            Host = vm.RuntimeHost is { } host ? index.NameOf(host) : null,
            Datastores = vm.Datastores.Select(index.NameOf).ToList(),
            Datacenter = datacenter is { } dc ? index.NameOf(dc) : null,
            IsTemplate = vm.IsTemplate,
            Server = server,
        };
    }

    /// <summary>The disk.enableUUID setting and power state vCenter now holds for each of <paramref name="vms"/>, by <see cref="VsphereVm.Id"/>; one read.</summary>
    public static async Task<IReadOnlyDictionary<string, VsphereVm>> ReadDiskUuidStateAsync(VsphereConnection connection, IReadOnlyList<VsphereVm> vms, CancellationToken ct)
    {
        var contents = await connection.PropertyCollector.RetrieveObjectsAsync(
            vms.Select(v => new ManagedObjectReference(VirtualMachineMo.Type, v.MoRef)),
            new[] { VirtualMachineMo.DiskUuidState },
            ct).ConfigureAwait(false);
        var byId = vms.ToDictionary(v => v.Id, StringComparer.Ordinal);
        var now = new Dictionary<string, VsphereVm>(StringComparer.Ordinal);
        foreach (var read in contents.Select(VirtualMachineMo.From))
        {
            if (byId.TryGetValue(read.Self.Id, out var vm))
            {
                var setting = ExtraConfig.LastValue(read.ExtraConfigValues, ExtraConfig.DiskEnableUuid);
                now[vm.Id] = vm with
                {
                    DiskUuidSetting = setting,
                    DiskUuidEnabled = ExtraConfig.IsTrue(setting),
                    PowerState = read.Power == VirtualMachinePowerState.Unknown ? vm.PowerState : read.Power.ToWire(),
                };
            }
        }

        return now;
    }

    /// <summary>Whether the VM was powered on when read (the model carries vCenter's text, as users see and filter on it).</summary>
    public static bool IsPoweredOn(VsphereVm vm) => VimEnum.PowerState(vm.PowerState) == VirtualMachinePowerState.PoweredOn;
}
