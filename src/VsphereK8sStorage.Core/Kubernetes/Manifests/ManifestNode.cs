using System;
using System.Collections.Generic;
using VsphereK8sStorage.Kubernetes.Yaml;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// A parsed YAML or JSON value with its position. The decoder works on this tree instead of on
/// YamlDotNet types so that it can name the line and column of every bad field, whichever parser read it.
/// </summary>
/// <remarks>
/// Nodes are reused from one document (or List item) to the next once it is decoded (see
/// <see cref="TreeAssembler"/>), so they are set, not constructed; nothing keeps a node past decoding.
/// </remarks>
internal abstract class ManifestNode
{
    protected ManifestNode(int line, int column) => At(line, column);

    public int Line { get; private set; }

    public int Column { get; private set; }

    protected void At(int line, int column)
    {
        Line = line;
        Column = column;
    }

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

    /// <summary>Empties the node for reuse at a new position.</summary>
    public virtual void Reset(int line, int column)
    {
        At(line, column);
        size = 1;
    }
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

    public override void Reset(int line, int column)
    {
        base.Reset(line, column);
        entries.Clear();
        index = null;
    }

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

    /// <summary>How many items went to an <see cref="IItemSink"/> as they were read, instead of into <see cref="Items"/>.</summary>
    public int Streamed { get; set; }

    public override void Reset(int line, int column)
    {
        base.Reset(line, column);
        Items.Clear();
        Streamed = 0;
    }

    public override string Describe() => "a list";
}

internal sealed class ScalarNode : ManifestNode
{
    public ScalarNode(string value, bool plain, int line, int column)
        : base(line, column) => Set(value, plain, line, column);

    public string Value { get; private set; } = string.Empty;

    /// <summary>Written without quotes or a tag, so YAML resolved its type from the text.</summary>
    public bool Plain { get; private set; }

    public ScalarKind Kind { get; private set; }

    public void Set(string value, bool plain, int line, int column)
    {
        At(line, column);
        Value = value;
        Plain = plain;
        Kind = plain ? YamlScalars.Resolve(value) : ScalarKind.String;
    }

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
