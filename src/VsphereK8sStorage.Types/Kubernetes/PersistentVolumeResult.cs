using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using VsphereK8sStorage.Presentation;
using k8s.Models;
using VsphereK8sStorage.Kubernetes.Client;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>A PersistentVolume as New-K8sPersistentVolume leaves it; the columns are kubectl get pv's.</summary>
public sealed class PersistentVolumeResult : KubernetesObjectResult
{
    internal PersistentVolumeResult(V1PersistentVolume volume, ApplyOutcome outcome)
        : base(volume, outcome)
    {
        var spec = volume.Spec;
        Name = volume.Metadata.Name;
        Capacity = spec.Capacity is { } capacity && capacity.TryGetValue("storage", out var storage) ? storage.ToString() : string.Empty;
        AccessModes = spec.AccessModes?.ToList() ?? new List<string>();
        ReclaimPolicy = spec.PersistentVolumeReclaimPolicy ?? (outcome == ApplyOutcome.Rendered ? "Retain" : string.Empty);
        Status = volume.Status?.Phase ?? string.Empty;
        Claim = spec.ClaimRef is { } claimRef ? $"{claimRef.NamespaceProperty}/{claimRef.Name}" : string.Empty;
        StorageClass = spec.StorageClassName ?? string.Empty;
        VolumeMode = spec.VolumeMode ?? "Filesystem";
        Source = ClusterModelMapper.Source(spec)?.ToString() ?? string.Empty;
    }

    [TableColumn("NAME", 0)]
    public string Name { get; }

    [TableColumn("CAPACITY", 1)]
    public string Capacity { get; }

    public IReadOnlyList<string> AccessModes { get; }

    [JsonIgnore]
    [TableColumn("ACCESS MODES", 2)]
    public string AccessModeSummary => Short(AccessModes);

    [TableColumn("RECLAIM POLICY", 3)]
    public string ReclaimPolicy { get; }

    /// <summary>status.phase (Available, Bound, ...); empty when rendered offline.</summary>
    [TableColumn("STATUS", 4)]
    public string Status { get; }

    /// <summary>"namespace/name" of the claim it is bound or reserved for.</summary>
    [TableColumn("CLAIM", 5)]
    public string Claim { get; }

    [TableColumn("STORAGECLASS", 6)]
    public string StorageClass { get; }

    public string VolumeMode { get; }

    /// <summary>The volume source in one line, such as "vsphereVolume [datastore1] volumes/myDisk.vmdk".</summary>
    [TableColumn("SOURCE", 7)]
    public string Source { get; }

    public override string ToString() => $"PersistentVolume {Name} ({Outcome})";
}
