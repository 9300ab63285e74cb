// The manifest reader as it was before issue 11 (commit 547af9f), kept verbatim apart from names so
// the benchmarks measure the old and the new reader in the same run. Not used by the product.
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using TypedReference = VsphereK8sStorage.Kubernetes.TypedReference;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VsphereK8sStorage.Benchmarks.Baseline;


/// <summary>
/// Kubernetes' name and label syntax (apimachinery's validation), each check returning a message
/// that says what a valid value looks like, or null when the value is valid.
/// </summary>
internal static class OldKubernetesNames
{
    private static readonly Regex Dns1123Label = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant);
    private static readonly Regex Dns1123Subdomain = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant);
    private static readonly Regex QualifiedNamePart = new("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$", RegexOptions.CultureInvariant);

    /// <summary>Names of volumes, claims, classes and nodes: DNS-1123 subdomains.</summary>
    public static string? CheckSubdomain(string value)
    {
        if (value.Length == 0)
        {
            return "a name cannot be empty";
        }

        if (value.Length > 253 || !Dns1123Subdomain.IsMatch(value))
        {
            return $"'{value}' is not a valid name: use at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";
        }

        return null;
    }

    /// <summary>Namespaces: DNS-1123 labels.</summary>
    public static string? CheckLabelName(string value)
    {
        if (value.Length == 0 || value.Length > 63 || !Dns1123Label.IsMatch(value))
        {
            return $"'{value}' is not a valid namespace: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit";
        }

        return null;
    }

    /// <summary>Label and annotation keys: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static string? CheckQualifiedName(string value)
    {
        var slash = value.IndexOf('/');
        var name = slash < 0 ? value : value.Substring(slash + 1);
        if (slash >= 0)
        {
            var prefix = value.Substring(0, slash);
            if (prefix.Length == 0 || CheckSubdomain(prefix) is not null)
            {
                return $"'{value}' is not a valid key: the part before '/' must be a DNS subdomain such as example.com";
            }
        }

        if (name.Length == 0 || name.Length > 63 || !QualifiedNamePart.IsMatch(name))
        {
            return $"'{value}' is not a valid key: the name part must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
        }

        return null;
    }

    /// <summary>Label values: empty, or at most 63 letters, digits, '-', '_', '.', starting and ending alphanumeric.</summary>
    public static string? CheckLabelValue(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > 63 || !QualifiedNamePart.IsMatch(value))
        {
            return $"'{value}' is not a valid label value: use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
        }

        return null;
    }
}



/// <summary>
/// A parsed YAML or JSON value with its position. The decoder works on this tree instead of on
/// YamlDotNet types so that it can name the line and column of every bad field.
/// </summary>
internal abstract class OldManifestNode
{
    protected OldManifestNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>What the node is, for messages: "a mapping", "a list", "the string 'x'".</summary>
    public abstract string Describe();
}

internal sealed class OldMappingNode : OldManifestNode
{
    public OldMappingNode(int line, int column)
        : base(line, column)
    {
    }

    public List<KeyValuePair<OldScalarNode, OldManifestNode>> Entries { get; } = new();

    public OldManifestNode? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (entry.Key.Value == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    public override string Describe() => "a mapping";
}

internal sealed class OldSequenceNode : OldManifestNode
{
    public OldSequenceNode(int line, int column)
        : base(line, column)
    {
    }

    public List<OldManifestNode> Items { get; } = new();

    public override string Describe() => "a list";
}

/// <summary>How YAML's core schema resolves a scalar; quoted scalars are always strings.</summary>
internal enum OldScalarKind
{
    String,
    Null,
    Bool,
    Int,
    Float,
}

internal sealed class OldScalarNode : OldManifestNode
{
    // YAML 1.1 forms, because Kubernetes reads YAML through go-yaml v2: "on" and "yes" are booleans there.
    private static readonly Regex IntPattern = new(@"^[-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex FloatPattern = new(@"^([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant);

    public OldScalarNode(string value, bool plain, int line, int column)
        : base(line, column)
    {
        Value = value;
        Kind = plain ? Resolve(value) : OldScalarKind.String;
    }

    public string Value { get; }

    public OldScalarKind Kind { get; }

    public bool IsNull => Kind == OldScalarKind.Null;

    public override string Describe() => Kind switch
    {
        OldScalarKind.Null => "null",
        OldScalarKind.Bool => $"the boolean {Value}",
        OldScalarKind.Int or OldScalarKind.Float => $"the number {Value}",
        _ => $"the string '{Value}'",
    };

    private static OldScalarKind Resolve(string value)
    {
        switch (value)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return OldScalarKind.Null;
            case "true":
            case "True":
            case "TRUE":
            case "false":
            case "False":
            case "FALSE":
            case "yes":
            case "Yes":
            case "YES":
            case "no":
            case "No":
            case "NO":
            case "on":
            case "On":
            case "ON":
            case "off":
            case "Off":
            case "OFF":
            case "y":
            case "Y":
            case "n":
            case "N":
                return OldScalarKind.Bool;
        }

        var first = value[0];
        if (!(char.IsDigit(first) || first == '-' || first == '+' || first == '.'))
        {
            return OldScalarKind.String;
        }

        if (IntPattern.IsMatch(value))
        {
            return OldScalarKind.Int;
        }

        return FloatPattern.IsMatch(value) ? OldScalarKind.Float : OldScalarKind.String;
    }
}



/// <summary>One document of a manifest file: its root value, or null for an empty document.</summary>
internal sealed record OldManifestDocument(SourceLocation Location, OldManifestNode? Root);

/// <summary>
/// Reads the documents of a YAML stream (JSON is read the same way: it is YAML's flow style) into
/// <see cref="OldManifestNode"/> trees, using YamlDotNet's parser. Anchors and aliases are resolved,
/// merge keys (&lt;&lt;) are applied, duplicate keys are errors as in kubectl.
/// </summary>
internal static class OldYamlDocumentReader
{
    /// <summary>
    /// Yields each document. A syntax error ends the file: it is reported once, with the document
    /// it occurred in, since YAML offers no way to resynchronise after it.
    /// </summary>
    public static IEnumerable<OldManifestDocument> Read(string file, TextReader reader, List<ManifestException> errors)
    {
        var parser = new Parser(new Scanner(reader, skipComments: true));
        var documentIndex = 0;
        var results = new List<OldManifestDocument>();
        try
        {
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                var start = parser.Consume<DocumentStart>();
                documentIndex++;
                var builder = new TreeBuilder(file, documentIndex, errors);
                var root = builder.ReadNode(parser);
                parser.Consume<DocumentEnd>();
                var location = new SourceLocation(file, (int)start.Start.Line, (int)start.Start.Column, documentIndex);
                if (root is OldScalarNode { IsNull: true })
                {
                    root = null;
                }

                results.Add(new OldManifestDocument(location, root));
            }
        }
        catch (YamlException ex)
        {
            var index = Math.Max(documentIndex, 1);
            var location = new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column, index);
            errors.Add(new ManifestException(location, null, string.Empty, $"YAML syntax error: {TrimPeriod(ex.Message)}; check the indentation and quoting around this line", "Baseline", ex));
        }

        return results;
    }

    private static string TrimPeriod(string message)
    {
        var trimmed = message.Trim();
        var colon = trimmed.IndexOf("): ", StringComparison.Ordinal);
        if (trimmed.StartsWith("(", StringComparison.Ordinal) && colon > 0)
        {
            trimmed = trimmed.Substring(colon + 3);
        }

        return trimmed.TrimEnd('.');
    }

    private sealed class TreeBuilder
    {
        private readonly string file;
        private readonly int document;
        private readonly List<ManifestException> errors;
        private readonly Dictionary<string, OldManifestNode> anchors = new(StringComparer.Ordinal);

        public TreeBuilder(string file, int document, List<ManifestException> errors)
        {
            this.file = file;
            this.document = document;
            this.errors = errors;
        }

        public OldManifestNode ReadNode(IParser parser)
        {
            var current = parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
            switch (current)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        return target;
                    }

                    throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} names no anchor defined before it");

                case Scalar scalar:
                    parser.MoveNext();
                    var node = new OldScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty, (int)scalar.Start.Line, (int)scalar.Start.Column);
                    Remember(scalar.Anchor, node);
                    return node;

                case SequenceStart sequenceStart:
                    parser.MoveNext();
                    var sequence = new OldSequenceNode((int)sequenceStart.Start.Line, (int)sequenceStart.Start.Column);
                    Remember(sequenceStart.Anchor, sequence);
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        sequence.Items.Add(ReadNode(parser));
                    }

                    return sequence;

                case MappingStart mappingStart:
                    parser.MoveNext();
                    var mapping = new OldMappingNode((int)mappingStart.Start.Line, (int)mappingStart.Start.Column);
                    Remember(mappingStart.Anchor, mapping);
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    List<KeyValuePair<OldScalarNode, OldManifestNode>>? merged = null;
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyNode = ReadNode(parser);
                        var value = ReadNode(parser);
                        if (keyNode is not OldScalarNode key)
                        {
                            Error(keyNode, "a mapping key must be a plain value, not " + keyNode.Describe());
                            continue;
                        }

                        if (key.Value == "<<" && key.Kind == OldScalarKind.String)
                        {
                            merged ??= new List<KeyValuePair<OldScalarNode, OldManifestNode>>();
                            CollectMerged(value, merged);
                            continue;
                        }

                        if (!seen.Add(key.Value))
                        {
                            Error(key, $"the key '{key.Value}' appears twice in the same mapping; remove one of them");
                            continue;
                        }

                        mapping.Entries.Add(new KeyValuePair<OldScalarNode, OldManifestNode>(key, value));
                    }

                    // Keys written in the mapping itself win over merged ones, wherever the merge key stands.
                    if (merged is not null)
                    {
                        foreach (var entry in merged)
                        {
                            if (seen.Add(entry.Key.Value))
                            {
                                mapping.Entries.Add(entry);
                            }
                        }
                    }

                    return mapping;

                default:
                    throw new YamlException(current.Start, current.End, $"unexpected YAML event {current.GetType().Name}");
            }
        }

        // YAML merge keys: entries of the merged mapping(s), earlier sources first.
        private void CollectMerged(OldManifestNode source, List<KeyValuePair<OldScalarNode, OldManifestNode>> into)
        {
            var sources = source is OldSequenceNode list ? list.Items : new List<OldManifestNode> { source };
            foreach (var item in sources)
            {
                if (item is not OldMappingNode merged)
                {
                    Error(item, "a merge key (<<) must refer to a mapping or a list of mappings");
                    continue;
                }

                into.AddRange(merged.Entries);
            }
        }

        private void Remember(AnchorName anchor, OldManifestNode node)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }
        }

        private void Error(OldManifestNode node, string problem) =>
            errors.Add(new ManifestException(new SourceLocation(file, node.Line, node.Column, document), null, string.Empty, problem, "Baseline"));
    }
}



/// <summary>
/// Typed access to one document's fields. Every problem is recorded with the field path and the
/// node's position, and decoding goes on, so one run reports every bad field of a document.
/// </summary>
internal sealed class OldFieldReader
{
    private readonly SourceLocation document;
    private readonly List<ManifestException> errors;

    public OldFieldReader(SourceLocation document, List<ManifestException> errors)
    {
        this.document = document;
        this.errors = errors;
    }

    /// <summary>"PersistentVolume pv0001", set once kind and name are known so later errors carry it.</summary>
    public string? ObjectDescription { get; set; }

    public int ErrorCount { get; private set; }

    public void Error(OldManifestNode? node, string path, string problem)
    {
        var location = node is null
            ? document
            : new SourceLocation(document.File, node.Line, node.Column, document.Document);
        errors.Add(new ManifestException(location, ObjectDescription, path, problem, "Baseline"));
        ErrorCount++;
    }

    public static string Join(string path, string child) => path.Length == 0 ? child : path + "." + child;

    /// <summary>A child mapping; null when absent or null. Records an error when it is something else.</summary>
    public OldMappingNode? Mapping(OldMappingNode parent, string key, string path, bool required = false)
    {
        var node = parent[key];
        var fieldPath = Join(path, key);
        if (node is null || node is OldScalarNode { IsNull: true })
        {
            if (required)
            {
                Error(node ?? (OldManifestNode)parent, fieldPath, "required field is missing");
            }

            return null;
        }

        if (node is OldMappingNode mapping)
        {
            return mapping;
        }

        Error(node, fieldPath, $"expected a mapping of key: value, found {node.Describe()}{MappingHint(key, node)}");
        return null;
    }

    public OldSequenceNode? Sequence(OldMappingNode parent, string key, string path)
    {
        var node = parent[key];
        if (node is null || node is OldScalarNode { IsNull: true })
        {
            return null;
        }

        if (node is OldSequenceNode sequence)
        {
            return sequence;
        }

        Error(node, Join(path, key), $"expected a list, found {node.Describe()}; write each item on its own line starting with '- '");
        return null;
    }

    /// <summary>A string field. Null when absent or YAML null; numbers and booleans are refused as the API server does.</summary>
    public string? String(OldMappingNode parent, string key, string path, bool required = false)
    {
        var node = parent[key];
        var fieldPath = Join(path, key);
        if (node is null || node is OldScalarNode { IsNull: true })
        {
            if (required)
            {
                Error(node ?? (OldManifestNode)parent, fieldPath, "required field is missing");
            }

            return null;
        }

        return StringValue(node, fieldPath);
    }

    public string? StringValue(OldManifestNode node, string fieldPath)
    {
        if (node is OldScalarNode scalar)
        {
            if (scalar.Kind == OldScalarKind.String)
            {
                return scalar.Value;
            }

            if (scalar.Kind == OldScalarKind.Null)
            {
                return null;
            }

            Error(node, fieldPath, $"expected a string, found {scalar.Describe()}; quote it: \"{scalar.Value}\"");
            return null;
        }

        Error(node, fieldPath, $"expected a string, found {node.Describe()}");
        return null;
    }

    public bool? Bool(OldMappingNode parent, string key, string path)
    {
        var node = parent[key];
        if (node is null || node is OldScalarNode { IsNull: true })
        {
            return null;
        }

        if (node is OldScalarNode { Kind: OldScalarKind.Bool } scalar)
        {
            return scalar.Value.ToLowerInvariant() is "true" or "yes" or "on" or "y";
        }

        Error(node, Join(path, key), $"expected true or false, found {node.Describe()}");
        return null;
    }

    /// <summary>A quantity given as a string or a number, as Kubernetes accepts both.</summary>
    public Quantity? Quantity(OldMappingNode parent, string key, string path, bool required = false)
    {
        var node = parent[key];
        var fieldPath = Join(path, key);
        if (node is null || node is OldScalarNode { IsNull: true })
        {
            if (required)
            {
                Error(node ?? (OldManifestNode)parent, fieldPath, "required field is missing");
            }

            return null;
        }

        if (node is not OldScalarNode scalar || scalar.Kind is OldScalarKind.Bool)
        {
            Error(node, fieldPath, $"expected a quantity such as 5Gi, found {node.Describe()}");
            return null;
        }

        if (Kubernetes.Quantity.TryParse(scalar.Value, out var quantity, out var problem))
        {
            return quantity;
        }

        Error(node, fieldPath, problem);
        return null;
    }

    public DateTimeOffset? Timestamp(OldMappingNode parent, string key, string path)
    {
        var text = String(parent, key, path);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        Error(parent[key], Join(path, key), $"'{text}' is not an RFC 3339 timestamp such as 2024-05-01T12:00:00Z");
        return null;
    }

    /// <summary>A map of string to string (labels, annotations, parameters, matchLabels).</summary>
    public IReadOnlyDictionary<string, string> StringMap(OldMappingNode parent, string key, string path)
    {
        var mapping = Mapping(parent, key, path);
        if (mapping is null)
        {
            return ObjectMeta.NoEntries;
        }

        var result = new Dictionary<string, string>(mapping.Entries.Count, StringComparer.Ordinal);
        var mapPath = Join(path, key);
        foreach (var entry in mapping.Entries)
        {
            var entryPath = Join(mapPath, entry.Key.Value);
            if (entry.Value is OldScalarNode { IsNull: true })
            {
                result[entry.Key.Value] = string.Empty;
                continue;
            }

            var value = StringValue(entry.Value, entryPath);
            if (value is not null)
            {
                result[entry.Key.Value] = value;
            }
        }

        return result;
    }

    /// <summary>A list of strings.</summary>
    public IReadOnlyList<string> StringList(OldMappingNode parent, string key, string path)
    {
        var sequence = Sequence(parent, key, path);
        if (sequence is null)
        {
            return Array.Empty<string>();
        }

        var result = new List<string>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var value = StringValue(sequence.Items[i], $"{Join(path, key)}[{i}]");
            if (value is not null)
            {
                result.Add(value);
            }
        }

        return result;
    }

    /// <summary>One of a fixed set of spellings, case-sensitive like the API server.</summary>
    public T? Enum<T>(OldMappingNode parent, string key, string path)
        where T : struct
    {
        var text = String(parent, key, path);
        if (text is null)
        {
            return null;
        }

        var names = System.Enum.GetNames(typeof(T));
        if (names.Contains(text, StringComparer.Ordinal))
        {
            return (T)System.Enum.Parse(typeof(T), text);
        }

        var near = names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        var hint = near is null ? string.Empty : $" (did you mean '{near}'?)";
        Error(parent[key], Join(path, key), $"unsupported value '{text}'; use one of {string.Join(", ", names)}{hint}");
        return null;
    }

    // The seed guides write "annotations: key=value"; say exactly how to write it instead.
    private static string MappingHint(string key, OldManifestNode node)
    {
        if (node is OldScalarNode scalar && scalar.Value.IndexOf('=') > 0)
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



/// <summary>
/// Turns document trees into PersistentVolumes, PersistentVolumeClaims, StorageClasses and Nodes,
/// validating what the API server would validate for the fields binding reads. Unknown kinds are
/// skipped; <c>List</c> kinds are unpacked.
/// </summary>
internal sealed class OldObjectDecoder
{
    /// <summary>Every in-tree and CSI volume source a PersistentVolume can name, with the field that identifies it.</summary>
    private static readonly (string Key, string? IdentityField)[] VolumeSources =
    {
        ("vsphereVolume", "volumePath"), ("csi", "volumeHandle"), ("hostPath", "path"), ("local", "path"), ("nfs", "path"),
        ("awsElasticBlockStore", "volumeID"), ("azureDisk", "diskName"), ("azureFile", "shareName"), ("cephfs", "path"),
        ("cinder", "volumeID"), ("fc", null), ("flexVolume", "driver"), ("flocker", "datasetName"), ("gcePersistentDisk", "pdName"),
        ("glusterfs", "path"), ("iscsi", "iqn"), ("photonPersistentDisk", "pdID"), ("portworxVolume", "volumeID"),
        ("quobyte", "volume"), ("rbd", "image"), ("scaleIO", "volumeName"), ("storageos", "volumeName"),
    };

    private readonly VsphereK8sStorage.Kubernetes.Manifests.ClusterSnapshotBuilder output;
    private readonly Action<string> verbose;

    public OldObjectDecoder(VsphereK8sStorage.Kubernetes.Manifests.ClusterSnapshotBuilder output, Action<string> verbose)
    {
        this.output = output;
        this.verbose = verbose;
    }

    public void Decode(OldManifestDocument document, List<ManifestException> errors)
    {
        if (document.Root is null)
        {
            return;
        }

        var reader = new OldFieldReader(document.Location, errors);
        DecodeObject(reader, document.Root, string.Empty, document.Location);
    }

    private void DecodeObject(OldFieldReader reader, OldManifestNode node, string path, SourceLocation document)
    {
        if (node is not OldMappingNode root)
        {
            reader.Error(node, path, $"expected a Kubernetes object (a mapping with apiVersion, kind and metadata), found {node.Describe()}");
            return;
        }

        var kind = reader.String(root, "kind", path);
        var apiVersion = reader.String(root, "apiVersion", path);
        if (kind is null)
        {
            reader.Error(root, OldFieldReader.Join(path, "kind"), "required field is missing; every object needs apiVersion and kind (for example 'apiVersion: v1' and 'kind: PersistentVolume')");
            return;
        }

        if (kind == "List" || (kind.EndsWith("List", StringComparison.Ordinal) && root["items"] is not null))
        {
            var items = reader.Sequence(root, "items", path);
            for (var i = 0; items is not null && i < items.Items.Count; i++)
            {
                DecodeObject(reader, items.Items[i], $"{OldFieldReader.Join(path, "items")}[{i}]", document);
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
        var name = metadata is null ? null : reader.String(metadata, "name", OldFieldReader.Join(path, "metadata"), required: true);
        reader.ObjectDescription = name is null ? kind : $"{kind} {name}";
        if (apiVersion is null)
        {
            reader.Error(root, OldFieldReader.Join(path, "apiVersion"), $"required field is missing; use 'apiVersion: {expectedVersions[0]}'");
        }
        else if (!expectedVersions.Contains(apiVersion, StringComparer.Ordinal))
        {
            reader.Error(root["apiVersion"], OldFieldReader.Join(path, "apiVersion"), $"'{apiVersion}' does not serve {kind}; use 'apiVersion: {expectedVersions[0]}'");
        }

        if (metadata is null || name is null)
        {
            return;
        }

        var errorsBefore = reader.ErrorCount;
        var namespaced = kind == "PersistentVolumeClaim";
        var meta = DecodeMetadata(reader, metadata, OldFieldReader.Join(path, "metadata"), namespaced, Where(root, document));
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

    private static SourceLocation Where(OldManifestNode node, SourceLocation document) =>
        new(document.File, node.Line, node.Column, document.Document);

    private static ObjectMeta DecodeMetadata(OldFieldReader reader, OldMappingNode metadata, string path, bool namespaced, SourceLocation source)
    {
        var name = reader.String(metadata, "name", path) ?? string.Empty;
        if (OldKubernetesNames.CheckSubdomain(name) is { } nameProblem)
        {
            reader.Error(metadata["name"], OldFieldReader.Join(path, "name"), nameProblem);
        }

        string? ns = null;
        if (namespaced)
        {
            ns = reader.String(metadata, "namespace", path) ?? "default";
            if (OldKubernetesNames.CheckLabelName(ns) is { } nsProblem)
            {
                reader.Error(metadata["namespace"], OldFieldReader.Join(path, "namespace"), nsProblem);
            }
        }

        var labels = reader.StringMap(metadata, "labels", path);
        foreach (var label in labels)
        {
            var problem = OldKubernetesNames.CheckQualifiedName(label.Key) ?? OldKubernetesNames.CheckLabelValue(label.Value);
            if (problem is not null)
            {
                reader.Error(metadata["labels"], $"{path}.labels.{label.Key}", problem);
            }
        }

        var annotations = reader.StringMap(metadata, "annotations", path);
        foreach (var annotation in annotations)
        {
            if (OldKubernetesNames.CheckQualifiedName(annotation.Key) is { } problem)
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

    private static PersistentVolume DecodeVolume(OldFieldReader reader, OldMappingNode root, string path, ObjectMeta meta)
    {
        var specPath = OldFieldReader.Join(path, "spec");
        var spec = reader.Mapping(root, "spec", path, required: true);
        if (spec is null)
        {
            return new PersistentVolume { Metadata = meta };
        }

        Quantity capacity = default;
        var capacityMap = reader.Mapping(spec, "capacity", specPath, required: true);
        if (capacityMap is not null)
        {
            var capacityPath = OldFieldReader.Join(specPath, "capacity");
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
            reader.Error(spec, OldFieldReader.Join(specPath, "nodeAffinity"), "a local volume requires nodeAffinity naming the node that has the disk (kubernetes.io/hostname In [node])");
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

    private static PersistentVolumeClaim DecodeClaim(OldFieldReader reader, OldMappingNode root, string path, ObjectMeta meta)
    {
        var specPath = OldFieldReader.Join(path, "spec");
        var spec = reader.Mapping(root, "spec", path, required: true);
        if (spec is null)
        {
            return new PersistentVolumeClaim { Metadata = meta };
        }

        Quantity request = default;
        var resources = reader.Mapping(spec, "resources", specPath, required: true);
        if (resources is not null)
        {
            var resourcesPath = OldFieldReader.Join(specPath, "resources");
            var requests = reader.Mapping(resources, "requests", resourcesPath, required: true);
            if (requests is not null && reader.Quantity(requests, "storage", OldFieldReader.Join(resourcesPath, "requests"), required: true) is { } storage)
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
            var dsPath = OldFieldReader.Join(specPath, spec["dataSourceRef"] is OldMappingNode ? "dataSourceRef" : "dataSource");
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

    private static StorageClass DecodeStorageClass(OldFieldReader reader, OldMappingNode root, string path, ObjectMeta meta)
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
    private static IReadOnlyList<NodeSelectorTerm>? DecodeAllowedTopologies(OldFieldReader reader, OldMappingNode root, string path)
    {
        var list = reader.Sequence(root, "allowedTopologies", path);
        if (list is null)
        {
            return null;
        }

        var terms = new List<NodeSelectorTerm>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var termPath = $"{OldFieldReader.Join(path, "allowedTopologies")}[{i}]";
            if (list.Items[i] is not OldMappingNode term)
            {
                reader.Error(list.Items[i], termPath, $"expected a mapping with matchLabelExpressions, found {list.Items[i].Describe()}");
                continue;
            }

            var expressions = reader.Sequence(term, "matchLabelExpressions", termPath);
            var requirements = new List<SelectorRequirement>();
            for (var j = 0; expressions is not null && j < expressions.Items.Count; j++)
            {
                var expressionPath = $"{termPath}.matchLabelExpressions[{j}]";
                if (expressions.Items[j] is not OldMappingNode expression)
                {
                    reader.Error(expressions.Items[j], expressionPath, "expected a mapping with key and values");
                    continue;
                }

                var key = reader.String(expression, "key", expressionPath, required: true);
                var values = reader.StringList(expression, "values", expressionPath);
                if (values.Count == 0)
                {
                    reader.Error(expression, OldFieldReader.Join(expressionPath, "values"), "at least one value is required");
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

    private static void CheckClassName(OldFieldReader reader, OldMappingNode spec, string specPath, string? storageClassName)
    {
        if (!string.IsNullOrEmpty(storageClassName) && OldKubernetesNames.CheckSubdomain(storageClassName!) is { } problem)
        {
            reader.Error(spec["storageClassName"], OldFieldReader.Join(specPath, "storageClassName"), problem);
        }
    }

    private static string? DecodeReclaimPolicy(OldFieldReader reader, OldMappingNode parent, string path, string key, params string[] allowed)
    {
        var value = reader.String(parent, key, path);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            reader.Error(parent[key], OldFieldReader.Join(path, key), $"unsupported value '{value}'; use one of {string.Join(", ", allowed)}");
        }

        return value;
    }

    private static AccessModes DecodeAccessModes(OldFieldReader reader, OldMappingNode spec, string specPath)
    {
        var modesPath = OldFieldReader.Join(specPath, "accessModes");
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

    private static ClaimReference? DecodeClaimRef(OldFieldReader reader, OldMappingNode spec, string specPath)
    {
        var claimRef = reader.Mapping(spec, "claimRef", specPath);
        if (claimRef is null)
        {
            return null;
        }

        var refPath = OldFieldReader.Join(specPath, "claimRef");
        var name = reader.String(claimRef, "name", refPath);
        var ns = reader.String(claimRef, "namespace", refPath);
        if (string.IsNullOrEmpty(name))
        {
            reader.Error(claimRef, OldFieldReader.Join(refPath, "name"), "required field is missing; a claimRef names the claim the volume is reserved for");
            return null;
        }

        if (string.IsNullOrEmpty(ns))
        {
            reader.Error(claimRef, OldFieldReader.Join(refPath, "namespace"), $"required field is missing; add the claim's namespace (for example 'namespace: default')");
            return null;
        }

        return new ClaimReference(ns!, name!, reader.String(claimRef, "uid", refPath));
    }

    private static VolumeSource? DecodeVolumeSource(OldFieldReader reader, OldMappingNode spec, string specPath)
    {
        var present = VolumeSources.Where(s => spec[s.Key] is OldMappingNode).ToList();
        if (present.Count == 0)
        {
            reader.Error(spec, specPath, "a PersistentVolume must name exactly one volume source, such as vsphereVolume, csi, hostPath, local or nfs");
            return null;
        }

        if (present.Count > 1)
        {
            reader.Error(spec[present[1].Key], OldFieldReader.Join(specPath, present[1].Key), $"a PersistentVolume may name only one volume source; found {string.Join(" and ", present.Select(p => p.Key))}");
        }

        var (key, identityField) = present[0];
        var source = (OldMappingNode)spec[key]!;
        var sourcePath = OldFieldReader.Join(specPath, key);
        string? identity = identityField is null ? null : reader.String(source, identityField, sourcePath);
        switch (key)
        {
            case "vsphereVolume" when string.IsNullOrEmpty(identity):
                reader.Error(source, OldFieldReader.Join(sourcePath, "volumePath"), "required field is missing; write the datastore path as \"[datastore1] volumes/myDisk\"");
                break;
            case "csi":
                var driver = reader.String(source, "driver", sourcePath);
                if (string.IsNullOrEmpty(driver))
                {
                    reader.Error(source, OldFieldReader.Join(sourcePath, "driver"), $"required field is missing; the vSphere CSI driver is '{WellKnown.VsphereCsiDriver}'");
                }

                if (string.IsNullOrEmpty(identity))
                {
                    reader.Error(source, OldFieldReader.Join(sourcePath, "volumeHandle"), "required field is missing; for the vSphere CSI driver it is the first-class disk's id");
                }

                identity = $"{driver} {identity}";
                break;
            case "hostPath" or "local" when string.IsNullOrEmpty(identity):
                reader.Error(source, OldFieldReader.Join(sourcePath, "path"), "required field is missing");
                break;
            case "nfs":
                identity = $"{reader.String(source, "server", sourcePath)}:{identity}";
                break;
        }

        return new VolumeSource(key, identity);
    }

    private static T? DecodeStatusPhase<T>(OldFieldReader reader, OldMappingNode root, string path)
        where T : struct
    {
        var status = reader.Mapping(root, "status", path);
        return status is null ? null : reader.Enum<T>(status, "phase", OldFieldReader.Join(path, "status"));
    }

    private static LabelSelector? DecodeLabelSelector(OldFieldReader reader, OldMappingNode parent, string key, string path)
    {
        var selector = reader.Mapping(parent, key, path);
        if (selector is null)
        {
            return null;
        }

        var selectorPath = OldFieldReader.Join(path, key);
        var requirements = new List<SelectorRequirement>();
        foreach (var label in reader.StringMap(selector, "matchLabels", selectorPath))
        {
            var problem = OldKubernetesNames.CheckQualifiedName(label.Key) ?? OldKubernetesNames.CheckLabelValue(label.Value);
            if (problem is not null)
            {
                reader.Error(selector["matchLabels"], $"{selectorPath}.matchLabels.{label.Key}", problem);
            }

            requirements.Add(new SelectorRequirement(label.Key, SelectorOperator.In, new[] { label.Value }));
        }

        requirements.AddRange(DecodeRequirements(reader, selector, "matchExpressions", selectorPath, nodeSelector: false));
        return new LabelSelector(requirements);
    }

    private static NodeSelector? DecodeNodeAffinity(OldFieldReader reader, OldMappingNode spec, string specPath)
    {
        var affinity = reader.Mapping(spec, "nodeAffinity", specPath);
        if (affinity is null)
        {
            return null;
        }

        var affinityPath = OldFieldReader.Join(specPath, "nodeAffinity");
        var required = reader.Mapping(affinity, "required", affinityPath);
        if (required is null)
        {
            return null;
        }

        var requiredPath = OldFieldReader.Join(affinityPath, "required");
        var termList = reader.Sequence(required, "nodeSelectorTerms", requiredPath);
        if (termList is null || termList.Items.Count == 0)
        {
            reader.Error(required, OldFieldReader.Join(requiredPath, "nodeSelectorTerms"), "at least one node selector term is required");
            return null;
        }

        var terms = new List<NodeSelectorTerm>();
        for (var i = 0; i < termList.Items.Count; i++)
        {
            var termPath = $"{requiredPath}.nodeSelectorTerms[{i}]";
            if (termList.Items[i] is not OldMappingNode term)
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
                    reader.Error(term["matchFields"], OldFieldReader.Join(fieldPath, "key"), $"'{fields[f].Key}' is not supported; matchFields only knows 'metadata.name'");
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

    private static List<SelectorRequirement> DecodeRequirements(OldFieldReader reader, OldMappingNode parent, string key, string path, bool nodeSelector)
    {
        var result = new List<SelectorRequirement>();
        var list = reader.Sequence(parent, key, path);
        if (list is null)
        {
            return result;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = $"{OldFieldReader.Join(path, key)}[{i}]";
            if (list.Items[i] is not OldMappingNode expression)
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
                reader.Error(expression["operator"], OldFieldReader.Join(itemPath, "operator"), $"unsupported operator '{operatorText}'; use one of {string.Join(", ", allowed)}");
                continue;
            }

            var op = (SelectorOperator)Enum.Parse(typeof(SelectorOperator), operatorText);
            if (key == "matchExpressions" && OldKubernetesNames.CheckQualifiedName(requirementKey) is { } keyProblem)
            {
                reader.Error(expression["key"], OldFieldReader.Join(itemPath, "key"), keyProblem);
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
                reader.Error(expression, OldFieldReader.Join(itemPath, "values"), valuesProblem);
                continue;
            }

            if (!nodeSelector)
            {
                foreach (var value in values)
                {
                    if (OldKubernetesNames.CheckLabelValue(value) is { } valueProblem)
                    {
                        reader.Error(expression["values"], OldFieldReader.Join(itemPath, "values"), valueProblem);
                    }
                }
            }

            result.Add(new SelectorRequirement(requirementKey, op, values));
        }

        return result;
    }
}

/// <summary>The old ManifestLoader.Load.</summary>
internal static class OldManifestLoader
{
    public static ClusterSnapshot Load(IEnumerable<(string DisplayName, Func<TextReader> Open)> sources, IOperationHost host)
    {
        var errors = new List<ManifestException>();
        var builder = new VsphereK8sStorage.Kubernetes.Manifests.ClusterSnapshotBuilder(host.WriteWarning);
        var decoder = new OldObjectDecoder(builder, host.WriteVerbose);
        var documents = 0;
        foreach (var source in sources)
        {
            try
            {
                using var reader = source.Open();
                foreach (var document in OldYamlDocumentReader.Read(source.DisplayName, reader, errors))
                {
                    documents++;
                    decoder.Decode(document, errors);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new VsphereK8sException("ManifestUnreadable", ErrorKind.ReadWriteError, $"Cannot read '{source.DisplayName}': {ex.Message}", source.DisplayName, ex);
            }
        }

        // One problem is one error line: it already names file, line, field and fix. Several are each
        // reported, then one terminating summary, so a user fixes them all in one pass.
        if (errors.Count == 1)
        {
            throw errors[0];
        }

        if (errors.Count > 1)
        {
            foreach (var error in errors)
            {
                host.WriteError(error);
            }

            throw new ManifestSetInvalidException(errors, errors.Count, documents, sources.Select(s => s.DisplayName).ToArray());
        }

        var snapshot = builder.Build();
        host.WriteVerbose($"Read {documents} documents: {snapshot.Volumes.Count} PersistentVolumes, {snapshot.Claims.Count} PersistentVolumeClaims, {snapshot.StorageClasses.Count} StorageClasses, {snapshot.Nodes.Count} Nodes");
        return snapshot;
    }
}
