using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using VsphereK8sStorage.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>One document of a manifest file: its root value, or null for an empty document.</summary>
internal sealed record ManifestDocument(SourceLocation Location, ManifestNode? Root);

/// <summary>
/// Reads the documents of a YAML stream (JSON is YAML's flow style) into <see cref="ManifestNode"/>
/// trees with YamlDotNet's event parser, one document at a time. Anchors and aliases are resolved,
/// merge keys (&lt;&lt;) applied, duplicate keys refused as kubectl refuses them.
/// </summary>
/// <remarks>
/// Design: hostile input ends in one error line, quickly. The tree is built without recursion and
/// refused beyond <see cref="MaxDepth"/> levels; aliases may expand a document to at most
/// <see cref="AliasExpansionFactor"/> times its written size (and always to <see cref="MinAliasBudget"/>
/// nodes), which stops alias bombs; an anchor can be named only once its node is complete, so no
/// alias makes a cycle; every exception from the parser, whatever its type, becomes a YAML syntax
/// error at the last position read. A syntax error ends the file: YAML has no way to resynchronise.
/// </remarks>
internal sealed class YamlDocumentReader
{
    /// <summary>Go's encoding/json, which kubectl decodes every manifest with, stops at the same depth.</summary>
    public const int MaxDepth = 10_000;
    public const int MinAliasBudget = 100_000;
    public const int AliasExpansionFactor = 10;

    private readonly string file;
    private readonly CheckedTextReader text;
    private readonly ManifestDiagnostics diagnostics;
    private readonly IParser parser;
    private int documentIndex;
    private bool finished;

    public YamlDocumentReader(string file, TextReader reader, ManifestDiagnostics diagnostics)
    {
        this.file = file;
        this.diagnostics = diagnostics;
        text = new CheckedTextReader(reader);
        parser = new Parser(new Scanner(text, skipComments: true));
    }

    /// <summary>The next document, or false at the end of the file or after an error (which is reported).</summary>
    public bool TryRead(out ManifestDocument document)
    {
        document = null!;
        if (finished)
        {
            return false;
        }

        try
        {
            if (documentIndex == 0)
            {
                parser.Consume<StreamStart>();
            }

            if (parser.TryConsume<StreamEnd>(out _))
            {
                finished = true;
                return false;
            }

            var start = parser.Consume<DocumentStart>();
            documentIndex++;
            var location = new SourceLocation(file, (int)start.Start.Line, (int)start.Start.Column, documentIndex);
            var builder = new TreeBuilder(parser, location, diagnostics);
            var root = builder.Build();
            parser.Consume<DocumentEnd>();

            // A document with a duplicate or unusable key is reported and left out; the file goes on.
            document = new ManifestDocument(location, root is ScalarNode { IsNull: true } || builder.HasProblems ? null : root);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            finished = true;
            diagnostics.AddError(Describe(ex));
            return false;
        }
    }

    // Any failure of the parser or of the tree is one line at a position; never a type name or a stack trace.
    private ManifestException Describe(Exception ex)
    {
        var index = Math.Max(documentIndex, 1);
        switch (ex)
        {
            case ManifestTreeException tree:
                return new ManifestException(tree.Location, null, string.Empty, tree.Message, tree.Rule.Id);
            case YamlException yaml when yaml.Start.Line > 0:
                return Syntax(new SourceLocation(file, (int)yaml.Start.Line, (int)yaml.Start.Column, index), $"YAML syntax error: {TrimMarks(yaml.Message)}; check the indentation and quoting around this line");
            case ForbiddenCharacterException forbidden:
                return Syntax(new SourceLocation(file, forbidden.Line, forbidden.Column, index), forbidden.Message);
            case DecoderFallbackException:
                return Syntax(Here(index), "the file is not valid UTF-8 text here; save it as UTF-8");
            default:
                // YamlDotNet's scanner can fail with other exception types (an unclosed flow collection
                // followed by a block key ends in InvalidOperationException); say where it stopped.
                return Syntax(Here(index), "YAML syntax error: the YAML reader cannot go on here; look for an unclosed bracket, brace or quote before this point");
        }
    }

    private SourceLocation Here(int index) => new(file, text.Line, text.Column, index);

    private static ManifestException Syntax(SourceLocation location, string message) =>
        new(location, null, string.Empty, message, ManifestRules.YamlSyntax.Id);

    private static string TrimMarks(string message)
    {
        var trimmed = message.Trim();
        var colon = trimmed.IndexOf("): ", StringComparison.Ordinal);
        if (trimmed.StartsWith("(", StringComparison.Ordinal) && colon > 0)
        {
            trimmed = trimmed.Substring(colon + 3);
        }

        return trimmed.TrimEnd('.');
    }

    /// <summary>Builds one document's tree from parser events, iteratively.</summary>
    private sealed class TreeBuilder
    {
        private readonly IParser parser;
        private readonly SourceLocation document;
        private readonly ManifestDiagnostics diagnostics;
        private readonly Dictionary<string, ManifestNode> anchors = new(StringComparer.Ordinal);
        private readonly Stack<Frame> open = new();
        private long literalNodes;
        private long expandedNodes;

        public TreeBuilder(IParser parser, SourceLocation document, ManifestDiagnostics diagnostics)
        {
            this.parser = parser;
            this.document = document;
            this.diagnostics = diagnostics;
        }

        public bool HasProblems { get; private set; }

        public ManifestNode Build()
        {
            while (true)
            {
                var current = parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
                ManifestNode? completed;
                switch (current)
                {
                    case AnchorAlias alias:
                        parser.MoveNext();
                        if (!anchors.TryGetValue(alias.Value.Value, out completed))
                        {
                            throw Error(alias.Start, ManifestRules.YamlSyntax, $"YAML syntax error: the alias *{alias.Value.Value} names no anchor defined before it");
                        }

                        Count(completed.Size, alias.Start);
                        break;

                    case Scalar scalar:
                        parser.MoveNext();
                        completed = new ScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty, (int)scalar.Start.Line, (int)scalar.Start.Column);
                        Count(1, scalar.Start);
                        Remember(scalar.Anchor, completed);
                        break;

                    case SequenceStart start:
                        parser.MoveNext();
                        Push(new SequenceNode((int)start.Start.Line, (int)start.Start.Column), start.Anchor, start.Start);
                        continue;

                    case MappingStart start:
                        parser.MoveNext();
                        Push(new MappingNode((int)start.Start.Line, (int)start.Start.Column), start.Anchor, start.Start);
                        continue;

                    case SequenceEnd or MappingEnd:
                        parser.MoveNext();
                        var frame = open.Pop();
                        completed = frame.Complete();
                        Remember(frame.Anchor, completed);
                        break;

                    default:
                        throw Error(current.Start, ManifestRules.YamlSyntax, "YAML syntax error: unexpected content here");
                }

                if (open.Count == 0)
                {
                    return completed;
                }

                open.Peek().Add(completed, this);
            }
        }

        public void DuplicateKey(ScalarNode key) =>
            Problem(key, ManifestRules.DuplicateKey, $"the key '{FieldReader.Shorten(key.Value)}' appears twice in the same mapping; remove one of them");

        public void BadKey(ManifestNode key) =>
            Problem(key, ManifestRules.WrongType, "a mapping key must be a plain value, not " + key.Describe());

        public void BadMerge(ManifestNode value) =>
            Problem(value, ManifestRules.WrongType, "a merge key (<<) must refer to a mapping or a list of mappings");

        private void Problem(ManifestNode where, ManifestRule rule, string message)
        {
            HasProblems = true;
            var error = Error(where, rule, message);
            diagnostics.AddError(new ManifestException(error.Location, null, string.Empty, error.Message, rule.Id));
        }

        private void Push(ContainerNode node, AnchorName anchor, Mark start)
        {
            if (open.Count >= MaxDepth)
            {
                throw Error(start, ManifestRules.YamlSyntax, $"the document nests deeper than {MaxDepth} levels, where kubectl stops too (exceeded max depth); no Kubernetes object does");
            }

            Count(1, start);
            open.Push(new Frame(node, anchor));
        }

        // The written nodes and what aliases expand them to; aliases may not blow a document up.
        private void Count(long nodes, Mark where)
        {
            if (nodes == 1)
            {
                literalNodes++;
            }

            expandedNodes += nodes;
            if (expandedNodes > Math.Max(MinAliasBudget, AliasExpansionFactor * literalNodes))
            {
                throw Error(where, ManifestRules.YamlSyntax, $"the document's aliases expand it to more than {AliasExpansionFactor} times its size (an alias bomb?); write the values out");
            }
        }

        // An anchor is usable once its node is complete: an alias inside its own anchor is an unknown alias, not a cycle.
        private void Remember(AnchorName anchor, ManifestNode node)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }
        }

        private ManifestTreeException Error(Mark where, ManifestRule rule, string message) =>
            new(new SourceLocation(document.File, (int)where.Line, (int)where.Column, document.Document), rule, message);

        private ManifestTreeException Error(ManifestNode where, ManifestRule rule, string message) =>
            new(new SourceLocation(document.File, where.Line, where.Column, document.Document), rule, message);
    }

    /// <summary>An open mapping or sequence, with the key waiting for its value.</summary>
    private sealed class Frame
    {
        private readonly ContainerNode node;
        private ManifestNode? pendingKey;
        private List<KeyValuePair<ScalarNode, ManifestNode>>? merged;

        public Frame(ContainerNode node, AnchorName anchor)
        {
            this.node = node;
            Anchor = anchor;
        }

        public AnchorName Anchor { get; }

        public void Add(ManifestNode child, TreeBuilder builder)
        {
            node.Grow(child.Size);
            if (node is SequenceNode sequence)
            {
                sequence.Items.Add(child);
                return;
            }

            if (pendingKey is null)
            {
                pendingKey = child;
                return;
            }

            var mapping = (MappingNode)node;
            var keyNode = pendingKey;
            pendingKey = null;
            if (keyNode is not ScalarNode key)
            {
                builder.BadKey(keyNode);
                return;
            }

            if (key.Value == "<<" && key.Plain)
            {
                CollectMerged(child, builder);
                return;
            }

            if (mapping.ContainsKey(key.Value))
            {
                builder.DuplicateKey(key);
                return;
            }

            mapping.Add(key, child);
        }

        public ManifestNode Complete()
        {
            // Keys written in the mapping itself win over merged ones, wherever the merge key stands.
            if (merged is not null && node is MappingNode mapping)
            {
                foreach (var entry in merged)
                {
                    if (!mapping.ContainsKey(entry.Key.Value))
                    {
                        mapping.Add(entry.Key, entry.Value);
                    }
                }
            }

            return node;
        }

        // YAML merge keys: entries of the merged mapping(s), earlier sources first.
        private void CollectMerged(ManifestNode source, TreeBuilder builder)
        {
            var sources = source is SequenceNode list ? list.Items : new List<ManifestNode> { source };
            foreach (var item in sources)
            {
                if (item is not MappingNode mergedMapping)
                {
                    builder.BadMerge(item);
                    return;
                }

                merged ??= new List<KeyValuePair<ScalarNode, ManifestNode>>();
                merged.AddRange(mergedMapping.Entries);
            }
        }
    }
}

/// <summary>A document the tree builder refuses (too deep, an alias bomb, a duplicate key): one error, the file stops.</summary>
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
