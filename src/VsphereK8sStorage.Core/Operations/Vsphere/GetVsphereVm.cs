using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;

namespace VsphereK8sStorage.Operations.Vsphere;

public sealed record GetVsphereVmRequest
{
    public required VsphereConnection Connection { get; init; }

    public VmSelection Selection { get; init; } = new();
}

/// <summary>Get-VsphereVm: the selected VMs with their identity, power, disk-UUID setting, host and datastores, from one read.</summary>
public static class GetVsphereVm
{
    public const string Activity = "Reading virtual machines";

    public static async Task<IReadOnlyList<VsphereVm>> RunAsync(GetVsphereVmRequest request, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        host.WriteProgress(new ProgressReport(1, Activity, $"Reading the inventory of {connection.Name}"));
        var before = connection.RoundTrips;
        var index = await VmReader.ReadAsync(connection, ct).ConfigureAwait(false);
        var (vms, misses) = VmReader.Select(index, request.Selection, connection.Name);
        var connecting = connection.ReusedCachedSession ? "the check of the kept session" : connection.CanRenewSession ? "the login" : "joining the session";
        host.WriteVerbose($"Read {index.OfType("VirtualMachine").Count()} virtual machines from {connection.Name} in {connection.RoundTrips - before} round trips ({connection.RoundTrips} with {connecting}); {vms.Count} selected.");
        foreach (var miss in misses)
        {
            host.WriteError(miss);
        }

        host.WriteProgress(new ProgressReport(1, Activity, "Done", 100, Completed: true));
        return vms.Select(vm => VmReader.ToVm(index, vm, connection.Name)).ToList();
    }
}
