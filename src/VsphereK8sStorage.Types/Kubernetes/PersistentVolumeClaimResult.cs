using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using VsphereK8sStorage.Presentation;
using k8s.Models;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>A claim as New-K8sPersistentVolumeClaim leaves it; the columns are kubectl get pvc's.</summary>
public sealed class PersistentVolumeClaimResult : KubernetesObjectResult
{
    internal PersistentVolumeClaimResult(V1PersistentVolumeClaim claim, ApplyOutcome outcome)
        : base(claim, outcome)
    {
        Name = claim.Metadata.Name;
        Namespace = claim.Metadata.NamespaceProperty ?? string.Empty;
        Status = claim.Status?.Phase ?? string.Empty;
        Volume = claim.Spec.VolumeName ?? string.Empty;
        Capacity = claim.Status?.Capacity is { } capacity && capacity.TryGetValue("storage", out var storage) ? storage.ToString() : string.Empty;
        Requested = claim.Spec.Resources?.Requests is { } requests && requests.TryGetValue("storage", out var request) ? request.ToString() : string.Empty;
        AccessModes = (claim.Status?.AccessModes is { Count: > 0 } bound ? bound : claim.Spec.AccessModes)?.ToList() ?? new List<string>();
        StorageClass = claim.Spec.StorageClassName;
    }

    [TableColumn("NAMESPACE", 0)]
    public string Namespace { get; }

    [TableColumn("NAME", 1)]
    public string Name { get; }

    /// <summary>status.phase (Pending, Bound, Lost); empty when rendered offline.</summary>
    [TableColumn("STATUS", 2)]
    public string Status { get; }

    [TableColumn("VOLUME", 3)]
    public string Volume { get; }

    /// <summary>The bound volume's capacity (status.capacity); empty until bound.</summary>
    [TableColumn("CAPACITY", 4)]
    public string Capacity { get; }

    public string Requested { get; }

    public IReadOnlyList<string> AccessModes { get; }

    [JsonIgnore]
    [TableColumn("ACCESS MODES", 5)]
    public string AccessModeSummary => Short(AccessModes);

    /// <summary>spec.storageClassName: null when unset (the default class applies when the claim is created), "" for none.</summary>
    [TableColumn("STORAGECLASS", 6)]
    public string? StorageClass { get; }

    public override string ToString() => $"PersistentVolumeClaim {Namespace}/{Name} ({Outcome})";
}
