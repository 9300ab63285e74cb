using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;

namespace VsphereK8sStorage.Operations.Vsphere;

public sealed record GetVsphereDatastoreRequest
{
    public required VsphereConnection Connection { get; init; }

    /// <summary>Names or inventory paths, with wildcards; empty means all.</summary>
    public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();

    /// <summary>Only the datastores the VMs so selected use (their <see cref="VsphereVm.Datastores"/>, in their datacenter); null means every datastore.</summary>
    public VmSelection? Vms { get; init; }
}

/// <summary>Get-VsphereDatastore: every datastore's type, URL, capacity, hosts and cluster, from one read.</summary>
public static class GetVsphereDatastore
{
    public static async Task<IReadOnlyList<VsphereDatastore>> RunAsync(GetVsphereDatastoreRequest request, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        var vms = request.Vms is { } selection
            ? await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection, Selection = selection }, host, ct).ConfigureAwait(false)
            : null;
        host.WriteVerbose($"Reading the datastores of {connection.Name}.");
        var index = await DatastoreReader.ReadAsync(connection, ct).ConfigureAwait(false);
        var chosen = DatastoreReader.Select(index, request.Names, host, connection.Name);
        return chosen.Select(d => DatastoreReader.ToDatastore(index, d, connection.Name))
            .Where(d => vms is null || vms.Any(vm => UsedBy(d, vm)))
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static bool UsedBy(VsphereDatastore datastore, VsphereVm vm) =>
        vm.Datastores.Contains(datastore.Name, StringComparer.Ordinal)
        && (vm.Datacenter is null || datastore.Datacenter is null || string.Equals(vm.Datacenter, datastore.Datacenter, StringComparison.Ordinal));
}
