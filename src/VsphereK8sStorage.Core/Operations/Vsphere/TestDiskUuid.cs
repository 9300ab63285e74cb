using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Threading;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Operations.Vsphere;

/// <summary>
/// Test-DiskUuid: whether disk.enableUUID is on for the selected VMs, and whether each still needs a power cycle
/// (decided from vCenter as Enable-DiskUuid decides it). One read, then the events of the running VMs that have it
/// on, at most <see cref="EnableDiskUuid.DefaultThrottleLimit"/> at once; changes nothing.
/// </summary>
public static class TestDiskUuid
{
    /// <summary>Runs and returns every VM's status, in selection order.</summary>
    public static async Task<IReadOnlyList<DiskUuidStatus>> RunAsync(DiskUuidRequest request, IOperationHost host, CancellationToken ct)
    {
        var results = new List<DiskUuidStatus>();
        var order = await RunAsync(request, host, results.Add, ct).ConfigureAwait(false);
        return results.OrderBy(r => order.TryGetValue(r.Id, out var at) ? at : int.MaxValue).ToList();
    }

    /// <summary>Hands each VM's status to <paramref name="emit"/> as soon as it is known; returns the selection order.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> RunAsync(DiskUuidRequest request, IOperationHost host, Action<DiskUuidStatus> emit, CancellationToken ct)
    {
        host = new SerializedHost(host);
        var connection = request.Connection;
        var (vms, _) = await EnableDiskUuid.ReadSelectionAsync(request, host, ct).ConfigureAwait(false);
        var order = vms.Select((v, i) => (v.Vm.Id, i)).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var emitter = new ResultEmitter<DiskUuidStatus>(emit);
        var verdicts = new PowerCycleTally();
        await using (var starter = new BoundedStarter<EnableDiskUuid.VmState, bool>(EnableDiskUuid.DefaultThrottleLimit, async (state, token) =>
        {
            var vm = state.Vm;
            var (need, reason, error) = await EnableDiskUuid.PowerCycleAsync(connection, vm, state.BootTime, token).ConfigureAwait(false);
            if (error is not null)
            {
                host.WriteWarning($"Cannot tell whether {vm.Path} needs a power cycle: its events could not be read ({Text.MessageText.OneLine(error.Message, 200)}).");
            }

            emitter.Emit(new DiskUuidStatus
            {
                Name = vm.Name,
                Path = vm.Path,
                Id = vm.Id,
                Enabled = vm.DiskUuidEnabled,
                PowerState = vm.PowerState,
                NeedsPowerCycle = need,
                PowerCycleReason = reason,
                Server = vm.Server,
            });
            verdicts.Add(vm.Name, need);
            return true;
        }))
        {
            foreach (var state in vms)
            {
                await starter.StartAsync(state, ct).ConfigureAwait(false);
            }

            var outcomes = await starter.CompleteAsync().ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            if (outcomes.FirstOrDefault(o => o.Error is not null).Error is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }

        verdicts.Report(host);
        return order;
    }
}
