namespace VsphereK8sStorage.Operations.Vsphere;

/// <summary>
/// Which VMs a command is about: names or inventory paths with wildcards, MoRef ids (PowerCLI's
/// <c>VirtualMachine-vm-42</c> or <c>vm-42</c>), and folders (every VM below). Empty means every VM.
/// </summary>
public sealed record VmSelection
{
    /// <summary>Names (<c>k8s-*</c>) or inventory paths (<c>/DC0/vm/k8s/*</c>, anything starting with '/').</summary>
    public IReadOnlyList<string> Patterns { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Ids { get; init; } = Array.Empty<string>();

    /// <summary>Folder paths or names, with wildcards; every VM anywhere below them is selected.</summary>
    public IReadOnlyList<string> Folders { get; init; } = Array.Empty<string>();

    public bool SelectsAll => Patterns.Count == 0 && Ids.Count == 0 && Folders.Count == 0;
}
