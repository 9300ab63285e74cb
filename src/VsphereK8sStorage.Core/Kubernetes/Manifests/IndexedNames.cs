namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>A fixed list of names with their positions, so a cache key can hold a number instead of a string.</summary>
internal sealed class IndexedNames
{
    private readonly string[] names;

    public IndexedNames(params string[] names) => this.names = names;

    public int Count => names.Length;

    public string this[int index] => names[index];

    public int IndexOf(string name)
    {
        var at = Array.IndexOf(names, name);
        return at >= 0 ? at : throw new ArgumentException($"'{name}' is not a known field name", nameof(name));
    }
}
