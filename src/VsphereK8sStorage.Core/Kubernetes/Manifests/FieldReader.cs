using System.Globalization;
using System.Text;
using VsphereK8sStorage.Kubernetes.Yaml;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Typed access to one document's fields, and the one place rules are reported. Every problem is
/// recorded with its upstream field path, rule and the node's line and column, and decoding goes on,
/// so one run reports every bad field of a document. Paths are joined only when something is
/// reported: reading a valid object builds no path strings.
/// </summary>
internal sealed class FieldReader
{
    // Values are quoted into messages; a megabyte scalar must not make a megabyte line.
    private const int MaxQuotedValue = 80;

    // Paths of list items and fields are built once and kept: every object has the same few, and
    // building them per object cost more than reading the object. Field names are the decoder's own.
    // Per path: its first items' paths, then its fields' paths. Keyed on the string alone: a key of a
    // value type is generic code a PowerShell session compiles at its first read.
    private const int CachedIndexes = 16;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?[]> PathCache = new(StringComparer.Ordinal);
    private static readonly IndexedNames FieldNames = new("matchLabels", "matchExpressions", "matchFields", "nodeSelectorTerms", "matchLabelExpressions", "key", "operator", "values", "driver");

    private readonly SourceLocation document;
    private readonly ManifestDiagnostics diagnostics;

    public FieldReader(SourceLocation document, ManifestDiagnostics diagnostics)
    {
        this.document = document;
        this.diagnostics = diagnostics;
    }

    /// <summary>The document this reader reads (its file and index).</summary>
    public SourceLocation Document => document;

    private string? objectKind;
    private string? objectName;

    /// <summary>"PersistentVolume pv0001": which object later messages are about; built only when one is reported.</summary>
    public string? ObjectDescription =>
        objectKind is null ? null : string.IsNullOrEmpty(objectName) ? objectKind : $"{objectKind} {Shorten(objectName!)}";

    /// <summary>The object being read, for messages; null when no kind is known yet.</summary>
    public void SetObject(string? kind, string? name)
    {
        objectKind = kind;
        objectName = name;
    }

    /// <summary>A reader of the same document and object that reports into <paramref name="scratch"/> instead.</summary>
    public FieldReader Into(ManifestDiagnostics scratch)
    {
        var reader = new FieldReader(document, scratch) { ObjectExists = ObjectExists };
        reader.SetObject(objectKind, objectName);
        return reader;
    }

    /// <summary>The object has <c>metadata.uid</c>: it was read from a cluster, so creation-only rules only warn.</summary>
    public bool ObjectExists { get; set; }

    /// <summary>Errors reported so far (warnings do not count).</summary>
    public int ErrorCount { get; private set; }

    /// <summary>Where a node is: this document's file and index, the node's line and column.</summary>
    public SourceLocation Where(ManifestNode node) => new(document.File, node.Line, node.Column, document.Document);

    /// <summary>path.child; a child that comes from the input (a label key) is shortened.</summary>
    public static string Join(string path, string child) => path.Length == 0 ? Shorten(child) : path + "." + Shorten(child);

    /// <summary>path[key], as upstream writes map entries (spec.capacity[storage]).</summary>
    public static string Key(string path, string key) => path + "[" + Shorten(key) + "]";

    public static string Index(string path, int index)
    {
        if (index >= CachedIndexes)
        {
            return Indexed(path, index);
        }

        var slots = SlotsOf(path);
        return slots[index] ?? Keep(ref slots[index], Indexed(path, index));
    }

    /// <summary>path.field for a field name the decoder knows (not input): one string per path, kept.</summary>
    public static string Field(string path, string field)
    {
        var at = FieldNames.IndexOf(field);
        var slots = SlotsOf(path);
        return slots[CachedIndexes + at] ?? Keep(ref slots[CachedIndexes + at], path + "." + FieldNames[at]);
    }

    private static string Indexed(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private static string?[] SlotsOf(string path) => PathCache.GetOrAdd(path, static _ => new string?[CachedIndexes + FieldNames.Count]);

    // The first string made for a slot is the one kept when threads race.
    private static string Keep(ref string? slot, string made) => Interlocked.CompareExchange(ref slot, made, null) ?? made;

    /// <summary>
    /// Reports a broken rule, formatted as the API server prints a field error
    /// (<c>spec.accessModes: Unsupported value: "X": supported values: ...</c>), with our fix after it.
    /// </summary>
    public void Report(ManifestRule rule, ManifestNode? node, string path, string? value = null, string? detail = null, string? fix = null)
    {
        var problem = new StringBuilder();
        if (rule.Type == FieldErrorType.Decode)
        {
            problem.Append(detail ?? rule.Detail);
        }
        else
        {
            problem.Append(rule.TypeText);
            if (value is not null && rule.Type is FieldErrorType.Invalid or FieldErrorType.NotSupported or FieldErrorType.Duplicate)
            {
                problem.Append(": ").Append(Quote(value));
            }

            var text = detail ?? rule.Detail;
            if (text.Length > 0)
            {
                problem.Append(": ").Append(text);
            }
        }

        if (fix is not null)
        {
            problem.Append("; ").Append(fix);
        }

        var location = node is null ? document : Where(node);
        var error = new ManifestException(location, ObjectDescription, path, problem.ToString(), rule.Id);
        var isError = rule.Severity == RuleSeverity.Error || (rule.Severity == RuleSeverity.CreationOnly && !ObjectExists);
        if (isError)
        {
            ErrorCount++;
            diagnostics.AddError(error);
        }
        else
        {
            diagnostics.AddWarning(error, rule.Severity == RuleSeverity.CreationOnly
                ? "the API server refuses this when an object is created, but keeps an existing object that has it"
                : null);
        }
    }

    /// <summary>Reports one Invalid error per message, as upstream appends one field error per message.</summary>
    public void ReportEach(ManifestRule rule, ManifestNode? node, string path, string value, IReadOnlyList<string> messages)
    {
        foreach (var message in messages)
        {
            Report(rule, node, path, value, message);
        }
    }

    /// <summary>A value as text in a message: long values keep their start and say how long they were.</summary>
    public static string Shorten(string value) => MessageText.Bounded(value, MaxQuotedValue, sayLength: true);

    /// <summary>Go's %q, shortened: a long value keeps its start and says how long it was.</summary>
    public static string Quote(string value)
    {
        var shown = value.Length > MaxQuotedValue ? value.Substring(0, MaxQuotedValue) : value;
        var quoted = new StringBuilder(shown.Length + 2).Append('"');
        foreach (var c in shown)
        {
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        quoted.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        quoted.Append('"');
        if (shown.Length < value.Length)
        {
            quoted.Append("... (").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
        }

        return quoted.ToString();
    }

    /// <summary>The value of <paramref name="key"/>, or null when it is absent or YAML null.</summary>
    public static ManifestNode? Child(MappingNode parent, string key)
    {
        var node = parent[key];
        return node is ScalarNode { IsNull: true } ? null : node;
    }

    /// <summary>A child mapping; null when absent or null. A value of another type is a decoding error.</summary>
    public MappingNode? Mapping(MappingNode parent, string key, string path)
    {
        var node = Child(parent, key);
        if (node is null or MappingNode)
        {
            return (MappingNode?)node;
        }

        WrongType(node, Join(path, key), $"expected a mapping of key: value, found {node.Describe()}{MappingHint(key, node)}");
        return null;
    }

    public SequenceNode? Sequence(MappingNode parent, string key, string path)
    {
        var node = Child(parent, key);
        if (node is null or SequenceNode)
        {
            return (SequenceNode?)node;
        }

        WrongType(node, Join(path, key), $"expected a list, found {node.Describe()}; write each item on its own line starting with '- '");
        return null;
    }

    /// <summary>A string field. Null when absent or YAML null; numbers and booleans are refused as the API server's decoder does.</summary>
    public string? String(MappingNode parent, string key, string path)
    {
        var node = Child(parent, key);
        return node is null ? null : StringValue(node, path, key);
    }

    /// <summary>A node read as a string; the path is <paramref name="path"/>.<paramref name="key"/> (key may be null).</summary>
    public string? StringValue(ManifestNode node, string path, string? key = null)
    {
        if (node is ScalarNode scalar)
        {
            switch (scalar.Kind)
            {
                case ScalarKind.String:
                    return scalar.Value;
                case ScalarKind.Null:
                    return null;
                default:
                    WrongType(node, key is null ? path : Join(path, key), $"expected a string, found {scalar.Describe()}; quote it: \"{Shorten(scalar.Value)}\"");
                    return null;
            }
        }

        WrongType(node, key is null ? path : Join(path, key), $"expected a string, found {node.Describe()}");
        return null;
    }

    public bool? Bool(MappingNode parent, string key, string path)
    {
        var node = Child(parent, key);
        if (node is null)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.Bool } scalar)
        {
            return scalar.Value.ToLowerInvariant() is "true" or "yes" or "on" or "y";
        }

        WrongType(node, Join(path, key), $"expected true or false, found {node.Describe()}");
        return null;
    }

    /// <summary>A whole number (int64), such as metadata.generation.</summary>
    public long? Integer(MappingNode parent, string key, string path)
    {
        var node = Child(parent, key);
        if (node is null)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.Int } scalar && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        WrongType(node, Join(path, key), $"expected a whole number, found {node.Describe()}");
        return null;
    }

    /// <summary>A quantity under a map key (path[key]); the path is built only for a message.</summary>
    public Quantity? Quantity(ManifestNode node, string mapPath, string key) =>
        node is ScalarNode { Kind: not ScalarKind.Bool } scalar && Kubernetes.Quantity.TryParse(scalar.Value, out var quick, out _)
            ? quick
            : Quantity(node, Key(mapPath, key));

    /// <summary>A quantity given as a string or a number, as Kubernetes accepts both; null decodes as zero, as there.</summary>
    public Quantity? Quantity(ManifestNode node, string path)
    {
        if (node is ScalarNode { IsNull: true })
        {
            return Kubernetes.Quantity.Zero;
        }

        if (node is not ScalarNode scalar || scalar.Kind is ScalarKind.Bool)
        {
            WrongType(node, path, $"expected a quantity such as 5Gi, found {node.Describe()}");
            return null;
        }

        if (Kubernetes.Quantity.TryParse(scalar.Value, out var quantity, out var problem))
        {
            return quantity;
        }

        Report(ManifestRules.QuantitySyntax, node, path, detail: problem);
        return null;
    }

    /// <summary>metav1.Time: RFC 3339, null allowed.</summary>
    public DateTimeOffset? Timestamp(MappingNode parent, string key, string path)
    {
        var text = String(parent, key, path);
        if (text is null)
        {
            return null;
        }

        if (Rfc3339.TryParse(text, out var value))
        {
            return value;
        }

        Report(ManifestRules.TimestampSyntax, parent[key], Join(path, key), detail: $"{Quote(text)} is not an RFC 3339 time such as 2024-05-01T12:00:00Z");
        return null;
    }

    /// <summary>A map of string to string (labels, annotations, parameters, matchLabels); keys in the order written.</summary>
    public IReadOnlyDictionary<string, string> StringMap(MappingNode parent, string key, string path)
    {
        var mapping = Mapping(parent, key, path);
        if (mapping is null || mapping.Entries.Count == 0)
        {
            return ObjectMeta.NoEntries;
        }

        if (mapping.Entries.Count <= StringPairs.MaxEntries)
        {
            var pairs = new StringPairs(mapping.Entries.Count);
            foreach (var entry in mapping.Entries)
            {
                if (MapValue(entry, path, key) is { } value)
                {
                    pairs.Set(entry.Key.Value, value);
                }
            }

            return pairs;
        }

        var result = new Dictionary<string, string>(mapping.Entries.Count, StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (MapValue(entry, path, key) is { } value)
            {
                result[entry.Key.Value] = value;
            }
        }

        return result;
    }

    /// <summary>
    /// One value of a map of strings: a null value reads as "", a plain string as itself (the common case, which needs
    /// no path), anything else is reported (null).
    /// </summary>
    private string? MapValue(KeyValuePair<ScalarNode, ManifestNode> entry, string path, string key) =>
        PlainString(entry.Value) ?? StringValue(entry.Value, Join(path, key), entry.Key.Value);

    /// <summary>A list of strings, with each item's node (for messages about one item).</summary>
    public IReadOnlyList<(string Value, ManifestNode Node)> StringItems(MappingNode parent, string key, string path)
    {
        var sequence = Sequence(parent, key, path);
        if (sequence is null || sequence.Items.Count == 0)
        {
            return Array.Empty<(string, ManifestNode)>();
        }

        var result = new List<(string, ManifestNode)>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (ItemString(sequence.Items[i], path, key, i) is { } value)
            {
                result.Add((value, sequence.Items[i]));
            }
        }

        return result;
    }

    /// <summary>A list of strings, decoded straight into an array: no list of nodes kept for messages.</summary>
    public IReadOnlyList<string> StringList(MappingNode parent, string key, string path)
    {
        var sequence = Sequence(parent, key, path);
        if (sequence is null || sequence.Items.Count == 0)
        {
            return Array.Empty<string>();
        }

        var result = new string[sequence.Items.Count];
        var count = 0;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (ItemString(sequence.Items[i], path, key, i) is { } value)
            {
                result[count++] = value;
            }
        }

        return count == result.Length ? result : result[..count];
    }

    /// <summary>The strings of <see cref="StringItems"/>, without their nodes.</summary>
    public static string[] ValuesOf(IReadOnlyList<(string Value, ManifestNode Node)> items)
    {
        if (items.Count == 0)
        {
            return Array.Empty<string>();
        }

        var values = new string[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = items[i].Value;
        }

        return values;
    }

    /// <summary>A null node as "", a string as itself, without reporting anything (and without a path); null otherwise.</summary>
    public static string? PlainString(ManifestNode item) => item switch
    {
        ScalarNode { IsNull: true } => string.Empty,
        ScalarNode { Kind: ScalarKind.String } scalar => scalar.Value,
        _ => null,
    };

    /// <summary>One item of a list of strings: a null item decodes as "", anything else not a string is reported (null).</summary>
    public string? ItemString(ManifestNode item, string path, string key, int index) =>
        PlainString(item) ?? StringValue(item, Index(Join(path, key), index));

    /// <summary>A string from a closed set (case-sensitive like the API server); anything else is NotSupported.</summary>
    public string? OneOf(MappingNode parent, string key, string path, ManifestRule rule, IReadOnlyList<string> allowed)
    {
        var text = String(parent, key, path);
        if (text is null || allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        var near = allowed.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        Report(rule, parent[key], Join(path, key), text, fix: near is null ? null : $"did you mean \"{near}\"?");
        return null;
    }

    private void WrongType(ManifestNode node, string path, string problem) => Report(ManifestRules.WrongType, node, path, detail: problem);

    // The seed guides write "annotations: key=value"; say exactly how to write it instead.
    private static string MappingHint(string key, ManifestNode node)
    {
        if (node is ScalarNode scalar && scalar.Value.IndexOf('=') > 0 && scalar.Value.Length < 1000)
        {
            var pairs = scalar.Value.Split(',')
                .Select(p => p.Split(new[] { '=' }, 2))
                .Where(p => p.Length == 2)
                .Select(p => $"{p[0].Trim()}: \"{p[1].Trim()}\"");
            return $"; write it as '{key}: {{{string.Join(", ", pairs)}}}'";
        }

        return string.Empty;
    }
}
