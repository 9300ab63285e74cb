using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Presentation;
using k8s.Models;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>A StorageClass as New-K8sStorageClass leaves it; the columns are kubectl get storageclass's.</summary>
public sealed class StorageClassResult : KubernetesObjectResult
{
    internal StorageClassResult(V1StorageClass storageClass, ApplyOutcome outcome)
        : base(storageClass, outcome)
    {
        Name = storageClass.Metadata.Name;
        Provisioner = storageClass.Provisioner;
        ReclaimPolicy = storageClass.ReclaimPolicy ?? "Delete";
        VolumeBindingMode = storageClass.VolumeBindingMode ?? "Immediate";
        AllowVolumeExpansion = storageClass.AllowVolumeExpansion ?? false;
        IsDefault = storageClass.Metadata.Annotations is { } annotations
            && ((annotations.TryGetValue(WellKnown.DefaultClassAnnotation, out var value) && value == "true")
                || (annotations.TryGetValue(WellKnown.BetaDefaultClassAnnotation, out var beta) && beta == "true"));
        Parameters = new SortedDictionary<string, string>(storageClass.Parameters ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    [TableColumn("NAME", 0)]
    public string Name { get; }

    [TableColumn("PROVISIONER", 1)]
    public string Provisioner { get; }

    [TableColumn("RECLAIMPOLICY", 2)]
    public string ReclaimPolicy { get; }

    [TableColumn("VOLUMEBINDINGMODE", 3)]
    public string VolumeBindingMode { get; }

    [TableColumn("ALLOWVOLUMEEXPANSION", 4)]
    public bool AllowVolumeExpansion { get; }

    [TableColumn("DEFAULT", 5)]
    public bool IsDefault { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public override string ToString() => $"StorageClass {Name} ({Outcome})";
}
