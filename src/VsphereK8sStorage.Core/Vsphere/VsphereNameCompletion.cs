using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Managed;

namespace VsphereK8sStorage.Vsphere;

/// <summary>What a vSphere argument completer lists.</summary>
public enum VsphereNameKind
{
    VirtualMachine,
    Datastore,
    StoragePolicy,
}

/// <summary>
/// Names for tab completion from a connection: VMs and datastores by one PropertyCollector read of their names,
/// storage policies through SPBM. Never throws: a completer must not break the prompt, so a closed connection or
/// a slow vCenter (over <see cref="NameCompletion.Budget"/>) completes nothing.
/// </summary>
public static class VsphereNameCompletion
{
    public static IReadOnlyList<string> Names(IEnumerable<VsphereConnection> connections, VsphereNameKind kind, string? prefix)
    {
        var names = new List<string>();
        try
        {
            using var budget = new CancellationTokenSource(NameCompletion.Budget);
            foreach (var connection in connections.Where(c => c.IsConnected))
            {
                names.AddRange(ReadAsync(connection, kind, budget.Token).GetAwaiter().GetResult());
            }
        }
        catch (Exception ex) when (ex is VsphereK8sException or OperationCanceledException or System.IO.IOException or System.Net.Http.HttpRequestException)
        {
            // Whatever was read before the failure still completes.
        }

        // A name with a space completes quoted by PowerShell; wildcard characters are the host's to escape.
        return NameCompletion.Matching(names, prefix);
    }

    private static async System.Threading.Tasks.Task<IEnumerable<string>> ReadAsync(VsphereConnection connection, VsphereNameKind kind, CancellationToken ct)
    {
        if (kind == VsphereNameKind.StoragePolicy)
        {
            var policies = await GetVsphereStoragePolicy.RunAsync(new GetVsphereStoragePolicyRequest { Connection = connection }, SilentHost.Instance, ct).ConfigureAwait(false);
            return policies.Select(p => p.Name);
        }

        var type = kind == VsphereNameKind.VirtualMachine ? VirtualMachineMo.Type : DatastoreMo.Type;
        var index = await InventoryIndex.ReadAsync(connection, new[] { ManagedEntity.Naming(type) }, ct).ConfigureAwait(false);
        return index.OfType(type).Select(o => index.NameOf(o.Obj));
    }
}
