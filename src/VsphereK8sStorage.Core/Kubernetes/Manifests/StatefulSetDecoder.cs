namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// A StatefulSet, read for the claims its controller creates: <c>spec.replicas</c>, <c>spec.ordinals.start</c>,
/// <c>spec.selector.matchLabels</c> and <c>spec.volumeClaimTemplates</c>. The rest of the set (its pod template)
/// is not read. Each template is checked as a claim on the side: a template that would not make a valid claim
/// does not fail the read (the API server takes the set), it is refused only when the set is previewed.
/// </summary>
internal static class StatefulSetDecoder
{
    public static StatefulSet Decode(FieldReader reader, MappingNode root, ObjectMeta meta)
    {
        var spec = reader.Mapping(root, "spec", string.Empty) ?? new MappingNode(root.Line, root.Column);
        var replicas = reader.Integer(spec, "replicas", "spec");
        var ordinals = reader.Mapping(spec, "ordinals", "spec");
        var start = ordinals is null ? null : reader.Integer(ordinals, "start", "spec.ordinals");
        var selector = reader.Mapping(spec, "selector", "spec");
        var matchLabels = selector is null ? ObjectMeta.NoEntries : reader.StringMap(selector, "matchLabels", "spec.selector");
        var templates = new List<ClaimTemplate>();
        if (reader.Sequence(spec, "volumeClaimTemplates", "spec") is { } items)
        {
            for (var i = 0; i < items.Items.Count; i++)
            {
                templates.Add(DecodeTemplate(reader, items.Items[i], i, meta.Namespace));
            }
        }

        return new StatefulSet
        {
            Metadata = meta,
            Replicas = replicas is { } r && r is >= 0 and <= int.MaxValue ? (int)r : replicas is null ? null : -1,
            OrdinalStart = start is { } s && s is >= 0 and <= int.MaxValue ? (int)s : 0,
            SelectorLabels = matchLabels,
            ClaimTemplates = templates,
        };
    }

    private static ClaimTemplate DecodeTemplate(FieldReader reader, ManifestNode item, int index, string? setNamespace)
    {
        var scratch = new ManifestDiagnostics();
        var side = reader.Into(scratch);
        if (item is not MappingNode template)
        {
            return new ClaimTemplate(new PersistentVolumeClaim(), $"spec.volumeClaimTemplates[{index}]: expected a claim (a mapping with metadata and spec), found {item.Describe()}");
        }

        var metadataNode = side.Mapping(template, "metadata", string.Empty) ?? new MappingNode(template.Line, template.Column);
        var name = side.String(metadataNode, "name", "metadata");
        var meta = MetadataDecoder.Decode(side, template, metadataNode, name, namespaced: true, "PersistentVolumeClaim");
        var claim = ClaimDecoder.Decode(side, template, meta with { Namespace = setNamespace ?? "default", Uid = null });
        var problem = scratch.Errors.Count > 0 ? $"spec.volumeClaimTemplates[{index}].{scratch.Errors[0].FieldPath}: {scratch.Errors[0].Problem}" : null;
        return new ClaimTemplate(claim, problem);
    }
}
