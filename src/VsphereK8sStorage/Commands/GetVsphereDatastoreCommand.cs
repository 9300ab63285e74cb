using System.Collections;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Completers;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Get-VsphereDatastore: datastores with type, URL (for StorageClasses), capacity, free space, hosts and cluster;
/// with -VM (or VMs piped from Get-VsphereVm), the datastores those VMs use.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VsphereDatastore", DefaultParameterSetName = ParameterSets.Name, HelpUri = HelpLinks.Help + "Get-VsphereDatastore.md")]
[OutputType(typeof(VsphereDatastore))]
public sealed class GetVsphereDatastoreCommand : NameQueryCmdlet
{
    private readonly VmSelectionBuilder vms = new();

    public static class ParameterSets
    {
        public const string Name = "Name";
        public const string VM = "VM";
    }

    /// <summary>Names, with wildcards; everything when left out.</summary>
    [Parameter(Position = 0, ParameterSetName = ParameterSets.Name, ValueFromPipeline = true)]
    [ObjectName(nameof(Name), typeof(VsphereDatastore), Leaves = new[] { typeof(VsphereVm), typeof(DiskUuidResult) })]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VsphereNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only the datastores these VMs use: VM names or inventory paths (wildcards allowed), or VMs piped from Get-VsphereVm.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.VM, ValueFromPipeline = true)]
    [ObjectName(nameof(VM), typeof(VsphereVm), typeof(DiskUuidResult), Property = nameof(VsphereVm.Path), Leaves = new[] { typeof(VsphereDatastore) })]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VsphereNameCompleter))]
    public string[] VM { get; set; } = null!;

    protected override string[]? Names => Name;

    protected override bool HasOtherSelection => ParameterSetName == ParameterSets.VM;

    protected override void ProcessRecord()
    {
        base.ProcessRecord();
        if (ParameterSetName == ParameterSets.VM)
        {
            vms.Add(VM, null);
        }
    }

    protected override async Task<IEnumerable> QueryAsync(VsphereConnection connection, IReadOnlyList<string> names, IOperationHost host, CancellationToken ct) =>
        await GetVsphereDatastore.RunAsync(new GetVsphereDatastoreRequest { Connection = connection, Names = names, Vms = ParameterSetName == ParameterSets.VM ? vms.Build(null) : null }, host, ct).ConfigureAwait(false);
}
