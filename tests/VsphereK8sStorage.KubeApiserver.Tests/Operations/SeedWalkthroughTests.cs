using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Operations.Kubernetes;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.KubeApiserver.Tests.Operations;

/// <summary>
/// The seed guides, walked for real: the objects their YAML describes, made with the operations behind
/// New-K8sPersistentVolume and New-K8sPersistentVolumeClaim, bound by the real PV controller.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class SeedWalkthroughTests
{
    private readonly KubeControlPlane cluster;

    public SeedWalkthroughTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task Walkthrough_pv0001_with_a_vsphereVolume_and_pvc0001_are_bound_by_the_controller()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "walkthrough");
        // The seed's name with the scratch prefix: a bound volume outlives its delete until the controller drops
        // its pv-protection finalizer, and the dry-run test applies the golden "pv0001" itself.
        var pv0001 = scratch.Name("pv0001");
        scratch.Owns(Resources.PersistentVolume, pv0001);

        // vsphere-volume-pv.yaml
        var volume = await NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest
        {
            Session = scratch.Session,
            Name = pv0001,
            Capacity = "2Gi",
            AccessModes = new[] { "ReadWriteOnce" },
            ReclaimPolicy = "Retain",
            VolumePath = "[datastore1] volumes/myDisk",
            FsType = "ext4",
        }, scratch.Host, CancellationToken.None);

        // vsphere-volume-pvc.yaml, then wait as "kubectl describe pvc pvc0001" would show it: Bound, Volume pv0001.
        var claim = await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest
        {
            Session = scratch.Session,
            Name = "pvc0001",
            Namespace = scratch.Namespace,
            Capacity = "2Gi",
            AccessModes = new[] { "ReadWriteOnce" },
            Wait = true,
            Timeout = TimeSpan.FromSeconds(60),
        }, scratch.Host, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Created, volume!.Outcome);
        Assert.Contains(volume.Status, new[] { "Pending", "Available" }); // as the API server returned it, before the controller's first sync
        Assert.Equal("vsphereVolume [datastore1] volumes/myDisk", volume.Source);
        Assert.Equal(ApplyOutcome.Created, claim!.Outcome);
        Assert.Equal("Bound", claim.Status);
        Assert.Equal(pv0001, claim.Volume);
        Assert.Equal("2Gi", claim.Capacity);
        Assert.Contains(scratch.Host.Progress, p => p.Activity.Contains("to become Bound"));

        var stored = await scratch.Api.GetAsync(Resources.PersistentVolume, pv0001, null, CancellationToken.None);
        Assert.Equal("Bound", stored!.Status.Phase);
        Assert.Equal($"{scratch.Namespace}/pvc0001", $"{stored.Spec.ClaimRef.NamespaceProperty}/{stored.Spec.ClaimRef.Name}");
        Assert.Equal("Retain", stored.Spec.PersistentVolumeReclaimPolicy);
    }

    [SkippableFact]
    public async Task CSI_static_provisioning_gives_the_volume_the_driver_and_attributes_the_vSphere_CSI_driver_expects()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "csi-static");
        var name = scratch.Name("fcd");
        scratch.Owns(Resources.PersistentVolume, name);

        await NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest
        {
            Session = scratch.Session,
            Name = name,
            Capacity = "2Gi",
            VolumeHandle = "0c75d40e-7576-4fe7-8aaa-a92946e2805d",
            FsType = "ext4",
            Labels = new System.Collections.Generic.Dictionary<string, string> { ["fcd-id"] = "0c75d40e-7576-4fe7-8aaa-a92946e2805d" },
        }, scratch.Host, CancellationToken.None);
        var claim = await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest
        {
            Session = scratch.Session,
            Name = "static-pvc-name",
            Namespace = scratch.Namespace,
            Capacity = "2Gi",
            StorageClassName = string.Empty,
            Selector = "fcd-id=0c75d40e-7576-4fe7-8aaa-a92946e2805d",
            Wait = true,
        }, scratch.Host, CancellationToken.None);

        var stored = await scratch.Api.GetAsync(Resources.PersistentVolume, name, null, CancellationToken.None);
        Assert.Equal("csi.vsphere.vmware.com", stored!.Spec.Csi.Driver);
        Assert.Equal("0c75d40e-7576-4fe7-8aaa-a92946e2805d", stored.Spec.Csi.VolumeHandle);
        Assert.Equal("vSphere CNS Block Volume", stored.Spec.Csi.VolumeAttributes["type"]);
        Assert.Equal("csi.vsphere.vmware.com", stored.Metadata.Annotations["pv.kubernetes.io/provisioned-by"]);
        Assert.Equal(name, claim!.Volume);
        Assert.Equal(string.Empty, claim.StorageClass);
    }
}
