using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>
/// The results users see, read from KubernetesClient's objects. The results live in the types assembly, which
/// knows nothing of KubernetesClient; each keeps its whole object through the manifest writer made here.
/// </summary>
internal static class KubernetesResults
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static PersistentVolumeResult Volume(V1PersistentVolume volume, ApplyOutcome outcome)
    {
        var spec = volume.Spec;
        return new PersistentVolumeResult(Manifest(volume), outcome, Labels(volume))
        {
            Name = volume.Metadata.Name,
            Capacity = spec.Capacity is { } capacity && capacity.TryGetValue("storage", out var storage) ? storage.ToString() : string.Empty,
            AccessModes = spec.AccessModes?.ToList() ?? new List<string>(),
            ReclaimPolicy = spec.PersistentVolumeReclaimPolicy ?? (outcome == ApplyOutcome.Rendered ? "Retain" : string.Empty),
            Status = volume.Status?.Phase ?? string.Empty,
            Claim = spec.ClaimRef is { } claimRef ? $"{claimRef.NamespaceProperty}/{claimRef.Name}" : string.Empty,
            StorageClass = spec.StorageClassName ?? string.Empty,
            VolumeMode = spec.VolumeMode ?? "Filesystem",
            Source = ClusterModelMapper.Source(spec)?.ToString() ?? string.Empty,
        };
    }

    public static PersistentVolumeClaimResult Claim(V1PersistentVolumeClaim claim, ApplyOutcome outcome) =>
        new(Manifest(claim), outcome, Labels(claim))
        {
            Name = claim.Metadata.Name,
            Namespace = claim.Metadata.NamespaceProperty ?? string.Empty,
            Status = claim.Status?.Phase ?? string.Empty,
            Volume = claim.Spec.VolumeName ?? string.Empty,
            Capacity = claim.Status?.Capacity is { } capacity && capacity.TryGetValue("storage", out var storage) ? storage.ToString() : string.Empty,
            Requested = claim.Spec.Resources?.Requests is { } requests && requests.TryGetValue("storage", out var request) ? request.ToString() : string.Empty,
            AccessModes = (claim.Status?.AccessModes is { Count: > 0 } bound ? bound : claim.Spec.AccessModes)?.ToList() ?? new List<string>(),
            StorageClass = claim.Spec.StorageClassName,
        };

    public static StorageClassResult StorageClass(V1StorageClass storageClass, ApplyOutcome outcome) =>
        new(Manifest(storageClass), outcome, Labels(storageClass))
        {
            Name = storageClass.Metadata.Name,
            Provisioner = storageClass.Provisioner,
            ReclaimPolicy = storageClass.ReclaimPolicy ?? "Delete",
            VolumeBindingMode = storageClass.VolumeBindingMode ?? "Immediate",
            AllowVolumeExpansion = storageClass.AllowVolumeExpansion ?? false,
            IsDefault = storageClass.Metadata.Annotations is { } annotations
                && ((annotations.TryGetValue(WellKnown.DefaultClassAnnotation, out var value) && value == "true")
                    || (annotations.TryGetValue(WellKnown.BetaDefaultClassAnnotation, out var beta) && beta == "true")),
            Parameters = new SortedDictionary<string, string>(storageClass.Parameters ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        };

    public static NodeTaintResult Taint(string node, string taint, TaintOutcome outcome, IEnumerable<V1Taint>? taints) =>
        new(node, taint, outcome, (taints ?? Enumerable.Empty<V1Taint>()).Select(Operations.Kubernetes.K8sNodeTaint.Format).ToList());

    private static IReadOnlyDictionary<string, string>? Labels(IKubernetesObject<V1ObjectMeta> model) =>
        model.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels) : null;

    // Like kubectl get -o yaml since 1.21: managedFields are bookkeeping, not the object.
    private static Func<ManifestFormat, string> Manifest(IKubernetesObject<V1ObjectMeta> model)
    {
        model.Metadata.ManagedFields = null;
        return format => format switch
        {
            ManifestFormat.Json => JsonNode.Parse(KubernetesJson.Serialize(model))!.ToJsonString(Indented),
            _ => "---\n" + YamlText(model).TrimEnd('\n') + "\n",
        };
    }

    private static readonly string[] TypeFirst = { "apiVersion", "kind", "metadata" };

    // The object's JSON through the module's own YAML writer, in the layout KubernetesClient's serializer (KubernetesYaml)
    // writes. Both builds use it: KubernetesClient.Aot keeps that serializer internal, and in a pwsh session its first
    // use made the first offline New-K8sStorageClass take 536–672 ms instead of 141–161.
    internal static string YamlText(IKubernetesObject<V1ObjectMeta> model)
    {
        using var json = JsonDocument.Parse(KubernetesJson.Serialize(model));
        var text = new System.IO.StringWriter();
        Yaml.YamlWriter.Write(text, json.RootElement, TypeFirst);
        return text.ToString();
    }
}
