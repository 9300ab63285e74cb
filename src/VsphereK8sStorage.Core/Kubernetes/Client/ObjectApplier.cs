using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>A field whose value in the cluster differs from the one requested.</summary>
internal sealed record FieldDifference(string Path, string? Current, string Requested)
{
    public override string ToString() => Current is null ? $"{Path} (unset, requested {Requested})" : $"{Path} (is {Current}, requested {Requested})";
}

/// <summary>
/// How every New-K8s* command writes its object, so re-running one is safe:
/// read the object; ask the server what a server-side apply would make of it (dry run, which also
/// validates and reports field conflicts before anything changes); if that is what is there already,
/// report Unchanged without writing; otherwise ask ShouldProcess once and apply for real.
/// </summary>
internal static class ObjectApplier
{
    private static readonly Regex ConflictManager = new("conflict with \"([^\"]+)\"", RegexOptions.CultureInvariant);

    // spec fields of a PersistentVolume that are not its volume source ("spec.persistentvolumesource" in errors).
    private static readonly HashSet<string> VolumeSpecFields = new(StringComparer.Ordinal)
    {
        "capacity", "accessModes", "claimRef", "persistentVolumeReclaimPolicy", "storageClassName", "mountOptions", "volumeMode", "nodeAffinity", "volumeAttributesClassName",
    };

    /// <summary>The applied object and what happened; the object is null when ShouldProcess said no.</summary>
    public static async Task<(T? Object, ApplyOutcome Outcome)> ApplyAsync<T>(KubernetesApi api, ResourceType<T> type, T desired, bool force, IOperationHost host, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var target = type.Describe(desired.Metadata.Name, desired.Metadata.NamespaceProperty);
        var existing = await api.GetAsync(type, desired.Metadata.Name, desired.Metadata.NamespaceProperty, cancellationToken).ConfigureAwait(false);
        T preview;
        try
        {
            preview = await api.ApplyAsync(type, desired, force, dryRun: true, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex)
        {
            throw Explain(ex, target, desired, existing, force);
        }

        if (existing is not null && !SameObject(existing, preview))
        {
            // A controller may have written the object between our read and the dry run (the PV controller
            // annotates new claims, for one): read it again before deciding that our apply would change it.
            existing = await api.GetAsync(type, desired.Metadata.Name, desired.Metadata.NamespaceProperty, cancellationToken).ConfigureAwait(false);
        }

        if (existing is not null && SameObject(existing, preview))
        {
            host.WriteVerbose($"{target} is already as requested; nothing to change");
            return (existing, ApplyOutcome.Unchanged);
        }

        var action = existing is null
            ? "Create"
            : "Update " + string.Join(", ", Differences(desired, existing).Select(d => d.Path).DefaultIfEmpty("fields set by an earlier run"));
        if (!host.ShouldProcess(target, action))
        {
            return (null, existing is null ? ApplyOutcome.Created : ApplyOutcome.Configured);
        }

        try
        {
            var applied = await api.ApplyAsync(type, desired, force, dryRun: false, cancellationToken).ConfigureAwait(false);
            return (applied, existing is null ? ApplyOutcome.Created : ApplyOutcome.Configured);
        }
        catch (KubernetesApiException ex)
        {
            throw Explain(ex, target, desired, existing, force);
        }
    }

    /// <summary>The fields <paramref name="desired"/> sets whose values <paramref name="existing"/> does not have.</summary>
    internal static IReadOnlyList<FieldDifference> Differences(object desired, object existing)
    {
        var differences = new List<FieldDifference>();
        Walk(WithoutManagedFields(desired), WithoutManagedFields(existing), string.Empty, differences);
        return differences;
    }

    /// <summary>Equal but for the bookkeeping a no-op apply may touch.</summary>
    internal static bool SameObject(object existing, object preview)
    {
        static JsonNode? Comparable(object o)
        {
            var node = WithoutManagedFields(o);
            if (node?["metadata"] is JsonObject metadata)
            {
                metadata.Remove("resourceVersion");
            }

            return node;
        }

        return JsonNode.DeepEquals(Comparable(existing), Comparable(preview));
    }

    /// <summary>
    /// An object's JSON without metadata.managedFields, which no comparison looks at. They are left out before
    /// serializing, not removed after: their fieldsV1 is an untyped JSON value the NativeAOT build's serializer has no
    /// metadata for, so an object read from the server could not be written otherwise.
    /// </summary>
    private static JsonNode? WithoutManagedFields(object o)
    {
        if (o is not IMetadata<V1ObjectMeta> { Metadata: { ManagedFields: { } kept } metadata })
        {
            return JsonNode.Parse(KubernetesJson.Serialize(o));
        }

        metadata.ManagedFields = null;
        try
        {
            return JsonNode.Parse(KubernetesJson.Serialize(o));
        }
        finally
        {
            metadata.ManagedFields = kept;
        }
    }

    private static void Walk(JsonNode? desired, JsonNode? existing, string path, List<FieldDifference> differences)
    {
        if (desired is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                var isIdentity = path.Length == 0 ? key is "apiVersion" or "kind" : path == "metadata" && key is "name" or "namespace";
                if (!isIdentity)
                {
                    Walk(value, (existing as JsonObject)?[key], path.Length == 0 ? key : $"{path}.{key}", differences);
                }
            }

            return;
        }

        if (!JsonNode.DeepEquals(desired, existing))
        {
            differences.Add(new FieldDifference(path, existing?.ToJsonString(), desired?.ToJsonString() ?? "null"));
        }
    }

    /// <summary>Turns the two refusals an apply meets into messages that name the fields and the way out.</summary>
    private static VsphereK8sException Explain(KubernetesApiException error, string target, object desired, object? existing, bool force)
    {
        if (error.StatusCode == 409 && error.Causes.Any(c => c.Reason == "FieldManagerConflict"))
        {
            // A Secret's values never reach a message: its fields are named, not shown.
            var current = existing is null || desired is V1Secret ? new List<FieldDifference>() : Differences(desired, existing).ToList();
            var fields = error.Causes.Where(c => c.Reason == "FieldManagerConflict").Select(c =>
            {
                var field = (c.Field ?? string.Empty).TrimStart('.');
                var manager = ConflictManager.Match(c.Message) is { Success: true } m ? m.Groups[1].Value : "another manager";
                var value = current.FirstOrDefault(d => d.Path == field)?.Current;
                return value is null ? $"{field} (owned by {manager})" : $"{field} (is {value}, set by {manager})";
            });
            return new VsphereK8sException(
                "KubernetesFieldConflict",
                ErrorKind.InvalidOperation,
                $"Cannot apply {target}: other field managers set {string.Join(", ", fields)} to other values. Pass {Param.Name("Force")} to take these fields over, or request the values they have.",
                target,
                error);
        }

        if (error.StatusCode == 422 && existing is not null)
        {
            var changed = Differences(desired, existing);
            var refused = changed.Where(d => error.Fields.Any(f => Covers(f, d.Path))).ToList();
            if (refused.Count > 0)
            {
                return new VsphereK8sException(
                    "KubernetesFieldImmutable",
                    ErrorKind.InvalidOperation,
                    $"Cannot change {target}: it already exists and the API server does not allow {string.Join(", ", refused.Take(5).Select(d => desired is V1Secret ? d.Path : d.ToString()))} to change after creation ({error.ServerMessage}). Delete it first, or choose another name.",
                    target,
                    error);
            }
        }

        return error;
    }

    /// <summary>Whether a field the server refused (its own path, as 1.20 or later spell them) covers one we changed.</summary>
    private static bool Covers(string refusedField, string changedPath)
    {
        var field = refusedField.TrimStart('.');
        if (field == "spec.persistentvolumesource")
        {
            var parts = changedPath.Split('.');
            return parts.Length > 1 && parts[0] == "spec" && !VolumeSpecFields.Contains(parts[1]);
        }

        bool Under(string prefix) => changedPath == prefix || changedPath.StartsWith(prefix + ".", StringComparison.Ordinal);

        // v1.20 names some PersistentVolume fields without their "spec." (volumeMode, nodeAffinity).
        return Under(field) || Under("spec." + field);
    }
}
