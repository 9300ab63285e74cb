using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests.Vcsim;

/// <summary>
/// vk8s enable-disk-uuid cut short, as the user cut it: vCenter gone mid-run, and SIGINT. stdout holds the
/// rows (or JSON elements) finished before the stop, stderr ends with a summary naming every VM changed, and the
/// exit code says how the run ended. The simulator stays up behind a kill switch, so the summary is held to what it
/// really holds afterwards. vk8s runs as a process of its own (the published binary, or the JIT build through dotnet:
/// <see cref="Vk8s"/>), so the signal reaches it as it reaches a user's.
/// </summary>
[Trait("Peer", "vcsim")]
public sealed class Vk8sInterruptTests
{
    private static readonly string[] Rows = { "-vm", "200" }; // 400 VMs

    [SkippableFact]
    public void When_vCenter_goes_away_mid_run_the_finished_rows_are_printed_and_the_summary_names_every_VM_changed()
    {
        using var vcsim = VcsimPeer.Start(Rows);
        using var proxy = new TcpKillSwitch(vcsim.Url.Host, vcsim.Url.Port);

        var run = Run(proxy.Server, new[] { "enable-disk-uuid", "--vm", "*", "--throttle-limit", "4" }, afterLines: 21, proxy.Kill);

        var rows = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var changed = rows.Where(r => r[1] == "true").Select(r => r[0]).ToList();
        var summary = SummaryLine(run.Err);
        var enabled = EnabledOn(vcsim);
        Assert.True(run.Exit == 3, run.Err);
        Assert.StartsWith("NAME ", run.Out, StringComparison.Ordinal);
        Assert.True(changed.Count >= 20, run.Out);
        Assert.StartsWith("vk8s: Stopped by a failure (", summary, StringComparison.Ordinal);
        Assert.Contains($": {changed.Count} changed, ", summary, StringComparison.Ordinal);
        Assert.Contains(" not attempted", summary, StringComparison.Ordinal);
        Assert.All(changed, name => Assert.Contains(name, summary, StringComparison.Ordinal));
        Assert.Empty(changed.Except(enabled));
        Assert.All(enabled.Except(changed), name => Assert.Contains(name, summary[summary.IndexOf("In doubt", StringComparison.Ordinal)..], StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("SIGINT", 2, 130)]
    [InlineData("SIGTERM", 15, 143)]
    public void A_signal_mid_run_ends_with_valid_JSON_and_a_summary_naming_every_VM_it_changed(string name, int signal, int exitCode)
    {
        Skip.IfNot(RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX), "POSIX signals");
        using var vcsim = VcsimPeer.Start(Rows);
        Process? vk8s = null;

        var run = Run(vcsim.Server, new[] { "enable-disk-uuid", "--vm", "*", "--throttle-limit", "4", "-o", "json" }, afterLines: 40, () => Assert.Equal(0, Kill(vk8s!.Id, signal)), started: p => vk8s = p);

        var printed = JsonDocument.Parse(run.Out).RootElement.EnumerateArray().ToList(); // still one valid array
        var changed = printed.Where(e => e.GetProperty("changed").GetBoolean()).Select(e => e.GetProperty("name").GetString()!).ToList();
        var summary = SummaryLine(run.Err);
        var enabled = EnabledOn(vcsim);
        Assert.True(run.Exit == exitCode, $"{name}: exit {run.Exit}\n{run.Err}");
        Assert.InRange(printed.Count, 1, 399);
        Assert.StartsWith("vk8s: Interrupted after ", summary, StringComparison.Ordinal);
        Assert.Contains($": {changed.Count} changed, 0 failed, {400 - changed.Count} not attempted.", summary, StringComparison.Ordinal);
        Assert.Equal(enabled.OrderBy(n => n, StringComparer.Ordinal), changed.OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(enabled, name => Assert.Contains(name, summary, StringComparison.Ordinal));
        Assert.All(printed, e => Assert.Equal("Yes", e.GetProperty("needsPowerCycle").GetString()));
        Assert.Contains($"All {changed.Count} need a power cycle", summary, StringComparison.Ordinal);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static string SummaryLine(string stderr) =>
        stderr.Split('\n').LastOrDefault(l => l.StartsWith("vk8s: Stopped", StringComparison.Ordinal) || l.StartsWith("vk8s: Interrupted", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no summary on stderr:\n{stderr}");

    private static IReadOnlyList<string> EnabledOn(VcsimServer vcsim)
    {
        using var connection = vcsim.ConnectAsync().GetAwaiter().GetResult();
        return TestDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection }, SilentHost.Instance, CancellationToken.None).GetAwaiter().GetResult()
            .Where(s => s.Enabled).Select(s => s.Name).ToList();
    }

    /// <summary>Runs vk8s against <paramref name="server"/>; once it has printed <paramref name="afterLines"/> lines, runs <paramref name="interrupt"/>.</summary>
    private static (int Exit, string Out, string Err) Run(string server, string[] args, int afterLines, Action interrupt, Action<Process>? started = null)
    {
        var info = Vk8s.StartInfo(args);
        info.Environment.Remove("VSPHERE_SESSION");
        info.Environment["VSPHERE_SERVER"] = server;
        info.Environment["VSPHERE_USER"] = "user";
        info.Environment["VSPHERE_PASSWORD"] = "pass";
        info.Environment["VSPHERE_THUMBPRINT"] = VcsimServer.Thumbprint;
        info.Environment["VK8S_SESSION_CACHE"] = "off";
        using var process = Process.Start(info)!;
        started?.Invoke(process);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = new System.Text.StringBuilder();
        var lines = 0;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            stdout.Append(line).Append('\n');
            if (++lines == afterLines)
            {
                interrupt();
            }
        }

        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("vk8s did not end within two minutes of the interruption");
        }

        Assert.True(lines >= afterLines, $"vk8s ended before it was interrupted:\n{stdout}\n{stderr.Result}");
        return (process.ExitCode, stdout.ToString(), stderr.Result);
    }
}
