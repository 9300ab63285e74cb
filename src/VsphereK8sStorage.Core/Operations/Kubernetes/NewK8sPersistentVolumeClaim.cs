using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;

namespace VsphereK8sStorage.Operations.Kubernetes;

/// <summary>What New-K8sPersistentVolumeClaim / vk8s new-k8s-persistent-volume-claim was asked for.</summary>
public sealed record NewK8sPersistentVolumeClaimRequest : NewK8sObjectRequest
{
    /// <summary>Null: the kubeconfig context's namespace, else "default" (offline: left out, as kubectl apply then decides).</summary>
    public string? Namespace { get; init; }

    public string Capacity { get; init; } = string.Empty;

    public IReadOnlyList<string> AccessModes { get; init; } = Array.Empty<string>();

    /// <summary>Null: unset, so the default StorageClass applies. "": no class, so only volumes without a class bind.</summary>
    public string? StorageClassName { get; init; }

    /// <summary>A label selector in selector syntax (app=db,tier in (a,b)) the bound volume must match.</summary>
    public string? Selector { get; init; }

    public string? VolumeMode { get; init; }

    /// <summary>The volume to bind to (spec.volumeName).</summary>
    public string? VolumeName { get; init; }

    /// <summary>Clone this claim in the same namespace (dataSource kind PersistentVolumeClaim).</summary>
    public string? DataSourceClaim { get; init; }

    /// <summary>Restore this VolumeSnapshot (dataSource snapshot.storage.k8s.io/VolumeSnapshot).</summary>
    public string? DataSourceSnapshot { get; init; }

    /// <summary>After writing, wait until the claim is Bound.</summary>
    public bool Wait { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>New-K8sPersistentVolumeClaim: create or update a claim by server-side apply (optionally waiting until it is Bound), or render it offline.</summary>
public static class NewK8sPersistentVolumeClaim
{
    public static async Task<PersistentVolumeClaimResult?> RunAsync(NewK8sPersistentVolumeClaimRequest request, IOperationHost host, CancellationToken cancellationToken)
    {
        var desired = Build(request, request.Namespace);
        if (request.Offline)
        {
            return KubernetesResults.Claim(desired, ApplyOutcome.Rendered);
        }

        var api = KubernetesModels.RequireSession(request.Session).Api(host);
        desired.Metadata.NamespaceProperty ??= api.Endpoint.Namespace is { Length: > 0 } contextNamespace ? contextNamespace : "default";
        var (claim, outcome) = await ObjectApplier.ApplyAsync(api, Resources.PersistentVolumeClaim, desired, request.Force, host, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return null;
        }

        if (request.Wait && claim.Status?.Phase != "Bound")
        {
            claim = await api.WaitAsync(Resources.PersistentVolumeClaim, claim.Metadata.Name, claim.Metadata.NamespaceProperty, "Bound", WaitConditions.ClaimBound, request.Timeout, host, cancellationToken).ConfigureAwait(false)
                ?? throw new VsphereK8sException("KubernetesNotFound", ErrorKind.ObjectNotFound, $"PersistentVolumeClaim {desired.Metadata.NamespaceProperty}/{desired.Metadata.Name} was deleted while waiting for it to be Bound.", desired.Metadata.Name);
        }

        return KubernetesResults.Claim(claim, outcome);
    }

    internal static V1PersistentVolumeClaim Build(NewK8sPersistentVolumeClaimRequest request, string? ns)
    {
        var name = KubernetesInput.Name("PersistentVolumeClaim", request.Name);
        var capacity = KubernetesInput.Capacity(request.Capacity);
        if (request.DataSourceClaim is not null && request.DataSourceSnapshot is not null)
        {
            throw new InvalidParameterException("DataSourceAmbiguous", "DataSourceSnapshot", $"A claim has one data source: give {Param.Name("DataSourceClaim")} (clone a claim) or {Param.Name("DataSourceSnapshot")} (restore a snapshot), not both.");
        }

        if (request.Timeout <= TimeSpan.Zero)
        {
            throw new InvalidParameterException("InvalidTimeout", "Timeout", $"Invalid timeout {request.Timeout.TotalSeconds} s: it must be more than zero.", request.Timeout);
        }

        var spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = KubernetesInput.AccessModes(request.AccessModes).ToList(),
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity(capacity.ToString()) } },
            StorageClassName = KubernetesInput.Reference("StorageClassName", "StorageClass name", request.StorageClassName),
            Selector = request.Selector is null ? null : KubernetesModels.LabelSelector("Selector", request.Selector),
            VolumeMode = KubernetesInput.OneOf("VolumeMode", "volume mode", request.VolumeMode, "Filesystem", "Block"),
            VolumeName = KubernetesInput.Reference("VolumeName", "volume name", request.VolumeName),
            DataSource = request.DataSourceClaim is { } source
                ? new V1TypedLocalObjectReference { Kind = "PersistentVolumeClaim", Name = KubernetesInput.Reference("DataSourceClaim", "claim name", source) }
                : request.DataSourceSnapshot is { } snapshot
                    ? new V1TypedLocalObjectReference { ApiGroup = "snapshot.storage.k8s.io", Kind = "VolumeSnapshot", Name = KubernetesInput.Reference("DataSourceSnapshot", "VolumeSnapshot name", snapshot) }
                    : null,
        };
        var metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = KubernetesInput.Namespace(ns),
            Labels = KubernetesModels.LabelsOrNull(KubernetesInput.Labels(request.Labels)),
        };
        return new V1PersistentVolumeClaim { ApiVersion = "v1", Kind = "PersistentVolumeClaim", Metadata = metadata, Spec = spec };
    }
}
