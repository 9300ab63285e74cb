using System.Collections;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Completers;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>Get-VsphereStoragePolicy: VM storage policies (SPBM) and the datastores compatible with each.</summary>
[Cmdlet(VerbsCommon.Get, "VsphereStoragePolicy", HelpUri = HelpLinks.Help + "Get-VsphereStoragePolicy.md")]
[OutputType(typeof(VsphereStoragePolicy))]
public sealed class GetVsphereStoragePolicyCommand : NameQueryCmdlet
{
    /// <summary>Names, with wildcards; everything when left out.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ObjectName(nameof(Name), typeof(VsphereStoragePolicy))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VsphereNameCompleter))]
    public string[]? Name { get; set; }

    protected override string[]? Names => Name;

    protected override async Task<IEnumerable> QueryAsync(VsphereConnection connection, IReadOnlyList<string> names, IOperationHost host, CancellationToken ct) =>
        await GetVsphereStoragePolicy.RunAsync(new GetVsphereStoragePolicyRequest { Connection = connection, Names = names }, host, ct).ConfigureAwait(false);
}
