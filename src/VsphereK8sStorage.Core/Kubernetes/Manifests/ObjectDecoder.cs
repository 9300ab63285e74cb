using System;
using System.Collections.Generic;
using VsphereK8sStorage.Errors;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Turns document trees into PersistentVolumes, PersistentVolumeClaims, StorageClasses and Nodes,
/// applying the API server's rules (<see cref="ManifestRules"/>). <c>List</c> kinds are unpacked;
/// other kinds are counted and named in one warning.
/// </summary>
internal sealed class ObjectDecoder
{
    private readonly ClusterSnapshotBuilder output;
    private readonly ManifestDiagnostics diagnostics;

    public ObjectDecoder(ClusterSnapshotBuilder output, ManifestDiagnostics diagnostics)
    {
        this.output = output;
        this.diagnostics = diagnostics;
    }

    /// <summary>Decodes one document. Lists are unpacked without recursion: nested Lists cost their items, not their depth.</summary>
    public void Decode(ManifestDocument document)
    {
        if (document.Root is null)
        {
            return;
        }

        var reader = new FieldReader(document.Location, diagnostics);
        var pending = new Stack<(ManifestNode Node, string ItemPath)>();
        pending.Push((document.Root, string.Empty));
        while (pending.Count > 0)
        {
            var (node, itemPath) = pending.Pop();
            if (DecodeObject(reader, node, itemPath) is { } items)
            {
                for (var i = items.Items.Count - 1; i >= 0; i--)
                {
                    pending.Push((items.Items[i], $"items[{i}]"));
                }
            }
        }
    }

    /// <summary>Decodes one object; for a List, returns its items instead.</summary>
    private SequenceNode? DecodeObject(FieldReader reader, ManifestNode node, string itemPath)
    {
        reader.ObjectDescription = null;
        reader.ObjectExists = false;
        var errorsBefore = reader.ErrorCount;
        if (node is not MappingNode root)
        {
            reader.Report(ManifestRules.NotAnObject, node, itemPath, detail: $"expected a Kubernetes object (a mapping with apiVersion, kind and metadata), found {node.Describe()}");
            return null;
        }

        var kind = reader.String(root, "kind", string.Empty);
        if (kind is null)
        {
            reader.Report(ManifestRules.KindMissing, root, "kind", detail: "Object 'Kind' is missing", fix: "every object needs apiVersion and kind (for example 'apiVersion: v1' and 'kind: PersistentVolume')");
            return null;
        }

        if (kind == "List" || (kind.EndsWith("List", StringComparison.Ordinal) && root["items"] is not null))
        {
            var items = FieldReader.Child(root, "items");
            if (items is null or SequenceNode)
            {
                return (SequenceNode?)items;
            }

            reader.Report(ManifestRules.ListItemsNotAList, items, "items", detail: $"the items of a {kind} must be a list of objects, found {items.Describe()}");
            return null;
        }

        var kindRules = KindRules.For(kind);
        if (kindRules is null)
        {
            diagnostics.SkippedKind(FieldReader.Shorten(kind));
            return null;
        }

        var apiVersion = reader.String(root, "apiVersion", string.Empty);
        var metadataNode = reader.Mapping(root, "metadata", string.Empty);
        var metadata = metadataNode ?? new MappingNode(root.Line, root.Column);
        var name = reader.String(metadata, "name", "metadata");
        reader.ObjectDescription = string.IsNullOrEmpty(name) ? kind : $"{kind} {FieldReader.Shorten(name!)}";
        if (apiVersion is null)
        {
            reader.Report(ManifestRules.ApiVersionMissing, root, "apiVersion", detail: "Object 'apiVersion' is missing", fix: $"use 'apiVersion: {kindRules.ApiVersion}'");
        }
        else if (apiVersion != kindRules.ApiVersion)
        {
            reader.Report(ManifestRules.ApiVersionUnknown, root["apiVersion"], "apiVersion", detail: $"no matches for kind \"{kind}\" in version \"{apiVersion}\"", fix: $"use 'apiVersion: {kindRules.ApiVersion}'");
        }

        var meta = MetadataDecoder.Decode(reader, root, metadata, name, kindRules.Namespaced, kind);
        switch (kindRules.Kind)
        {
            case ObjectKind.PersistentVolume:
                var volume = VolumeDecoder.Decode(reader, root, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    output.Add(volume);
                }

                break;
            case ObjectKind.PersistentVolumeClaim:
                var claim = ClaimDecoder.Decode(reader, root, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    output.Add(claim);
                }

                break;
            case ObjectKind.StorageClass:
                var storageClass = StorageClassDecoder.Decode(reader, root, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    output.Add(storageClass);
                }

                break;
            default:
                // Binding reads a Node's name and labels; its spec and status are not checked (ManifestRules says so).
                if (reader.ErrorCount == errorsBefore)
                {
                    output.Add(new Node { Metadata = meta });
                }

                break;
        }

        return null;
    }

    private enum ObjectKind
    {
        PersistentVolume,
        PersistentVolumeClaim,
        StorageClass,
        Node,
    }

    /// <summary>The kinds binding reads, the one version current Kubernetes serves them in, and their scope.</summary>
    private sealed record KindRules(ObjectKind Kind, string ApiVersion, bool Namespaced)
    {
        private static readonly KindRules[] Table =
        {
            new(ObjectKind.PersistentVolume, "v1", false),
            new(ObjectKind.PersistentVolumeClaim, "v1", true),
            new(ObjectKind.StorageClass, "storage.k8s.io/v1", false),
            new(ObjectKind.Node, "v1", false),
        };

        public static KindRules? For(string kind)
        {
            foreach (var rules in Table)
            {
                if (rules.Kind.ToString() == kind)
                {
                    return rules;
                }
            }

            return null;
        }
    }
}

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
                reader.ObjectDescription = $"{kind} {FieldReader.Shorten(name)}";
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
        foreach (var label in labels)
        {
            var keyNode = KeyNode(node, label.Key);
            reader.ReportEach(keyRule, keyNode, path, label.Key, KubernetesNames.IsQualifiedName(label.Key));
            reader.ReportEach(valueRule, node?[label.Key] ?? keyNode, path, label.Value, KubernetesNames.IsValidLabelValue(label.Value));
        }
    }

    public static ManifestNode? KeyNode(MappingNode? mapping, string key)
    {
        if (mapping is null)
        {
            return null;
        }

        foreach (var entry in mapping.Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Key;
            }
        }

        return mapping;
    }

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
