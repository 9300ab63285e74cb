using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Inventory;

/// <summary>
/// The inventory tree from one PropertyCollector read: every object's name and parent, so inventory paths
/// (<c>/DC0/vm/k8s/node-1</c>) and datacenters are computed locally instead of a round trip per object.
/// </summary>
internal sealed class InventoryIndex
{
    /// <summary>
    /// The container types whose names make up paths. vCenter's ContainerView matches subtypes, vcsim's only
    /// the exact type, so subtypes (ClusterComputeResource) are named too.
    /// </summary>
    public static readonly IReadOnlyList<PropertySpec> Navigation = ManagedEntity.Navigation;

    private readonly ManagedObjectReference root;
    private readonly Dictionary<ManagedObjectReference, ObjectContent> objects = new();
    private readonly Dictionary<ManagedObjectReference, string> paths = new();

    public InventoryIndex(ManagedObjectReference root, IEnumerable<ObjectContent> contents)
    {
        this.root = root;
        foreach (var content in contents)
        {
            objects[content.Obj] = content;
        }
    }

    public int Count => objects.Count;

    /// <summary>
    /// Reads the navigation types plus <paramref name="extra"/> (the objects the caller is after) in one read. A caller
    /// that reads every VM asks <paramref name="inHalves"/>: the VMs then go out through a view of their own, in halves
    /// (see <see cref="PropertyCollector"/>), and the other types through a second view, at the same time.
    /// </summary>
    public static async System.Threading.Tasks.Task<InventoryIndex> ReadAsync(VsphereConnection connection, IEnumerable<PropertySpec> extra, System.Threading.CancellationToken ct, bool inHalves = false)
    {
        connection.EnsureConnected();
        var specs = Merge(Navigation.Concat(extra));
        var root = connection.Content.RootFolder;
        var contents = inHalves
            ? await connection.PropertyCollector.RetrieveContainerAsync(
                root,
                new (IReadOnlyList<PropertySpec>, bool)[]
                {
                    (specs.Where(s => s.Type == VirtualMachineMo.Type).ToList(), true),
                    (specs.Where(s => s.Type != VirtualMachineMo.Type).ToList(), false),
                },
                ct).ConfigureAwait(false)
            : await connection.PropertyCollector.RetrieveContainerAsync(root, specs, ct).ConfigureAwait(false);
        return new InventoryIndex(root, contents);
    }

    public ObjectContent? Get(ManagedObjectReference reference) => objects.TryGetValue(reference, out var content) ? content : null;

    public IEnumerable<ObjectContent> OfType(string type) => objects.Values.Where(o => o.Obj.Is(type));

    /// <summary>The virtual machines read, typed.</summary>
    public IEnumerable<VirtualMachineMo> VirtualMachines() => OfType(VirtualMachineMo.Type).Select(VirtualMachineMo.From);

    /// <summary>The datastores read, typed.</summary>
    public IEnumerable<DatastoreMo> Datastores() => OfType(DatastoreMo.Type).Select(DatastoreMo.From);

    /// <summary>The datastore <paramref name="reference"/> names, when the read holds it.</summary>
    public DatastoreMo? Datastore(ManagedObjectReference reference) =>
        reference.Is(DatastoreMo.Type) && Get(reference) is { } content ? DatastoreMo.From(content) : null;

    /// <summary>The name as people read it: vSphere stores '%', '/' and '\' in names as %25, %2f and %5c.</summary>
    public string NameOf(ManagedObjectReference reference) => DisplayName(RawName(reference));

    /// <summary>The inventory path, each segment as vSphere stores it (so a '/' inside a name stays %2f).</summary>
    public string PathOf(ManagedObjectReference reference)
    {
        if (paths.TryGetValue(reference, out var known))
        {
            return known;
        }

        var segments = new List<string>();
        var seen = new HashSet<ManagedObjectReference>();
        for (ManagedObjectReference? current = reference; current is { } c && c != root && seen.Add(c); current = Get(c)?.MoRef(ManagedEntity.Parent))
        {
            segments.Add(RawName(c));
        }

        segments.Reverse();
        var path = "/" + string.Join("/", segments);
        paths[reference] = path;
        return path;
    }

    /// <summary>The datacenter an object lives in, or null for objects outside one.</summary>
    public ManagedObjectReference? DatacenterOf(ManagedObjectReference reference)
    {
        var seen = new HashSet<ManagedObjectReference>();
        for (ManagedObjectReference? current = reference; current is { } c && seen.Add(c); current = Get(c)?.MoRef(ManagedEntity.Parent))
        {
            if (c.Is(ManagedEntity.Datacenter))
            {
                return c;
            }
        }

        return null;
    }

    public static string DisplayName(string raw) =>
        raw.Contains('%', StringComparison.Ordinal)
            ? raw.Replace("%2f", "/", StringComparison.OrdinalIgnoreCase).Replace("%5c", "\\", StringComparison.OrdinalIgnoreCase).Replace("%25", "%", StringComparison.Ordinal)
            : raw;

    /// <summary>One PropertySpec per type, with the union of the paths asked for it.</summary>
    public static IReadOnlyList<PropertySpec> Merge(IEnumerable<PropertySpec> specs) =>
        specs.GroupBy(s => s.Type, StringComparer.Ordinal)
            .Select(g => new PropertySpec(g.Key, g.SelectMany(s => s.Paths).Distinct(StringComparer.Ordinal).ToList()))
            .ToList();

    private string RawName(ManagedObjectReference reference) => Get(reference)?.Text(ManagedEntity.Name) ?? reference.Value;
}
