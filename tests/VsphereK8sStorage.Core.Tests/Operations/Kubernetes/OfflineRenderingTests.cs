using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Presentation;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Operations.Kubernetes;

/// <summary>
/// -Offline: what each New-K8s* command renders, against golden files (tests/fixtures/golden/kubernetes).
/// The Kubernetes integration tests hand every golden file to kubectl apply --dry-run=server, so what is
/// rendered is what a real API server accepts. Set VK8S_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change.
/// </summary>
public sealed class OfflineRenderingTests
{
    public static TheoryData<string> Cases => new(Renderings.Keys);

    private static readonly Dictionary<string, Func<Task<KubernetesObjectResult?>>> Renderings = new()
    {
        ["pv-vsphere-volume-walkthrough"] = async () => await NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest
        {
            Offline = true, Name = "pv0001", Capacity = "2Gi", AccessModes = new[] { "ReadWriteOnce" }, ReclaimPolicy = "Retain",
            VolumePath = "[datastore1] volumes/myDisk", FsType = "ext4",
        }, new RecordingHost(), CancellationToken.None),
        ["pv-csi-static"] = async () => await NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest
        {
            Offline = true, Name = "static-pv-name", Capacity = "2Gi", ReclaimPolicy = "Delete", FsType = "ext4",
            VolumeHandle = "0c75d40e-7576-4fe7-8aaa-a92946e2805d",
            Labels = new Dictionary<string, string> { ["fcd-id"] = "0c75d40e-7576-4fe7-8aaa-a92946e2805d" },
        }, new RecordingHost(), CancellationToken.None),
        ["pv-hostpath"] = async () => await NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest
        {
            Offline = true, Name = "dir-pv", Capacity = "1Gi", AccessModes = new[] { "ReadWriteMany", "ReadOnlyMany" }, StorageClassName = "standard",
            HostPath = "/mnt/data", HostPathType = "directoryorcreate", MountOptions = new[] { "ro" },
        }, new RecordingHost(), CancellationToken.None),
        ["pv-local"] = async () => await NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest
        {
            Offline = true, Name = "local-pv", Capacity = "10Gi", StorageClassName = "local-storage", VolumeMode = "filesystem",
            LocalPath = "/mnt/disks/ssd1", NodeAffinity = new[] { "kubernetes.io/hostname in (worker-1, worker-2)" },
        }, new RecordingHost(), CancellationToken.None),
        ["pv-nfs"] = async () => await NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest
        {
            Offline = true, Name = "nfs-pv", Capacity = "500Gi", AccessModes = new[] { "ReadWriteMany" }, ReclaimPolicy = "Recycle",
            NfsServer = "nfs.example.com", NfsPath = "/exports/share",
        }, new RecordingHost(), CancellationToken.None),
        ["pvc-walkthrough"] = async () => await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest
        {
            Offline = true, Name = "pvc0001", Capacity = "2Gi", AccessModes = new[] { "ReadWriteOnce" },
        }, new RecordingHost(), CancellationToken.None),
        ["pvc-no-class-with-selector"] = async () => await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest
        {
            Offline = true, Name = "static-pvc-name", Namespace = "default", Capacity = "2Gi", StorageClassName = string.Empty,
            Selector = "fcd-id=0c75d40e-7576-4fe7-8aaa-a92946e2805d,tier notin (bronze),!legacy",
        }, new RecordingHost(), CancellationToken.None),
        ["pvc-clone-block"] = async () => await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest
        {
            Offline = true, Name = "clone", Namespace = "apps", Capacity = "5Gi", StorageClassName = "vsphere-sc", VolumeMode = "Block",
            DataSourceClaim = "origin", Labels = new Dictionary<string, string> { ["app"] = "db" },
        }, new RecordingHost(), CancellationToken.None),
        ["sc-vsphere-csi-default"] = async () => await NewK8sStorageClass.RunAsync(new NewK8sStorageClassRequest
        {
            Offline = true, Name = "vsphere-sc", StoragePolicyName = "vSAN Default Storage Policy", Default = true,
        }, new RecordingHost(), CancellationToken.None),
        ["sc-datastore-wait-for-first-consumer"] = async () => await NewK8sStorageClass.RunAsync(new NewK8sStorageClassRequest
        {
            Offline = true, Name = "fast", DatastoreUrl = "ds:///vmfs/volumes/5e2ef8b0-fe4bc9e0-bf9b-005056a1f4a2/", FsType = "xfs",
            ReclaimPolicy = "Retain", VolumeBindingMode = "WaitForFirstConsumer", AllowVolumeExpansion = true,
        }, new RecordingHost(), CancellationToken.None),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Offline_rendering_matches_its_golden_file(string name)
    {
        var result = await Renderings[name]();
        var yaml = result!.ToManifest(ManifestFormat.Yaml);
        var golden = Path.Combine(AppContext.BaseDirectory, "fixtures", "golden", "kubernetes", name + ".yaml");
        if (Environment.GetEnvironmentVariable("VK8S_UPDATE_GOLDEN") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "fixtures", "golden", "kubernetes", name + ".yaml"));
            File.WriteAllText(source, yaml);
            return;
        }

        Assert.Equal(ApplyOutcome.Rendered, result.Outcome);
        Assert.True(File.Exists(golden), $"{golden} is missing; run with VK8S_UPDATE_GOLDEN=1 to write it, then review it.");
        Assert.Equal(File.ReadAllText(golden), yaml);
    }

    [Fact]
    public void The_golden_folder_holds_exactly_the_cases()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "golden", "kubernetes"), "*.yaml");

        Assert.Equal(new SortedSet<string>(Renderings.Keys), new SortedSet<string>(Array.ConvertAll(files, f => Path.GetFileNameWithoutExtension(f)!)));
    }

    [Fact]
    public async Task JSON_rendering_is_the_same_object()
    {
        var result = await Renderings["pv-vsphere-volume-walkthrough"]();

        using var json = System.Text.Json.JsonDocument.Parse(result!.ToManifest(ManifestFormat.Json));
        Assert.Equal("[datastore1] volumes/myDisk", json.RootElement.GetProperty("spec").GetProperty("vsphereVolume").GetProperty("volumePath").GetString());
        Assert.Equal("2Gi", json.RootElement.GetProperty("spec").GetProperty("capacity").GetProperty("storage").GetString());
    }
}
