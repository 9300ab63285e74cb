using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;
using Xunit;

namespace VsphereK8sStorage.Vcsim.Tests;

/// <summary>
/// Nothing done goes unreported: Enable-DiskUuid hands over each VM's result as it finishes, and a run cut short
/// (the user stops it, or vCenter goes away) ends with a summary that names every VM it changed. The simulator
/// stays up behind a kill switch, so each test can hold the summary to what vCenter really holds afterwards.
/// </summary>
public sealed class InterruptedRunTests
{
    private static readonly VmSelection Everything = new() { Patterns = new[] { "*" } };

    [SkippableFact]
    public async Task Results_arrive_while_the_run_goes_on()
    {
        using var vcsim = VcsimPeer.Start(new[] { "-vm", "100" });
        using var connection = await vcsim.ConnectAsync();
        using var observer = await vcsim.ConnectAsync();
        var enabledWhenTheFirstArrived = -1;

        var results = new List<DiskUuidResult>();
        await EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = Everything, ThrottleLimit = 1 }, new RecordingHost(), result =>
        {
            if (results.Count == 0)
            {
                enabledWhenTheFirstArrived = EnabledOn(observer).Count;
            }

            results.Add(result);
        }, CancellationToken.None);

        Assert.Equal(200, results.Count);
        Assert.InRange(enabledWhenTheFirstArrived, 1, 199); // the first result came long before the last VM was changed
    }

    [SkippableFact]
    public async Task A_stop_mid_run_finishes_what_is_in_flight_and_names_every_VM_it_changed()
    {
        using var vcsim = VcsimPeer.Start(new[] { "-vm", "200" });
        using var connection = await vcsim.ConnectAsync();
        using var stop = new CancellationTokenSource();
        var emitted = new ConcurrentQueue<DiskUuidResult>();

        var error = await Assert.ThrowsAsync<RunInterruptedException>(() => EnableDiskUuid.RunAsync(
            new DiskUuidRequest { Connection = connection, Selection = Everything, ThrottleLimit = 4 }, new RecordingHost(), result =>
            {
                emitted.Enqueue(result);
                if (emitted.Count == 30)
                {
                    stop.Cancel();
                }
            }, stop.Token));

        var summary = error.Summary;
        var enabled = EnabledOn(connection);
        Assert.True(summary.Cancelled);
        Assert.Equal(Errors.ErrorKind.OperationStopped, error.Kind);
        Assert.Equal(EnableDiskUuid.InterruptedId, error.ErrorId);
        Assert.Empty(summary.InDoubt); // the simulator answered every call in flight
        Assert.Equal(Sorted(emitted.Where(r => r.Changed).Select(r => r.Name)), Sorted(summary.Changed));
        Assert.Equal(Sorted(enabled), Sorted(summary.Changed)); // exactly what vCenter holds: none missing, none invented
        Assert.True(summary.NotAttempted > 0, "the stop came after the run had finished");
        Assert.Equal(400, summary.Changed.Count + summary.NotAttempted + summary.Failed.Count + summary.Unchanged);
        Assert.Equal(Sorted(summary.Changed), Sorted(summary.NeedFollowUp)); // all were running: all need a power cycle
        Assert.StartsWith($"Interrupted after {summary.Changed.Count} of 400 VMs: {summary.Changed.Count} changed, 0 failed, {summary.NotAttempted} not attempted.", error.Message, StringComparison.Ordinal);
        Assert.All(summary.Changed, name => Assert.Contains(name, error.Message, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_stopped_delete_names_every_disk_it_deleted_and_leaves_the_rest()
    {
        using var vcsim = VcsimPeer.Start();
        using var connection = await vcsim.ConnectAsync();
        var disks = await NewVsphereFcd.RunAsync(new NewVsphereFcdRequest { Connection = connection, Disks = Enumerable.Range(0, 10).Select(i => new FcdSpec { Name = $"stop-{i}", Capacity = "1Gi", Datastore = "LocalDS_0" }).ToList() }, new RecordingHost(), CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var emitted = new List<VsphereDiskRemoval>();

        // No cluster is given, so -Force: the run is about what a stop leaves, not about the checks.
        var error = await Assert.ThrowsAsync<RunInterruptedException>(() => RemoveVsphereFcd.RunAsync(
            new RemoveVsphereDiskRequest { Connection = connection, Force = true, Disks = disks.Select(d => new DiskToRemove { Id = d.VolumeHandle }).ToList() }, new RecordingHost(), removed =>
            {
                emitted.Add(removed);
                if (emitted.Count == 3)
                {
                    stop.Cancel();
                }
            }, stop.Token));

        var left = (await GetVsphereFcd.RunAsync(new GetVsphereFcdRequest { Connection = connection }, new RecordingHost(), CancellationToken.None)).Select(d => d.VolumeHandle).ToList();
        Assert.Equal(RemoveVsphereFcd.InterruptedId, error.ErrorId);
        Assert.Equal(Sorted(emitted.Select(r => r.VolumeId!)), Sorted(error.Summary.Changed));
        Assert.Equal(Sorted(disks.Select(d => d.VolumeHandle).Except(left)), Sorted(error.Summary.Changed)); // exactly what vCenter no longer holds
        Assert.StartsWith("Interrupted after 3 of 10 disks: 3 deleted, 0 failed, 7 not attempted.", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task When_vCenter_goes_away_mid_run_the_summary_names_every_VM_changed_and_those_in_doubt()
    {
        using var vcsim = VcsimPeer.Start(new[] { "-vm", "200" });
        using var proxy = new TcpKillSwitch(vcsim.Url.Host, vcsim.Url.Port);
        using var connection = await VsphereConnection.ConnectAsync(vcsim.Options() with { Server = proxy.Server }, SilentHost.Instance, CancellationToken.None);
        using var observer = await vcsim.ConnectAsync();
        var emitted = new ConcurrentQueue<DiskUuidResult>();

        var error = await Assert.ThrowsAsync<RunInterruptedException>(() => EnableDiskUuid.RunAsync(
            new DiskUuidRequest { Connection = connection, Selection = Everything, ThrottleLimit = 8 }, new RecordingHost(), result =>
            {
                emitted.Enqueue(result);
                if (emitted.Count == 40)
                {
                    proxy.Kill();
                }
            }, CancellationToken.None));

        var summary = error.Summary;
        var enabled = EnabledOn(observer);
        Assert.False(summary.Cancelled);
        Assert.Equal(Errors.ErrorKind.ConnectionFailed, error.Kind);
        Assert.Equal(Sorted(emitted.Where(r => r.Changed).Select(r => r.Name)), Sorted(summary.Changed));
        Assert.Empty(summary.Changed.Except(enabled)); // every VM named changed is changed
        Assert.Empty(enabled.Except(summary.Changed).Except(summary.InDoubt)); // every VM changed is named, or named in doubt
        Assert.True(summary.NotAttempted > 0, "the connection broke after the run had finished");
        Assert.Equal(400, summary.Changed.Count + summary.InDoubt.Count + summary.NotAttempted + summary.Failed.Count + summary.Unchanged);
        Assert.StartsWith("Stopped by a failure (", error.Message, StringComparison.Ordinal);
        Assert.All(summary.Changed.Concat(summary.InDoubt), name => Assert.Contains(name, error.Message, StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> EnabledOn(VsphereConnection connection) =>
        TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection }, SilentHost.Instance, CancellationToken.None).GetAwaiter().GetResult()
            .Where(s => s.Enabled).Select(s => s.Name).ToList();

    private static string[] Sorted(IEnumerable<string> names) => names.OrderBy(n => n, StringComparer.Ordinal).ToArray();
}

/// <summary>NeedsPowerCycle decided from vCenter: the VM's boot time against its newest reconfigure event that set disk.enableUUID.</summary>
public sealed class PowerCycleTests
{
    private static readonly VmSelection Everything = new() { Patterns = new[] { "*" } };

    [SkippableFact]
    public async Task A_VM_powered_off_and_on_after_the_change_no_longer_needs_a_cycle_and_the_others_still_do()
    {
        using var vcsim = VcsimPeer.Start(new[] { "-vm", "4", "-standalone-host", "0" });
        using var connection = await vcsim.ConnectAsync();
        var enabled = await EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = Everything }, new RecordingHost(), CancellationToken.None);
        var (cycled, off) = (enabled[0], enabled[1]);

        await PowerAsync(connection, cycled, "PowerOffVM_Task");
        await PowerAsync(connection, cycled, "PowerOnVM_Task");
        await PowerAsync(connection, off, "PowerOffVM_Task");
        var host = new RecordingHost();
        var tested = (await TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection }, host, CancellationToken.None)).ToDictionary(s => s.Name);
        var rerun = (await EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = Everything }, new RecordingHost(), CancellationToken.None)).ToDictionary(r => r.Name);

        Assert.All(enabled, r => Assert.Equal(PowerCycleNeed.Yes, r.NeedsPowerCycle));
        Assert.Equal((PowerCycleNeed.No, PowerCycleReason.BootedSinceChange), (tested[cycled.Name].NeedsPowerCycle, tested[cycled.Name].PowerCycleReason));
        Assert.Equal((PowerCycleNeed.No, PowerCycleReason.PoweredOff), (tested[off.Name].NeedsPowerCycle, tested[off.Name].PowerCycleReason));
        Assert.All(tested.Values.Where(s => s.Name != cycled.Name && s.Name != off.Name), s => Assert.Equal((PowerCycleNeed.Yes, PowerCycleReason.NotBootedSinceChange), (s.NeedsPowerCycle, s.PowerCycleReason)));
        Assert.Equal(PowerCycleNeed.No, rerun[cycled.Name].NeedsPowerCycle);
        Assert.All(rerun.Values.Where(r => r.Name != cycled.Name && r.Name != off.Name), r => Assert.Equal(PowerCycleNeed.Yes, r.NeedsPowerCycle));
        Assert.Contains(host.Warnings, w => w.StartsWith("2 powered-on VM(s) have not been powered off and on since disk.enableUUID was set", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Without_a_retained_reconfigure_event_the_answer_is_Unknown_not_a_guess()
    {
        // vcsim keeps the newest 1,000 events of all; 1,001 other reconfigures push the change's event out.
        using var vcsim = VcsimPeer.Start(new[] { "-vm", "2", "-standalone-host", "0" });
        using var connection = await vcsim.ConnectAsync();
        var vms = await TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection }, new RecordingHost(), CancellationToken.None);
        var (changed, other) = (vms[0], vms[1]);
        await EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = new VmSelection { Patterns = new[] { changed.Name } } }, new RecordingHost(), CancellationToken.None);
        var noise = new[] { new KeyValuePair<string, string>("guestinfo.noise", "1") };
        for (var i = 0; i < 1001; i++)
        {
            var task = await VimMethods.ReconfigureExtraConfigAsync(connection.Soap, new ManagedObjectReference("VirtualMachine", MoRef(other.Id)), noise, CancellationToken.None);
            await TaskWaiter.WaitAsync(connection, task, "noise", CancellationToken.None);
        }

        var host = new RecordingHost();
        var status = (await TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection }, host, CancellationToken.None)).Single(s => s.Name == changed.Name);

        Assert.Equal((true, PowerCycleNeed.Unknown, PowerCycleReason.NoChangeEvent), (status.Enabled, status.NeedsPowerCycle, status.PowerCycleReason));
        Assert.Contains(host.Warnings, w => w.Contains("vCenter does not say whether", StringComparison.Ordinal) && w.Contains(changed.Name, StringComparison.Ordinal));
    }

    private static string MoRef(string id) => id.Substring(id.IndexOf("vm-", StringComparison.Ordinal));

    private static async Task PowerAsync(VsphereConnection connection, DiskUuidResult vm, string method)
    {
        var response = await connection.Soap.RoundTripAsync(new SoapRequest(method, new ManagedObjectReference("VirtualMachine", MoRef(vm.Id))), CancellationToken.None);
        await TaskWaiter.WaitAsync(connection, response.ChildMoRef("returnval")!.Value, method, CancellationToken.None);
    }
}
