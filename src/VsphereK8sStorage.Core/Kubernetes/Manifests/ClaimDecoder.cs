namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>A PersistentVolumeClaim, checked as ValidatePersistentVolumeClaimSpec checks it.</summary>
internal static class ClaimDecoder
{
    public static PersistentVolumeClaim Decode(FieldReader reader, MappingNode root, ObjectMeta meta)
    {
        var spec = reader.Mapping(root, "spec", string.Empty) ?? new MappingNode(root.Line, root.Column);
        var accessModes = VolumeDecoder.DecodeAccessModes(reader, spec, ManifestRules.PvcAccessModesRequired);
        var selectorNode = reader.Mapping(spec, "selector", "spec");
        var selector = selectorNode is null ? null : SelectorDecoder.DecodeLabelSelector(reader, selectorNode, "spec.selector");
        var request = DecodeRequest(reader, spec);
        var storageClassName = reader.String(spec, "storageClassName", "spec");
        VolumeDecoder.CheckClassName(reader, spec, "storageClassName", storageClassName, ManifestRules.StorageClassNameInvalid);
        var volumeMode = VolumeDecoder.DecodeVolumeMode(reader, spec);
        var dataSource = DecodeDataSources(reader, spec);
        var attributesClass = reader.String(spec, "volumeAttributesClassName", "spec");
        VolumeDecoder.CheckClassName(reader, spec, "volumeAttributesClassName", attributesClass, ManifestRules.VolumeAttributesClassNameInvalid);

        return new PersistentVolumeClaim
        {
            Metadata = meta,
            AccessModes = accessModes,
            Request = request,
            Selector = selector,
            StorageClassName = storageClassName,
            VolumeMode = volumeMode,

            // Not validated upstream: the controller looks the name up, whatever it is.
            VolumeName = reader.String(spec, "volumeName", "spec"),
            VolumeAttributesClassName = attributesClass,
            DataSource = dataSource,
            Phase = VolumeDecoder.DecodePhase<ClaimPhase>(reader, root),
        };
    }

    private static Quantity DecodeRequest(FieldReader reader, MappingNode spec)
    {
        var resources = reader.Mapping(spec, "resources", "spec");
        var requests = resources is null ? null : reader.Mapping(resources, "requests", "spec.resources");
        var storage = requests?["storage"];
        if (storage is null)
        {
            reader.Report(ManifestRules.PvcStorageRequired, (ManifestNode?)requests ?? (ManifestNode?)resources ?? spec, "spec.resources[storage]", fix: "add 'resources: {requests: {storage: 10Gi}}'");
            return default;
        }

        if (reader.Quantity(storage, "spec.resources.requests", "storage") is not { } quantity)
        {
            return default;
        }

        if (quantity.Sign <= 0)
        {
            reader.Report(ManifestRules.PvcStorageNotPositive, storage, "spec.resources[storage]", quantity.ToString());
        }

        return quantity;
    }

    // dataSource and dataSourceRef: each validated; the API server makes them equal on create, so the model keeps one.
    private static TypedReference? DecodeDataSources(FieldReader reader, MappingNode spec)
    {
        var dataSource = DecodeReference(reader, spec, "dataSource", out _);
        var dataSourceRef = DecodeReference(reader, spec, "dataSourceRef", out var refNamespace);
        if (!string.IsNullOrEmpty(refNamespace))
        {
            if (spec["dataSource"] is MappingNode)
            {
                reader.Report(ManifestRules.DataSourceWithCrossNamespaceRef, spec["dataSource"], "spec", "spec.dataSource");
            }
        }
        else if (dataSource is not null && dataSourceRef is not null && dataSource != dataSourceRef)
        {
            reader.Report(ManifestRules.DataSourceMismatch, spec["dataSource"], "spec", "spec.dataSource");
        }

        return dataSourceRef ?? dataSource;
    }

    private static TypedReference? DecodeReference(FieldReader reader, MappingNode spec, string key, out string? referenceNamespace)
    {
        referenceNamespace = null;
        var reference = reader.Mapping(spec, key, "spec");
        if (reference is null)
        {
            return null;
        }

        var path = "spec." + key;
        var name = reader.String(reference, "name", path);
        var kind = reader.String(reference, "kind", path);
        var apiGroup = reader.String(reference, "apiGroup", path);
        if (string.IsNullOrEmpty(name))
        {
            reader.Report(ManifestRules.DataSourceNameRequired, reference["name"] ?? reference, path + ".name");
        }

        if (string.IsNullOrEmpty(kind))
        {
            reader.Report(ManifestRules.DataSourceKindRequired, reference["kind"] ?? reference, path + ".kind");
        }

        if (string.IsNullOrEmpty(apiGroup) && kind != "PersistentVolumeClaim")
        {
            reader.Report(ManifestRules.DataSourceCoreKind, reference, path, kind ?? string.Empty, fix: "a VolumeSnapshot needs 'apiGroup: snapshot.storage.k8s.io'");
        }
        else if (!string.IsNullOrEmpty(apiGroup))
        {
            reader.ReportEach(ManifestRules.DataSourceApiGroupInvalid, reference["apiGroup"], path + ".apiGroup", apiGroup!, KubernetesNames.IsDns1123Subdomain(apiGroup!));
        }

        if (key == "dataSourceRef")
        {
            referenceNamespace = reader.String(reference, "namespace", path);
            if (!string.IsNullOrEmpty(referenceNamespace))
            {
                reader.ReportEach(ManifestRules.DataSourceRefNamespaceInvalid, reference["namespace"], path + ".namespace", referenceNamespace!, KubernetesNames.IsDns1123Label(referenceNamespace!));
            }
        }

        return string.IsNullOrEmpty(name) || string.IsNullOrEmpty(kind) ? null : new TypedReference(string.IsNullOrEmpty(apiGroup) ? null : apiGroup, kind!, name!);
    }
}
