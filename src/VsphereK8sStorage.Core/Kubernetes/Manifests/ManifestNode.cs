using System;
using System.Collections.Generic;
using VsphereK8sStorage.Kubernetes.Yaml;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// A parsed YAML or JSON value with its position. The decoder works on this tree instead of on
/// YamlDotNet types so that it can name the line and column of every bad field, whichever parser read it.
/// </summary>
internal abstract class ManifestNode
{
    protected ManifestNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>How many nodes this value stands for once aliases are expanded (saturates at int.MaxValue).</summary>
    public abstract int Size { get; }

    /// <summary>What the node is, for messages: "a mapping", "a list", "the string 'x'".</summary>
    public abstract string Describe();
}

/// <summary>A mapping or a sequence: counts the nodes below it as they are added.</summary>
internal abstract class ContainerNode : ManifestNode
{
    private int size = 1;

    protected ContainerNode(int line, int column)
        : base(line, column)
    {
    }

    public override int Size => size;

    public void Grow(int childSize) => size = (int)Math.Min(int.MaxValue, (long)size + childSize);
}

internal sealed class MappingNode : ContainerNode
{
    // Past this many keys a lookup table answers "is this key here?"; below it a scan is cheaper.
    private const int IndexFrom = 16;
    private readonly List<KeyValuePair<ScalarNode, ManifestNode>> entries = new(4);
    private Dictionary<string, int>? index;

    public MappingNode(int line, int column)
        : base(line, column)
    {
    }

    public IReadOnlyList<KeyValuePair<ScalarNode, ManifestNode>> Entries => entries;

    public ManifestNode? this[string key]
    {
        get
        {
            if (index is not null)
            {
                return index.TryGetValue(key, out var at) ? entries[at].Value : null;
            }

            foreach (var entry in entries)
            {
                if (entry.Key.Value == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    public bool ContainsKey(string key) => this[key] is not null;

    public void Add(ScalarNode key, ManifestNode value)
    {
        entries.Add(new KeyValuePair<ScalarNode, ManifestNode>(key, value));
        if (index is not null)
        {
            index[key.Value] = entries.Count - 1;
        }
        else if (entries.Count > IndexFrom)
        {
            index = new Dictionary<string, int>(entries.Count * 2, StringComparer.Ordinal);
            for (var i = 0; i < entries.Count; i++)
            {
                index[entries[i].Key.Value] = i;
            }
        }
    }

    public override string Describe() => "a mapping";
}

internal sealed class SequenceNode : ContainerNode
{
    public SequenceNode(int line, int column)
        : base(line, column)
    {
    }

    public List<ManifestNode> Items { get; } = new();

    public override string Describe() => "a list";
}

internal sealed class ScalarNode : ManifestNode
{
    public ScalarNode(string value, bool plain, int line, int column)
        : base(line, column)
    {
        Value = value;
        Plain = plain;
        Kind = plain ? YamlScalars.Resolve(value) : ScalarKind.String;
    }

    public string Value { get; }

    /// <summary>Written without quotes or a tag, so YAML resolved its type from the text.</summary>
    public bool Plain { get; }

    public ScalarKind Kind { get; }

    public bool IsNull => Kind == ScalarKind.Null;

    public override int Size => 1;

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => $"the boolean {Value}",
        ScalarKind.Int or ScalarKind.Float => $"the number {Shorten(Value)}",
        _ => $"the string '{Shorten(Value)}'",
    };

    private static string Shorten(string value) => FieldReader.Shorten(value);
}
