using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>Get-VsphereDatastore: datastores with type, URL (for StorageClasses), capacity, free space, hosts and cluster.</summary>
[Cmdlet(VerbsCommon.Get, "VsphereDatastore")]
[OutputType(typeof(VsphereDatastore))]
public sealed class GetVsphereDatastoreCommand : NameQueryCmdlet
{
    protected override async Task<IEnumerable> QueryAsync(VsphereConnection connection, IReadOnlyList<string> names, IOperationHost host, CancellationToken ct) =>
        await GetVsphereDatastore.RunAsync(new GetVsphereDatastoreRequest { Connection = connection, Names = names }, host, ct).ConfigureAwait(false);
}
