using System;
using System.Collections.Generic;
using System.IO;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>One document of a manifest file: its root value, or null for an empty document.</summary>
internal sealed record ManifestDocument(SourceLocation Location, ManifestNode? Root);

/// <summary>
/// Reads the documents of a YAML stream (JSON is read the same way: it is YAML's flow style) into
/// <see cref="ManifestNode"/> trees, using YamlDotNet's parser. Anchors and aliases are resolved,
/// merge keys (&lt;&lt;) are applied, duplicate keys are errors as in kubectl.
/// </summary>
internal static class YamlDocumentReader
{
    /// <summary>
    /// Yields each document. A syntax error ends the file: it is reported once, with the document
    /// it occurred in, since YAML offers no way to resynchronise after it.
    /// </summary>
    public static IEnumerable<ManifestDocument> Read(string file, TextReader reader, ManifestDiagnostics errors)
    {
        var parser = new Parser(new Scanner(reader, skipComments: true));
        var documentIndex = 0;
        var results = new List<ManifestDocument>();
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
                if (root is ScalarNode { IsNull: true })
                {
                    root = null;
                }

                results.Add(new ManifestDocument(location, root));
            }
        }
        catch (YamlException ex)
        {
            var index = Math.Max(documentIndex, 1);
            var location = new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column, index);
            errors.AddError(new ManifestException(location, null, string.Empty, $"YAML syntax error: {TrimPeriod(ex.Message)}; check the indentation and quoting around this line", ManifestRules.YamlSyntax.Id, ex));
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
        private readonly ManifestDiagnostics errors;
        private readonly Dictionary<string, ManifestNode> anchors = new(StringComparer.Ordinal);

        public TreeBuilder(string file, int document, ManifestDiagnostics errors)
        {
            this.file = file;
            this.document = document;
            this.errors = errors;
        }

        public ManifestNode ReadNode(IParser parser)
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
                    var node = new ScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty, (int)scalar.Start.Line, (int)scalar.Start.Column);
                    Remember(scalar.Anchor, node);
                    return node;

                case SequenceStart sequenceStart:
                    parser.MoveNext();
                    var sequence = new SequenceNode((int)sequenceStart.Start.Line, (int)sequenceStart.Start.Column);
                    Remember(sequenceStart.Anchor, sequence);
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        sequence.Items.Add(ReadNode(parser));
                    }

                    return sequence;

                case MappingStart mappingStart:
                    parser.MoveNext();
                    var mapping = new MappingNode((int)mappingStart.Start.Line, (int)mappingStart.Start.Column);
                    Remember(mappingStart.Anchor, mapping);
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    List<KeyValuePair<ScalarNode, ManifestNode>>? merged = null;
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyNode = ReadNode(parser);
                        var value = ReadNode(parser);
                        if (keyNode is not ScalarNode key)
                        {
                            Error(keyNode, "a mapping key must be a plain value, not " + keyNode.Describe(), ManifestRules.WrongType);
                            continue;
                        }

                        if (key.Value == "<<" && key.Kind == ScalarKind.String)
                        {
                            merged ??= new List<KeyValuePair<ScalarNode, ManifestNode>>();
                            CollectMerged(value, merged);
                            continue;
                        }

                        if (!seen.Add(key.Value))
                        {
                            Error(key, $"the key '{key.Value}' appears twice in the same mapping; remove one of them", ManifestRules.DuplicateKey);
                            continue;
                        }

                        mapping.Entries.Add(new KeyValuePair<ScalarNode, ManifestNode>(key, value));
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
        private void CollectMerged(ManifestNode source, List<KeyValuePair<ScalarNode, ManifestNode>> into)
        {
            var sources = source is SequenceNode list ? list.Items : new List<ManifestNode> { source };
            foreach (var item in sources)
            {
                if (item is not MappingNode merged)
                {
                    Error(item, "a merge key (<<) must refer to a mapping or a list of mappings", ManifestRules.WrongType);
                    continue;
                }

                into.AddRange(merged.Entries);
            }
        }

        private void Remember(AnchorName anchor, ManifestNode node)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }
        }

        private void Error(ManifestNode node, string problem, ManifestRule rule) =>
            errors.AddError(new ManifestException(new SourceLocation(file, node.Line, node.Column, document), null, string.Empty, problem, rule.Id));
    }
}
