using System.Globalization;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Threading;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Operations.Vsphere;

/// <summary>
/// Enable-DiskUuid: sets disk.enableUUID=TRUE, which the vSphere CSI driver and in-tree plugin need to
/// find a node's disks by UUID.
/// </summary>
/// <remarks>
/// Design: one PropertyCollector read decides (VMs already on are reported with Changed=false and never
/// touched); the rest are asked about one by one (ShouldProcess) and changed with at most
/// <see cref="DiskUuidRequest.ThrottleLimit"/> VMs in progress. Each VM's reconfigure task is polled together with
/// the VM itself, so the read that sees the task finish also confirms what vCenter now holds, and the VM's result
/// is emitted at once. NeedsPowerCycle comes from vCenter: a VM whose boot time is the same after the change as
/// before it has not booted since; any other running VM is judged by its events (<see cref="PowerCycleCheck"/>).
/// A stop (Ctrl+C) starts nothing new, lets calls in flight finish for up to <see cref="GracefulStop.GracePeriod"/>,
/// and ends with a <see cref="RunInterruptedException"/> whose message names every VM changed; so does a failure
/// of the connection itself (it would fail every VM), after the VMs in flight have settled.
/// </remarks>
public static class EnableDiskUuid
{
    public const int DefaultThrottleLimit = 16;

    /// <summary>The most VMs in progress at once (the cmdlet's [ValidateRange] takes it too).</summary>
    public const int MaxThrottleLimit = 256;

    /// <summary>How many task reads in a row may find the session ended before the change counts as failed.</summary>
    private const int MaxUnauthenticatedReads = 10;
    public const string Activity = "Enabling disk UUIDs";
    public const string Action = "Set disk.enableUUID=TRUE";

    /// <summary>The error id of the summary that ends a run stopped early.</summary>
    public const string InterruptedId = "EnableDiskUuidInterrupted";

    /// <summary>What the summary says of changed VMs that still need a power cycle.</summary>
    public const string PowerCycleWords = "need a power cycle (off and on) before the guest sees disk UUIDs";

    private static readonly KeyValuePair<string, string>[] Setting = { new(ExtraConfig.DiskEnableUuid, ExtraConfig.Enabled) };

    private static readonly IReadOnlyList<PropertySpec> TaskAndVm = new[]
    {
        TaskInfoMo.Outcome,
        VirtualMachineMo.DiskUuidState,
    };

    /// <summary>Runs and returns every result, in selection order, once the run has ended.</summary>
    public static async Task<IReadOnlyList<DiskUuidResult>> RunAsync(DiskUuidRequest request, IOperationHost host, CancellationToken ct)
    {
        var results = new List<DiskUuidResult>();
        var order = await RunAsync(request, host, results.Add, ct).ConfigureAwait(false);
        return results.OrderBy(r => order.TryGetValue(r.Id, out var at) ? at : int.MaxValue).ToList();
    }

    /// <summary>
    /// Runs and hands each VM's result to <paramref name="emit"/> as soon as it is known (one call at a time, from
    /// any thread). Returns each selected VM's position in the selection, for callers that want that order.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> RunAsync(DiskUuidRequest request, IOperationHost host, Action<DiskUuidResult> emit, CancellationToken ct)
    {
        Check(request.Selection, request.ThrottleLimit);
        host = new SerializedHost(host);
        var connection = request.Connection;
        var relogins = connection.Relogins;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (vms, _) = await ReadSelectionAsync(request, host, ct).ConfigureAwait(false);
        host.WriteDebug($"Read and selected {vms.Count} VMs in {clock.ElapsedMilliseconds} ms.");
        var order = vms.Select((v, i) => (v.Vm.Id, i)).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var ledger = new RunLedger(vms.Count, "VM", "VMs");
        var emitter = new ResultEmitter<DiskUuidResult>(emit);
        var todo = vms.Count(v => !v.Vm.DiskUuidEnabled);
        host.WriteVerbose($"{vms.Count} VMs selected: {vms.Count - todo} already have disk.enableUUID on, {todo} to change.");

        using var stop = new GracefulStop(ct);
        Exception? failure = null;
        var done = 0;
        var verdicts = new PowerCycleTally();
        void Finished(DiskUuidResult? result, string name, ItemOutcome outcome)
        {
            if (result is not null)
            {
                emitter.Emit(result);
                verdicts.Add(name, result.NeedsPowerCycle);
            }

            ledger.Record(name, outcome, needsFollowUp: outcome == ItemOutcome.Changed && result?.NeedsPowerCycle == PowerCycleNeed.Yes);
            var finished = Interlocked.Increment(ref done);
            if (finished % 25 == 0 || finished == vms.Count)
            {
                host.WriteProgress(new ProgressReport(1, Activity, $"{finished} of {vms.Count} VMs done", 100 * finished / Math.Max(1, vms.Count)));
            }
        }

        void Fail(Exception error)
        {
            if (Interlocked.CompareExchange(ref failure, error, null) is null)
            {
                host.WriteDebug($"Stopping: {MessageText.OneLine(error.Message, 300)}");
            }
        }

        clock.Restart();
        await using (var starter = new BoundedStarter<VmState, bool>(request.ThrottleLimit, async (state, _) =>
        {
            await ProcessAsync(connection, state, host, stop, Finished, Fail).ConfigureAwait(false);
            return true;
        }))
        {
            var asked = 0;
            foreach (var state in vms)
            {
                if (ct.IsCancellationRequested || Volatile.Read(ref failure) is not null)
                {
                    break;
                }

                if (!state.Vm.DiskUuidEnabled)
                {
                    asked++;
                    if (!host.ShouldProcess(state.Vm.Path, Action))
                    {
                        continue;
                    }

                    if (asked % 25 == 0 || asked == todo)
                    {
                        host.WriteProgress(new ProgressReport(1, Activity, $"Started {asked} of {todo} reconfigurations", 100 * done / Math.Max(1, vms.Count)));
                    }
                }

                try
                {
                    await starter.StartAsync(state, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
            }

            await starter.CompleteAsync().ConfigureAwait(false);
        }

        host.WriteDebug($"Changed and confirmed in {clock.ElapsedMilliseconds} ms.");
        if (connection.Relogins > relogins)
        {
            host.WriteVerbose($"vCenter ended the session during the run; logged in again {connection.Relogins - relogins} time(s) and carried on.");
        }

        if (ct.IsCancellationRequested || failure is not null)
        {
            throw ledger.Interrupted(InterruptedId, cancelled: failure is null, failure, PowerCycleWords);
        }

        host.WriteProgress(new ProgressReport(1, Activity, "Done", 100, Completed: true));
        verdicts.Report(host);
        return order;
    }

    /// <summary>
    /// Refuses what Enable-DiskUuid never does: change every VM because none was named, or run with a throttle
    /// limit outside 1..<see cref="MaxThrottleLimit"/>. <see cref="RunAsync(DiskUuidRequest, IOperationHost, CancellationToken)"/>
    /// checks it; the cmdlet also calls it before connecting, so a one-shot connection is not opened for nothing.
    /// </summary>
    public static void Check(VmSelection selection, int throttleLimit)
    {
        if (selection.SelectsAll)
        {
            throw new InvalidParameterException(
                "EnableDiskUuidNoVm", "VM",
                $"Say which VMs to change: {Param.Name("VM")} (names, paths, wildcards; {Param.Name("VM")} '*' for all), {Param.Name("Id")} or {Param.Name("Folder")}.");
        }

        if (throttleLimit is < 1 or > MaxThrottleLimit)
        {
            throw new InvalidParameterException(
                "EnableDiskUuidThrottleLimit", "ThrottleLimit",
                $"{Param.Name("ThrottleLimit")} must be between 1 and {MaxThrottleLimit} (got {throttleLimit}).", throttleLimit);
        }
    }

    /// <summary>A selected VM with the boot time read alongside it.</summary>
    internal sealed record VmState(VsphereVm Vm, DateTimeOffset? BootTime);

    internal static async Task<(IReadOnlyList<VmState> Vms, InventoryIndex Index)> ReadSelectionAsync(DiskUuidRequest request, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        host.WriteProgress(new ProgressReport(1, Activity, $"Reading the virtual machines of {connection.Name}", 0));
        var index = await VmReader.ReadAsync(connection, VmReader.DiskUuidProperties, ct).ConfigureAwait(false);
        var (selected, misses) = VmReader.Select(index, request.Selection, connection.Name);
        foreach (var miss in misses)
        {
            host.WriteError(miss);
        }

        return (selected.Select(vm => new VmState(VmReader.ToVm(index, vm, connection.Name), vm.BootTime)).ToList(), index);
    }

    /// <summary>The power-cycle verdict for a VM as read: from its boot time and, where that is not enough, its events.</summary>
    internal static async Task<(PowerCycleNeed Need, PowerCycleReason Reason, Exception? Error)> PowerCycleAsync(VsphereConnection connection, VsphereVm vm, DateTimeOffset? bootTime, CancellationToken ct)
    {
        if (!PowerCycleCheck.NeedsEvents(vm.DiskUuidEnabled, vm.PowerState, bootTime))
        {
            var (need, reason) = PowerCycleCheck.Decide(vm.DiskUuidEnabled, vm.PowerState, bootTime, null);
            return (need, reason, null);
        }

        try
        {
            var change = await PowerCycleCheck.NewestChangeAsync(connection, new ManagedObjectReference(VirtualMachineMo.Type, vm.MoRef), ct).ConfigureAwait(false);
            var (need, reason) = PowerCycleCheck.Decide(vm.DiskUuidEnabled, vm.PowerState, bootTime, change);
            return (need, reason, null);
        }
        catch (VsphereFaultException ex)
        {
            return (PowerCycleNeed.Unknown, PowerCycleReason.EventsUnreadable, ex);
        }
    }

    private static async Task ProcessAsync(
        VsphereConnection connection, VmState state, IOperationHost host, GracefulStop stop,
        Action<DiskUuidResult?, string, ItemOutcome> finished, Action<Exception> fail)
    {
        var vm = state.Vm;
        var token = stop.InFlight;
        if (vm.DiskUuidEnabled)
        {
            try
            {
                var (need, reason, error) = await PowerCycleAsync(connection, vm, state.BootTime, token).ConfigureAwait(false);
                WarnUnreadable(vm, error, host);
                finished(Result(vm, changed: false, need, reason), vm.Name, ItemOutcome.Unchanged);
            }
            catch (Exception ex) when (ex is OperationCanceledException || RunLedger.StopsTheRun(ex))
            {
                // Nothing was going to change here; the VM counts as not attempted.
                fail(ex);
            }

            return;
        }

        var reference = new ManagedObjectReference(VirtualMachineMo.Type, vm.MoRef);
        ManagedObjectReference task;
        try
        {
            task = await VimMethods.ReconfigureExtraConfigAsync(connection.Soap, reference, Setting, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || RunLedger.StopsTheRun(ex))
        {
            fail(ex);
            finished(null, vm.Name, RunLedger.OutcomeOfFailedCall(ex));
            return;
        }
        catch (VsphereK8sException ex)
        {
            Failed(vm, "EnableDiskUuidFailed", $"Reconfiguring {vm.Path} failed: {ex.Message}", host, finished);
            return;
        }

        try
        {
            var delay = TimeSpan.FromMilliseconds(10);
            var unauthenticatedReads = 0;
            while (true)
            {
                var contents = await connection.PropertyCollector.RetrieveObjectsAsync(new[] { task, reference }, TaskAndVm, token).ConfigureAwait(false);
                var taskContent = contents.FirstOrDefault(c => c.Obj == task);
                var vmContent = contents.FirstOrDefault(c => c.Obj == reference);
                var outcome = taskContent is null ? null : TaskWaiter.Outcome(TaskInfoMo.From(taskContent));
                if (outcome is { Succeeded: false, Fault.Kind: VsphereFaultKind.NotAuthenticated } && unauthenticatedReads++ < MaxUnauthenticatedReads)
                {
                    // The session ended under this read (vcsim says so per object, not as a fault); another call of
                    // this run renews it, so read again rather than call the change failed.
                    outcome = null;
                }

                if (outcome is { Succeeded: false })
                {
                    Failed(vm, "EnableDiskUuidTaskFailed", $"The reconfigure task of {vm.Path} failed: {outcome.Fault}", host, finished);
                    return;
                }

                if (outcome is { Succeeded: true } && vmContent is not null)
                {
                    await Confirmed(connection, state, VirtualMachineMo.From(vmContent), host, finished, token).ConfigureAwait(false);
                    return;
                }

                await Task.Delay(delay, token).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 2));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || RunLedger.StopsTheRun(ex))
        {
            // vCenter accepted the reconfigure; whether it has been applied is not known.
            fail(ex);
            finished(null, vm.Name, ItemOutcome.InDoubt);
        }
        catch (VsphereK8sException ex)
        {
            Failed(vm, "EnableDiskUuidFailed", $"Confirming the change of {vm.Path} failed: {ex.Message}", host, finished);
        }
    }

    private static async Task Confirmed(VsphereConnection connection, VmState before, VirtualMachineMo now, IOperationHost host, Action<DiskUuidResult?, string, ItemOutcome> finished, CancellationToken token)
    {
        var setting = ExtraConfig.LastValue(now.ExtraConfigValues, ExtraConfig.DiskEnableUuid);
        var vm = before.Vm with { DiskUuidSetting = setting, DiskUuidEnabled = ExtraConfig.IsTrue(setting), PowerState = now.Power == VirtualMachinePowerState.Unknown ? before.Vm.PowerState : now.Power.ToWire() };
        if (!vm.DiskUuidEnabled)
        {
            Failed(vm, "EnableDiskUuidNotApplied", $"vCenter reported success for {vm.Path}, but disk.enableUUID reads '{setting}'.", host, finished);
            return;
        }

        var bootTime = now.BootTime;
        PowerCycleNeed need;
        PowerCycleReason reason;
        if (bootTime is not null && bootTime == before.BootTime && !string.Equals(vm.PowerState, "poweredOff", StringComparison.OrdinalIgnoreCase))
        {
            // The same boot before and after the change: the VM has not booted since, and this change is the newest.
            (need, reason) = (PowerCycleNeed.Yes, PowerCycleReason.NotBootedSinceChange);
        }
        else
        {
            Exception? error;
            (need, reason, error) = await PowerCycleAsync(connection, vm, bootTime, token).ConfigureAwait(false);
            WarnUnreadable(vm, error, host);
        }

        finished(Result(vm, changed: true, need, reason), vm.Name, ItemOutcome.Changed);
    }

    private static void Failed(VsphereVm vm, string id, string message, IOperationHost host, Action<DiskUuidResult?, string, ItemOutcome> finished)
    {
        host.WriteError(new VsphereK8sException(id, ErrorKind.InvalidOperation, message, vm.Path));
        var (need, reason) = PowerCycleCheck.Decide(vm.DiskUuidEnabled, vm.PowerState, null, null);
        finished(Result(vm, changed: false, need, reason) with { Error = message, ErrorId = id }, vm.Name, ItemOutcome.Failed);
    }

    private static void WarnUnreadable(VsphereVm vm, Exception? error, IOperationHost host)
    {
        if (error is not null)
        {
            host.WriteWarning($"Cannot tell whether {vm.Path} needs a power cycle: its events could not be read ({MessageText.OneLine(error.Message, 200)}).");
        }
    }

    internal static DiskUuidResult Result(VsphereVm vm, bool changed, PowerCycleNeed need, PowerCycleReason reason) => new()
    {
        Name = vm.Name,
        Path = vm.Path,
        Id = vm.Id,
        Changed = changed,
        Enabled = vm.DiskUuidEnabled,
        PowerState = vm.PowerState,
        NeedsPowerCycle = need,
        PowerCycleReason = reason,
        Server = vm.Server,
    };
}

/// <summary>The VMs whose power-cycle verdict is Yes or Unknown, collected as results finish, and the warning that names them.</summary>
internal sealed class PowerCycleTally
{
    private readonly object gate = new();
    private readonly List<string> yes = new();
    private readonly List<string> unknown = new();

    public void Add(string name, PowerCycleNeed need)
    {
        lock (gate)
        {
            (need == PowerCycleNeed.Yes ? yes : need == PowerCycleNeed.Unknown ? unknown : null)?.Add(name);
        }
    }

    public void Report(IOperationHost host)
    {
        if (yes.Count > 0)
        {
            host.WriteWarning($"{yes.Count} powered-on VM(s) have not been powered off and on since disk.enableUUID was set, and their guests see disk UUIDs only after that (a guest reboot is not enough): {Shown(yes)}. Their results have NeedsPowerCycle=Yes.");
        }

        if (unknown.Count > 0)
        {
            host.WriteWarning($"For {unknown.Count} running VM(s) vCenter does not say whether they have been powered off and on since disk.enableUUID was set (no reconfigure event that set it is retained, or no boot time): {Shown(unknown)}. Their results have NeedsPowerCycle=Unknown; power-cycle them to be sure.");
        }
    }

    private static string Shown(List<string> names)
    {
        var sorted = names.OrderBy(n => n, StringComparer.Ordinal).ToList();
        return string.Join(", ", sorted.Take(10)) + (sorted.Count > 10 ? $" and {(sorted.Count - 10).ToString(CultureInfo.InvariantCulture)} more" : string.Empty);
    }
}
