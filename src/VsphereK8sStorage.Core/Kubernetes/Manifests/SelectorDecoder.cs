namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>Label selectors (ValidateLabelSelector) and volume node selectors (ValidateNodeSelector).</summary>
internal static class SelectorDecoder
{
    private static readonly RequirementRules LabelRules = new(
        new[] { "In", "NotIn", "Exists", "DoesNotExist" },
        ManifestRules.SelectorValuesRequired,
        ManifestRules.SelectorValuesForbidden,
        null,
        ManifestRules.SelectorOperatorInvalid,
        ManifestRules.SelectorKeyInvalid,
        ManifestRules.SelectorValueInvalid);

    private static readonly RequirementRules NodeRules = new(
        new[] { "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt" },
        ManifestRules.NodeSelectorValuesRequired,
        ManifestRules.NodeSelectorValuesForbidden,
        ManifestRules.NodeSelectorSingleValue,
        ManifestRules.NodeSelectorOperatorInvalid,
        ManifestRules.NodeSelectorKeyInvalid,
        ManifestRules.NodeSelectorValueInvalid);

    /// <summary>A claim's spec.selector: matchLabels (as In with one value) then matchExpressions.</summary>
    public static LabelSelector DecodeLabelSelector(FieldReader reader, MappingNode selector, string path)
    {
        var requirements = new List<SelectorRequirement>();
        var matchLabels = reader.StringMap(selector, "matchLabels", path);
        if (matchLabels.Count > 0)
        {
            MetadataDecoder.CheckLabels(reader, matchLabels, FieldReader.Child(selector, "matchLabels") as MappingNode, FieldReader.Field(path, "matchLabels"), ManifestRules.SelectorMatchLabelKeyInvalid, ManifestRules.SelectorMatchLabelValueInvalid);
            requirements.AddRange(matchLabels.Select(label => new SelectorRequirement(label.Key, SelectorOperator.In, new[] { label.Value })));
        }

        var expressions = reader.Sequence(selector, "matchExpressions", path);
        for (var i = 0; expressions is not null && i < expressions.Items.Count; i++)
        {
            var itemPath = FieldReader.Index(FieldReader.Field(path, "matchExpressions"), i);
            if (expressions.Items[i] is not MappingNode expression)
            {
                reader.StringValue(expressions.Items[i], itemPath);
                continue;
            }

            var (key, op, values) = ReadRequirement(reader, expression, itemPath);
            if (!CheckRequirement(reader, expression, itemPath, key, op, values, LabelRules))
            {
                continue;
            }

            requirements.Add(new SelectorRequirement(key, Operator(op), FieldReader.ValuesOf(values)));
        }

        return new LabelSelector(requirements);
    }

    /// <summary>A volume's spec.nodeAffinity.required: at least one term; a term without requirements is valid and matches no node.</summary>
    public static NodeSelector? DecodeNodeSelector(FieldReader reader, MappingNode required, string path)
    {
        var termsPath = FieldReader.Field(path, "nodeSelectorTerms");
        var termList = reader.Sequence(required, "nodeSelectorTerms", path);
        if (termList is null || termList.Items.Count == 0)
        {
            reader.Report(ManifestRules.NodeSelectorTermsRequired, required["nodeSelectorTerms"] ?? required, termsPath);
            return null;
        }

        var terms = new List<NodeSelectorTerm>(termList.Items.Count);
        for (var i = 0; i < termList.Items.Count; i++)
        {
            var termPath = FieldReader.Index(termsPath, i);
            if (termList.Items[i] is not MappingNode term)
            {
                if (termList.Items[i] is not ScalarNode { IsNull: true })
                {
                    reader.StringValue(termList.Items[i], termPath);
                }

                terms.Add(new NodeSelectorTerm(Array.Empty<SelectorRequirement>(), Array.Empty<SelectorRequirement>()));
                continue;
            }

            terms.Add(new NodeSelectorTerm(
                DecodeNodeRequirements(reader, term, termPath, fields: false),
                DecodeNodeRequirements(reader, term, termPath, fields: true)));
        }

        return new NodeSelector(terms);
    }

    private static List<SelectorRequirement> DecodeNodeRequirements(FieldReader reader, MappingNode term, string termPath, bool fields)
    {
        var key = fields ? "matchFields" : "matchExpressions";
        var result = new List<SelectorRequirement>();
        var list = reader.Sequence(term, key, termPath);
        for (var i = 0; list is not null && i < list.Items.Count; i++)
        {
            var itemPath = FieldReader.Index(FieldReader.Field(termPath, key), i);
            if (list.Items[i] is not MappingNode expression)
            {
                reader.StringValue(list.Items[i], itemPath);
                continue;
            }

            var (requirementKey, op, values) = ReadRequirement(reader, expression, itemPath);
            var valid = fields ? CheckFieldRequirement(reader, expression, itemPath, requirementKey, op, values) : CheckRequirement(reader, expression, itemPath, requirementKey, op, values, NodeRules);
            if (valid)
            {
                result.Add(new SelectorRequirement(requirementKey, Operator(op), FieldReader.ValuesOf(values)));
            }
        }

        return result;
    }

    /// <summary>
    /// ValidateLabelSelectorRequirement and ValidateNodeSelectorRequirement: values as the operator
    /// needs them, a qualified key, label values. Gt and Lt take one value; upstream does not check it
    /// is a number. Returns whether the operator is one the selector knows.
    /// </summary>
    private static bool CheckRequirement(FieldReader reader, MappingNode expression, string path, string key, string op, IReadOnlyList<(string Value, ManifestNode Node)> values, RequirementRules rules)
    {
        var known = rules.Operators.Contains(op, StringComparer.Ordinal);
        switch (op)
        {
            case "In" or "NotIn" when values.Count == 0:
                reader.Report(rules.ValuesRequired, expression["values"] ?? expression, path + ".values");
                break;
            case "Exists" or "DoesNotExist" when values.Count > 0:
                reader.Report(rules.ValuesForbidden, expression["values"], path + ".values", fix: "remove 'values'");
                break;
            case "Gt" or "Lt" when known && values.Count != 1:
                reader.Report(rules.SingleValue!, expression["values"] ?? expression, path + ".values");
                break;
            default:
                if (!known)
                {
                    reader.Report(rules.OperatorInvalid, expression["operator"] ?? expression, path + ".operator", op, fix: $"use one of {string.Join(", ", rules.Operators)}");
                }

                break;
        }

        reader.ReportEach(rules.KeyInvalid, expression["key"] ?? expression, FieldReader.Field(path, "key"), key, KubernetesNames.IsQualifiedName(key));
        for (var j = 0; j < values.Count; j++)
        {
            reader.ReportEach(rules.ValueInvalid, values[j].Node, FieldReader.Index(FieldReader.Field(path, "values"), j), values[j].Value, KubernetesNames.IsValidLabelValue(values[j].Value));
        }

        return known;
    }

    // ValidateNodeFieldSelectorRequirement: metadata.name only, In or NotIn with exactly one node name.
    private static bool CheckFieldRequirement(FieldReader reader, MappingNode expression, string path, string key, string op, IReadOnlyList<(string Value, ManifestNode Node)> values)
    {
        var known = op is "In" or "NotIn";
        if (!known)
        {
            reader.Report(ManifestRules.NodeFieldSelectorOperatorInvalid, expression["operator"] ?? expression, path + ".operator", op, fix: "matchFields takes In or NotIn");
        }
        else if (values.Count != 1)
        {
            reader.Report(ManifestRules.NodeFieldSelectorSingleValue, expression["values"] ?? expression, path + ".values");
        }

        if (key != "metadata.name")
        {
            reader.Report(ManifestRules.NodeFieldSelectorKeyInvalid, expression["key"] ?? expression, path + ".key", key, fix: "matchFields only knows 'metadata.name'");
            return false;
        }

        for (var j = 0; j < values.Count; j++)
        {
            reader.ReportEach(ManifestRules.NodeFieldSelectorValueInvalid, values[j].Node, FieldReader.Index(FieldReader.Field(path, "values"), j), values[j].Value, KubernetesNames.IsDns1123Subdomain(values[j].Value));
        }

        return known;
    }

    private static (string Key, string Operator, IReadOnlyList<(string Value, ManifestNode Node)> Values) ReadRequirement(FieldReader reader, MappingNode expression, string path) =>
        (reader.String(expression, "key", path) ?? string.Empty, reader.String(expression, "operator", path) ?? string.Empty, reader.StringItems(expression, "values", path));

    /// <summary>The rules one kind of selector requirement reports under, and the operators it knows.</summary>
    private sealed record RequirementRules(
        string[] Operators,
        ManifestRule ValuesRequired,
        ManifestRule ValuesForbidden,
        ManifestRule? SingleValue,
        ManifestRule OperatorInvalid,
        ManifestRule KeyInvalid,
        ManifestRule ValueInvalid);

    private static SelectorOperator Operator(string known) => known switch
    {
        "In" => SelectorOperator.In,
        "NotIn" => SelectorOperator.NotIn,
        "Exists" => SelectorOperator.Exists,
        "DoesNotExist" => SelectorOperator.DoesNotExist,
        "Gt" => SelectorOperator.Gt,
        _ => SelectorOperator.Lt,
    };
}
