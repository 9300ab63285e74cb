namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>A StorageClass, checked as ValidateStorageClass checks it.</summary>
internal static class StorageClassDecoder
{
    private const int MaxParameters = 512;
    private const int MaxParametersSize = 256 * 1024;
    private static readonly string[] ReclaimPolicies = { "Delete", "Retain" };
    private static readonly string[] BindingModes = { "Immediate", "WaitForFirstConsumer" };

    public static StorageClass Decode(FieldReader reader, MappingNode root, ObjectMeta meta)
    {
        var provisioner = reader.String(root, "provisioner", string.Empty);
        if (string.IsNullOrEmpty(provisioner))
        {
            reader.Report(ManifestRules.ProvisionerRequired, root["provisioner"] ?? root, "provisioner", fix: $"the vSphere CSI driver is '{WellKnown.VsphereCsiDriver}'; classes for hand-made volumes use '{WellKnown.NoProvisioner}'");
        }
        else
        {
            reader.ReportEach(ManifestRules.ProvisionerInvalid, root["provisioner"], "provisioner", provisioner!, KubernetesNames.IsQualifiedName(provisioner!.ToLowerInvariant()));
        }

        var parameters = reader.StringMap(root, "parameters", string.Empty);
        CheckParameters(reader, root, parameters);

        // Unset reclaimPolicy and volumeBindingMode are defaulted (Delete, Immediate) when the class is created.
        var reclaimPolicy = reader.OneOf(root, "reclaimPolicy", string.Empty, ManifestRules.ScReclaimPolicyNotSupported, ReclaimPolicies.Append(string.Empty).ToArray());
        var bindingMode = reader.OneOf(root, "volumeBindingMode", string.Empty, ManifestRules.VolumeBindingModeNotSupported, BindingModes);
        return new StorageClass
        {
            Metadata = meta,
            Provisioner = provisioner ?? string.Empty,
            VolumeBindingMode = bindingMode == "WaitForFirstConsumer" ? VolumeBindingMode.WaitForFirstConsumer : VolumeBindingMode.Immediate,
            ReclaimPolicy = string.IsNullOrEmpty(reclaimPolicy) ? null : reclaimPolicy,
            AllowVolumeExpansion = reader.Bool(root, "allowVolumeExpansion", string.Empty),
            Parameters = parameters,
            AllowedTopologies = DecodeAllowedTopologies(reader, root),
        };
    }

    private static void CheckParameters(FieldReader reader, MappingNode root, IReadOnlyDictionary<string, string> parameters)
    {
        var node = root["parameters"];
        if (parameters.Count > MaxParameters)
        {
            reader.Report(ManifestRules.ParametersTooMany, node, "parameters");
            return;
        }

        long size = 0;
        foreach (var parameter in parameters)
        {
            if (parameter.Key.Length == 0)
            {
                reader.Report(ManifestRules.ParameterKeyEmpty, node, "parameters", string.Empty);
            }

            size += parameter.Key.Length + parameter.Value.Length;
        }

        if (size > MaxParametersSize)
        {
            reader.Report(ManifestRules.ParametersTooLong, node, "parameters");
        }
    }

    // allowedTopologies: terms ORed, each a list of matchLabelExpressions {key, values} ANDed.
    private static IReadOnlyList<NodeSelectorTerm>? DecodeAllowedTopologies(FieldReader reader, MappingNode root)
    {
        var list = reader.Sequence(root, "allowedTopologies", string.Empty);
        if (list is null)
        {
            return null;
        }

        var terms = new List<NodeSelectorTerm>();
        var seenTerms = new HashSet<Dictionary<string, HashSet<string>>>(TermComparer.Instance);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var termPath = FieldReader.Index("allowedTopologies", i);
            if (list.Items[i] is not MappingNode term)
            {
                reader.StringValue(list.Items[i], termPath);
                continue;
            }

            var expressions = reader.Sequence(term, "matchLabelExpressions", termPath);
            var expressionsPath = FieldReader.Field(termPath, "matchLabelExpressions");
            var requirements = new List<SelectorRequirement>();
            var keys = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            for (var j = 0; expressions is not null && j < expressions.Items.Count; j++)
            {
                var expressionPath = FieldReader.Index(expressionsPath, j);
                if (expressions.Items[j] is not MappingNode expression)
                {
                    reader.StringValue(expressions.Items[j], expressionPath);
                    continue;
                }

                var key = reader.String(expression, "key", expressionPath) ?? string.Empty;
                var values = reader.StringItems(expression, "values", expressionPath);
                if (values.Count == 0)
                {
                    reader.Report(ManifestRules.TopologyValuesRequired, expression["values"] ?? expression, expressionPath + ".values");
                }

                var valueSet = new HashSet<string>(StringComparer.Ordinal);
                for (var k = 0; k < values.Count; k++)
                {
                    if (!valueSet.Add(values[k].Value))
                    {
                        reader.Report(ManifestRules.TopologyValueDuplicate, values[k].Node, FieldReader.Index(expressionPath + ".values", k), values[k].Value);
                    }
                }

                reader.ReportEach(ManifestRules.TopologyKeyInvalid, expression["key"] ?? expression, FieldReader.Field(expressionPath, "key"), key, KubernetesNames.IsQualifiedName(key));
                if (keys.ContainsKey(key))
                {
                    reader.Report(ManifestRules.TopologyKeyDuplicate, expression["key"], expressionPath + ".key", key);
                }

                keys[key] = valueSet;
                requirements.Add(new SelectorRequirement(key, SelectorOperator.In, FieldReader.ValuesOf(values)));
            }

            if (!seenTerms.Add(keys))
            {
                reader.Report(ManifestRules.TopologyTermDuplicate, term, expressionsPath, string.Empty);
            }

            terms.Add(new NodeSelectorTerm(requirements, Array.Empty<SelectorRequirement>()));
        }

        return terms;
    }

    /// <summary>Terms are equal when they hold the same keys with the same sets of values, in any order.</summary>
    private sealed class TermComparer : IEqualityComparer<Dictionary<string, HashSet<string>>>
    {
        public static readonly TermComparer Instance = new();

        public bool Equals(Dictionary<string, HashSet<string>>? a, Dictionary<string, HashSet<string>>? b) =>
            ReferenceEquals(a, b) || (a is not null && b is not null && a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out var values) && values.SetEquals(entry.Value)));

        // Order-independent: sums of the keys' and values' hashes.
        public int GetHashCode(Dictionary<string, HashSet<string>> term)
        {
            var hash = 0;
            foreach (var entry in term)
            {
                var values = 0;
                foreach (var value in entry.Value)
                {
                    values += StringComparer.Ordinal.GetHashCode(value);
                }

                hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(entry.Key), values);
            }

            return hash;
        }
    }
}
