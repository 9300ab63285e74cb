using System.Xml.Linq;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Vsphere.Inventory;

/// <summary>A virtual disk file a datastore search found: its path and size (0 where the server reports none).</summary>
internal sealed record DiskFile(string Path, long Bytes);

/// <summary>Reads datastore searches and the disks VMs have attached.</summary>
internal static class DiskFileReader
{
    /// <summary>The properties that say which disk files each VM has attached.</summary>
    public static readonly PropertySpec VmDisks = new("VirtualMachine", new[] { "name", "config.hardware.device" });

    /// <summary>
    /// The disk files in a SearchDatastoreSubFolders result (one entry per folder, sub-folders included). The size is
    /// the disk's capacity where the server gives it, else the file's size; the simulator gives neither (0).
    /// </summary>
    public static IReadOnlyList<DiskFile> Files(XElement? result)
    {
        var files = new List<DiskFile>();
        foreach (var folder in result?.Elements() ?? Enumerable.Empty<XElement>())
        {
            var folderPath = (folder.ChildText("folderPath") ?? string.Empty).TrimEnd('/');
            foreach (var file in folder.Children("file"))
            {
                var name = file.ChildText("path") ?? string.Empty;
                if (!name.EndsWith(".vmdk", StringComparison.OrdinalIgnoreCase) || name.EndsWith("-flat.vmdk", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var capacityKb = file.ChildLong("capacityKb") ?? 0;
                var bytes = capacityKb > 0 && capacityKb < long.MaxValue / 1024 ? capacityKb * 1024 : Math.Max(0, file.ChildLong("fileSize") ?? 0);
                var separator = folderPath.EndsWith("]", StringComparison.Ordinal) ? " " : "/";
                files.Add(new DiskFile(MessageText.Printable(folderPath + separator + name, 1000), bytes));
            }
        }

        return files;
    }

    /// <summary>Every disk file attached to a VM, with the names of the VMs that have it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Attached(InventoryIndex index)
    {
        var attached = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var vm in index.OfType("VirtualMachine"))
        {
            foreach (var device in vm.Items("config.hardware.device").Where(d => d.XsiType() == "VirtualDisk"))
            {
                if (device.Child("backing")?.ChildText("fileName") is { Length: > 0 } file)
                {
                    var path = StorageMap.StorageMapBuilder.Normalize(file);
                    if (!attached.TryGetValue(path, out var vms))
                    {
                        attached[path] = vms = new List<string>();
                    }

                    vms.Add(index.NameOf(vm.Obj));
                }
            }
        }

        return attached.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }
}
