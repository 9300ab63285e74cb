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
    private readonly MappingEntries entries = new();
    private Dictionary<string, int>? index;

    public MappingNode(int line, int column)
        : base(line, column)
    {
    }

    public MappingEntries Entries => entries;

    public ManifestNode? this[string key] => Find(key) is var at and >= 0 ? entries.At(at).Value : null;

    /// <summary>The key node of an entry (for messages about the key itself), or null.</summary>
    public ScalarNode? KeyNode(string key) => Find(key) is var at and >= 0 ? entries.At(at).Key : null;

    // Small mappings are scanned, larger ones hashed, so a mapping of n keys costs O(n) to build and O(1) per lookup.
    private int Find(string key)
    {
        if (index is not null)
        {
            MappingWork.Add(1);
            return index.TryGetValue(key, out var at) ? at : -1;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (entries.At(i).Key.Value == key)
            {
                MappingWork.Add(i + 1);
                return i;
            }
        }

        MappingWork.Add(entries.Count);
        return -1;
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
                index[entries.At(i).Key.Value] = i;
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

/// <summary>A mapping's entries in the order written; every entry a caller reads or enumerates counts as work.</summary>
internal sealed class MappingEntries : IReadOnlyList<KeyValuePair<ScalarNode, ManifestNode>>
{
    private readonly List<KeyValuePair<ScalarNode, ManifestNode>> list = new(4);

    public int Count => list.Count;

    public KeyValuePair<ScalarNode, ManifestNode> this[int index]
    {
        get
        {
            MappingWork.Add(1);
            return list[index];
        }
    }

    public Enumerator GetEnumerator() => new(list);

    IEnumerator<KeyValuePair<ScalarNode, ManifestNode>> IEnumerable<KeyValuePair<ScalarNode, ManifestNode>>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    internal KeyValuePair<ScalarNode, ManifestNode> At(int index) => list[index];

    internal void Add(KeyValuePair<ScalarNode, ManifestNode> entry) => list.Add(entry);

    internal void Clear() => list.Clear();

    public struct Enumerator : IEnumerator<KeyValuePair<ScalarNode, ManifestNode>>
    {
        private List<KeyValuePair<ScalarNode, ManifestNode>>.Enumerator inner;

        internal Enumerator(List<KeyValuePair<ScalarNode, ManifestNode>> list) => inner = list.GetEnumerator();

        public readonly KeyValuePair<ScalarNode, ManifestNode> Current => inner.Current;

        readonly object System.Collections.IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            MappingWork.Add(1);
            return true;
        }

        void System.Collections.IEnumerator.Reset() => throw new NotSupportedException();

        public void Dispose() => inner.Dispose();
    }
}

/// <summary>
/// Counts the mapping entries read (by lookup, index or enumeration) while counting is on, so a test can
/// hold key handling to linear growth by counting work instead of timing it. Off, it costs one read of a
/// flag per lookup or entry.
/// </summary>
internal static class MappingWork
{
    private static int counting;
    private static long count;

    public static void Add(int entries)
    {
        if (Volatile.Read(ref counting) != 0)
        {
            Interlocked.Add(ref count, entries);
        }
    }

    /// <summary>Runs <paramref name="work"/> and returns the entries read meanwhile, on any thread.</summary>
    public static long During(Action work)
    {
        Interlocked.Exchange(ref count, 0);
        Volatile.Write(ref counting, 1);
        try
        {
            work();
        }
        finally
        {
            Volatile.Write(ref counting, 0);
        }

        return Interlocked.Read(ref count);
    }
}
