namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary><c>metadata</c>, checked as ValidateObjectMetaAccessor checks it.</summary>
internal static class MetadataDecoder
{
    private const int TotalAnnotationSizeLimit = 256 * 1024;

    public static ObjectMeta Decode(FieldReader reader, MappingNode root, MappingNode metadata, string? name, bool namespaced, string kind)
    {
        var generateName = reader.String(metadata, "generateName", "metadata");
        if (!string.IsNullOrEmpty(generateName))
        {
            reader.ReportEach(ManifestRules.GenerateNameInvalid, metadata["generateName"], "metadata.generateName", generateName!, KubernetesNames.IsDns1123SubdomainPrefix(generateName!));
        }

        if (string.IsNullOrEmpty(name))
        {
            if (string.IsNullOrEmpty(generateName))
            {
                // A name of the wrong type has been reported already, as a decoding error.
                if (FieldReader.Child(metadata, "name") is null or ScalarNode { Kind: Yaml.ScalarKind.String })
                {
                    reader.Report(ManifestRules.NameRequired, metadata["name"] ?? (ManifestNode)metadata, "metadata.name", fix: $"give the {kind} a name");
                }

                name = string.Empty;
            }
            else
            {
                // The API server appends five random characters; the plan needs some name to show.
                name = generateName + "xxxxx";
                reader.SetObject(kind, name);
                reader.Report(ManifestRules.NameGenerated, metadata["generateName"], "metadata.name", fix: $"planned as {name}");
            }
        }
        else
        {
            reader.ReportEach(ManifestRules.NameInvalid, metadata["name"], "metadata.name", name!, KubernetesNames.IsDns1123Subdomain(name!));
        }

        string? ns = reader.String(metadata, "namespace", "metadata");
        if (namespaced)
        {
            // Unset means the namespace kubectl sends the object to; a plan takes "default".
            if (string.IsNullOrEmpty(ns))
            {
                ns = "default";
            }
            else
            {
                reader.ReportEach(ManifestRules.NamespaceInvalid, metadata["namespace"], "metadata.namespace", ns!, KubernetesNames.IsDns1123Label(ns!));
            }
        }
        else
        {
            if (!string.IsNullOrEmpty(ns))
            {
                reader.Report(ManifestRules.NamespaceCleared, metadata["namespace"], "metadata.namespace");
            }

            ns = null;
        }

        var uid = reader.String(metadata, "uid", "metadata");
        reader.ObjectExists = !string.IsNullOrEmpty(uid);

        var labels = reader.StringMap(metadata, "labels", "metadata");
        if (labels.Count > 0)
        {
            CheckLabels(reader, labels, FieldReader.Child(metadata, "labels") as MappingNode, "metadata.labels", ManifestRules.LabelKeyInvalid, ManifestRules.LabelValueInvalid);
        }

        var annotations = reader.StringMap(metadata, "annotations", "metadata");
        if (annotations.Count > 0)
        {
            var annotationsNode = FieldReader.Child(metadata, "annotations") as MappingNode;
            long size = 0;
            foreach (var annotation in annotations)
            {
                size += annotation.Key.Length + annotation.Value.Length;
                reader.ReportEach(ManifestRules.AnnotationKeyInvalid, KeyNode(annotationsNode, annotation.Key), "metadata.annotations", annotation.Key, KubernetesNames.IsQualifiedName(annotation.Key.ToLowerInvariant()));
            }

            if (size > TotalAnnotationSizeLimit)
            {
                reader.Report(ManifestRules.AnnotationsTooLong, annotationsNode, "metadata.annotations");
            }
        }

        CheckFinalizers(reader, metadata);
        if (reader.Integer(metadata, "generation", "metadata") is < 0 and var generation)
        {
            reader.Report(ManifestRules.GenerationNegative, metadata["generation"], "metadata.generation", generation.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        CheckOwnerReferences(reader, metadata);
        return new ObjectMeta
        {
            Name = name!,
            Namespace = ns,
            Uid = uid,
            CreationTimestamp = reader.Timestamp(metadata, "creationTimestamp", "metadata"),
            DeletionTimestamp = reader.Timestamp(metadata, "deletionTimestamp", "metadata"),
            Labels = labels,
            Annotations = annotations,
            Source = reader.Where(root),
        };
    }

    /// <summary>ValidateLabels: each key a qualified name, each value a label value.</summary>
    public static void CheckLabels(FieldReader reader, IReadOnlyDictionary<string, string> labels, MappingNode? node, string path, ManifestRule keyRule, ManifestRule valueRule)
    {
        // The decoder's own maps, walked as what they are: no enumerator boxed once per object.
        if (labels is StringPairs pairs)
        {
            foreach (var (key, value) in pairs.AsSpan())
            {
                CheckLabel(reader, key, value, node, path, keyRule, valueRule);
            }

            return;
        }

        if (labels is Dictionary<string, string> map)
        {
            foreach (var (key, value) in map)
            {
                CheckLabel(reader, key, value, node, path, keyRule, valueRule);
            }

            return;
        }

        foreach (var (key, value) in labels)
        {
            CheckLabel(reader, key, value, node, path, keyRule, valueRule);
        }
    }

    private static void CheckLabel(FieldReader reader, string key, string value, MappingNode? node, string path, ManifestRule keyRule, ManifestRule valueRule)
    {
        var keyNode = KeyNode(node, key);
        reader.ReportEach(keyRule, keyNode, path, key, KubernetesNames.IsQualifiedName(key));
        reader.ReportEach(valueRule, node?[key] ?? keyNode, path, value, KubernetesNames.IsValidLabelValue(value));
    }

    public static ManifestNode? KeyNode(MappingNode? mapping, string key) => mapping is null ? null : mapping.KeyNode(key) ?? (ManifestNode)mapping;

    private static void CheckFinalizers(FieldReader reader, MappingNode metadata)
    {
        var finalizers = reader.StringItems(metadata, "finalizers", "metadata");
        var orphan = false;
        var foreground = false;
        foreach (var (finalizer, node) in finalizers)
        {
            reader.ReportEach(ManifestRules.FinalizerInvalid, node, "metadata.finalizers", finalizer, KubernetesNames.IsQualifiedName(finalizer));
            orphan |= finalizer == "orphan";
            foreground |= finalizer == "foregroundDeletion";
        }

        if (orphan && foreground)
        {
            reader.Report(ManifestRules.FinalizersConflict, metadata["finalizers"], "metadata.finalizers");
        }
    }

    private static void CheckOwnerReferences(FieldReader reader, MappingNode metadata)
    {
        var references = reader.Sequence(metadata, "ownerReferences", "metadata");
        if (references is null)
        {
            return;
        }

        for (var i = 0; i < references.Items.Count; i++)
        {
            if (references.Items[i] is not MappingNode reference)
            {
                reader.StringValue(references.Items[i], FieldReader.Index("metadata.ownerReferences", i));
                continue;
            }

            var apiVersion = reader.String(reference, "apiVersion", "metadata.ownerReferences") ?? string.Empty;
            var version = apiVersion.Substring(apiVersion.LastIndexOf('/') + 1);
            Check(version.Length == 0, ManifestRules.OwnerReferenceApiVersionEmpty, reference, "apiVersion", apiVersion);
            Check(string.IsNullOrEmpty(reader.String(reference, "kind", "metadata.ownerReferences")), ManifestRules.OwnerReferenceKindEmpty, reference, "kind", string.Empty);
            Check(string.IsNullOrEmpty(reader.String(reference, "name", "metadata.ownerReferences")), ManifestRules.OwnerReferenceNameEmpty, reference, "name", string.Empty);
            Check(string.IsNullOrEmpty(reader.String(reference, "uid", "metadata.ownerReferences")), ManifestRules.OwnerReferenceUidEmpty, reference, "uid", string.Empty);
        }

        void Check(bool broken, ManifestRule rule, MappingNode reference, string field, string value)
        {
            if (broken)
            {
                reader.Report(rule, reference[field] ?? reference, "metadata.ownerReferences." + field, value);
            }
        }
    }
}
