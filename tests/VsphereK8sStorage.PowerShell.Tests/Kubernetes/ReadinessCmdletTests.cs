using System.Linq;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using VsphereK8sStorage.PowerShell.Tests.Vsphere;
using VsphereK8sStorage.TestSupport.Peers;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests.Kubernetes;

/// <summary>
/// Test-VsphereK8sReadiness through real parameter binding: its rows pipe into Enable-DiskUuid by VmId, and the
/// next check finds the setting on and says the running VM needs a power cycle. A simulator of its own (the fix
/// changes a VM) with one VM renamed after the Node object the
/// test creates, so the node is found by name (no kubelet reports a systemUUID here).
/// It joins the driver rollout collection: its control-plane node would change the replicas an install running
/// beside it counts.
/// </summary>
[Collection(DriverRolloutCollection.Name)]
public sealed class ReadinessCmdletTests : IClassFixture<ModuleSession>
{
    private readonly ModuleSession session;

    public ReadinessCmdletTests(ModuleSession session) => this.session = session;

    [SkippableFact]
    public void Failing_DiskUuid_rows_pipe_into_Enable_DiskUuid_and_the_next_check_asks_for_the_power_cycle()
    {
        KubePeer.Require(Vcsim.MissingReason);
        var node = KubePeer.UniqueName("ready");
        using var server = VcsimServer.Start(new[] { "-vm", "1", "-rename", $"DC0_H0_VM0={node}" }, Vcsim.User, Vcsim.Password);
        var created = KubePeer.Kubectl($"apiVersion: v1\nkind: Node\nmetadata:\n  name: {node}\n  labels:\n    node-role.kubernetes.io/control-plane: \"\"\n", "create", "-f", "-");
        Assert.True(created.Exit == 0, created.Err);
        try
        {
            var variables = Vcsim.Variables(server);
            foreach (var (name, value) in KubePeer.Variables(("node", node)))
            {
                variables[name] = value;
            }

            const string Check = "Test-VsphereK8sReadiness -Server $server -Credential $credential -Thumbprint $thumbprint -Kubeconfig $kubeconfig -Node $node -SkipVersionCheck";
            var before = session.Run(Check, variables).AssertSucceeded();
            var fixedRows = session.Run(Check + " | Where-Object { $_.Check -eq 'DiskUuid' -and $_.Status -eq 'Fail' } | Enable-DiskUuid -Server $server -Credential $credential -Thumbprint $thumbprint", variables).AssertSucceeded();
            var after = session.Run(Check, variables).AssertSucceeded();

            var failing = Assert.Single(before.Output, r => r.Properties["Check"].Value.ToString() == "DiskUuid");
            Assert.Equal("Fail", failing.Properties["Status"].Value.ToString());
            Assert.Equal(node, failing.Properties["VM"].Value);
            Assert.Contains("Enable-DiskUuid -Id VirtualMachine-", (string)failing.Properties["Fix"].Value);
            Assert.All(before.Output.Where(r => r.Properties["Check"].Value.ToString() is "CsiKubernetesVersion" or "CpiKubernetesVersion" or "VcenterVersion"), r => Assert.Equal("Skip", r.Properties["Status"].Value.ToString()));
            var result = Assert.Single(fixedRows.Output);
            Assert.Equal(node, result.Properties["Name"].Value);
            Assert.Equal(true, result.Properties["Changed"].Value);
            // The setting is on now, but the VM ran through the change: the row says it needs a power off and on.
            var afterRow = Assert.Single(after.Output, r => r.Properties["Check"].Value.ToString() == "DiskUuid");
            Assert.Equal("Fail", afterRow.Properties["Status"].Value.ToString());
            Assert.Contains("powered off and on", (string)afterRow.Properties["Detail"].Value);
        }
        finally
        {
            KubePeer.Kubectl(null, "delete", "node", node);
        }
    }
}
