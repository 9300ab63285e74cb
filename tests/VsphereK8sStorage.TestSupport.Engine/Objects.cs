using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Tests.TestSupport;

/// <summary>Terse builders for the objects of binding scenarios; tweak them with <c>with { ... }</c>.</summary>
public static class Objects
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static AccessModes Modes(string shortForm) =>
        shortForm.Split(',', StringSplitOptions.RemoveEmptyEntries).Aggregate(AccessModes.None, (all, m) => all | m.Trim() switch
        {
            "RWO" => AccessModes.ReadWriteOnce,
            "ROX" => AccessModes.ReadOnlyMany,
            "RWX" => AccessModes.ReadWriteMany,
            "RWOP" => AccessModes.ReadWriteOncePod,
            _ => throw new ArgumentException(m),
        });

    public static PersistentVolume Pv(string name, string capacity, string modes = "RWO", string? storageClass = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Capacity = Quantity.Parse(capacity),
        AccessModes = Modes(modes),
        StorageClassName = storageClass,
        Source = new VolumeSource("hostPath", "/tmp/" + name),
    };

    public static PersistentVolumeClaim Pvc(string name, string request, string modes = "RWO", string? storageClass = null, string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Request = Quantity.Parse(request),
        AccessModes = Modes(modes),
        StorageClassName = storageClass,
    };

    /// <summary>A claim that exists in the cluster: it has a uid and a creation time (minutes after an epoch).</summary>
    public static PersistentVolumeClaim Created(this PersistentVolumeClaim claim, int minute, string? uid = null) => claim with
    {
        Metadata = claim.Metadata with { Uid = uid ?? "uid-" + claim.Name, CreationTimestamp = Epoch.AddMinutes(minute) },
    };

    public static PersistentVolume Labeled(this PersistentVolume volume, params (string Key, string Value)[] labels) => volume with
    {
        Metadata = volume.Metadata with { Labels = labels.ToDictionary(l => l.Key, l => l.Value) },
    };

    public static PersistentVolume ReservedFor(this PersistentVolume volume, string claim, string ns = "default", string? uid = null) =>
        volume with { ClaimRef = new ClaimReference(ns, claim, uid) };

    public static PersistentVolume OnHost(this PersistentVolume volume, string hostname) => volume with
    {
        NodeAffinity = new NodeSelector(new[]
        {
            new NodeSelectorTerm(new[] { new SelectorRequirement(WellKnown.HostnameLabel, SelectorOperator.In, new[] { hostname }) }, Array.Empty<SelectorRequirement>()),
        }),
    };

    public static PersistentVolumeClaim Annotated(this PersistentVolumeClaim claim, string key, string value) => claim with
    {
        Metadata = claim.Metadata with { Annotations = new Dictionary<string, string>(claim.Metadata.Annotations) { [key] = value } },
    };

    public static PersistentVolumeClaim Selecting(this PersistentVolumeClaim claim, params SelectorRequirement[] requirements) =>
        claim with { Selector = new LabelSelector(requirements) };

    public static StorageClass Class(string name, string provisioner = "csi.vsphere.vmware.com", VolumeBindingMode mode = VolumeBindingMode.Immediate, bool isDefault = false) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Annotations = isDefault ? new Dictionary<string, string> { [WellKnown.DefaultClassAnnotation] = "true" } : ObjectMeta.NoEntries,
        },
        Provisioner = provisioner,
        VolumeBindingMode = mode,
    };

    public static Node Node(string name, params (string Key, string Value)[] labels) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Labels = labels.Append((WellKnown.HostnameLabel, name)).GroupBy(l => l.Item1).ToDictionary(g => g.Key, g => g.Last().Item2),
        },
    };

    public static ClusterSnapshot Cluster(IEnumerable<PersistentVolume>? volumes = null, IEnumerable<PersistentVolumeClaim>? claims = null, IEnumerable<StorageClass>? classes = null, IEnumerable<Node>? nodes = null) =>
        new((volumes ?? Array.Empty<PersistentVolume>()).ToArray(), (claims ?? Array.Empty<PersistentVolumeClaim>()).ToArray(), (classes ?? Array.Empty<StorageClass>()).ToArray(), (nodes ?? Array.Empty<Node>()).ToArray());
}
