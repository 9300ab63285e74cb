using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Operations.Kubernetes;

/// <summary>
/// What the New-K8s* and taint commands refuse before sending anything: each case names the parameter, the
/// error id and words of the message (which must hold the bad value). Rendered offline, so no cluster is involved.
/// </summary>
public sealed class InputValidationTests
{
    private static readonly NewK8sPersistentVolumeRequest Volume = new() { Offline = true, Name = "pv", Capacity = "1Gi", VolumePath = "[ds] volumes/a.vmdk" };
    private static readonly NewK8sPersistentVolumeClaimRequest Claim = new() { Offline = true, Name = "pvc", Capacity = "1Gi" };
    private static readonly NewK8sStorageClassRequest Class = new() { Offline = true, Name = "sc" };

    /// <summary>(case, parameter, error id, words)</summary>
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "pv name with upper case", "Name", "InvalidName", "Invalid PersistentVolume name 'My_PV': a lowercase RFC 1123 subdomain" },
        { "pv capacity in GB", "Capacity", "InvalidCapacity", "'5GB'" },
        { "pv capacity negative", "Capacity", "InvalidCapacity", "'-1Gi'" },
        { "pv capacity zero", "Capacity", "InvalidCapacity", "greater than zero" },
        { "pv access mode misspelled", "AccessMode", "InvalidAccessMode", "did you mean 'ReadWriteMany'?" },
        { "pv access modes RWOP and RWO", "AccessMode", "InvalidAccessMode", "ReadWriteOncePod cannot be combined" },
        { "pv reclaim policy unknown", "ReclaimPolicy", "InvalidReclaimPolicy", "'Keep'" },
        { "pv no source", "VolumePath", "VolumeSourceMissing", "-VolumeHandle" },
        { "pv two sources", "VolumeHandle", "VolumeSourceAmbiguous", "-VolumePath and -VolumeHandle" },
        { "pv volume path without datastore", "VolumePath", "InvalidVolumePath", "'/vmfs/volumes/datastore1/a.vmdk'" },
        { "pv local without node affinity", "NodeAffinity", "NodeAffinityRequired", "kubernetes.io/hostname=worker-1" },
        { "pv node affinity bad syntax", "NodeAffinity", "InvalidSelector", "kubernetes.io/hostname in (a" },
        { "pv fsType on nfs", "FsType", "InvalidFsType", "-NfsServer" },
        { "pv nfs path relative", "NfsPath", "InvalidPath", "'exports/a'" },
        { "pv host path with ..", "HostPath", "InvalidPath", "'/mnt/../etc'" },
        { "pv label key bad", "Label", "InvalidLabel", "'bad key!=x'" },
        { "pvc zero capacity", "Capacity", "InvalidCapacity", "greater than zero" },
        { "pvc namespace bad", "Namespace", "InvalidNamespace", "'Team_A'" },
        { "pvc storage class bad", "StorageClassName", "InvalidName", "'Gold Class'" },
        { "pvc selector unclosed", "Selector", "InvalidSelector", "tier in (gold" },
        { "pvc selector Gt", "Selector", "InvalidSelector", "works only in node selectors" },
        { "pvc two data sources", "DataSourceSnapshot", "DataSourceAmbiguous", "-DataSourceClaim" },
        { "sc policy for another provisioner", "StoragePolicyName", "ParameterNotForProvisioner", "kubernetes.io/no-provisioner" },
        { "sc binding mode unknown", "VolumeBindingMode", "InvalidVolumeBindingMode", "'Later'" },
        { "sc provisioner bad", "Provisioner", "InvalidProvisioner", "Invalid provisioner 'not a provisioner!'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_naming_the_parameter_and_the_value(string name, string parameter, string errorId, string words)
    {
        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => Run(name));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(parameter, error.ParameterName);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(words, error.Message);
    }

    [Fact]
    public void Every_case_runs()
    {
        // Guards the switch below: a case name without a branch would throw ArgumentOutOfRange, not the tested error.
        foreach (var row in Cases)
        {
            Assert.NotNull(Build((string)row[0]));
        }
    }

    public static TheoryData<string, string> Selectors => new()
    {
        { "app=web", "app=web" },
        { "app==web", "app=web" },
        { " tier in (a, b) ,!legacy", "tier in (a,b),!legacy" },
        { "env!=prod,zone notin (x)", "env notin (prod),zone notin (x)" },
        { "example.com/role", "example.com/role" },
        { "empty=", "empty=" },
    };

    [Theory]
    [MemberData(nameof(Selectors))]
    public void Selector_syntax_reads_what_kubectl_l_takes(string text, string expected)
    {
        Assert.Equal(expected, string.Join(",", SelectorSyntax.Parse("Selector", text)));
    }

    [Fact]
    public void Node_selectors_take_Gt_and_Lt()
    {
        var requirements = SelectorSyntax.Parse("NodeAffinity", "rack>5,zone<10", nodeSelector: true);

        Assert.Equal(new[] { SelectorOperator.Gt, SelectorOperator.Lt }, requirements.Select(r => r.Operator));
    }

    [Fact]
    public void Enumerations_take_any_case_and_write_the_API_spelling()
    {
        var volume = NewK8sPersistentVolume.Build(Volume with { ReclaimPolicy = "retain", VolumeMode = "BLOCK" });

        Assert.Equal(("Retain", "Block"), (volume.Spec.PersistentVolumeReclaimPolicy, volume.Spec.VolumeMode));
    }

    [Fact]
    public void A_file_share_handle_gets_the_file_volume_type()
    {
        var volume = NewK8sPersistentVolume.Build(Volume with { VolumePath = null, VolumeHandle = "file:8b1c8f40-1f8e-4ad1-9d79-1ac4e8d40d36", AccessModes = new[] { "ReadWriteMany" } });

        Assert.Equal("vSphere CNS File Volume", volume.Spec.Csi.VolumeAttributes["type"]);
    }

    [Fact]
    public async Task A_datastore_URL_that_is_not_one_warns_but_renders()
    {
        var host = new RecordingHost();

        var result = await NewK8sStorageClass.RunAsync(Class with { DatastoreUrl = "/tmp/vcsim/LocalDS_0" }, host, CancellationToken.None);

        Assert.NotNull(result);
        Assert.Contains("ds:///vmfs/volumes/", Assert.Single(host.Warnings));
    }

    private static Task Run(string name) => Task.Run(() => Build(name)());

    private static Func<object> Build(string name) => name switch
    {
        "pv name with upper case" => () => NewK8sPersistentVolume.Build(Volume with { Name = "My_PV" }),
        "pv capacity in GB" => () => NewK8sPersistentVolume.Build(Volume with { Capacity = "5GB" }),
        "pv capacity negative" => () => NewK8sPersistentVolume.Build(Volume with { Capacity = "-1Gi" }),
        "pv capacity zero" => () => NewK8sPersistentVolume.Build(Volume with { Capacity = "0" }),
        "pv access mode misspelled" => () => NewK8sPersistentVolume.Build(Volume with { AccessModes = new[] { "ReadWriteOMany" } }),
        "pv access modes RWOP and RWO" => () => NewK8sPersistentVolume.Build(Volume with { AccessModes = new[] { "ReadWriteOncePod", "ReadWriteOnce" } }),
        "pv reclaim policy unknown" => () => NewK8sPersistentVolume.Build(Volume with { ReclaimPolicy = "Keep" }),
        "pv no source" => () => NewK8sPersistentVolume.Build(Volume with { VolumePath = null }),
        "pv two sources" => () => NewK8sPersistentVolume.Build(Volume with { VolumeHandle = "abc" }),
        "pv volume path without datastore" => () => NewK8sPersistentVolume.Build(Volume with { VolumePath = "/vmfs/volumes/datastore1/a.vmdk" }),
        "pv local without node affinity" => () => NewK8sPersistentVolume.Build(Volume with { VolumePath = null, LocalPath = "/mnt/disk" }),
        "pv node affinity bad syntax" => () => NewK8sPersistentVolume.Build(Volume with { NodeAffinity = new[] { "kubernetes.io/hostname in (a" } }),
        "pv fsType on nfs" => () => NewK8sPersistentVolume.Build(Volume with { VolumePath = null, NfsServer = "nfs", NfsPath = "/a", FsType = "ext4" }),
        "pv nfs path relative" => () => NewK8sPersistentVolume.Build(Volume with { VolumePath = null, NfsServer = "nfs", NfsPath = "exports/a" }),
        "pv host path with .." => () => NewK8sPersistentVolume.Build(Volume with { VolumePath = null, HostPath = "/mnt/../etc" }),
        "pv label key bad" => () => NewK8sPersistentVolume.Build(Volume with { Labels = new Dictionary<string, string> { ["bad key!"] = "x" } }),
        "pvc zero capacity" => () => NewK8sPersistentVolumeClaim.Build(Claim with { Capacity = "0" }, null),
        "pvc namespace bad" => () => NewK8sPersistentVolumeClaim.Build(Claim, "Team_A"),
        "pvc storage class bad" => () => NewK8sPersistentVolumeClaim.Build(Claim with { StorageClassName = "Gold Class" }, null),
        "pvc selector unclosed" => () => NewK8sPersistentVolumeClaim.Build(Claim with { Selector = "tier in (gold" }, null),
        "pvc selector Gt" => () => NewK8sPersistentVolumeClaim.Build(Claim with { Selector = "size>5" }, null),
        "pvc two data sources" => () => NewK8sPersistentVolumeClaim.Build(Claim with { DataSourceClaim = "a", DataSourceSnapshot = "b" }, null),
        "sc policy for another provisioner" => () => NewK8sStorageClass.Build(Class with { Provisioner = "kubernetes.io/no-provisioner", StoragePolicyName = "gold" }, new RecordingHost()),
        "sc binding mode unknown" => () => NewK8sStorageClass.Build(Class with { VolumeBindingMode = "Later" }, new RecordingHost()),
        "sc provisioner bad" => () => NewK8sStorageClass.Build(Class with { Provisioner = "not a provisioner!" }, new RecordingHost()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };
}
