using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes.Yaml;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Typed access to one document's fields. Every problem is recorded with the field path and the
/// node's position, and decoding goes on, so one run reports every bad field of a document.
/// </summary>
internal sealed class FieldReader
{
    private readonly SourceLocation document;
    private readonly List<ManifestException> errors;

    public FieldReader(SourceLocation document, List<ManifestException> errors)
    {
        this.document = document;
        this.errors = errors;
    }

    /// <summary>"PersistentVolume pv0001", set once kind and name are known so later errors carry it.</summary>
    public string? ObjectDescription { get; set; }

    public int ErrorCount { get; private set; }

    public void Error(ManifestNode? node, string path, string problem)
    {
        var location = node is null
            ? document
            : new SourceLocation(document.File, node.Line, node.Column, document.Document);
        errors.Add(new ManifestException(location, ObjectDescription, path, problem));
        ErrorCount++;
    }

    public static string Join(string path, string child) => path.Length == 0 ? child : path + "." + child;

    /// <summary>A child mapping; null when absent or null. Records an error when it is something else.</summary>
    public MappingNode? Mapping(MappingNode parent, string key, string path, bool required = false)
    {
        var node = parent[key];
        var fieldPath = Join(path, key);
        if (node is null || node is ScalarNode { IsNull: true })
        {
            if (required)
            {
                Error(node ?? (ManifestNode)parent, fieldPath, "required field is missing");
            }

            return null;
        }

        if (node is MappingNode mapping)
        {
            return mapping;
        }

        Error(node, fieldPath, $"expected a mapping of key: value, found {node.Describe()}{MappingHint(key, node)}");
        return null;
    }

    public SequenceNode? Sequence(MappingNode parent, string key, string path)
    {
        var node = parent[key];
        if (node is null || node is ScalarNode { IsNull: true })
        {
            return null;
        }

        if (node is SequenceNode sequence)
        {
            return sequence;
        }

        Error(node, Join(path, key), $"expected a list, found {node.Describe()}; write each item on its own line starting with '- '");
        return null;
    }

    /// <summary>A string field. Null when absent or YAML null; numbers and booleans are refused as the API server does.</summary>
    public string? String(MappingNode parent, string key, string path, bool required = false)
    {
        var node = parent[key];
        var fieldPath = Join(path, key);
        if (node is null || node is ScalarNode { IsNull: true })
        {
            if (required)
            {
                Error(node ?? (ManifestNode)parent, fieldPath, "required field is missing");
            }

            return null;
        }

        return StringValue(node, fieldPath);
    }

    public string? StringValue(ManifestNode node, string fieldPath)
    {
        if (node is ScalarNode scalar)
        {
            if (scalar.Kind == ScalarKind.String)
            {
                return scalar.Value;
            }

            if (scalar.Kind == ScalarKind.Null)
            {
                return null;
            }

            Error(node, fieldPath, $"expected a string, found {scalar.Describe()}; quote it: \"{scalar.Value}\"");
            return null;
        }

        Error(node, fieldPath, $"expected a string, found {node.Describe()}");
        return null;
    }

    public bool? Bool(MappingNode parent, string key, string path)
    {
        var node = parent[key];
        if (node is null || node is ScalarNode { IsNull: true })
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.Bool } scalar)
        {
            return scalar.Value.ToLowerInvariant() is "true" or "yes" or "on" or "y";
        }

        Error(node, Join(path, key), $"expected true or false, found {node.Describe()}");
        return null;
    }

    /// <summary>A quantity given as a string or a number, as Kubernetes accepts both.</summary>
    public Quantity? Quantity(MappingNode parent, string key, string path, bool required = false)
    {
        var node = parent[key];
        var fieldPath = Join(path, key);
        if (node is null || node is ScalarNode { IsNull: true })
        {
            if (required)
            {
                Error(node ?? (ManifestNode)parent, fieldPath, "required field is missing");
            }

            return null;
        }

        if (node is not ScalarNode scalar || scalar.Kind is ScalarKind.Bool)
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

    public DateTimeOffset? Timestamp(MappingNode parent, string key, string path)
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
    public IReadOnlyDictionary<string, string> StringMap(MappingNode parent, string key, string path)
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
            if (entry.Value is ScalarNode { IsNull: true })
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
    public IReadOnlyList<string> StringList(MappingNode parent, string key, string path)
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
    public T? Enum<T>(MappingNode parent, string key, string path)
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
    private static string MappingHint(string key, ManifestNode node)
    {
        if (node is ScalarNode scalar && scalar.Value.IndexOf('=') > 0)
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
