using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Property;

/// <summary>Which properties to read for one managed object type; paths are always explicit (never <c>all</c>).</summary>
internal sealed record PropertySpec(string Type, IReadOnlyList<string> Paths);

/// <summary>Follow a property from an object to others (ContainerView → its <c>view</c>).</summary>
internal sealed record TraversalSpec(string Name, string Type, string Path);

/// <summary>A starting object, optionally skipped itself and traversed.</summary>
internal sealed record ObjectSpec(ManagedObjectReference Obj, bool Skip = false, TraversalSpec? Traversal = null);

/// <summary>vim25's PropertyFilterSpec: the properties, the objects, and missing objects reported rather than failing the call.</summary>
internal sealed record PropertyFilterSpec(IReadOnlyList<PropertySpec> Properties, IReadOnlyList<ObjectSpec> Objects)
{
    /// <summary>The properties of every object of the given types that a ContainerView holds.</summary>
    public static PropertyFilterSpec ForView(ManagedObjectReference view, IReadOnlyList<PropertySpec> properties) =>
        new(properties, new[] { new ObjectSpec(view, Skip: true, new TraversalSpec("traverseView", "ContainerView", "view")) });

    /// <summary>The properties of the given objects.</summary>
    public static PropertyFilterSpec ForObjects(IEnumerable<ManagedObjectReference> objects, IReadOnlyList<PropertySpec> properties)
    {
        var specs = new List<ObjectSpec>();
        foreach (var obj in objects)
        {
            specs.Add(new ObjectSpec(obj));
        }

        return new PropertyFilterSpec(properties, specs);
    }

    public void Write(SoapBodyWriter writer, string elementName)
    {
        writer.Start(elementName);
        foreach (var property in Properties)
        {
            writer.Start("propSet").Value("type", property.Type).Value("all", false);
            foreach (var path in property.Paths)
            {
                writer.Value("pathSet", path);
            }

            writer.End();
        }

        foreach (var obj in Objects)
        {
            writer.Start("objectSet").MoRef("obj", obj.Obj).Value("skip", obj.Skip);
            if (obj.Traversal is { } traversal)
            {
                writer.Start("selectSet", "TraversalSpec")
                    .Value("name", traversal.Name)
                    .Value("type", traversal.Type)
                    .Value("path", traversal.Path)
                    .Value("skip", false)
                    .End();
            }

            writer.End();
        }

        writer.Value("reportMissingObjectsInResults", true);
        writer.End();
    }
}
