using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests.Vsphere;

/// <summary>
/// Enable-DiskUuid writes each VM's result to the pipeline as it finishes, so the next command sees finished ones
/// while the run goes on, and a stop mid-run (Ctrl+C) keeps what was written and says on the console what changed.
/// </summary>
public sealed class StreamingCmdletTests : IClassFixture<ModuleSession>
{
    private const string Connection = "-Server $server -Credential $credential -Thumbprint $thumbprint";

    private readonly ModuleSession session;

    public StreamingCmdletTests(ModuleSession session) => this.session = session;

    [SkippableFact]
    public void Stopping_Enable_DiskUuid_mid_run_keeps_the_objects_written_and_the_console_names_every_VM_changed()
    {
        VcsimPeer.Require();
        using var vcsim = VcsimServer.Start(new[] { "-vm", "200" }, Vcsim.User, Vcsim.Password); // 400 VMs
        using var output = new PSDataCollection<PSObject>();
        using var reached = new ManualResetEventSlim();
        output.DataAdded += (_, _) =>
        {
            if (output.Count >= 25)
            {
                reached.Set();
            }
        };

        var (shell, running) = session.Begin($"Enable-DiskUuid -VM * -ThrottleLimit 4 {Connection}", Vcsim.Variables(vcsim), output);
        using (shell)
        {
            Assert.True(reached.Wait(TimeSpan.FromMinutes(2)), "no 25 results arrived while the cmdlet ran");
            shell.Stop();
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        }

        var written = output.Select(o => (Name: (string)o.Properties["Name"].Value, Changed: (bool)o.Properties["Changed"].Value)).ToList();
        var summary = Assert.Single(session.HostLines, l => l.StartsWith("WARNING: Interrupted after ", StringComparison.Ordinal));
        var enabled = session.Run($"Test-DiskUuid {Connection} | Where-Object Enabled | ForEach-Object Name", Vcsim.Variables(vcsim)).AssertSucceeded().Objects.Cast<string>().ToList();
        Assert.InRange(written.Count, 25, 399);
        Assert.All(written, w => Assert.True(w.Changed, w.Name));
        Assert.Empty(written.Select(w => w.Name).Except(enabled)); // what was written is what vCenter holds
        Assert.Contains($": {enabled.Count} changed, 0 failed, {400 - enabled.Count} not attempted.", summary, StringComparison.Ordinal);
        Assert.All(enabled, name => Assert.Matches(System.Text.RegularExpressions.Regex.Escape(name) + "[,.]", summary));
    }
}
