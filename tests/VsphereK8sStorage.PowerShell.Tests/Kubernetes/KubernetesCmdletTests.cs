using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests.Kubernetes;

/// <summary>
/// New-K8sPersistentVolume, New-K8sPersistentVolumeClaim, New-K8sStorageClass and Add-/Remove-K8sNodeTaint through
/// PowerShell's own parameter binding and pipeline, against the real API server: parameter sets chosen by the
/// properties of piped objects, error records, -Offline output that kubectl accepts. (-WhatIf and -Confirm are run
/// for each of them by CmdletConventionTests, from the cases in ShouldProcessCases.)
/// </summary>
public sealed class KubernetesCmdletTests : IClassFixture<ModuleSession>
{
    private const string ResultTypes = "VsphereK8sStorage.Kubernetes.";

    private readonly ModuleSession session;

    public KubernetesCmdletTests(ModuleSession session) => this.session = session;

    [SkippableFact]
    public void New_K8sPersistentVolume_creates_the_walkthrough_volume_and_a_re_run_is_Unchanged()
    {
        KubePeer.Require();
        var variables = KubePeer.Variables(("name", KubePeer.UniqueName("pv0001")), ("class", KubePeer.UniqueName("none")));
        const string script = "New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $name -Capacity 2Gi -AccessMode ReadWriteOnce -ReclaimPolicy Retain -VolumePath '[datastore1] volumes/myDisk' -FsType ext4 -StorageClassName $class";

        var first = session.Run(script, variables).AssertSucceeded();
        WaitAvailable((string)variables["name"]!);
        var second = session.Run(script, variables).AssertSucceeded();

        var created = Assert.Single(first.Output);
        Assert.Equal(ResultTypes + "PersistentVolumeResult", created.TypeNames[0]);
        Assert.Equal("Created", created.Properties["Outcome"].Value.ToString());
        Assert.Equal("vsphereVolume [datastore1] volumes/myDisk", created.Properties["Source"].Value);
        Assert.Equal("Unchanged", Assert.Single(second.Output).Properties["Outcome"].Value.ToString());
    }

    [SkippableFact]
    public void VolumePath_and_Capacity_bind_by_property_name_as_New_VsphereVmdk_writes_them()
    {
        KubePeer.Require();
        var variables = KubePeer.Variables(("name", KubePeer.UniqueName("vmdk")));

        var run = session.Run("[pscustomobject]@{ VolumePath = '[LocalDS_0] volumes/disk1.vmdk'; Capacity = '1Gi' } | New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $name", variables).AssertSucceeded();

        var volume = Assert.Single(run.Output);
        Assert.Equal("vsphereVolume [LocalDS_0] volumes/disk1.vmdk", volume.Properties["Source"].Value);
        Assert.Equal("1Gi", volume.Properties["Capacity"].Value);
    }

    [SkippableFact]
    public void VolumeHandle_binds_by_property_name_as_New_VsphereFcd_writes_it_and_picks_the_CSI_source()
    {
        KubePeer.Require();
        var variables = KubePeer.Variables(("name", KubePeer.UniqueName("fcd")));

        var run = session.Run("[pscustomobject]@{ VolumeHandle = '0c75d40e-7576-4fe7-8aaa-a92946e2805d' } | New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $name -Capacity 2Gi", variables).AssertSucceeded();

        Assert.Equal("csi csi.vsphere.vmware.com 0c75d40e-7576-4fe7-8aaa-a92946e2805d", Assert.Single(run.Output).Properties["Source"].Value);
    }

    [SkippableFact]
    public void A_datastores_Url_and_a_policys_name_bind_to_New_K8sStorageClass()
    {
        KubePeer.Require();
        var variables = KubePeer.Variables(("name", KubePeer.UniqueName("sc")));

        var run = session.Run("[pscustomobject]@{ Url = 'ds:///vmfs/volumes/5e2ef8b0-fe4bc9e0/'; PolicyName = 'Gold' } | New-K8sStorageClass -Kubeconfig $kubeconfig -Name $name", variables).AssertSucceeded();

        var parameters = (IDictionary)Assert.Single(run.Output).Properties["Parameters"].Value;
        Assert.Equal("ds:///vmfs/volumes/5e2ef8b0-fe4bc9e0/", parameters["datastoreurl"]);
        Assert.Equal("Gold", parameters["storagepolicyname"]);
    }

    [SkippableFact]
    public void A_claim_with_Wait_returns_once_the_controller_has_bound_it_with_progress_on_the_way()
    {
        KubePeer.Require();
        var variables = KubePeer.Variables(("volume", KubePeer.UniqueName("static")), ("label", KubePeer.UniqueName("id")));
        session.Run("New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $volume -Capacity 2Gi -VolumeHandle $label -Label @{ 'fcd-id' = $label }", variables).AssertSucceeded();

        var run = session.Run("New-K8sPersistentVolumeClaim -Kubeconfig $kubeconfig -Name $volume -Namespace default -Capacity 2Gi -StorageClassName '' -Selector \"fcd-id=$label\" -Wait -Timeout 60", variables).AssertSucceeded();

        var claim = Assert.Single(run.Output);
        Assert.Equal(ResultTypes + "PersistentVolumeClaimResult", claim.TypeNames[0]);
        Assert.Equal("Bound", claim.Properties["Status"].Value);
        Assert.Equal(variables["volume"], claim.Properties["Volume"].Value);
        Assert.Contains(run.Progress, p => p.Activity.Contains("to become Bound", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Node_names_from_the_pipeline_are_tainted_and_untainted()
    {
        KubePeer.Require();
        var nodes = new[] { KubePeer.UniqueName("node"), KubePeer.UniqueName("node") };
        foreach (var node in nodes)
        {
            KubePeer.Kubectl($"apiVersion: v1\nkind: Node\nmetadata:\n  name: {node}\n", "apply", "-f", "-");
        }

        var variables = KubePeer.Variables(("nodes", nodes));

        var added = session.Run("$nodes | Add-K8sNodeTaint -Kubeconfig $kubeconfig -Key node.cloudprovider.kubernetes.io/uninitialized -Value true -Effect NoSchedule", variables).AssertSucceeded();
        var removed = session.Run("$nodes | Remove-K8sNodeTaint -Kubeconfig $kubeconfig -Key node.cloudprovider.kubernetes.io/uninitialized", variables).AssertSucceeded();

        Assert.Equal(nodes, added.Output.Select(o => o.Properties["Node"].Value));
        Assert.All(added.Output, o => Assert.Equal(ResultTypes + "NodeTaintResult", o.TypeNames[0]));
        Assert.All(added.Output, o => Assert.Equal("Added", o.Properties["Outcome"].Value.ToString()));
        Assert.All(removed.Output, o => Assert.Equal("Removed", o.Properties["Outcome"].Value.ToString()));
    }

    public static TheoryData<string, string, string, bool, bool> TaintConfirmations => new()
    {
        // name, $ConfirmPreference, what follows the command, asked, tainted (the test host answers No)
        { "NoExecute evicts, so it asks at the default $ConfirmPreference", "High", "-Effect NoExecute", true, false },
        { "NoSchedule does not ask", "High", "-Effect NoSchedule", false, true },
        { "PreferNoSchedule does not ask", "High", "-Effect PreferNoSchedule", false, true },
        { "-Confirm:$false does not ask for NoExecute", "High", "-Effect NoExecute -Confirm:$false", false, true },
        { "$ConfirmPreference None does not ask", "None", "-Effect NoExecute", false, true },
        { "-WhatIf neither asks nor taints", "High", "-Effect NoExecute -WhatIf", false, false },
    };

    [SkippableTheory]
    [MemberData(nameof(TaintConfirmations))]
    public void Adding_a_NoExecute_taint_is_a_high_impact_change(string name, string preference, string rest, bool asked, bool tainted)
    {
        KubePeer.Require();
        var node = KubePeer.UniqueName("node");
        KubePeer.Kubectl($"apiVersion: v1\nkind: Node\nmetadata:\n  name: {node}\n", "apply", "-f", "-");
        var variables = KubePeer.Variables(("node", node));
        session.ConfirmAnswer = false;

        var run = session.Run($"& {{ $ConfirmPreference = '{preference}'; Add-K8sNodeTaint -Kubeconfig $kubeconfig -Node $node -Key example.com/drain -Value now {rest} }}", variables);
        var taints = KubePeer.Kubectl(null, "get", "node", node, "-o", "jsonpath={.spec.taints[*].key}").Out;

        Assert.True(asked == run.Prompts.Any(), $"{name}: prompts {string.Join(" | ", run.Prompts)}");
        Assert.True(tainted == taints.Contains("example.com/drain", StringComparison.Ordinal), $"{name}: taints '{taints}'");
        if (asked)
        {
            Assert.Contains(run.Prompts, p => p.Contains("evicts the pods that do not tolerate it", StringComparison.Ordinal));
        }
    }

    [SkippableFact]
    public void One_bad_item_is_an_error_record_naming_the_value_and_the_next_item_goes_on()
    {
        KubePeer.Require();
        var variables = KubePeer.Variables(("good", KubePeer.UniqueName("good")), ("bad", KubePeer.UniqueName("bad")));
        const string items = "@([pscustomobject]@{ VolumePath = '[ds] a.vmdk'; Capacity = '5GB'; Name = $bad }, [pscustomobject]@{ VolumePath = '[ds] b.vmdk'; Capacity = '1Gi'; Name = $good })";

        var run = session.Run(items + " | ForEach-Object { $_ | New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $_.Name }", variables);
        var stopped = session.Run(items + " | ForEach-Object { $_ | New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $_.Name -ErrorAction Stop }", variables);

        var error = run.AssertSingleError("InvalidCapacity,VsphereK8sStorage.PowerShell.Commands.NewK8sPersistentVolumeCommand", ErrorCategory.InvalidArgument, "5GB");
        Assert.Contains("Invalid capacity '5GB'", error.Exception.Message);
        Assert.Equal(variables["good"], Assert.Single(run.Output).Properties["Name"].Value);
        Assert.NotNull(stopped.Terminating);
        Assert.Equal("InvalidCapacity,VsphereK8sStorage.PowerShell.Commands.NewK8sPersistentVolumeCommand", stopped.Terminating!.FullyQualifiedErrorId);
        Assert.Empty(stopped.Output);
    }

    [SkippableFact]
    public void A_broken_kubeconfig_stops_the_command_naming_the_file()
    {
        KubePeer.Require();
        var file = Path.Combine(Path.GetTempPath(), KubePeer.UniqueName("broken") + ".kubeconfig");
        File.WriteAllText(file, "apiVersion: v1\nkind: Config\nclusters: [ {name: a\n  - : oops\n");
        try
        {
            var run = session.Run("'a', 'b' | Add-K8sNodeTaint -Kubeconfig $file -Key k -Effect NoSchedule", new Dictionary<string, object?> { ["file"] = file });

            // One error for two nodes: the first stopped the statement (a cmdlet's terminating error), the second never ran.
            var error = run.AssertSingleError("KubeconfigInvalid,VsphereK8sStorage.PowerShell.Commands.AddK8sNodeTaintCommand", ErrorCategory.InvalidData, file);
            Assert.StartsWith(file + ": ", error.Exception.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SkippableFact]
    public void Offline_output_is_yaml_that_kubectl_apply_dry_run_server_accepts()
    {
        KubePeer.Require();
        var variables = KubePeer.Variables(("name", KubePeer.UniqueName("offline")));

        var run = session.Run(string.Join("; ",
            "New-K8sStorageClass -Name $name -StoragePolicyName 'vSAN Default Storage Policy' -Offline",
            "New-K8sPersistentVolume -Name $name -Capacity 2Gi -VolumePath '[datastore1] volumes/myDisk' -FsType ext4 -StorageClassName $name -Offline",
            "New-K8sPersistentVolumeClaim -Name $name -Namespace default -Capacity 2Gi -StorageClassName $name -Offline"), variables).AssertSucceeded();

        Assert.Equal(3, run.Output.Count);
        Assert.All(run.Objects, o => Assert.StartsWith("---\napiVersion: ", Assert.IsType<string>(o), StringComparison.Ordinal));
        var (exit, output, error) = KubePeer.Kubectl(string.Concat(run.Objects.Cast<string>()), "apply", "--dry-run=server", "-f", "-");
        Assert.True(exit == 0, error);
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith("(server dry run)", StringComparison.Ordinal)));
    }


    // kubectl wait --for=jsonpath needs kubectl 1.23; this one is 1.20.
    private static void WaitAvailable(string volume)
    {
        for (var i = 0; i < 120 && KubePeer.Kubectl(null, "get", "pv", volume, "-o", "jsonpath={.status.phase}").Out != "Available"; i++)
        {
            System.Threading.Thread.Sleep(500);
        }
    }
}
