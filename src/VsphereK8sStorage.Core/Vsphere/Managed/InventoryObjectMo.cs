using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Managed;

/// <summary>
/// What every inventory object read has, declared once for the typed views: the object, its <c>name</c> and its
/// <c>parent</c> (<see cref="ManagedEntity.Naming"/> asks for both), read from an <see cref="ObjectContent"/>.
/// </summary>
internal abstract record InventoryObjectMo
{
    protected InventoryObjectMo(ObjectContent content)
    {
        Self = content.Obj;
        Name = content.Text(ManagedEntity.Name);
        Parent = content.MoRef(ManagedEntity.Parent);
    }

    public ManagedObjectReference Self { get; init; }

    /// <summary>The name as vSphere stores it (null when the read did not ask for it).</summary>
    public string? Name { get; init; }

    /// <summary>The folder or other container that holds the object (null when not read, or at the root).</summary>
    public ManagedObjectReference? Parent { get; init; }
}
