using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using k8s.Models;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Output;

namespace VsphereK8sStorage.Operations.Kubernetes;

/// <summary>What New-K8sPersistentVolumeClaim / vk8s new-k8s-persistent-volume-claim was asked for.</summary>
public sealed record NewK8sPersistentVolumeClaimRequest
{
    public KubernetesSession? Session { get; init; }

    public bool Offline { get; init; }

    public bool Force { get; init; }

    public string Name { get; init; } = string.Empty;

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

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>After writing, wait until the claim is Bound.</summary>
    public bool Wait { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}

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

/// <summary>New-K8sPersistentVolumeClaim: create or update a claim by server-side apply (optionally waiting until it is Bound), or render it offline.</summary>
public static class NewK8sPersistentVolumeClaim
{
    public static async Task<PersistentVolumeClaimResult?> RunAsync(NewK8sPersistentVolumeClaimRequest request, IOperationHost host, CancellationToken cancellationToken)
    {
        var desired = Build(request, request.Namespace);
        if (request.Offline)
        {
            return new PersistentVolumeClaimResult(desired, ApplyOutcome.Rendered);
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

        return new PersistentVolumeClaimResult(claim, outcome);
    }

    internal static V1PersistentVolumeClaim Build(NewK8sPersistentVolumeClaimRequest request, string? ns)
    {
        var name = KubernetesInput.Name("PersistentVolumeClaim", request.Name);
        var capacity = KubernetesInput.Capacity(request.Capacity);
        if (request.DataSourceClaim is not null && request.DataSourceSnapshot is not null)
        {
            throw new InvalidParameterException("DataSourceAmbiguous", "DataSourceSnapshot", "A claim has one data source: give -DataSourceClaim (clone a claim) or -DataSourceSnapshot (restore a snapshot), not both.");
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

/// <summary>Conditions to wait for, read the way kubectl reads them.</summary>
internal static class WaitConditions
{
    public static WaitState ClaimBound(V1PersistentVolumeClaim? claim) => claim switch
    {
        null => new WaitState(false, "the claim does not exist"),
        { Status.Phase: "Bound" } => new WaitState(true, $"Bound to {claim.Spec.VolumeName}"),
        _ => new WaitState(false, claim.Status?.Phase ?? "Pending"),
    };

    /// <summary>kubectl rollout status for a Deployment: the new generation observed, every replica updated and available.</summary>
    public static WaitState DeploymentAvailable(V1Deployment? deployment)
    {
        if (deployment is null)
        {
            return new WaitState(false, "the Deployment does not exist");
        }

        var wanted = deployment.Spec.Replicas ?? 1;
        var status = deployment.Status;
        var observed = (status?.ObservedGeneration ?? 0) >= (deployment.Metadata.Generation ?? 0);
        var updated = status?.UpdatedReplicas ?? 0;
        var available = status?.AvailableReplicas ?? 0;
        return new WaitState(observed && updated >= wanted && available >= wanted && (status?.Replicas ?? 0) <= updated, $"{available} of {wanted} replicas available, {updated} updated");
    }

    /// <summary>kubectl rollout status for a DaemonSet: every scheduled pod updated and available.</summary>
    public static WaitState DaemonSetRolledOut(V1DaemonSet? daemonSet)
    {
        if (daemonSet is null)
        {
            return new WaitState(false, "the DaemonSet does not exist");
        }

        var status = daemonSet.Status;
        var observed = (status?.ObservedGeneration ?? 0) >= (daemonSet.Metadata.Generation ?? 0);
        var desired = status?.DesiredNumberScheduled ?? 0;
        var updated = status?.UpdatedNumberScheduled ?? 0;
        var available = status?.NumberAvailable ?? 0;
        return new WaitState(observed && updated >= desired && available >= desired, $"{available} of {desired} pods available, {updated} updated");
    }
}
