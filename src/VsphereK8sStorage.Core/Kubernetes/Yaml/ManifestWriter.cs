using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VsphereK8sStorage.Kubernetes.Yaml;

/// <summary>
/// Writes the object model back as manifests <c>kubectl apply -f</c> takes: YAML documents, or one
/// JSON <c>List</c> shaped like <c>kubectl get -o json</c>. What it writes, the manifest reader reads
/// back to equal objects (tests hold it to that), which is what generated test and benchmark clusters need.
/// </summary>
public static class ManifestWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject ToJson(PersistentVolume volume)
    {
        var spec = new JsonObject
        {
            ["capacity"] = new JsonObject { ["storage"] = volume.Capacity.ToString() },
            ["accessModes"] = Strings(volume.AccessModes.ToNames()),
        };
        if (volume.Source is { } source)
        {
            spec[source.Kind] = SourceFields(source);
        }

        Put(spec, "claimRef", volume.ClaimRef is { } claimRef ? ClaimRef(claimRef) : null);
        Put(spec, "storageClassName", volume.StorageClassName);
        Put(spec, "volumeMode", volume.VolumeMode?.ToString());
        Put(spec, "volumeAttributesClassName", volume.VolumeAttributesClassName);
        Put(spec, "persistentVolumeReclaimPolicy", volume.ReclaimPolicy);
        if (volume.MountOptions.Count > 0)
        {
            spec["mountOptions"] = Strings(volume.MountOptions);
        }

        if (volume.NodeAffinity is { } affinity)
        {
            spec["nodeAffinity"] = new JsonObject { ["required"] = new JsonObject { ["nodeSelectorTerms"] = Terms(affinity.Terms, topology: false) } };
        }

        return Object("v1", "PersistentVolume", volume.Metadata, spec, volume.Phase?.ToString());
    }

    public static JsonObject ToJson(PersistentVolumeClaim claim)
    {
        var spec = new JsonObject
        {
            ["accessModes"] = Strings(claim.AccessModes.ToNames()),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = claim.Request.ToString() } },
        };
        if (claim.Selector is { } selector)
        {
            spec["selector"] = new JsonObject { ["matchExpressions"] = Requirements(selector.Requirements) };
        }

        Put(spec, "storageClassName", claim.StorageClassName);
        Put(spec, "volumeMode", claim.VolumeMode?.ToString());
        Put(spec, "volumeName", claim.VolumeName);
        Put(spec, "volumeAttributesClassName", claim.VolumeAttributesClassName);
        if (claim.DataSource is { } dataSource)
        {
            var reference = new JsonObject { ["kind"] = dataSource.Kind, ["name"] = dataSource.Name };
            Put(reference, "apiGroup", dataSource.ApiGroup);
            spec["dataSource"] = reference;
        }

        return Object("v1", "PersistentVolumeClaim", claim.Metadata, spec, claim.Phase?.ToString());
    }

    public static JsonObject ToJson(StorageClass storageClass)
    {
        var result = Object("storage.k8s.io/v1", "StorageClass", storageClass.Metadata, null, null);
        result["provisioner"] = storageClass.Provisioner;
        result["volumeBindingMode"] = storageClass.VolumeBindingMode.ToString();
        Put(result, "reclaimPolicy", storageClass.ReclaimPolicy);
        if (storageClass.AllowVolumeExpansion is { } expand)
        {
            result["allowVolumeExpansion"] = expand;
        }

        if (storageClass.Parameters.Count > 0)
        {
            result["parameters"] = Map(storageClass.Parameters);
        }

        if (storageClass.AllowedTopologies is { } topologies)
        {
            result["allowedTopologies"] = Terms(topologies, topology: true);
        }

        return result;
    }

    public static JsonObject ToJson(Node node) => Object("v1", "Node", node.Metadata, null, null);

    /// <summary>Every object of the snapshot, in the order kubectl lists kinds: volumes, claims, classes, nodes.</summary>
    public static IEnumerable<JsonObject> ToJson(ClusterSnapshot snapshot) =>
        snapshot.Volumes.Select(ToJson)
            .Concat(snapshot.Claims.Select(ToJson))
            .Concat(snapshot.StorageClasses.Select(ToJson))
            .Concat(snapshot.Nodes.Select(ToJson));

    /// <summary>One YAML document per object.</summary>
    public static void WriteYaml(TextWriter writer, ClusterSnapshot snapshot) =>
        YamlWriter.WriteDocuments(writer, ToJson(snapshot).Select(o => JsonDocument.Parse(o.ToJsonString()).RootElement));

    /// <summary>A <c>kind: List</c> as <c>kubectl get pv,pvc,sc,nodes -o json</c> prints it.</summary>
    public static void WriteJsonList(TextWriter writer, ClusterSnapshot snapshot)
    {
        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new JsonArray(ToJson(snapshot).Cast<JsonNode?>().ToArray()),
        };
        writer.WriteLine(list.ToJsonString(Indented));
    }

    private static JsonObject Object(string apiVersion, string kind, ObjectMeta meta, JsonObject? spec, string? phase)
    {
        var metadata = new JsonObject { ["name"] = meta.Name };
        Put(metadata, "namespace", meta.Namespace);
        Put(metadata, "uid", meta.Uid);
        Put(metadata, "creationTimestamp", meta.CreationTimestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Put(metadata, "deletionTimestamp", meta.DeletionTimestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        if (meta.Labels.Count > 0)
        {
            metadata["labels"] = Map(meta.Labels);
        }

        if (meta.Annotations.Count > 0)
        {
            metadata["annotations"] = Map(meta.Annotations);
        }

        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
        if (spec is not null)
        {
            result["spec"] = spec;
        }

        if (phase is not null)
        {
            result["status"] = new JsonObject { ["phase"] = phase };
        }

        return result;
    }

    private static JsonObject ClaimRef(ClaimReference claimRef)
    {
        var result = new JsonObject();
        Put(result, "namespace", claimRef.Namespace.Length == 0 ? null : claimRef.Namespace);
        Put(result, "name", claimRef.Name.Length == 0 ? null : claimRef.Name);
        Put(result, "uid", claimRef.Uid);
        return result;
    }

    // The reader folds a source into kind plus identity; csi and nfs identities hold two fields.
    private static JsonObject SourceFields(VolumeSource source)
    {
        var identity = source.Identity ?? string.Empty;
        switch (source.Kind)
        {
            case "csi":
                var space = identity.IndexOf(' ');
                return new JsonObject { ["driver"] = identity.Substring(0, space), ["volumeHandle"] = identity.Substring(space + 1) };
            case "nfs":
                var colon = identity.IndexOf(':');
                return new JsonObject { ["server"] = identity.Substring(0, colon), ["path"] = identity.Substring(colon + 1) };
            default:
                var field = VolumeSource.IdentityField(source.Kind);
                return field is null ? new JsonObject() : new JsonObject { [field] = identity };
        }
    }

    // allowedTopologies terms hold matchLabelExpressions of key and values only (the operator is always In).
    private static JsonArray Terms(IEnumerable<NodeSelectorTerm> terms, bool topology) =>
        new(terms.Select(t =>
        {
            var term = topology
                ? new JsonObject { ["matchLabelExpressions"] = new JsonArray(t.MatchExpressions.Select(r => (JsonNode?)new JsonObject { ["key"] = r.Key, ["values"] = Strings(r.Values) }).ToArray()) }
                : new JsonObject { ["matchExpressions"] = Requirements(t.MatchExpressions) };
            if (t.MatchFields.Count > 0)
            {
                term["matchFields"] = Requirements(t.MatchFields);
            }

            return (JsonNode?)term;
        }).ToArray());

    private static JsonArray Requirements(IEnumerable<SelectorRequirement> requirements) =>
        new(requirements.Select(r =>
        {
            var requirement = new JsonObject { ["key"] = r.Key, ["operator"] = r.Operator.ToString() };
            if (r.Values.Count > 0)
            {
                requirement["values"] = Strings(r.Values);
            }

            return (JsonNode?)requirement;
        }).ToArray());

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonObject Map(IReadOnlyDictionary<string, string> map)
    {
        var result = new JsonObject();
        foreach (var entry in map.OrderBy(e => e.Key, System.StringComparer.Ordinal))
        {
            result[entry.Key] = entry.Value;
        }

        return result;
    }

    private static void Put(JsonObject target, string key, JsonNode? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }

    private static void Put(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }
}
