using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;

namespace VsphereK8sStorage.Operations.Kubernetes;

/// <summary>What New-K8sStorageClass / vk8s new-k8s-storage-class was asked for.</summary>
public sealed record NewK8sStorageClassRequest : NewK8sObjectRequest
{
    /// <summary>Who creates the volumes; the vSphere CSI driver unless said otherwise.</summary>
    public string Provisioner { get; init; } = WellKnown.VsphereCsiDriver;

    /// <summary>The SPBM policy volumes are placed by (parameter storagepolicyname).</summary>
    public string? StoragePolicyName { get; init; }

    /// <summary>The datastore volumes go to, as its summary.url (ds:///vmfs/volumes/...; parameter datastoreurl).</summary>
    public string? DatastoreUrl { get; init; }

    /// <summary>The file system the driver formats volumes with (parameter csi.storage.k8s.io/fstype).</summary>
    public string? FsType { get; init; }

    /// <summary>Delete or Retain; null leaves the server's default (Delete).</summary>
    public string? ReclaimPolicy { get; init; }

    /// <summary>Immediate or WaitForFirstConsumer; null leaves the server's default (Immediate).</summary>
    public string? VolumeBindingMode { get; init; }

    public bool AllowVolumeExpansion { get; init; }

    /// <summary>Mark the class as the cluster's default (storageclass.kubernetes.io/is-default-class: "true").</summary>
    public bool Default { get; init; }
}

/// <summary>New-K8sStorageClass: create or update a StorageClass by server-side apply, or render it offline.</summary>
public static class NewK8sStorageClass
{
    /// <summary>StorageClass parameters the vSphere CSI driver reads (it lower-cases the keys).</summary>
    internal const string StoragePolicyParameter = "storagepolicyname";

    internal const string DatastoreUrlParameter = "datastoreurl";

    internal const string FsTypeParameter = "csi.storage.k8s.io/fstype";

    public static async Task<StorageClassResult?> RunAsync(NewK8sStorageClassRequest request, IOperationHost host, CancellationToken cancellationToken)
    {
        var desired = Build(request, host);
        if (request.Offline)
        {
            return KubernetesResults.StorageClass(desired, ApplyOutcome.Rendered);
        }

        var api = KubernetesModels.RequireSession(request.Session).Api(host);
        if (request.Default)
        {
            await WarnAboutOtherDefaultsAsync(api, desired.Metadata.Name, host, cancellationToken).ConfigureAwait(false);
        }

        var (storageClass, outcome) = await ObjectApplier.ApplyAsync(api, Resources.StorageClass, desired, request.Force, host, cancellationToken).ConfigureAwait(false);
        return storageClass is null ? null : KubernetesResults.StorageClass(storageClass, outcome);
    }

    internal static V1StorageClass Build(NewK8sStorageClassRequest request, IOperationHost host)
    {
        var name = KubernetesInput.Name("StorageClass", request.Name);
        var provisioner = KubernetesInput.Required("Provisioner", "provisioner", request.Provisioner);
        if (KubernetesInput.Problem(KubernetesNames.IsQualifiedName(provisioner.ToLowerInvariant())) is { } problem)
        {
            throw new InvalidParameterException("InvalidProvisioner", "Provisioner", $"Invalid provisioner '{provisioner}': {problem}.", provisioner);
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        AddParameter(parameters, provisioner, "StoragePolicyName", "storage policy name", StoragePolicyParameter, request.StoragePolicyName);
        AddParameter(parameters, provisioner, "DatastoreUrl", "datastore URL", DatastoreUrlParameter, request.DatastoreUrl);
        AddParameter(parameters, provisioner, "FsType", "file system type", FsTypeParameter, request.FsType);
        if (request.DatastoreUrl is { } url && !url.StartsWith("ds:///", StringComparison.Ordinal))
        {
            host.WriteWarning($"Datastore URL '{url}' does not look like a vSphere datastore URL (ds:///vmfs/volumes/<id>/); the CSI driver compares it with each datastore's summary.url (Get-VsphereDatastore shows it).");
        }

        return new V1StorageClass
        {
            ApiVersion = "storage.k8s.io/v1",
            Kind = "StorageClass",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = KubernetesModels.LabelsOrNull(KubernetesInput.Labels(request.Labels)),
                Annotations = request.Default ? new Dictionary<string, string> { [WellKnown.DefaultClassAnnotation] = "true" } : null,
            },
            Provisioner = provisioner,
            Parameters = parameters.Count == 0 ? null : parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value),
            ReclaimPolicy = KubernetesInput.OneOf("ReclaimPolicy", "reclaim policy", request.ReclaimPolicy, System.Enum.GetNames<StorageClassReclaimPolicy>()),
            VolumeBindingMode = KubernetesInput.OneOf("VolumeBindingMode", "volume binding mode", request.VolumeBindingMode, System.Enum.GetNames<VolumeBindingMode>()),
            AllowVolumeExpansion = request.AllowVolumeExpansion ? true : null,
        };
    }

    private static void AddParameter(Dictionary<string, string> parameters, string provisioner, string parameter, string what, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (!string.Equals(provisioner, WellKnown.VsphereCsiDriver, StringComparison.Ordinal))
        {
            throw new InvalidParameterException("ParameterNotForProvisioner", parameter, $"-{parameter} is a parameter of the vSphere CSI driver ({WellKnown.VsphereCsiDriver}), not of '{provisioner}'.", value);
        }

        parameters[key] = KubernetesInput.Required(parameter, what, value);
    }

    /// <summary>Several default classes mean different things on different servers; say what this one will do.</summary>
    private static async Task WarnAboutOtherDefaultsAsync(KubernetesApi api, string name, IOperationHost host, CancellationToken cancellationToken)
    {
        var classes = await api.ListAllAsync(Resources.StorageClass, null, cancellationToken).ConfigureAwait(false);
        var others = classes.Items
            .Where(c => c.Metadata.Name != name && c.Metadata.Annotations is { } a
                && ((a.TryGetValue(WellKnown.DefaultClassAnnotation, out var v) && v == "true") || (a.TryGetValue(WellKnown.BetaDefaultClassAnnotation, out var b) && b == "true")))
            .Select(c => c.Metadata.Name)
            .ToList();
        if (others.Count == 0)
        {
            return;
        }

        var version = await api.GetServerVersionAsync(cancellationToken).ConfigureAwait(false);
        var consequence = version.IsAtLeast(1, 26)
            ? $"this server ({version}) gives claims without a class the newest default"
            : $"this server ({version}) refuses to create claims without a class while more than one class is default (Kubernetes 1.26 and later pick the newest)";
        host.WriteWarning($"StorageClass {string.Join(", ", others.Select(o => $"'{o}'"))} {(others.Count == 1 ? "is" : "are")} already default; with '{name}' too, {consequence}. Remove the annotation {WellKnown.DefaultClassAnnotation} from the other{(others.Count == 1 ? string.Empty : "s")} to have one default.");
    }
}
