namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>Receives the items of a document's top-level <c>items</c> list as each is complete.</summary>
internal interface IItemSink
{
    /// <summary>Whether items are still in use when <see cref="Item"/> returns; their nodes then come back through <see cref="TakeDone"/>.</summary>
    bool KeepsItems => false;

    void Item(ManifestNode item, int index, SourceLocation document);

    /// <summary>
    /// Moves the nodes of the items finished with since the last call into <paramref name="into"/>, on the reader's
    /// thread; with null, they are left to the garbage collector.
    /// </summary>
    void TakeDone(SpareNodes? into)
    {
    }
}

/// <summary>
/// A run of a List's items read as a document of its own, a sequence of the items: the List's document (which the
/// items' messages name) and the items before the run.
/// </summary>
internal sealed record ItemRun(SourceLocation List, int ItemsBefore);

/// <summary>
/// Builds one document's <see cref="ManifestNode"/> tree from the events of a parser (YAML) or the
/// tokens of a reader (JSON), with the same limits and the same rules for both.
/// </summary>
/// <remarks>
/// Design: no recursion, at most <see cref="MaxDepth"/> levels (Go's encoding/json, which kubectl
/// decodes every manifest with, stops at the same depth); aliases may expand a document to at most
/// <see cref="AliasExpansionFactor"/> times its written size and always to <see cref="MinAliasBudget"/>
/// nodes; an anchor can be named only once its node is complete, so no alias makes a cycle. The items
/// of a top-level <c>items</c> list go to an <see cref="IItemSink"/> as each one is complete instead of
/// into the tree, so a List of a hundred thousand objects never exists as one tree in memory.
/// </remarks>
internal sealed class TreeAssembler
{
    public const int MaxDepth = 10_000;
    public const int MinAliasBudget = 100_000;
    public const int AliasExpansionFactor = 10;

    private readonly ManifestDiagnostics diagnostics;
    private readonly IItemSink? itemSink;
    private readonly ItemRun? itemRun;
    private readonly Stack<Frame> open = new();
    private readonly Stack<Frame> spareFrames = new();
    private readonly SpareNodes spares = new();
    private Dictionary<string, ManifestNode>? anchors;
    private SourceLocation document;
    private long literalNodes;
    private long expandedNodes;

    /// <summary>An assembler of documents, or with <paramref name="itemRun"/>, of runs of a List's items whose root sequence's entries are the items.</summary>
    public TreeAssembler(ManifestDiagnostics diagnostics, IItemSink? itemSink, ItemRun? itemRun = null)
    {
        this.diagnostics = diagnostics;
        this.itemSink = itemSink;
        this.itemRun = itemRun;
    }

    /// <summary>The document's root, once its last node is complete.</summary>
    public ManifestNode? Root { get; private set; }

    /// <summary>A duplicate or unusable key was reported: the document is left out.</summary>
    public bool HasProblems { get; private set; }

    /// <summary>The mappings and sequences open.</summary>
    public int Depth => open.Count;

    /// <summary>The last document named an anchor.</summary>
    public bool NamedAnchors => anchors is { Count: > 0 };

    public void Begin(SourceLocation location)
    {
        // The previous document has been decoded by now; its nodes serve this one, unless its anchors may have named
        // one twice (so a sink's finished items are taken while those anchors still count).
        if (Root is not null)
        {
            Release(Root);
        }

        if (itemSink is { KeepsItems: true })
        {
            itemSink.TakeDone(anchors is { Count: > 0 } ? null : spares);
        }

        document = itemRun?.List ?? location;
        open.Clear();
        anchors?.Clear();
        Root = null;
        HasProblems = false;
        literalNodes = 0;
        expandedNodes = 0;
    }

    public void StartMapping(int line, int column, string? anchor) => Push(Reuse(spares.Mappings, line, column) ?? new MappingNode(line, column), anchor, line, column);

    public void StartSequence(int line, int column, string? anchor) => Push(Reuse(spares.Sequences, line, column) ?? new SequenceNode(line, column), anchor, line, column);

    public void Scalar(string value, bool plain, int line, int column, string? anchor)
    {
        ScalarNode node;
        if (spares.Scalars.Count > 0)
        {
            node = Pop(spares.Scalars);
            node.Set(value, plain, line, column);
        }
        else
        {
            node = new ScalarNode(value, plain, line, column);
        }

        Count(1, line, column);
        Remember(anchor, node);
        Complete(node);
    }

    public void Alias(string name, int line, int column)
    {
        if (anchors is null || !anchors.TryGetValue(name, out var target))
        {
            throw Error(line, column, ManifestRules.YamlSyntax, $"YAML syntax error: the alias *{name} names no anchor defined before it");
        }

        Count(target.Size, line, column);
        Complete(target);
    }

    public void End()
    {
        var frame = open.Pop();
        var node = frame.Complete();
        Remember(frame.Anchor, node);
        frame.Reset();
        spareFrames.Push(frame);
        Complete(node);
    }

    internal void Problem(ManifestNode where, ManifestRule rule, string message)
    {
        HasProblems = true;
        diagnostics.AddError(new ManifestException(Where(where.Line, where.Column), null, string.Empty, message, rule.Id));
    }

    internal ManifestTreeException Error(int line, int column, ManifestRule rule, string message) => new(Where(line, column), rule, message);

    private SourceLocation Where(int line, int column) => new(document.File, line, column, document.Document);

    private void Push(ContainerNode node, string? anchor, int line, int column)
    {
        // A run's items stand one level higher than in their List (root mapping, items): they get as deep.
        if (open.Count + (itemRun is null ? 0 : 1) >= MaxDepth)
        {
            throw Error(line, column, ManifestRules.YamlSyntax, $"the document nests deeper than {MaxDepth} levels, where kubectl stops too (exceeded max depth); no Kubernetes object does");
        }

        Count(1, line, column);
        var frame = spareFrames.Count > 0 ? spareFrames.Pop() : new Frame();
        frame.Open(node, anchor);
        open.Push(frame);
    }

    private void Complete(ManifestNode node)
    {
        if (open.Count == 0)
        {
            Root = node;
            return;
        }

        var parent = open.Peek();
        if (itemSink is not null && parent.Node is SequenceNode items && (itemRun is null ? open.Count == 2 && IsTopLevelItems(items) : open.Count == 1))
        {
            items.Grow(node.Size);
            itemSink.Item(node, (itemRun?.ItemsBefore ?? 0) + items.Streamed++, document);
            if (itemSink.KeepsItems)
            {
                // Nodes an anchor may still name are not taken back (see Release).
                itemSink.TakeDone(anchors is { Count: > 0 } ? null : spares);
            }
            else
            {
                Release(node);
            }

            return;
        }

        parent.Add(node, this);
    }

    // The list under the root mapping's "items" key: the root frame waits for that key's value.
    private bool IsTopLevelItems(SequenceNode sequence)
    {
        foreach (var frame in open)
        {
            if (frame.Node != sequence)
            {
                return frame.Node is MappingNode && frame.PendingKey is ScalarNode { Value: "items" };
            }
        }

        return false;
    }

    private static T? Reuse<T>(List<T> spares, int line, int column)
        where T : ContainerNode
    {
        if (spares.Count == 0)
        {
            return null;
        }

        var node = Pop(spares);
        node.Reset(line, column);
        return node;
    }

    private static T Pop<T>(List<T> spares)
    {
        var last = spares[^1];
        spares.RemoveAt(spares.Count - 1);
        return last;
    }

    // A decoded value's nodes go back to the spares, unless an anchor may still name one of them.
    private void Release(ManifestNode top)
    {
        if (anchors is { Count: > 0 })
        {
            return;
        }

        spares.Gather(top);
    }

    // The written nodes and what aliases expand them to; aliases may not blow a document up.
    private void Count(long nodes, int line, int column)
    {
        if (nodes == 1)
        {
            literalNodes++;
        }

        expandedNodes += nodes;
        if (expandedNodes > Math.Max(MinAliasBudget, AliasExpansionFactor * literalNodes))
        {
            throw Error(line, column, ManifestRules.YamlSyntax, $"the document's aliases expand it to more than {AliasExpansionFactor} times its size (an alias bomb?); write the values out");
        }
    }

    // An anchor is usable once its node is complete: an alias inside its own anchor is an unknown alias, not a cycle.
    private void Remember(string? anchor, ManifestNode node)
    {
        if (!string.IsNullOrEmpty(anchor))
        {
            (anchors ??= new Dictionary<string, ManifestNode>(StringComparer.Ordinal))[anchor!] = node;
        }
    }

    /// <summary>An open mapping or sequence, with the key waiting for its value.</summary>
    private sealed class Frame
    {
        private List<KeyValuePair<ScalarNode, ManifestNode>>? merged;

        public ContainerNode Node { get; private set; } = null!;

        public string? Anchor { get; private set; }

        public ManifestNode? PendingKey { get; private set; }

        public void Open(ContainerNode node, string? anchor)
        {
            Node = node;
            Anchor = anchor;
        }

        public void Reset()
        {
            Node = null!;
            Anchor = null;
            PendingKey = null;
            merged = null;
        }

        public void Add(ManifestNode child, TreeAssembler tree)
        {
            Node.Grow(child.Size);
            if (Node is SequenceNode sequence)
            {
                sequence.Items.Add(child);
                return;
            }

            if (PendingKey is null)
            {
                PendingKey = child;
                return;
            }

            var mapping = (MappingNode)Node;
            var keyNode = PendingKey;
            PendingKey = null;
            if (keyNode is not ScalarNode key)
            {
                tree.Problem(keyNode, ManifestRules.WrongType, "a mapping key must be a plain value, not " + keyNode.Describe());
                return;
            }

            if (key.Value == "<<" && key.Plain)
            {
                CollectMerged(child, tree);
                return;
            }

            if (mapping.ContainsKey(key.Value))
            {
                tree.Problem(key, ManifestRules.DuplicateKey, $"the key '{FieldReader.Shorten(key.Value)}' appears twice in the same mapping; remove one of them");
                return;
            }

            mapping.Add(key, child);
        }

        public ManifestNode Complete()
        {
            // Keys written in the mapping itself win over merged ones, wherever the merge key stands.
            if (merged is not null && Node is MappingNode mapping)
            {
                foreach (var entry in merged)
                {
                    if (!mapping.ContainsKey(entry.Key.Value))
                    {
                        mapping.Add(entry.Key, entry.Value);
                    }
                }
            }

            return Node;
        }

        // YAML merge keys: entries of the merged mapping(s), earlier sources first.
        private void CollectMerged(ManifestNode source, TreeAssembler tree)
        {
            var sources = source is SequenceNode list ? list.Items : new List<ManifestNode> { source };
            foreach (var item in sources)
            {
                if (item is not MappingNode mergedMapping)
                {
                    tree.Problem(item, ManifestRules.WrongType, "a merge key (<<) must refer to a mapping or a list of mappings");
                    return;
                }

                merged ??= new List<KeyValuePair<ScalarNode, ManifestNode>>();
                merged.AddRange(mergedMapping.Entries);
            }
        }
    }
}

/// <summary>Nodes of decoded trees, by kind, ready to serve again (a List's hundred thousand items reuse a few items' nodes).</summary>
internal sealed class SpareNodes
{
    private readonly Stack<ManifestNode> walking = new();

    public List<ScalarNode> Scalars { get; } = new();

    public List<MappingNode> Mappings { get; } = new();

    public List<SequenceNode> Sequences { get; } = new();

    /// <summary>Adds every node of a tree, walked with a loop.</summary>
    public void Gather(ManifestNode top)
    {
        walking.Push(top);
        while (walking.Count > 0)
        {
            switch (walking.Pop())
            {
                case ScalarNode scalar:
                    Scalars.Add(scalar);
                    break;
                case MappingNode mapping:
                    foreach (var entry in mapping.Entries)
                    {
                        walking.Push(entry.Key);
                        walking.Push(entry.Value);
                    }

                    Mappings.Add(mapping);
                    break;
                case SequenceNode sequence:
                    foreach (var item in sequence.Items)
                    {
                        walking.Push(item);
                    }

                    Sequences.Add(sequence);
                    break;
            }
        }
    }

    /// <summary>Moves the other's nodes here (a copy of references per kind), leaving it empty.</summary>
    public void Take(SpareNodes other)
    {
        Scalars.AddRange(other.Scalars);
        Mappings.AddRange(other.Mappings);
        Sequences.AddRange(other.Sequences);
        other.Clear();
    }

    public void Clear()
    {
        Scalars.Clear();
        Mappings.Clear();
        Sequences.Clear();
    }
}

/// <summary>A document the tree refuses (too deep, an alias bomb): one error, and the file stops.</summary>
internal sealed class ManifestTreeException : Exception
{
    public ManifestTreeException(SourceLocation location, ManifestRule rule, string message)
        : base(message)
    {
        Location = location;
        Rule = rule;
    }

    public SourceLocation Location { get; }

    public ManifestRule Rule { get; }
}
