using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>One document of a manifest file: its root value, or null for an empty or refused document.</summary>
internal sealed record ManifestDocument(SourceLocation Location, ManifestNode? Root);

/// <summary>Reads the documents of one source, one at a time.</summary>
internal interface IDocumentReader
{
    /// <summary>The next document, or false at the end of the source or after an error that ends it (which is reported).</summary>
    bool TryRead(out ManifestDocument document);
}

/// <summary>
/// Reads the documents of a YAML stream into <see cref="ManifestNode"/> trees with YamlDotNet's event
/// parser. Anchors and aliases are resolved, merge keys (&lt;&lt;) applied, duplicate keys refused as
/// kubectl refuses them; the limits are <see cref="TreeAssembler"/>'s.
/// </summary>
/// <remarks>
/// Design: every exception from the parser, whatever its type, becomes a YAML syntax error at the last
/// position read, never a type name or a stack trace. A syntax error ends the file: YAML has no way to
/// resynchronise.
/// </remarks>
internal sealed class YamlDocumentReader : IDocumentReader
{
    private readonly string file;
    private readonly CheckedTextReader text;
    private readonly ManifestDiagnostics diagnostics;
    private readonly IParser parser;
    private readonly TreeAssembler tree;
    private readonly int lineOffset;
    private readonly int documentOffset;
    private int documentIndex;
    private bool finished;
    private bool unplacedMapping;

    /// <summary>
    /// A reader of <paramref name="reader"/>'s documents; for a part of a file read on its own,
    /// <paramref name="lineOffset"/> and <paramref name="documentOffset"/> are the lines and documents of the file before it;
    /// with <paramref name="itemRun"/>, the text is a run of a List's items, which go to <paramref name="items"/> as the List's.
    /// </summary>
    public YamlDocumentReader(string file, TextReader reader, ManifestDiagnostics diagnostics, IItemSink? items = null, int lineOffset = 0, int documentOffset = 0, ItemRun? itemRun = null)
    {
        this.file = file;
        this.lineOffset = lineOffset;
        this.documentOffset = documentOffset;
        this.diagnostics = diagnostics;
        text = new CheckedTextReader(reader);
        parser = new Parser(new Scanner(text, skipComments: true));
        tree = new TreeAssembler(diagnostics, items, itemRun);
    }

    /// <summary>The documents read so far.</summary>
    public int Documents => documentIndex;

    /// <summary>Reading stopped at an error (which was reported), not at the end of the text.</summary>
    public bool Failed { get; private set; }

    /// <summary>The last document named an anchor.</summary>
    public bool NamedAnchors => tree.NamedAnchors;

    /// <summary>The file line of the last document's start.</summary>
    public int LastDocumentLine { get; private set; }

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
            LastDocumentLine = (int)start.Start.Line + lineOffset;
            var location = new SourceLocation(file, LastDocumentLine, (int)start.Start.Column, documentIndex + documentOffset);
            tree.Begin(location);
            while (tree.Root is null)
            {
                Feed(parser.Current ?? throw new YamlException("unexpected end of the YAML stream"));
                parser.MoveNext();
            }

            parser.Consume<DocumentEnd>();

            // A document with a duplicate or unusable key is reported and left out; the file goes on.
            document = new ManifestDocument(location, tree.Root is ScalarNode { IsNull: true } || tree.HasProblems ? null : tree.Root);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            finished = true;
            Failed = true;
            diagnostics.AddError(Describe(ex));
            return false;
        }
    }

    private void Feed(ParsingEvent current)
    {
        var line = (int)current.Start.Line + lineOffset;
        var column = (int)current.Start.Column;
        if (unplacedMapping)
        {
            unplacedMapping = false;
            tree.StartMapping(line, column, null);
        }

        switch (current)
        {
            case MappingStart when current.Start.Index == 0 && tree.Depth > 0:
                // YamlDotNet gives a pair in a flow sequence ([a: b]) a mapping with no position (the text's start); a
                // nested node is never there, so the mapping starts where its key does, the next event.
                unplacedMapping = true;
                break;
            case AnchorAlias alias:
                tree.Alias(alias.Value.Value, line, column);
                break;
            case Scalar scalar:
                tree.Scalar(scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty, line, column, Anchor(scalar.Anchor));
                break;
            case SequenceStart sequence:
                tree.StartSequence(line, column, Anchor(sequence.Anchor));
                break;
            case MappingStart mapping:
                tree.StartMapping(line, column, Anchor(mapping.Anchor));
                break;
            case SequenceEnd or MappingEnd:
                tree.End();
                break;
            default:
                throw tree.Error(line, column, ManifestRules.YamlSyntax, "YAML syntax error: unexpected content here");
        }
    }

    private static string? Anchor(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    // Any failure of the parser or of the tree is one line at a position.
    private ManifestException Describe(Exception ex)
    {
        var index = Math.Max(documentIndex, 1) + documentOffset;
        switch (ex)
        {
            case ManifestTreeException refused:
                return new ManifestException(refused.Location, null, string.Empty, refused.Message, refused.Rule.Id);
            case YamlException yaml when yaml.Start.Line > 0:
                return Syntax(new SourceLocation(file, (int)yaml.Start.Line + lineOffset, (int)yaml.Start.Column, index), $"YAML syntax error: {TrimMarks(yaml.Message)}; check the indentation and quoting around this line");
            case ForbiddenCharacterException forbidden:
                return Syntax(new SourceLocation(file, forbidden.Line + lineOffset, forbidden.Column, index), forbidden.Message);
            case DecoderFallbackException:
                return Syntax(Here(index), "the file is not valid UTF-8 text here; save it as UTF-8");
            default:
                // YamlDotNet's scanner can fail with other exception types (an unclosed flow collection
                // followed by a block key ends in InvalidOperationException); say where it stopped.
                return Syntax(Here(index), "YAML syntax error: the YAML reader cannot go on here; look for an unclosed bracket, brace or quote before this point");
        }
    }

    private SourceLocation Here(int index) => new(file, text.Line + lineOffset, text.Column, index);

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
}
