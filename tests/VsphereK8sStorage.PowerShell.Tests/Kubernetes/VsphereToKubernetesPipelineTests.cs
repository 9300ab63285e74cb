using System;
using System.Collections;
using System.Linq;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using VsphereK8sStorage.PowerShell.Tests.Vsphere;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.PowerShell.Tests.Kubernetes;

/// <summary>
/// The seed guides as one pipeline: disks and storage policies made or read in vSphere (the simulator) flow into the
/// Kubernetes cmdlets by property name, and the objects they write are accepted by the real API server.
/// </summary>
public sealed class VsphereToKubernetesPipelineTests : IClassFixture<ModuleSession>
{
    private readonly ModuleSession session;

    public VsphereToKubernetesPipelineTests(ModuleSession session) => this.session = session;

    [SkippableFact]
    public void New_VsphereVmdk_pipes_into_New_K8sPersistentVolume_and_the_API_server_stores_the_volume()
    {
        KubePeer.Require(Vcsim.MissingReason);
        var variables = Vcsim.Variables(Vcsim.Shared);
        foreach (var (name, value) in KubePeer.Variables(("pv", KubePeer.UniqueName("vmdk")), ("path", $"[LocalDS_0] volumes/{KubePeer.UniqueName("disk")}.vmdk")))
        {
            variables[name] = value;
        }

        var run = session.Run("New-VsphereVmdk -Server $server -Credential $credential -Thumbprint $thumbprint -Path $path -Capacity 2Gi | New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $pv -FsType ext4 -StorageClassName ''", variables).AssertSucceeded();

        var volume = Assert.Single(run.Output);
        Assert.Equal("vsphereVolume " + variables["path"], volume.Properties["Source"].Value);
        Assert.Equal("2Gi", volume.Properties["Capacity"].Value);
        Assert.Equal("Created", volume.Properties["Outcome"].Value.ToString());
        Assert.Equal((string)variables["path"]!, KubePeer.Kubectl(null, "get", "pv", (string)variables["pv"]!, "-o", "jsonpath={.spec.vsphereVolume.volumePath}").Out);
    }

    [SkippableFact]
    public void New_VsphereFcd_pipes_into_New_K8sPersistentVolume_as_a_CSI_volume()
    {
        KubePeer.Require(Vcsim.MissingReason);
        var variables = Vcsim.Variables(Vcsim.Shared);
        foreach (var (name, value) in KubePeer.Variables(("pv", KubePeer.UniqueName("fcd")), ("disk", KubePeer.UniqueName("disk"))))
        {
            variables[name] = value;
        }

        var run = session.Run("New-VsphereFcd -Server $server -Credential $credential -Thumbprint $thumbprint -Name $disk -Capacity 1Gi -Datastore LocalDS_0 | New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $pv", variables).AssertSucceeded();

        var volume = Assert.Single(run.Output);
        Assert.StartsWith("csi csi.vsphere.vmware.com ", (string)volume.Properties["Source"].Value);
        Assert.Equal("1Gi", volume.Properties["Capacity"].Value);
    }

    [SkippableFact]
    public void A_datastore_and_a_storage_policy_pipe_into_New_K8sStorageClass()
    {
        KubePeer.Require(Vcsim.MissingReason);
        var variables = Vcsim.Variables(Vcsim.Shared);
        variables["sc"] = KubePeer.UniqueName("sc");

        var byDatastore = session.Run("Get-VsphereDatastore -Server $server -Credential $credential -Thumbprint $thumbprint -Name LocalDS_0 | New-K8sStorageClass -Name $sc -Offline -WarningAction SilentlyContinue", variables).AssertSucceeded();
        var byPolicy = session.Run("Get-VsphereStoragePolicy -Server $server -Credential $credential -Thumbprint $thumbprint | Select-Object -First 1 | New-K8sStorageClass -Name $sc -Offline", variables).AssertSucceeded();
        var policy = session.Run("(Get-VsphereStoragePolicy -Server $server -Credential $credential -Thumbprint $thumbprint | Select-Object -First 1).Name", variables).AssertSucceeded();

        Assert.Contains("datastoreurl: ", (string)Assert.Single(byDatastore.Objects));
        Assert.Contains($"storagepolicyname: {policy.Objects[0]}", (string)Assert.Single(byPolicy.Objects));
    }

    [SkippableFact]
    public void Get_VsphereK8sStorageMap_reads_the_cluster_it_is_given_and_finds_a_disk_no_volume_names()
    {
        KubePeer.Require(Vcsim.MissingReason);
        var variables = Vcsim.Variables(Vcsim.Shared);
        var folder = KubePeer.UniqueName("map");
        var path = $"[LocalDS_0] {folder}/orphan.vmdk";
        var page = System.IO.Path.Combine(System.IO.Path.GetTempPath(), folder + ".html");
        foreach (var (name, value) in KubePeer.Variables(("path", path), ("folder", $"[LocalDS_0] {folder}"), ("page", page)))
        {
            variables[name] = value;
        }

        try
        {
            var run = session.Run("$null = New-VsphereVmdk -Server $server -Credential $credential -Thumbprint $thumbprint -Path $path -Capacity 1Gi; Get-VsphereK8sStorageMap -Server $server -Credential $credential -Thumbprint $thumbprint -Kubeconfig $kubeconfig -ClusterId map-test -Folder $folder -Html $page", variables).AssertSucceeded();

            var row = Assert.Single(run.Output, r => (string?)r.Properties["Path"].Value == path);
            Assert.Equal("OrphanDisk", row.Properties["Status"].Value.ToString());
            Assert.Contains(folder + "/orphan.vmdk", System.IO.File.ReadAllText(page));
        }
        finally
        {
            System.IO.File.Delete(page);
        }
    }
}
