using System.Globalization;

namespace VsphereK8sStorage.Kubernetes;

public enum SelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,

    /// <summary>Node selectors only: the label value, read as an integer, is greater.</summary>
    Gt,

    /// <summary>Node selectors only: the label value, read as an integer, is less.</summary>
    Lt,
}

/// <summary>One requirement of a label or node selector.</summary>
public sealed record SelectorRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        switch (Operator)
        {
            case SelectorOperator.In:
                return has && HasValue(value!);
            case SelectorOperator.NotIn:
                return !has || !HasValue(value!);
            case SelectorOperator.Exists:
                return has;
            case SelectorOperator.DoesNotExist:
                return !has;
            case SelectorOperator.Gt:
            case SelectorOperator.Lt:
                if (!has || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
                    || !long.TryParse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound))
                {
                    return false;
                }

                return Operator == SelectorOperator.Gt ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    // Selectors are matched millions of times while planning a large cluster: no enumerator, no delegate.
    private bool HasValue(string value)
    {
        for (var i = 0; i < Values.Count; i++)
        {
            if (string.Equals(Values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why the labels fail this requirement, in words, such as "label release is 'beta', not 'stable'".</summary>
    public string DescribeMismatch(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            SelectorOperator.In when !has => $"lacks label {Key} (wanted {Alternatives()})",
            SelectorOperator.In => $"label {Key} is '{value}', not {Alternatives()}",
            SelectorOperator.NotIn => $"label {Key} is '{value}', which the selector excludes",
            SelectorOperator.Exists => $"lacks label {Key}",
            SelectorOperator.DoesNotExist => $"has label {Key}, which the selector excludes",
            SelectorOperator.Gt => has ? $"label {Key} is '{value}', not greater than {Values[0]}" : $"lacks label {Key} (wanted > {Values[0]})",
            _ => has ? $"label {Key} is '{value}', not less than {Values[0]}" : $"lacks label {Key} (wanted < {Values[0]})",
        };
    }

    public override string ToString() => Operator switch
    {
        SelectorOperator.In => Values.Count == 1 ? $"{Key}={Values[0]}" : $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        SelectorOperator.DoesNotExist => "!" + Key,
        SelectorOperator.Gt => $"{Key}>{Values[0]}",
        _ => $"{Key}<{Values[0]}",
    };

    private string Alternatives() => Values.Count == 1 ? $"'{Values[0]}'" : "one of " + string.Join(", ", Values.Select(v => $"'{v}'"));
}

/// <summary>
/// A claim's <c>spec.selector</c>. All requirements must hold; an empty selector matches every volume
/// (a claim without a selector has a null <see cref="LabelSelector"/> instead).
/// </summary>
public sealed class LabelSelector
{
    public LabelSelector(IReadOnlyList<SelectorRequirement> requirements) => Requirements = requirements;

    /// <summary>matchLabels entries (as In with one value) followed by matchExpressions.</summary>
    public IReadOnlyList<SelectorRequirement> Requirements { get; }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        // By index: the plan asks this for every candidate volume, and a foreach over the interface boxes an enumerator each time.
        for (var i = 0; i < Requirements.Count; i++)
        {
            if (!Requirements[i].Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first requirement the labels fail, described; null when they match.</summary>
    public string? DescribeMismatch(IReadOnlyDictionary<string, string> labels) =>
        Requirements.FirstOrDefault(r => !r.Matches(labels))?.DescribeMismatch(labels);

    public override string ToString() => Requirements.Count == 0 ? "(everything)" : string.Join(",", Requirements);
}

/// <summary>One <c>nodeSelectorTerms</c> entry: all its requirements must hold.</summary>
public sealed record NodeSelectorTerm(IReadOnlyList<SelectorRequirement> MatchExpressions, IReadOnlyList<SelectorRequirement> MatchFields)
{
    /// <summary>
    /// Kubernetes ignores a term without requirements: it matches no node. Field requirements are
    /// evaluated against <c>metadata.name</c>, and skipped when the node has no fields: volume node
    /// affinity is checked against a node built from labels alone, so there matchFields always holds.
    /// </summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> fields)
    {
        if (MatchExpressions.Count == 0 && MatchFields.Count == 0)
        {
            return false;
        }

        return AllMatch(MatchExpressions, labels) && (fields.Count == 0 || AllMatch(MatchFields, fields));
    }

    private static bool AllMatch(IReadOnlyList<SelectorRequirement> requirements, IReadOnlyDictionary<string, string> values)
    {
        for (var i = 0; i < requirements.Count; i++)
        {
            if (!requirements[i].Matches(values))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => string.Join(",", MatchExpressions.Concat(MatchFields));
}

/// <summary>
/// A volume's <c>spec.nodeAffinity.required</c>: the node must match at least one term.
/// </summary>
public sealed class NodeSelector
{
    public NodeSelector(IReadOnlyList<NodeSelectorTerm> terms)
    {
        Terms = terms;
        HostnamePin = FindHostnamePin(terms);
    }

    public IReadOnlyList<NodeSelectorTerm> Terms { get; }

    /// <summary>
    /// The hostname when the affinity is exactly "kubernetes.io/hostname In [one value]", the shape
    /// local volumes use. The binding index groups such volumes per host; other shapes are null.
    /// </summary>
    public string? HostnamePin { get; }

    /// <param name="nodeLabels">The node's labels.</param>
    /// <param name="nodeFields">The node's fields (metadata.name) as matchFields sees them.</param>
    public bool Matches(IReadOnlyDictionary<string, string> nodeLabels, IReadOnlyDictionary<string, string> nodeFields)
    {
        for (var i = 0; i < Terms.Count; i++)
        {
            if (Terms[i].Matches(nodeLabels, nodeFields))
            {
                return true;
            }
        }

        return false;
    }

    // Written once, when first asked: a large plan's near misses name the same volume's affinity again and again.
    private string? text;

    public override string ToString() => text ??= string.Join(" or ", Terms.Select(t => "(" + t + ")"));

    private static string? FindHostnamePin(IReadOnlyList<NodeSelectorTerm> terms)
    {
        if (terms.Count != 1 || terms[0].MatchFields.Count != 0 || terms[0].MatchExpressions.Count != 1)
        {
            return null;
        }

        var only = terms[0].MatchExpressions[0];
        return only.Key == WellKnown.HostnameLabel && only.Operator == SelectorOperator.In && only.Values.Count == 1
            ? only.Values[0]
            : null;
    }
}
