using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using VsphereK8sStorage.PowerShell.Tests.Vsphere;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests.Kubernetes;

/// <summary>
/// examples/rollout.ps1, the seed guide's day as one pipeline, run twice against a simulator of its own and the real
/// API server. The harness stands in for what is not here: no kubelet runs, so it creates the Node objects (named
/// after the simulator's VMs, which it renames) and runs the script with -NoWait (no pod ever becomes ready, so no
/// wait could end), and -Force and -SkipVersionCheck (the simulator is vCenter 6.5 with VMs at hardware version 13).
/// What it asserts is what the API server holds; that the drivers then run, initialise the nodes and provision the
/// claim cannot be tested here.
/// </summary>
[Collection(DriverRolloutCollection.Name)]
public sealed class RolloutRunbookTests : IClassFixture<ModuleSession>
{
    private readonly ModuleSession session;

    public RolloutRunbookTests(ModuleSession session) => this.session = session;

    [SkippableFact]
    public void The_runbook_rolls_out_then_re_runs_changing_nothing()
    {
        KubePeer.Require(Vcsim.MissingReason ?? InstallCmdletTests.MissingUpstream);
        var cp = KubePeer.UniqueName("rollout-cp");
        var worker = KubePeer.UniqueName("rollout-worker");
        using var server = VcsimServer.Start(new[] { "-vm", "1", "-rename", $"DC0_H0_VM0={cp}", "-rename", $"DC0_C0_RP0_VM0={worker}" }, Vcsim.User, Vcsim.Password);
        Console.WriteLine($"rollout harness: creating Node objects {cp} (control plane) and {worker}; no kubelet runs, so the runbook runs with -NoWait");
        foreach (var (node, controlPlane) in new[] { (cp, true), (worker, false) })
        {
            var labels = controlPlane ? "\n  labels:\n    node-role.kubernetes.io/control-plane: \"\"" : string.Empty;
            var made = KubePeer.Kubectl($"apiVersion: v1\nkind: Node\nmetadata:\n  name: {node}{labels}\n", "create", "-f", "-");
            Assert.True(made.Exit == 0, made.Err);
        }

        var variables = Vcsim.Variables(server);
        foreach (var (name, value) in KubePeer.Variables(
            ("script", Path.Combine(RepoPaths.Examples, "rollout.ps1")),
            ("cp", cp),
            ("worker", worker),
            ("cpi", InstallCmdletTests.Upstream("cloud-provider-vsphere", "v1.30-vsphere-cloud-controller-manager.yaml")),
            ("csi", InstallCmdletTests.Upstream("vsphere-csi-driver", "v3.3.1-vsphere-csi-driver.yaml"))))
        {
            variables[name] = value;
        }

        const string Run = "& $script -Server $server -Credential $credential -Thumbprint $thumbprint -Kubeconfig $kubeconfig -Folder /DC0/vm -Node $cp, $worker -CpiManifest $cpi -CsiManifest $csi -ClusterId runbook -StorageClass runbook-sc -Force -SkipVersionCheck -NoWait";
        try
        {
            var first = Single(session.Run(Run, variables).AssertSucceeded());
            var second = Single(session.Run(Run, variables).AssertSucceeded());

            // First run: disk UUIDs set, every driver object created; the second run changes nothing.
            Assert.Contains(Items(first, "DiskUuid"), d => (bool)d.Properties["Changed"].Value);
            Assert.All(Items(first, "Cpi").Concat(Items(first, "Csi")), r => Assert.Equal("Created", r.Properties["Action"].Value.ToString()));
            Assert.All(Items(second, "DiskUuid"), d => Assert.False((bool)d.Properties["Changed"].Value));
            Assert.All(Items(second, "Cpi").Concat(Items(second, "Csi")), r => Assert.Equal("Unchanged", r.Properties["Action"].Value.ToString()));
            Assert.Equal("Unchanged", PSObject.AsPSObject(second.Properties["StorageClass"].Value).Properties["Outcome"].Value.ToString());

            // What the API server holds: one controller replica for one control-plane node, the default class, the claim.
            var replicas = KubePeer.Kubectl(null, "--kubeconfig", KubePeer.Shared.AdminKubeconfig, "get", "deployment", "vsphere-csi-controller", "-n", "vmware-system-csi", "-o", "jsonpath={.spec.replicas}");
            Assert.Equal("1", replicas.Out);
            var isDefault = KubePeer.Kubectl(null, "--kubeconfig", KubePeer.Shared.AdminKubeconfig, "get", "storageclass", "runbook-sc", "-o", "jsonpath={.metadata.annotations.storageclass\\.kubernetes\\.io/is-default-class}");
            Assert.Equal("true", isDefault.Out);
            var binding = Assert.Single(Items(second, "Binding"));
            Assert.Equal("ExternalProvisioning", binding.Properties["ReasonCode"].Value.ToString());

            // Readiness after: the taint is in place, and no CPI runs here to set providerIDs (said, not hidden).
            Assert.Contains(Items(second, "After"), r => r.Properties["Check"].Value.ToString() == "ProviderId" && r.Properties["Node"].Value.ToString() == cp && r.Properties["Status"].Value.ToString() == "Fail");
        }
        finally
        {
            session.Run("Uninstall-VsphereCsi -Kubeconfig $kubeconfig -Force -Confirm:$false; Uninstall-VsphereCpi -Kubeconfig $kubeconfig -Confirm:$false", variables);
            KubePeer.Kubectl(null, "delete", "pvc", "vsphere-pvc", "-n", "default", "--ignore-not-found");
            KubePeer.Kubectl(null, "delete", "storageclass", "runbook-sc", "--ignore-not-found");
            KubePeer.Kubectl(null, "delete", "node", cp, worker, "--ignore-not-found");
        }
    }

    private static PSObject Single(PowerShellRun run) => Assert.Single(run.Output);

    private static IEnumerable<PSObject> Items(PSObject result, string step)
    {
        var value = result.Properties[step].Value;
        var items = (System.Collections.IEnumerable)(value is PSObject wrapped ? wrapped.BaseObject : value);
        return items.Cast<object>().Select(PSObject.AsPSObject).ToList();
    }
}
