using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests.Kubernetes;

/// <summary>Get-PvcBinding -Kubeconfig through PowerShell, against the real API server and PV controller.</summary>
public sealed class LiveGetPvcBindingTests : IClassFixture<ModuleSession>
{
    private readonly ModuleSession session;

    public LiveGetPvcBindingTests(ModuleSession session) => this.session = session;

    [SkippableFact]
    public void Get_PvcBinding_Kubeconfig_shows_the_controllers_binding_and_a_Pending_claims_last_event()
    {
        KubePeer.Require();
        var ns = KubePeer.UniqueName("live");
        var variables = KubePeer.Variables(("ns", ns), ("pv", KubePeer.UniqueName("pv0001")), ("static", KubePeer.UniqueName("static")), ("sc", KubePeer.UniqueName("vsphere-sc")));
        Assert.Equal(0, KubePeer.Kubectl(null, "create", "namespace", ns).Exit);
        try
        {
            session.Run(
                "New-K8sStorageClass -Kubeconfig $kubeconfig -Name $sc | Out-Null; "
                + "New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $pv -Capacity 2Gi -VolumePath '[datastore1] volumes/myDisk' -StorageClassName $static | Out-Null; "
                + "New-K8sPersistentVolumeClaim -Kubeconfig $kubeconfig -Name pvc0001 -Namespace $ns -Capacity 2Gi -StorageClassName $static -Wait | Out-Null; "
                + "New-K8sPersistentVolumeClaim -Kubeconfig $kubeconfig -Name vsphere-pvc -Namespace $ns -Capacity 5Gi -StorageClassName $sc | Out-Null",
                variables).AssertSucceeded();

            // The controller posts its first event on the claim within a sync or two.
            PowerShellRun run;
            var attempts = 0;
            do
            {
                run = session.Run("Get-PvcBinding -Kubeconfig $kubeconfig -Namespace $ns", variables).AssertSucceeded();
                Thread.Sleep(attempts++ == 0 ? 0 : 500);
            }
            while (attempts < 120 && run.Output.All(o => o.Properties["LastEvent"].Value is null));
            var named = session.Run("Get-PvcBinding -Kubeconfig $kubeconfig -Namespace $ns -Name 'vsphere-*'", variables).AssertSucceeded();
            var list = session.Run("Get-PvcBinding -Kubeconfig $kubeconfig -Namespace $ns -Name vsphere-pvc | Format-List | Out-String -Width 250", variables).AssertSucceeded();

            Assert.All(run.Output, o => Assert.Equal("VsphereK8sStorage.Binding.PvcBinding", o.TypeNames[0]));
            var bound = Assert.Single(run.Output, o => (string)o.Properties["Name"].Value == "pvc0001");
            var pending = Assert.Single(run.Output, o => (string)o.Properties["Name"].Value == "vsphere-pvc");
            Assert.Equal(("Bound", variables["pv"]), (bound.Properties["Phase"].Value.ToString(), bound.Properties["Volume"].Value));
            Assert.Equal(("Pending", "ExternalProvisioning"), (pending.Properties["Phase"].Value.ToString(), pending.Properties["ReasonCode"].Value.ToString()));
            var lastEvent = PSObject.AsPSObject(pending.Properties["LastEvent"].Value);
            Assert.Equal("ExternalProvisioning", lastEvent.Properties["Reason"].Value);
            Assert.Contains("csi.vsphere.vmware.com", (string)lastEvent.Properties["Message"].Value, StringComparison.Ordinal);
            Assert.Contains(run.Warnings, w => w.Message.StartsWith("The cluster runs Kubernetes v1.20", StringComparison.Ordinal));
            Assert.Equal(new object[] { "vsphere-pvc" }, named.Output.Select(o => o.Properties["Name"].Value));

            // Format-List puts the cluster's own event beside the one the plan predicts, each on one line.
            var text = string.Concat(list.Output.Select(o => o.BaseObject as string));
            Assert.Matches(@"(?m)^Event\s+: ExternalProvisioning: .*csi\.vsphere\.vmware\.com", text);
            Assert.Matches(@"(?m)^LastEvent\s+: ExternalProvisioning: .*csi\.vsphere\.vmware\.com", text);
        }
        finally
        {
            KubePeer.Kubectl(null, "delete", "namespace", ns, "--wait=false");
            KubePeer.Kubectl(null, "delete", "pv", (string)variables["pv"]!, "--wait=false");
            KubePeer.Kubectl(null, "delete", "storageclass", (string)variables["sc"]!, "--wait=false");
        }
    }
}
