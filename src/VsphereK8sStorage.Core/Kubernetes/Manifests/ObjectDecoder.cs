using System;
using System.Collections.Generic;
using VsphereK8sStorage.Errors;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Turns document trees into PersistentVolumes, PersistentVolumeClaims, StorageClasses and Nodes,
/// applying the API server's rules (<see cref="ManifestRules"/>). <c>List</c> kinds are unpacked;
/// other kinds are counted and named in one warning.
/// </summary>
internal sealed class ObjectDecoder : IItemSink
{
    private readonly IObjectSink output;
    private readonly ManifestDiagnostics diagnostics;
    private readonly Stack<(ManifestNode Node, int Index)> pending = new();

    // The items of a top-level list, decoded as the reader completes each one and kept aside until
    // the document turns out to be a List (kubectl writes 'kind: List' after the items).
    private readonly StagedObjects stagedObjects = new();
    private readonly ManifestDiagnostics stagedDiagnostics = new();

    public ObjectDecoder(IObjectSink output, ManifestDiagnostics diagnostics)
    {
        this.output = output;
        this.diagnostics = diagnostics;
    }

    /// <summary>Decodes one document. Lists are unpacked without recursion: nested Lists cost their items, not their depth.</summary>
    public void Decode(ManifestDocument document)
    {
        var streamed = document.Root is MappingNode { } root && root["items"] is SequenceNode { Streamed: > 0 };
        if (streamed && IsList((MappingNode)document.Root!))
        {
            stagedObjects.MoveTo(output);
            diagnostics.Absorb(stagedDiagnostics);
        }
        else
        {
            stagedObjects.Clear();
            stagedDiagnostics.Clear();
        }

        if (document.Root is not null)
        {
            DecodeTree(new FieldReader(document.Location, diagnostics), document.Root, -1, output);
        }
    }

    /// <summary>A source has ended: items of a document that never completed (a syntax error in the List) are dropped.</summary>
    public void EndOfSource()
    {
        stagedObjects.Clear();
        stagedDiagnostics.Clear();
    }

    /// <summary>One item of a document's top-level list, complete: decoded now, kept aside until the document ends.</summary>
    public void Item(ManifestNode item, int index, SourceLocation document) =>
        DecodeTree(new FieldReader(document, stagedDiagnostics), item, index, stagedObjects);

    private static bool IsList(MappingNode root) =>
        FieldReader.Child(root, "kind") is ScalarNode { Kind: Yaml.ScalarKind.String } kind && IsListKind(kind.Value);

    private static bool IsListKind(string kind) => kind.EndsWith("List", StringComparison.Ordinal);

    private void DecodeTree(FieldReader reader, ManifestNode top, int index, IObjectSink sink)
    {
        pending.Push((top, index));
        while (pending.Count > 0)
        {
            var (node, itemIndex) = pending.Pop();
            if (DecodeObject(reader, node, itemIndex, sink) is { } items)
            {
                for (var i = items.Items.Count - 1; i >= 0; i--)
                {
                    pending.Push((items.Items[i], i));
                }
            }
        }
    }

    /// <summary>Decodes one object; for a List, returns its items instead.</summary>
    private SequenceNode? DecodeObject(FieldReader reader, ManifestNode node, int itemIndex, IObjectSink sink)
    {
        reader.SetObject(null, null);
        reader.ObjectExists = false;
        var errorsBefore = reader.ErrorCount;
        if (node is not MappingNode root)
        {
            reader.Report(ManifestRules.NotAnObject, node, itemIndex < 0 ? string.Empty : FieldReader.Index("items", itemIndex), detail: $"expected a Kubernetes object (a mapping with apiVersion, kind and metadata), found {node.Describe()}");
            return null;
        }

        var kind = reader.String(root, "kind", string.Empty);
        if (kind is null)
        {
            reader.Report(ManifestRules.KindMissing, root, "kind", detail: "Object 'Kind' is missing", fix: "every object needs apiVersion and kind (for example 'apiVersion: v1' and 'kind: PersistentVolume')");
            return null;
        }

        if (kind == "List" || (IsListKind(kind) && root["items"] is not null))
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
        reader.SetObject(kind, name);
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
                    sink.Add(volume);
                }

                break;
            case ObjectKind.PersistentVolumeClaim:
                var claim = ClaimDecoder.Decode(reader, root, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    sink.Add(claim);
                }

                break;
            case ObjectKind.StorageClass:
                var storageClass = StorageClassDecoder.Decode(reader, root, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    sink.Add(storageClass);
                }

                break;
            default:
                // Binding reads a Node's name and labels; its spec and status are not checked (ManifestRules says so).
                if (reader.ErrorCount == errorsBefore)
                {
                    sink.Add(new Node { Metadata = meta });
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

        public static KindRules? For(string kind) => kind switch
        {
            "PersistentVolume" => Table[0],
            "PersistentVolumeClaim" => Table[1],
            "StorageClass" => Table[2],
            "Node" => Table[3],
            _ => null,
        };
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
        foreach (var label in labels)
        {
            var keyNode = KeyNode(node, label.Key);
            reader.ReportEach(keyRule, keyNode, path, label.Key, KubernetesNames.IsQualifiedName(label.Key));
            reader.ReportEach(valueRule, node?[label.Key] ?? keyNode, path, label.Value, KubernetesNames.IsValidLabelValue(label.Value));
        }
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
