using VsphereK8sStorage.Operations.Vsphere;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// Gathers VM names, paths and ids across pipeline records: the VM cmdlets decide once, on one read, at
/// the end of the pipeline rather than per record.
/// </summary>
internal sealed class VmSelectionBuilder
{
    private readonly List<string> patterns = new();
    private readonly List<string> ids = new();

    public bool IsEmpty => patterns.Count == 0 && ids.Count == 0;

    public void Add(IEnumerable<string>? names, IEnumerable<string>? vmIds)
    {
        patterns.AddRange(names ?? Enumerable.Empty<string>());
        ids.AddRange(vmIds ?? Enumerable.Empty<string>());
    }

    public VmSelection Build(IEnumerable<string>? folders, IEnumerable<string>? paths = null) => new()
    {
        Patterns = patterns.Concat(paths ?? Enumerable.Empty<string>()).ToList(),
        Ids = ids.ToList(),
        Folders = (folders ?? Enumerable.Empty<string>()).ToList(),
    };
}
