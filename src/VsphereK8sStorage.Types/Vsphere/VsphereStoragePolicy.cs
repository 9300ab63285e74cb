using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Vsphere;

/// <summary>
/// A VM storage policy (SPBM requirement profile) and the datastores compatible with it. <see cref="Name"/> is
/// what a StorageClass's <c>storagepolicyname</c> takes (New-K8sStorageClass binds it as -StoragePolicyName).
/// </summary>
public sealed record VsphereStoragePolicy
{
    [TableColumn("NAME", 0)]
    public string Name { get; init; } = string.Empty;

    public string Id { get; init; } = string.Empty;

    public string? Description { get; init; }

    [TableColumn("COMPATIBLE DATASTORES", 1)]
    public IReadOnlyList<string> CompatibleDatastores { get; init; } = new List<string>();

    /// <summary>The compatible datastores' URLs, the values a StorageClass's <c>datastoreurl</c> takes.</summary>
    public IReadOnlyList<string> CompatibleDatastoreUrls { get; init; } = new List<string>();

    public string Server { get; init; } = string.Empty;

    /// <summary>The policy's name, so a string made of this object (a parameter, "$x") is its name, never the record text.</summary>
    public override string ToString() => Name;
}
