using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Errors;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Turns document trees into PersistentVolumes, PersistentVolumeClaims, StorageClasses and Nodes,
/// validating what the API server would validate for the fields binding reads. Unknown kinds are
/// skipped; <c>List</c> kinds are unpacked.
/// </summary>
internal sealed class ObjectDecoder
{
    private readonly ClusterSnapshotBuilder output;
    private readonly Action<string> verbose;

    public ObjectDecoder(ClusterSnapshotBuilder output, Action<string> verbose)
    {
        this.output = output;
        this.verbose = verbose;
    }

    public void Decode(ManifestDocument document, List<ManifestException> errors)
    {
        if (document.Root is null)
        {
            return;
        }

        var reader = new FieldReader(document.Location, errors);
        DecodeObject(reader, document.Root, string.Empty, document.Location);
    }

    private void DecodeObject(FieldReader reader, ManifestNode node, string path, SourceLocation document)
    {
        if (node is not MappingNode root)
        {
            reader.Error(node, path, $"expected a Kubernetes object (a mapping with apiVersion, kind and metadata), found {node.Describe()}");
            return;
        }

        var kind = reader.String(root, "kind", path);
        var apiVersion = reader.String(root, "apiVersion", path);
        if (kind is null)
        {
            reader.Error(root, FieldReader.Join(path, "kind"), "required field is missing; every object needs apiVersion and kind (for example 'apiVersion: v1' and 'kind: PersistentVolume')");
            return;
        }

        if (kind == "List" || (kind.EndsWith("List", StringComparison.Ordinal) && root["items"] is not null))
        {
            var items = reader.Sequence(root, "items", path);
            for (var i = 0; items is not null && i < items.Items.Count; i++)
            {
                DecodeObject(reader, items.Items[i], $"{FieldReader.Join(path, "items")}[{i}]", document);
            }

            return;
        }

        var expectedVersions = kind switch
        {
            "PersistentVolume" or "PersistentVolumeClaim" or "Node" => new[] { "v1" },
            "StorageClass" => new[] { "storage.k8s.io/v1", "storage.k8s.io/v1beta1" },
            _ => null,
        };
        if (expectedVersions is null)
        {
            verbose($"{Where(root, document)}: skipped {kind}: binding does not read it");
            return;
        }

        var metadata = reader.Mapping(root, "metadata", path, required: true);
        var name = metadata is null ? null : reader.String(metadata, "name", FieldReader.Join(path, "metadata"), required: true);
        reader.ObjectDescription = name is null ? kind : $"{kind} {name}";
        if (apiVersion is null)
        {
            reader.Error(root, FieldReader.Join(path, "apiVersion"), $"required field is missing; use 'apiVersion: {expectedVersions[0]}'");
        }
        else if (!expectedVersions.Contains(apiVersion, StringComparer.Ordinal))
        {
            reader.Error(root["apiVersion"], FieldReader.Join(path, "apiVersion"), $"'{apiVersion}' does not serve {kind}; use 'apiVersion: {expectedVersions[0]}'");
        }

        if (metadata is null || name is null)
        {
            return;
        }

        var errorsBefore = reader.ErrorCount;
        var namespaced = kind == "PersistentVolumeClaim";
        var meta = DecodeMetadata(reader, metadata, FieldReader.Join(path, "metadata"), namespaced, Where(root, document));
        switch (kind)
        {
            case "PersistentVolume":
                var volume = DecodeVolume(reader, root, path, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    output.Add(volume);
                }

                break;
            case "PersistentVolumeClaim":
                var claim = DecodeClaim(reader, root, path, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    output.Add(claim);
                }

                break;
            case "StorageClass":
                var storageClass = DecodeStorageClass(reader, root, path, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    output.Add(storageClass);
                }

                break;
            default:
                if (reader.ErrorCount == errorsBefore)
                {
                    output.Add(new Node { Metadata = meta });
                }

                break;
        }

        reader.ObjectDescription = null;
    }

    private static SourceLocation Where(ManifestNode node, SourceLocation document) =>
        new(document.File, node.Line, node.Column, document.Document);

    private static ObjectMeta DecodeMetadata(FieldReader reader, MappingNode metadata, string path, bool namespaced, SourceLocation source)
    {
        var name = reader.String(metadata, "name", path) ?? string.Empty;
        if (KubernetesNames.CheckSubdomain(name) is { } nameProblem)
        {
            reader.Error(metadata["name"], FieldReader.Join(path, "name"), nameProblem);
        }

        string? ns = null;
        if (namespaced)
        {
            ns = reader.String(metadata, "namespace", path) ?? "default";
            if (KubernetesNames.CheckLabelName(ns) is { } nsProblem)
            {
                reader.Error(metadata["namespace"], FieldReader.Join(path, "namespace"), nsProblem);
            }
        }

        var labels = reader.StringMap(metadata, "labels", path);
        foreach (var label in labels)
        {
            var problem = KubernetesNames.CheckQualifiedName(label.Key) ?? KubernetesNames.CheckLabelValue(label.Value);
            if (problem is not null)
            {
                reader.Error(metadata["labels"], $"{path}.labels.{label.Key}", problem);
            }
        }

        var annotations = reader.StringMap(metadata, "annotations", path);
        foreach (var annotation in annotations)
        {
            if (KubernetesNames.CheckQualifiedName(annotation.Key) is { } problem)
            {
                reader.Error(metadata["annotations"], $"{path}.annotations.{annotation.Key}", problem);
            }
        }

        return new ObjectMeta
        {
            Name = name,
            Namespace = ns,
            Uid = reader.String(metadata, "uid", path),
            CreationTimestamp = reader.Timestamp(metadata, "creationTimestamp", path),
            DeletionTimestamp = reader.Timestamp(metadata, "deletionTimestamp", path),
            Labels = labels,
            Annotations = annotations,
            Source = source,
        };
    }

    private static PersistentVolume DecodeVolume(FieldReader reader, MappingNode root, string path, ObjectMeta meta)
    {
        var specPath = FieldReader.Join(path, "spec");
        var spec = reader.Mapping(root, "spec", path, required: true);
        if (spec is null)
        {
            return new PersistentVolume { Metadata = meta };
        }

        Quantity capacity = default;
        var capacityMap = reader.Mapping(spec, "capacity", specPath, required: true);
        if (capacityMap is not null)
        {
            var capacityPath = FieldReader.Join(specPath, "capacity");
            foreach (var entry in capacityMap.Entries.Where(e => e.Key.Value != "storage"))
            {
                reader.Error(entry.Key, $"{capacityPath}.{entry.Key.Value}", "unsupported resource; a volume's capacity has only 'storage'");
            }

            if (reader.Quantity(capacityMap, "storage", capacityPath, required: true) is { } storage)
            {
                capacity = storage;
                if (storage.Sign <= 0)
                {
                    reader.Error(capacityMap["storage"], $"{capacityPath}.storage", $"'{storage}' must be greater than zero");
                }
            }
        }

        var accessModes = DecodeAccessModes(reader, spec, specPath);
        var storageClassName = reader.String(spec, "storageClassName", specPath);
        CheckClassName(reader, spec, specPath, storageClassName);
        var nodeAffinity = DecodeNodeAffinity(reader, spec, specPath);
        var source = DecodeVolumeSource(reader, spec, specPath);
        if (source?.Kind == "local" && nodeAffinity is null)
        {
            reader.Error(spec, FieldReader.Join(specPath, "nodeAffinity"), "a local volume requires nodeAffinity naming the node that has the disk (kubernetes.io/hostname In [node])");
        }

        return new PersistentVolume
        {
            Metadata = meta,
            Capacity = capacity,
            AccessModes = accessModes,
            ClaimRef = DecodeClaimRef(reader, spec, specPath),
            StorageClassName = storageClassName,
            VolumeMode = reader.Enum<VolumeMode>(spec, "volumeMode", specPath),
            VolumeAttributesClassName = reader.String(spec, "volumeAttributesClassName", specPath),
            NodeAffinity = nodeAffinity,
            ReclaimPolicy = DecodeReclaimPolicy(reader, spec, specPath, "persistentVolumeReclaimPolicy", "Retain", "Delete", "Recycle"),
            MountOptions = reader.StringList(spec, "mountOptions", specPath),
            Source = source,
            Phase = DecodeStatusPhase<VolumePhase>(reader, root, path),
        };
    }

    private static PersistentVolumeClaim DecodeClaim(FieldReader reader, MappingNode root, string path, ObjectMeta meta)
    {
        var specPath = FieldReader.Join(path, "spec");
        var spec = reader.Mapping(root, "spec", path, required: true);
        if (spec is null)
        {
            return new PersistentVolumeClaim { Metadata = meta };
        }

        Quantity request = default;
        var resources = reader.Mapping(spec, "resources", specPath, required: true);
        if (resources is not null)
        {
            var resourcesPath = FieldReader.Join(specPath, "resources");
            var requests = reader.Mapping(resources, "requests", resourcesPath, required: true);
            if (requests is not null && reader.Quantity(requests, "storage", FieldReader.Join(resourcesPath, "requests"), required: true) is { } storage)
            {
                request = storage;
                if (storage.Sign <= 0)
                {
                    reader.Error(requests["storage"], $"{resourcesPath}.requests.storage", $"'{storage}' must be greater than zero");
                }
            }
        }

        var storageClassName = reader.String(spec, "storageClassName", specPath);
        CheckClassName(reader, spec, specPath, storageClassName);
        var volumeName = reader.String(spec, "volumeName", specPath);
        TypedReference? dataSource = null;
        var dataSourceMap = reader.Mapping(spec, "dataSourceRef", specPath) ?? reader.Mapping(spec, "dataSource", specPath);
        if (dataSourceMap is not null)
        {
            var dsPath = FieldReader.Join(specPath, spec["dataSourceRef"] is MappingNode ? "dataSourceRef" : "dataSource");
            var kind = reader.String(dataSourceMap, "kind", dsPath, required: true);
            var name = reader.String(dataSourceMap, "name", dsPath, required: true);
            if (kind is not null && name is not null)
            {
                dataSource = new TypedReference(reader.String(dataSourceMap, "apiGroup", dsPath), kind, name);
            }
        }

        return new PersistentVolumeClaim
        {
            Metadata = meta,
            AccessModes = DecodeAccessModes(reader, spec, specPath),
            Request = request,
            Selector = DecodeLabelSelector(reader, spec, "selector", specPath),
            StorageClassName = storageClassName,
            VolumeMode = reader.Enum<VolumeMode>(spec, "volumeMode", specPath),
            VolumeName = volumeName,
            VolumeAttributesClassName = reader.String(spec, "volumeAttributesClassName", specPath),
            DataSource = dataSource,
            Phase = DecodeStatusPhase<ClaimPhase>(reader, root, path),
        };
    }

    private static StorageClass DecodeStorageClass(FieldReader reader, MappingNode root, string path, ObjectMeta meta)
    {
        var provisioner = reader.String(root, "provisioner", path, required: true) ?? string.Empty;
        return new StorageClass
        {
            Metadata = meta,
            Provisioner = provisioner,
            VolumeBindingMode = reader.Enum<VolumeBindingMode>(root, "volumeBindingMode", path) ?? VolumeBindingMode.Immediate,
            ReclaimPolicy = DecodeReclaimPolicy(reader, root, path, "reclaimPolicy", "Delete", "Retain"),
            AllowVolumeExpansion = reader.Bool(root, "allowVolumeExpansion", path),
            Parameters = reader.StringMap(root, "parameters", path),
            AllowedTopologies = DecodeAllowedTopologies(reader, root, path),
        };
    }

    // allowedTopologies: terms ORed, each a list of matchLabelExpressions {key, values} ANDed.
    private static IReadOnlyList<NodeSelectorTerm>? DecodeAllowedTopologies(FieldReader reader, MappingNode root, string path)
    {
        var list = reader.Sequence(root, "allowedTopologies", path);
        if (list is null)
        {
            return null;
        }

        var terms = new List<NodeSelectorTerm>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var termPath = $"{FieldReader.Join(path, "allowedTopologies")}[{i}]";
            if (list.Items[i] is not MappingNode term)
            {
                reader.Error(list.Items[i], termPath, $"expected a mapping with matchLabelExpressions, found {list.Items[i].Describe()}");
                continue;
            }

            var expressions = reader.Sequence(term, "matchLabelExpressions", termPath);
            var requirements = new List<SelectorRequirement>();
            for (var j = 0; expressions is not null && j < expressions.Items.Count; j++)
            {
                var expressionPath = $"{termPath}.matchLabelExpressions[{j}]";
                if (expressions.Items[j] is not MappingNode expression)
                {
                    reader.Error(expressions.Items[j], expressionPath, "expected a mapping with key and values");
                    continue;
                }

                var key = reader.String(expression, "key", expressionPath, required: true);
                var values = reader.StringList(expression, "values", expressionPath);
                if (values.Count == 0)
                {
                    reader.Error(expression, FieldReader.Join(expressionPath, "values"), "at least one value is required");
                }
                else if (key is not null)
                {
                    requirements.Add(new SelectorRequirement(key, SelectorOperator.In, values));
                }
            }

            terms.Add(new NodeSelectorTerm(requirements, Array.Empty<SelectorRequirement>()));
        }

        return terms;
    }

    private static void CheckClassName(FieldReader reader, MappingNode spec, string specPath, string? storageClassName)
    {
        if (!string.IsNullOrEmpty(storageClassName) && KubernetesNames.CheckSubdomain(storageClassName!) is { } problem)
        {
            reader.Error(spec["storageClassName"], FieldReader.Join(specPath, "storageClassName"), problem);
        }
    }

    private static string? DecodeReclaimPolicy(FieldReader reader, MappingNode parent, string path, string key, params string[] allowed)
    {
        var value = reader.String(parent, key, path);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            reader.Error(parent[key], FieldReader.Join(path, key), $"unsupported value '{value}'; use one of {string.Join(", ", allowed)}");
        }

        return value;
    }

    private static AccessModes DecodeAccessModes(FieldReader reader, MappingNode spec, string specPath)
    {
        var modesPath = FieldReader.Join(specPath, "accessModes");
        var list = reader.Sequence(spec, "accessModes", specPath);
        if (list is null || list.Items.Count == 0)
        {
            reader.Error(spec["accessModes"] ?? spec, modesPath, "at least one access mode is required: ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod");
            return AccessModes.None;
        }

        var modes = AccessModes.None;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = $"{modesPath}[{i}]";
            var text = reader.StringValue(list.Items[i], itemPath);
            if (text is null)
            {
                continue;
            }

            if (AccessModeNames.TryParse(text, out var mode))
            {
                modes |= mode;
                continue;
            }

            var suggestion = AccessModeNames.Suggest(text);
            reader.Error(list.Items[i], itemPath, $"unsupported access mode '{text}'; use one of {string.Join(", ", AccessModeNames.ValidNames)}"
                + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
        }

        if ((modes & AccessModes.ReadWriteOncePod) != 0 && modes != AccessModes.ReadWriteOncePod)
        {
            reader.Error(list, modesPath, "ReadWriteOncePod cannot be combined with other access modes");
        }

        return modes;
    }

    private static ClaimReference? DecodeClaimRef(FieldReader reader, MappingNode spec, string specPath)
    {
        var claimRef = reader.Mapping(spec, "claimRef", specPath);
        if (claimRef is null)
        {
            return null;
        }

        var refPath = FieldReader.Join(specPath, "claimRef");
        var name = reader.String(claimRef, "name", refPath);
        var ns = reader.String(claimRef, "namespace", refPath);
        if (string.IsNullOrEmpty(name))
        {
            reader.Error(claimRef, FieldReader.Join(refPath, "name"), "required field is missing; a claimRef names the claim the volume is reserved for");
            return null;
        }

        if (string.IsNullOrEmpty(ns))
        {
            reader.Error(claimRef, FieldReader.Join(refPath, "namespace"), $"required field is missing; add the claim's namespace (for example 'namespace: default')");
            return null;
        }

        return new ClaimReference(ns!, name!, reader.String(claimRef, "uid", refPath));
    }

    private static VolumeSource? DecodeVolumeSource(FieldReader reader, MappingNode spec, string specPath)
    {
        var present = VolumeSource.Kinds.Where(s => spec[s.Kind] is MappingNode).ToList();
        if (present.Count == 0)
        {
            reader.Error(spec, specPath, "a PersistentVolume must name exactly one volume source, such as vsphereVolume, csi, hostPath, local or nfs");
            return null;
        }

        if (present.Count > 1)
        {
            reader.Error(spec[present[1].Kind], FieldReader.Join(specPath, present[1].Kind), $"a PersistentVolume may name only one volume source; found {string.Join(" and ", present.Select(p => p.Kind))}");
        }

        var (key, identityField) = present[0];
        var source = (MappingNode)spec[key]!;
        var sourcePath = FieldReader.Join(specPath, key);
        string? identity = identityField is null ? null : reader.String(source, identityField, sourcePath);
        switch (key)
        {
            case "vsphereVolume" when string.IsNullOrEmpty(identity):
                reader.Error(source, FieldReader.Join(sourcePath, "volumePath"), "required field is missing; write the datastore path as \"[datastore1] volumes/myDisk\"");
                break;
            case "csi":
                var driver = reader.String(source, "driver", sourcePath);
                if (string.IsNullOrEmpty(driver))
                {
                    reader.Error(source, FieldReader.Join(sourcePath, "driver"), $"required field is missing; the vSphere CSI driver is '{WellKnown.VsphereCsiDriver}'");
                }

                if (string.IsNullOrEmpty(identity))
                {
                    reader.Error(source, FieldReader.Join(sourcePath, "volumeHandle"), "required field is missing; for the vSphere CSI driver it is the first-class disk's id");
                }

                identity = $"{driver} {identity}";
                break;
            case "hostPath" or "local" when string.IsNullOrEmpty(identity):
                reader.Error(source, FieldReader.Join(sourcePath, "path"), "required field is missing");
                break;
            case "nfs":
                identity = $"{reader.String(source, "server", sourcePath)}:{identity}";
                break;
        }

        return new VolumeSource(key, identity);
    }

    private static T? DecodeStatusPhase<T>(FieldReader reader, MappingNode root, string path)
        where T : struct
    {
        var status = reader.Mapping(root, "status", path);
        return status is null ? null : reader.Enum<T>(status, "phase", FieldReader.Join(path, "status"));
    }

    private static LabelSelector? DecodeLabelSelector(FieldReader reader, MappingNode parent, string key, string path)
    {
        var selector = reader.Mapping(parent, key, path);
        if (selector is null)
        {
            return null;
        }

        var selectorPath = FieldReader.Join(path, key);
        var requirements = new List<SelectorRequirement>();
        foreach (var label in reader.StringMap(selector, "matchLabels", selectorPath))
        {
            var problem = KubernetesNames.CheckQualifiedName(label.Key) ?? KubernetesNames.CheckLabelValue(label.Value);
            if (problem is not null)
            {
                reader.Error(selector["matchLabels"], $"{selectorPath}.matchLabels.{label.Key}", problem);
            }

            requirements.Add(new SelectorRequirement(label.Key, SelectorOperator.In, new[] { label.Value }));
        }

        requirements.AddRange(DecodeRequirements(reader, selector, "matchExpressions", selectorPath, nodeSelector: false));
        return new LabelSelector(requirements);
    }

    private static NodeSelector? DecodeNodeAffinity(FieldReader reader, MappingNode spec, string specPath)
    {
        var affinity = reader.Mapping(spec, "nodeAffinity", specPath);
        if (affinity is null)
        {
            return null;
        }

        var affinityPath = FieldReader.Join(specPath, "nodeAffinity");
        var required = reader.Mapping(affinity, "required", affinityPath);
        if (required is null)
        {
            return null;
        }

        var requiredPath = FieldReader.Join(affinityPath, "required");
        var termList = reader.Sequence(required, "nodeSelectorTerms", requiredPath);
        if (termList is null || termList.Items.Count == 0)
        {
            reader.Error(required, FieldReader.Join(requiredPath, "nodeSelectorTerms"), "at least one node selector term is required");
            return null;
        }

        var terms = new List<NodeSelectorTerm>();
        for (var i = 0; i < termList.Items.Count; i++)
        {
            var termPath = $"{requiredPath}.nodeSelectorTerms[{i}]";
            if (termList.Items[i] is not MappingNode term)
            {
                reader.Error(termList.Items[i], termPath, $"expected a mapping with matchExpressions or matchFields, found {termList.Items[i].Describe()}");
                continue;
            }

            var expressions = DecodeRequirements(reader, term, "matchExpressions", termPath, nodeSelector: true);
            var fields = DecodeRequirements(reader, term, "matchFields", termPath, nodeSelector: true);
            for (var f = 0; f < fields.Count; f++)
            {
                var fieldPath = $"{termPath}.matchFields[{f}]";
                if (fields[f].Key != "metadata.name")
                {
                    reader.Error(term["matchFields"], FieldReader.Join(fieldPath, "key"), $"'{fields[f].Key}' is not supported; matchFields only knows 'metadata.name'");
                }
                else if (fields[f].Operator is not (SelectorOperator.In or SelectorOperator.NotIn) || fields[f].Values.Count != 1)
                {
                    reader.Error(term["matchFields"], fieldPath, "matchFields on metadata.name takes In or NotIn with exactly one value");
                }
            }

            terms.Add(new NodeSelectorTerm(expressions, fields));
        }

        return new NodeSelector(terms);
    }

    private static List<SelectorRequirement> DecodeRequirements(FieldReader reader, MappingNode parent, string key, string path, bool nodeSelector)
    {
        var result = new List<SelectorRequirement>();
        var list = reader.Sequence(parent, key, path);
        if (list is null)
        {
            return result;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = $"{FieldReader.Join(path, key)}[{i}]";
            if (list.Items[i] is not MappingNode expression)
            {
                reader.Error(list.Items[i], itemPath, $"expected a mapping with key, operator and values, found {list.Items[i].Describe()}");
                continue;
            }

            var requirementKey = reader.String(expression, "key", itemPath, required: true);
            var operatorText = reader.String(expression, "operator", itemPath, required: true);
            var values = reader.StringList(expression, "values", itemPath);
            if (requirementKey is null || operatorText is null)
            {
                continue;
            }

            var allowed = nodeSelector
                ? new[] { "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt" }
                : new[] { "In", "NotIn", "Exists", "DoesNotExist" };
            if (!allowed.Contains(operatorText, StringComparer.Ordinal))
            {
                reader.Error(expression["operator"], FieldReader.Join(itemPath, "operator"), $"unsupported operator '{operatorText}'; use one of {string.Join(", ", allowed)}");
                continue;
            }

            var op = (SelectorOperator)Enum.Parse(typeof(SelectorOperator), operatorText);
            if (key == "matchExpressions" && KubernetesNames.CheckQualifiedName(requirementKey) is { } keyProblem)
            {
                reader.Error(expression["key"], FieldReader.Join(itemPath, "key"), keyProblem);
            }

            var valuesProblem = op switch
            {
                SelectorOperator.In or SelectorOperator.NotIn when values.Count == 0 => $"operator {op} needs at least one value",
                SelectorOperator.Exists or SelectorOperator.DoesNotExist when values.Count != 0 => $"operator {op} takes no values; remove 'values'",
                SelectorOperator.Gt or SelectorOperator.Lt when values.Count != 1 || !long.TryParse(values[0], out _) => $"operator {op} takes exactly one integer value",
                _ => null,
            };
            if (valuesProblem is not null)
            {
                reader.Error(expression, FieldReader.Join(itemPath, "values"), valuesProblem);
                continue;
            }

            if (!nodeSelector)
            {
                foreach (var value in values)
                {
                    if (KubernetesNames.CheckLabelValue(value) is { } valueProblem)
                    {
                        reader.Error(expression["values"], FieldReader.Join(itemPath, "values"), valueProblem);
                    }
                }
            }

            result.Add(new SelectorRequirement(requirementKey, op, values));
        }

        return result;
    }
}
