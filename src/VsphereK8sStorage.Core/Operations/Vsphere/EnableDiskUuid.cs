using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Presentation;
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
/// touched); the rest are asked about one by one (ShouldProcess) and reconfigured with at most
/// <see cref="DiskUuidRequest.ThrottleLimit"/> calls in flight; all tasks are then waited on together;
/// one more read confirms what vCenter now holds. Every selected VM yields exactly one result, also when
/// the session ends mid-run (the round-trip stack logs in again and replays refused calls).
/// </remarks>
public static class EnableDiskUuid
{
    public const int DefaultThrottleLimit = 16;

    /// <summary>The most reconfigure calls in flight at once (the cmdlet's [ValidateRange] takes it too).</summary>
    public const int MaxThrottleLimit = 256;
    public const string Activity = "Enabling disk UUIDs";
    public const string Action = "Set disk.enableUUID=TRUE";

    private static readonly KeyValuePair<string, string>[] Setting = { new(ExtraConfig.DiskEnableUuid, ExtraConfig.Enabled) };

    public static async Task<IReadOnlyList<DiskUuidResult>> RunAsync(DiskUuidRequest request, IOperationHost host, CancellationToken ct)
    {
        Check(request.Selection, request.ThrottleLimit);

        var connection = request.Connection;
        var relogins = connection.Relogins;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (vms, _) = await ReadSelectionAsync(request, host, ct).ConfigureAwait(false);
        host.WriteDebug($"Read and selected {vms.Count} VMs in {clock.ElapsedMilliseconds} ms.");
        var results = new Dictionary<string, DiskUuidResult>(StringComparer.Ordinal);
        var todo = new List<VsphereVm>();
        foreach (var vm in vms)
        {
            if (vm.DiskUuidEnabled)
            {
                results[vm.Id] = Result(vm, changed: false);
            }
            else
            {
                todo.Add(vm);
            }
        }

        host.WriteVerbose($"{vms.Count} VMs selected: {results.Count} already have disk.enableUUID on, {todo.Count} to change.");
        clock.Restart();
        var started = await StartAllAsync(connection, todo, request.ThrottleLimit, host, ct).ConfigureAwait(false);
        host.WriteDebug($"Started {started.Count} reconfigure tasks in {clock.ElapsedMilliseconds} ms.");
        clock.Restart();
        var tasks = started.Where(s => s.Task is not null).Select(s => s.Task!.Value).ToList();
        host.WriteProgress(new ProgressReport(1, Activity, $"Waiting for {tasks.Count} reconfigure tasks", 50));
        var outcomes = await TaskWaiter.WaitAllAsync(connection, tasks, (done, total) =>
            host.WriteProgress(new ProgressReport(1, Activity, $"{done} of {total} reconfigure tasks finished", 50 + (total == 0 ? 50 : 40 * done / total))), ct).ConfigureAwait(false);

        host.WriteDebug($"Waited for {tasks.Count} tasks in {clock.ElapsedMilliseconds} ms.");
        clock.Restart();
        var failures = new Dictionary<string, (string Id, string Message)>(StringComparer.Ordinal);
        foreach (var (vm, task, error) in started)
        {
            if (error is not null)
            {
                failures[vm.Id] = ("EnableDiskUuidFailed", $"Reconfiguring {vm.Path} failed: {Describe(error)}");
            }
            else if (outcomes.TryGetValue(task!.Value, out var outcome) && !outcome.Succeeded)
            {
                failures[vm.Id] = ("EnableDiskUuidTaskFailed", $"The reconfigure task of {vm.Path} failed: {outcome.Fault}");
            }
        }

        // Read back what vCenter holds now, so Enabled is vCenter's word, not our hope.
        var changed = started.Where(s => s.Task is not null).Select(s => s.Vm).ToList();
        var now = changed.Count == 0
            ? new Dictionary<string, VsphereVm>()
            : await ReadBackAsync(connection, changed, host, ct).ConfigureAwait(false);
        foreach (var (vm, _, _) in started)
        {
            var current = now.TryGetValue(vm.Id, out var read) ? read : vm;
            failures.TryGetValue(vm.Id, out var failure);
            if (failure.Message is null && !current.DiskUuidEnabled)
            {
                failure = ("EnableDiskUuidNotApplied", $"vCenter reported success for {vm.Path}, but disk.enableUUID reads '{current.DiskUuidSetting}'.");
            }

            if (failure.Message is not null)
            {
                host.WriteError(new VsphereK8sException(failure.Id, ErrorKind.InvalidOperation, failure.Message, vm.Path));
            }

            results[vm.Id] = Result(current, changed: failure.Message is null) with { Error = failure.Message, ErrorId = failure.Id };
        }

        host.WriteDebug($"Confirmed the setting in {clock.ElapsedMilliseconds} ms.");
        ReportPowerCycles(results.Values, host);
        if (connection.Relogins > relogins)
        {
            host.WriteVerbose($"vCenter ended the session during the run; logged in again {connection.Relogins - relogins} time(s) and carried on.");
        }

        host.WriteProgress(new ProgressReport(1, Activity, "Done", 100, Completed: true));
        // A VM the user declined (-WhatIf, -Confirm) was not acted on and has no result, as PowerShell's cmdlets do.
        return vms.Where(vm => results.ContainsKey(vm.Id)).Select(vm => results[vm.Id]).ToList();
    }

    /// <summary>
    /// Refuses what Enable-DiskUuid never does: change every VM because none was named, or run with a throttle
    /// limit outside 1..<see cref="MaxThrottleLimit"/>. <see cref="RunAsync"/> checks it; the cmdlet also calls it
    /// before connecting, so a one-shot connection is not opened for nothing.
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

    internal static async Task<(IReadOnlyList<VsphereVm> Vms, InventoryIndex Index)> ReadSelectionAsync(DiskUuidRequest request, IOperationHost host, CancellationToken ct)
    {
        var connection = request.Connection;
        host.WriteProgress(new ProgressReport(1, Activity, $"Reading the virtual machines of {connection.Name}", 0));
        var index = await VmReader.ReadAsync(connection, VmReader.DiskUuidProperties, ct).ConfigureAwait(false);
        var (selected, misses) = VmReader.Select(index, request.Selection, connection.Name);
        foreach (var miss in misses)
        {
            host.WriteError(miss);
        }

        return (selected.Select(vm => VmReader.ToVm(index, vm, connection.Name)).ToList(), index);
    }

    internal static DiskUuidResult Result(VsphereVm vm, bool changed) => new()
    {
        Name = vm.Name,
        Path = vm.Path,
        Id = vm.Id,
        Changed = changed,
        Enabled = vm.DiskUuidEnabled,
        PowerState = vm.PowerState,
        NeedsPowerCycle = changed && VmReader.IsPoweredOn(vm),
        Server = vm.Server,
    };

    private static async Task<IReadOnlyList<(VsphereVm Vm, ManagedObjectReference? Task, Exception? Error)>> StartAllAsync(
        VsphereConnection connection, IReadOnlyList<VsphereVm> todo, int limit, IOperationHost host, CancellationToken ct)
    {
        await using var starter = new BoundedStarter<VsphereVm, ManagedObjectReference>(limit, (vm, token) =>
            VimMethods.ReconfigureExtraConfigAsync(connection.Soap, new ManagedObjectReference(VirtualMachineMo.Type, vm.MoRef), Setting, token));
        var asked = 0;
        foreach (var vm in todo)
        {
            asked++;
            if (!host.ShouldProcess(vm.Path, Action))
            {
                continue;
            }

            await starter.StartAsync(vm, ct).ConfigureAwait(false);
            if (asked % 25 == 0 || asked == todo.Count)
            {
                host.WriteProgress(new ProgressReport(1, Activity, $"Started {asked} of {todo.Count} reconfigurations", todo.Count == 0 ? 50 : 50 * asked / todo.Count));
            }
        }

        var outcomes = await starter.CompleteAsync().ConfigureAwait(false);
        return outcomes.Select(o => (o.Item, o.Error is null ? (ManagedObjectReference?)o.Result : null, o.Error)).ToList();
    }

    private static Task<IReadOnlyDictionary<string, VsphereVm>> ReadBackAsync(VsphereConnection connection, IReadOnlyList<VsphereVm> vms, IOperationHost host, CancellationToken ct)
    {
        host.WriteProgress(new ProgressReport(1, Activity, $"Confirming disk.enableUUID on {vms.Count} VMs", 95));
        return VmReader.ReadDiskUuidStateAsync(connection, vms, ct);
    }

    private static void ReportPowerCycles(IEnumerable<DiskUuidResult> results, IOperationHost host)
    {
        var cycle = results.Where(r => r.NeedsPowerCycle).Select(r => r.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (cycle.Count == 0)
        {
            return;
        }

        var shown = string.Join(", ", cycle.Take(10)) + (cycle.Count > 10 ? $" and {(cycle.Count - 10).ToString(CultureInfo.InvariantCulture)} more" : string.Empty);
        host.WriteWarning($"{cycle.Count} powered-on VM(s) take disk.enableUUID only after a power off and on (a guest reboot is not enough): {shown}. Their results have NeedsPowerCycle=True.");
    }

    private static string Describe(Exception error) => error switch
    {
        VsphereK8sException known => known.Message,
        OperationCanceledException => "cancelled",
        _ => MessageText.Printable(error.Message, 200),
    };
}
