using System.Collections.Generic;
using k8s;
using k8s.Models;
using VsphereK8sStorage.Kubernetes.Client;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes.Client;

/// <summary>
/// The YAML an offline New-K8s* command prints is written from the object's JSON by the module's own writer; it must be
/// the text KubernetesClient's own serializer (KubernetesYaml) writes for the same object, which the module used before.
/// The cases are the shapes the commands render plus the strings a YAML reader would take for another type; the one
/// difference kept on purpose is its own case.
/// </summary>
public sealed class OfflineYamlTextTests
{
    public static TheoryData<string> Cases => new(Objects.Keys);

    private static readonly Dictionary<string, IKubernetesObject<V1ObjectMeta>> Objects = new()
    {
        ["vsphereVolume PV"] = new V1PersistentVolume
        {
            ApiVersion = "v1", Kind = "PersistentVolume", Metadata = new V1ObjectMeta { Name = "pv0001" },
            Spec = new V1PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new("2Gi") },
                AccessModes = new[] { "ReadWriteOnce" }, PersistentVolumeReclaimPolicy = "Retain",
                VsphereVolume = new V1VsphereVirtualDiskVolumeSource { VolumePath = "[datastore1] volumes/myDisk", FsType = "ext4" },
            },
        },
        ["CSI PV with labels and node affinity"] = new V1PersistentVolume
        {
            ApiVersion = "v1", Kind = "PersistentVolume",
            Metadata = new V1ObjectMeta { Name = "static-pv-name", Labels = new Dictionary<string, string> { ["fcd-id"] = "0c75d40e-7576-4fe7-8aaa-a92946e2805d" } },
            Spec = new V1PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new("500M") },
                Csi = new V1CSIPersistentVolumeSource
                {
                    Driver = "csi.vsphere.vmware.com", VolumeHandle = "0c75d40e-7576-4fe7-8aaa-a92946e2805d", FsType = "ext4",
                    VolumeAttributes = new Dictionary<string, string> { ["type"] = "vSphere CNS Block Volume" },
                },
                NodeAffinity = new V1VolumeNodeAffinity
                {
                    Required = new V1NodeSelector
                    {
                        NodeSelectorTerms = new[]
                        {
                            new V1NodeSelectorTerm { MatchExpressions = new[] { new V1NodeSelectorRequirement { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = new[] { "worker-1", "worker-2" } } } },
                        },
                    },
                },
            },
        },
        ["claim with a selector and an empty class"] = new V1PersistentVolumeClaim
        {
            ApiVersion = "v1", Kind = "PersistentVolumeClaim", Metadata = new V1ObjectMeta { Name = "static-pvc-name", NamespaceProperty = "default" },
            Spec = new V1PersistentVolumeClaimSpec
            {
                StorageClassName = string.Empty, AccessModes = new[] { "ReadWriteOnce" },
                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("2Gi") } },
                Selector = new V1LabelSelector
                {
                    MatchLabels = new Dictionary<string, string> { ["fcd-id"] = "0c75d40e" },
                    MatchExpressions = new[] { new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "NotIn", Values = new[] { "bronze" } } },
                },
            },
        },
        ["storage class whose values read as other types"] = new V1StorageClass
        {
            ApiVersion = "storage.k8s.io/v1", Kind = "StorageClass", Provisioner = "csi.vsphere.vmware.com",
            Metadata = new V1ObjectMeta
            {
                Name = "fast",
                Annotations = new Dictionary<string, string> { ["storageclass.kubernetes.io/is-default-class"] = "true" },
                Labels = new Dictionary<string, string> { ["yes"] = "no", ["count"] = "10", ["version"] = "1.0", ["empty"] = "", ["tilde"] = "~" },
            },
            Parameters = new Dictionary<string, string>
            {
                ["datastoreurl"] = "ds:///vmfs/volumes/5f1b3c4d-1a2b3c4d/",
                ["storagepolicyname"] = "vSAN Default Storage Policy",
                ["note"] = "a: b # not a comment",
                ["lines"] = "first\nsecond",
                ["padded"] = " leading and trailing ",
                ["null"] = "null",
                ["date"] = "2026-12-07",
            },
            AllowVolumeExpansion = true, ReclaimPolicy = "Delete", VolumeBindingMode = "WaitForFirstConsumer",
            MountOptions = new[] { "ro", "-o", "*" },
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_text_is_KubernetesClients(string name)
    {
        var model = Objects[name];

        Assert.Equal(KubernetesYaml.Serialize(model).TrimEnd('\n'), KubernetesResults.YamlText(model).TrimEnd('\n'));
    }

    [Fact]
    public void A_hexadecimal_looking_label_value_is_quoted_where_KubernetesClient_leaves_it_plain()
    {
        // YAML 1.1 (kubectl's reader) takes a plain 0x1F for the number 31, and a label value must be a string.
        var model = new V1StorageClass
        {
            ApiVersion = "storage.k8s.io/v1", Kind = "StorageClass", Provisioner = "csi.vsphere.vmware.com",
            Metadata = new V1ObjectMeta { Name = "hex", Labels = new Dictionary<string, string> { ["code"] = "0x1F" } },
        };

        Assert.Contains("code: 0x1F\n", KubernetesYaml.Serialize(model) + "\n");
        Assert.Contains("code: \"0x1F\"\n", KubernetesResults.YamlText(model));
    }
}
