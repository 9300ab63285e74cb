using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;

namespace VsphereK8sStorage.Rollout;

/// <summary>
/// One object of a rollout, of any kind the drivers' manifests hold, held as KubernetesClient's typed model with
/// the <see cref="ResourceType{T}"/> that reaches it, so the installs apply, read and delete every kind the same way
/// (server-side apply through <see cref="ObjectApplier"/>) in both builds: the typed API is what KubernetesClient.Aot
/// offers too, and the models come from JSON through KubernetesJson, which both clients generate.
/// </summary>
internal abstract class RolloutObject
{
    public abstract string Kind { get; }

    public abstract string ApiVersion { get; }

    public abstract V1ObjectMeta Metadata { get; }

    public string Name => Metadata.Name;

    public string? Namespace => Metadata.NamespaceProperty;

    /// <summary>"Deployment vmware-system-csi/vsphere-csi-controller", "CSIDriver csi.vsphere.vmware.com".</summary>
    public abstract string Describe();

    /// <summary>The object as JSON, as it would be sent.</summary>
    public abstract JsonObject ToJson();

    /// <summary>Server-side apply (dry run first, so an object already as asked is not written); null outcome when ShouldProcess said no.</summary>
    public abstract Task<(ApplyOutcome? Outcome, IReadOnlyList<string> Fields)> ApplyAsync(KubernetesApi api, bool force, IOperationHost host, CancellationToken ct);

    public abstract Task<bool> ExistsAsync(KubernetesApi api, CancellationToken ct);

    /// <summary>Deletes the object; false when it was already gone.</summary>
    public abstract Task<bool> DeleteAsync(KubernetesApi api, CancellationToken ct);

    /// <summary>The typed object when it is of <typeparamref name="T"/>.</summary>
    public abstract T? As<T>()
        where T : class;

    /// <summary>The kinds a rollout may hold; anything else in a manifest is refused by name.</summary>
    private static readonly Dictionary<(string ApiVersion, string Kind), Func<string, RolloutObject>> Kinds = new()
    {
        [("v1", "Namespace")] = json => Of(Resources.Namespace, json),
        [("v1", "ServiceAccount")] = json => Of(Resources.ServiceAccount, json),
        [("v1", "Secret")] = json => Of(Resources.Secret, json),
        [("v1", "ConfigMap")] = json => Of(Resources.ConfigMap, json),
        [("v1", "Service")] = json => Of(Resources.Service, json),
        [("rbac.authorization.k8s.io/v1", "ClusterRole")] = json => Of(Resources.ClusterRole, json),
        [("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")] = json => Of(Resources.ClusterRoleBinding, json),
        [("rbac.authorization.k8s.io/v1", "Role")] = json => Of(Resources.Role, json),
        [("rbac.authorization.k8s.io/v1", "RoleBinding")] = json => Of(Resources.RoleBinding, json),
        [("storage.k8s.io/v1", "CSIDriver")] = json => Of(Resources.CSIDriver, json),
        [("apps/v1", "Deployment")] = json => Of(Resources.Deployment, json),
        [("apps/v1", "DaemonSet")] = json => Of(Resources.DaemonSet, json),
    };

    /// <summary>The kinds a rollout manifest may hold, for messages.</summary>
    public static IEnumerable<string> KnownKinds => Kinds.Keys.Select(k => k.Kind);

    /// <summary>Reads one manifest object; an unknown kind or a document the typed model cannot hold is an error that names it.</summary>
    public static RolloutObject FromJson(JsonObject json, string where)
    {
        var apiVersion = json["apiVersion"] is JsonValue a && a.TryGetValue<string>(out var av) ? av : string.Empty;
        var kind = json["kind"] is JsonValue k && k.TryGetValue<string>(out var kv) ? kv : string.Empty;
        if (!Kinds.TryGetValue((apiVersion, kind), out var make))
        {
            throw new VsphereK8sException(
                "RolloutKindUnsupported", ErrorKind.InvalidData,
                $"{where}: {(kind.Length == 0 ? "an object without a kind" : $"kind {kind} ({(apiVersion.Length == 0 ? "no apiVersion" : apiVersion)})")} is not one a vSphere driver manifest holds; the installs apply {string.Join(", ", Kinds.Keys.Select(x => x.Kind).Distinct())}.",
                where);
        }

        RolloutObject made;
        try
        {
            made = make(json.ToJsonString());
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw new VsphereK8sException("RolloutObjectInvalid", ErrorKind.InvalidData, $"{where}: {kind} cannot be read: {Text.MessageText.OneLine(ex.Message, 300)}", where, ex);
        }

        if (string.IsNullOrEmpty(made.Metadata?.Name))
        {
            throw new VsphereK8sException("RolloutObjectInvalid", ErrorKind.InvalidData, $"{where}: {kind} has no metadata.name.", where);
        }

        return made;
    }

    /// <summary>Wraps a typed object built in memory (the Secrets and ConfigMaps the installs render).</summary>
    public static RolloutObject Of<T>(ResourceType<T> type, T value)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        value.ApiVersion ??= type.ApiVersion;
        value.Kind ??= type.Kind;
        value.Metadata ??= new V1ObjectMeta();
        return new Typed<T>(type, value);
    }

    private static RolloutObject Of<T>(ResourceType<T> type, string json)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Of(type, KubernetesJson.Deserialize<T>(json) ?? throw new FormatException("the document is empty"));

    private sealed class Typed<T>(ResourceType<T> type, T value) : RolloutObject
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        public override string Kind => type.Kind;

        public override string ApiVersion => type.ApiVersion;

        public override V1ObjectMeta Metadata => value.Metadata;

        public override string Describe() => type.Describe(Name, Namespace);

        public override JsonObject ToJson() => (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(value))!;

        public override TOther? As<TOther>()
            where TOther : class => value as TOther;

        public override async Task<(ApplyOutcome? Outcome, IReadOnlyList<string> Fields)> ApplyAsync(KubernetesApi api, bool force, IOperationHost host, CancellationToken ct)
        {
            var existing = await api.GetAsync(type, Name, Namespace, ct).ConfigureAwait(false);
            var fields = existing is null ? Array.Empty<string>() : (IReadOnlyList<string>)ObjectApplier.Differences(value, existing).Select(d => d.Path).ToList();
            var (applied, outcome) = await ObjectApplier.ApplyAsync(api, type, value, force, host, ct).ConfigureAwait(false);
            if (applied is null)
            {
                return (null, fields);
            }

            return (outcome, outcome == ApplyOutcome.Configured ? fields : Array.Empty<string>());
        }

        public override async Task<bool> ExistsAsync(KubernetesApi api, CancellationToken ct) =>
            await api.GetAsync(type, Name, Namespace, ct).ConfigureAwait(false) is not null;

        public override Task<bool> DeleteAsync(KubernetesApi api, CancellationToken ct) => api.DeleteAsync(type, Name, Namespace, ct);
    }
}
