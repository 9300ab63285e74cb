using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Threading;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Vsphere.Inventory;

/// <summary>Reads VMs with one PropertyCollector request and turns them into <see cref="VsphereVm"/>.</summary>
internal static class VmReader
{
    /// <summary>What Get-VsphereVm shows, Enable-DiskUuid decides on, and the names of the hosts and datastores they point at.</summary>
    public static readonly IReadOnlyList<PropertySpec> Properties = new[]
    {
        new PropertySpec("VirtualMachine", new[]
        {
            "name", "parent", "config.uuid", "config.instanceUuid", "config.version", "config.template", "config.extraConfig",
            "runtime.powerState", "runtime.host", "guest.hostName", "guest.ipAddress", "guest.net", "datastore",
        }),
        new PropertySpec("HostSystem", new[] { "name", "parent" }),
        new PropertySpec("Datastore", new[] { "name", "parent" }),
    };

    /// <summary>What Enable-DiskUuid and Test-DiskUuid decide on: a smaller read than Get-VsphereVm's, as it runs over every node.</summary>
    public static readonly IReadOnlyList<PropertySpec> DiskUuidProperties = new[]
    {
        new PropertySpec("VirtualMachine", new[] { "name", "parent", "config.extraConfig", "runtime.powerState", "runtime.bootTime", "summary.runtime.bootTime" }),
    };

    public static Task<InventoryIndex> ReadAsync(VsphereConnection connection, CancellationToken ct) =>
        InventoryIndex.ReadAsync(connection, Properties, ct);

    public static Task<InventoryIndex> ReadAsync(VsphereConnection connection, IReadOnlyList<PropertySpec> properties, CancellationToken ct) =>
        InventoryIndex.ReadAsync(connection, properties, ct);

    /// <summary>
    /// The selected VMs in inventory-path order, each once, and one error per literal name, id or folder
    /// that matched nothing (wildcards that match nothing are not errors, as in PowerShell).
    /// </summary>
    public static (IReadOnlyList<ObjectContent> Vms, IReadOnlyList<VsphereK8sException> Misses) Select(InventoryIndex index, VmSelection selection, string server)
    {
        var vms = index.OfType("VirtualMachine").ToList();
        if (selection.SelectsAll)
        {
            return (vms.OrderBy(v => index.PathOf(v.Obj), StringComparer.Ordinal).ToList(), Array.Empty<VsphereK8sException>());
        }

        var chosen = new HashSet<ManagedObjectReference>();
        var misses = new List<VsphereK8sException>();
        foreach (var text in selection.Patterns)
        {
            var pattern = NamePattern.Create(text);
            var matched = vms.Where(v => pattern.IsMatch(pattern.IsPath ? index.PathOf(v.Obj) : index.NameOf(v.Obj))).ToList();
            chosen.UnionWith(matched.Select(v => v.Obj));
            if (matched.Count == 0 && !pattern.HasWildcards)
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
        }

        foreach (var text in selection.Folders)
        {
            var pattern = NamePattern.Create(text);
            var folders = index.OfType("Folder")
                .Where(f => pattern.IsMatch(pattern.IsPath ? index.PathOf(f.Obj) : index.NameOf(f.Obj)))
                .Select(f => index.PathOf(f.Obj) + "/")
                .ToList();
            if (folders.Count == 0 && !pattern.HasWildcards)
            {
                misses.Add(new VsphereK8sException(
                    "VsphereFolderNotFound", ErrorKind.ObjectNotFound,
                    $"No folder {(pattern.IsPath ? "at" : "named")} '{text}' on {server}; give a VM folder's inventory path such as /DC0/vm/k8s.", text));
            }

            chosen.UnionWith(vms.Where(v => folders.Any(f => index.PathOf(v.Obj).StartsWith(f, StringComparison.Ordinal))).Select(v => v.Obj));
        }

        return (vms.Where(v => chosen.Contains(v.Obj)).OrderBy(v => index.PathOf(v.Obj), StringComparer.Ordinal).ToList(), misses);
    }

    /// <summary>PowerCLI's <c>VirtualMachine-vm-42</c>, or the bare <c>vm-42</c>.</summary>
    public static ManagedObjectReference ParseVmId(string id)
    {
        var text = id.Trim();
        if (ManagedObjectReference.TryParseId(text, out var reference) && reference.Is("VirtualMachine"))
        {
            return reference;
        }

        if (ManagedObjectReference.TryParseId(text, out reference) && !text.StartsWith("vm-", StringComparison.Ordinal))
        {
            throw new InvalidParameterException(
                "VsphereIdNotVm", "Id",
                $"The id '{text}' names a {reference.Type}, not a virtual machine; VM ids look like VirtualMachine-vm-42.", id);
        }

        return new ManagedObjectReference("VirtualMachine", text);
    }

    public static VsphereVm ToVm(InventoryIndex index, ObjectContent vm, string server)
    {
        var setting = ExtraConfig.LastValue(vm.Items("config.extraConfig"), ExtraConfig.DiskEnableUuid);
        var addresses = vm.Items("guest.net").SelectMany(nic => nic.Children("ipAddress")).Select(ip => ip.Value).Where(ip => ip.Length > 0).Distinct().ToList();
        if (addresses.Count == 0 && vm.Text("guest.ipAddress") is { Length: > 0 } primary)
        {
            addresses.Add(primary);
        }

        var datacenter = index.DatacenterOf(vm.Obj);
        return new VsphereVm
        {
            Name = index.NameOf(vm.Obj),
            Path = index.PathOf(vm.Obj),
            Id = vm.Obj.Id,
            MoRef = vm.Obj.Value,
            PowerState = vm.Text("runtime.powerState") ?? "unknown",
            DiskUuidEnabled = ExtraConfig.IsTrue(setting),
            DiskUuidSetting = setting,
            BiosUuid = vm.Text("config.uuid"),
            InstanceUuid = vm.Text("config.instanceUuid"),
            HardwareVersion = vm.Text("config.version"),
            GuestHostName = vm.Text("guest.hostName"),
            IPAddresses = addresses,
            Host = vm.MoRef("runtime.host") is { } host ? index.NameOf(host) : null,
            Datastores = vm.MoRefs("datastore").Select(index.NameOf).ToList(),
            Datacenter = datacenter is { } dc ? index.NameOf(dc) : null,
            IsTemplate = vm.Text("config.template") == "true",
            Server = server,
        };
    }
}
