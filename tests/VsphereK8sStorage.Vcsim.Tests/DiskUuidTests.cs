using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Threading;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Vcsim.Tests;

/// <summary>Enable-DiskUuid and Test-DiskUuid against the simulator; each test changes VMs, so each has its own simulator.</summary>
public sealed class DiskUuidTests
{
    private static readonly VmSelection Everything = new() { Patterns = new[] { "*" } };

    [SkippableFact]
    public async Task Enables_every_selected_VM_once_and_a_re_run_changes_nothing()
    {
        using var vcsim = VcsimPeer.Start(new[] { "-vm", "50" });
        using var connection = await vcsim.ConnectAsync();
        var host = new RecordingHost();

        var first = await EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = Everything }, host, CancellationToken.None);
        var second = await EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = Everything }, new RecordingHost(), CancellationToken.None);
        var tested = await TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection }, new RecordingHost(), CancellationToken.None);

        Assert.Equal(100, first.Count);
        Assert.Equal(100, first.Select(r => r.Id).Distinct().Count());
        Assert.All(first, r => Assert.True(r.Changed && r.Enabled && r.NeedsPowerCycle == PowerCycleNeed.Yes && r.Error is null, r.Name));
        // Still running since the change: the re-run and the test say so too, from vCenter's events, not from memory.
        Assert.All(second, r => Assert.True(!r.Changed && r.Enabled && r.NeedsPowerCycle == PowerCycleNeed.Yes && r.PowerCycleReason == PowerCycleReason.NotBootedSinceChange, r.Name));
        Assert.All(tested, r => Assert.True(r.Enabled && r.NeedsPowerCycle == PowerCycleNeed.Yes, r.Name));
        Assert.Empty(host.Errors);
        Assert.Equal(100, host.ShouldProcessCalls.Count);
        Assert.All(host.ShouldProcessCalls, c => Assert.Equal((true, EnableDiskUuid.Action), (c.Target.StartsWith("/DC0/vm/", StringComparison.Ordinal), c.Action)));
        Assert.Contains(host.Warnings, w => w.StartsWith("100 powered-on VM(s) have not been powered off and on since disk.enableUUID was set", StringComparison.Ordinal));
        Assert.True(host.Progress.Last().Completed);
    }

    [SkippableFact]
    public async Task Declining_every_VM_changes_nothing_on_the_simulator()
    {
        using var vcsim = VcsimPeer.Start(new[] { "-vm", "5" });
        using var connection = await vcsim.ConnectAsync();
        var whatIf = new RecordingHost { ShouldProcessAnswer = false };

        var results = await EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = Everything }, whatIf, CancellationToken.None);
        var after = await TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection }, new RecordingHost(), CancellationToken.None);

        Assert.Equal(10, whatIf.ShouldProcessCalls.Count);
        Assert.Empty(results); // nothing was acted on, so nothing is reported
        Assert.All(after, r => Assert.False(r.Enabled, r.Name));
    }

    [SkippableFact]
    public async Task The_last_extraConfig_value_decides_on_the_simulator_too()
    {
        using var vcsim = VcsimPeer.Start(new[] { "-vm", "1", "-standalone-host", "0" });
        using var connection = await vcsim.ConnectAsync();
        var vm = (await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection }, new RecordingHost(), CancellationToken.None)).Single();
        var reference = new ManagedObjectReference("VirtualMachine", vm.MoRef);
        foreach (var value in new[] { "TRUE", "FALSE" })
        {
            var task = await VimMethods.ReconfigureExtraConfigAsync(connection.Soap, reference, new[] { new KeyValuePair<string, string>(ExtraConfig.DiskEnableUuid, value) }, CancellationToken.None);
            await TaskWaiter.WaitAsync(connection, task, "setting up", CancellationToken.None);
        }

        var before = Assert.Single(await TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection }, new RecordingHost(), CancellationToken.None));
        var enabled = Assert.Single(await EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = Everything }, new RecordingHost(), CancellationToken.None));

        Assert.False(before.Enabled); // TRUE then FALSE: FALSE counts
        Assert.True(enabled.Changed && enabled.Enabled);
    }

    /// <summary>
    /// The hardest case: 1,000 reconfigures in flight when a second session terminates ours. The run logs in
    /// again, replays what was refused, and reports each VM once: none twice, none lost.
    /// </summary>
    [SkippableFact]
    public async Task A_session_terminated_mid_run_is_renewed_and_every_VM_is_reported_once()
    {
        using var vcsim = VcsimPeer.Start(new[] { "-vm", "500" });
        using var connection = await vcsim.ConnectAsync();
        using var admin = await vcsim.ConnectAsync("admin", "other");
        var terminated = 0;
        var host = new ProgressHook(progress =>
        {
            if (progress.Status.StartsWith("Started", StringComparison.Ordinal) && progress.Status.Contains(" of ", StringComparison.Ordinal) && Interlocked.Exchange(ref terminated, 1) == 0)
            {
                // Synchronously, while up to ThrottleLimit reconfigure calls of ours are on the wire.
                VimMethods.TerminateSessionAsync(admin.Soap, admin.Content.SessionManager, new[] { connection.SessionKey }, CancellationToken.None).GetAwaiter().GetResult();
            }
        });

        var results = await EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = Everything, ThrottleLimit = 32 }, host, CancellationToken.None);
        var after = await TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection }, new RecordingHost(), CancellationToken.None);

        Assert.Equal(1, terminated);
        Assert.True(connection.Relogins >= 1, "the session was never renewed");
        Assert.Equal(1000, results.Count);
        Assert.Equal(1000, results.Select(r => r.Id).Distinct().Count());
        Assert.All(results, r => Assert.True(r.Changed && r.Enabled && r.Error is null, $"{r.Name}: {r.Error}"));
        Assert.Empty(host.Recorder.Errors);
        Assert.All(after, r => Assert.True(r.Enabled, r.Name));
        Assert.Contains(host.Recorder.Verbose, v => v.Contains("logged in again", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task One_reconfigure_in_flight_at_a_time_still_does_them_all()
    {
        using var vcsim = VcsimPeer.Start(new[] { "-vm", "5" });
        using var connection = await vcsim.ConnectAsync();

        var results = await EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = Everything, ThrottleLimit = 1 }, new RecordingHost(), CancellationToken.None);

        Assert.Equal(10, results.Count(r => r.Changed));
    }

    [SkippableFact]
    public async Task A_throttle_limit_below_one_is_refused()
    {
        using var vcsim = VcsimPeer.Start(new[] { "-vm", "1" });
        using var connection = await vcsim.ConnectAsync();

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = Everything, ThrottleLimit = 0 }, new RecordingHost(), CancellationToken.None));

        Assert.Equal("ThrottleLimit", error.ParameterName);
    }

    /// <summary>Records like <see cref="RecordingHost"/> and runs a hook on each progress report.</summary>
    private sealed class ProgressHook : IOperationHost
    {
        private readonly Action<ProgressReport> hook;

        public ProgressHook(Action<ProgressReport> hook) => this.hook = hook;

        public RecordingHost Recorder { get; } = new();

        public void WriteVerbose(string message) => Recorder.WriteVerbose(message);

        public void WriteDebug(string message) => Recorder.WriteDebug(message);

        public void WriteWarning(string message) => Recorder.WriteWarning(message);

        public void WriteError(VsphereK8sException error) => Recorder.WriteError(error);

        public void WriteProgress(ProgressReport progress)
        {
            Recorder.WriteProgress(progress);
            hook(progress);
        }

        public bool ShouldProcess(string target, string action) => Recorder.ShouldProcess(target, action);

        public bool ShouldContinue(string query, string caption) => Recorder.ShouldContinue(query, caption);
    }
}
