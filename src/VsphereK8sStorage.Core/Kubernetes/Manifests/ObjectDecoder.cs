namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Turns document trees into PersistentVolumes, PersistentVolumeClaims, StorageClasses and Nodes (and
/// StatefulSets, for the claims their templates would create),
/// applying the API server's rules (<see cref="ManifestRules"/>). <c>List</c> kinds are unpacked;
/// other kinds are counted and named in one warning.
/// </summary>
internal sealed class ObjectDecoder : IItemSink
{
    private readonly IObjectSink output;
    private readonly ManifestDiagnostics diagnostics;
    // Two stacks, not one of (node, index) pairs: a stack of a tuple is generic code over a value type compiled at a
    // session's first read, and YamlDotNet's parser already has Stack<int> compiled.
    private readonly Stack<ManifestNode> pendingNodes = new();
    private readonly Stack<int> pendingIndexes = new();

    // The items of a top-level list, decoded as the reader completes each one and kept aside until
    // the document turns out to be a List (kubectl writes 'kind: List' after the items).
    private readonly StagedObjects stagedObjects = new();
    private readonly ManifestDiagnostics stagedDiagnostics = new();

    private readonly CancellationToken cancellationToken;

    /// <summary>A decoder into <paramref name="output"/>; a List's items stop at <paramref name="cancellationToken"/>, a few hundred at most after it is cancelled.</summary>
    public ObjectDecoder(IObjectSink output, ManifestDiagnostics diagnostics, CancellationToken cancellationToken = default)
    {
        this.output = output;
        this.diagnostics = diagnostics;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>Decodes one document. Lists are unpacked without recursion: nested Lists cost their items, not their depth.</summary>
    public void Decode(ManifestDocument document)
    {
        var streamed = document.Root is MappingNode { } root && root["items"] is SequenceNode { Streamed: > 0 };
        if (streamed && IsList((MappingNode)document.Root!))
        {
            ReleaseItems();
        }
        else
        {
            stagedObjects.Clear();
            stagedDiagnostics.Clear();
        }

        if (document.Root is not null)
        {
            DecodeTree(new FieldReader(document.Location, diagnostics), document.Root, -1, output);
        }
    }

    /// <summary>A source has ended: items of a document that never completed (a syntax error in the List) are dropped.</summary>
    public void EndOfSource()
    {
        stagedObjects.Clear();
        stagedDiagnostics.Clear();
    }

    /// <summary>One item of a document's top-level list, complete: decoded now, kept aside until the document ends.</summary>
    public void Item(ManifestNode item, int index, SourceLocation document)
    {
        // One List is one document, which a read from start to end would otherwise finish before it stops.
        if ((index & 255) == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        // One reader serves every item of a document, as it serves every item of a List decoded whole: each object
        // starts from a clean slate (DecodeObject), so the items need not cost a reader each.
        if (itemReader is null || itemReader.Document != document)
        {
            itemReader = new FieldReader(document, stagedDiagnostics);
        }

        DecodeTree(itemReader, item, index, stagedObjects);
    }

    private FieldReader? itemReader;

    /// <summary>
    /// Hands on the items decoded and kept aside so far, as a List's end does: for a run of a List's items read on
    /// its own, whose List was checked apart.
    /// </summary>
    public void ReleaseItems()
    {
        stagedObjects.MoveTo(output);
        diagnostics.Absorb(stagedDiagnostics);
    }

    /// <summary>Whether a document whose top-level items were streamed is a List, whose items count as objects.</summary>
    internal static bool IsList(MappingNode root) =>
        FieldReader.Child(root, "kind") is ScalarNode { Kind: Yaml.ScalarKind.String } kind && IsListKind(kind.Value);

    private static bool IsListKind(string kind) => kind.EndsWith("List", StringComparison.Ordinal);

    private void DecodeTree(FieldReader reader, ManifestNode top, int index, IObjectSink sink)
    {
        pendingNodes.Push(top);
        pendingIndexes.Push(index);
        while (pendingNodes.Count > 0)
        {
            var node = pendingNodes.Pop();
            var itemIndex = pendingIndexes.Pop();
            if (DecodeObject(reader, node, itemIndex, sink) is { } items)
            {
                for (var i = items.Items.Count - 1; i >= 0; i--)
                {
                    pendingNodes.Push(items.Items[i]);
                    pendingIndexes.Push(i);
                }
            }
        }
    }

    /// <summary>Decodes one object; for a List, returns its items instead.</summary>
    private SequenceNode? DecodeObject(FieldReader reader, ManifestNode node, int itemIndex, IObjectSink sink)
    {
        reader.SetObject(null, null);
        reader.ObjectExists = false;
        var errorsBefore = reader.ErrorCount;
        if (node is not MappingNode root)
        {
            reader.Report(ManifestRules.NotAnObject, node, itemIndex < 0 ? string.Empty : FieldReader.Index("items", itemIndex), detail: $"expected a Kubernetes object (a mapping with apiVersion, kind and metadata), found {node.Describe()}");
            return null;
        }

        var kind = reader.String(root, "kind", string.Empty);
        if (kind is null)
        {
            reader.Report(ManifestRules.KindMissing, root, "kind", detail: "Object 'Kind' is missing", fix: "every object needs apiVersion and kind (for example 'apiVersion: v1' and 'kind: PersistentVolume')");
            return null;
        }

        if (kind == "List" || (IsListKind(kind) && root["items"] is not null))
        {
            var items = FieldReader.Child(root, "items");
            if (items is null or SequenceNode)
            {
                return (SequenceNode?)items;
            }

            reader.Report(ManifestRules.ListItemsNotAList, items, "items", detail: $"the items of a {kind} must be a list of objects, found {items.Describe()}");
            return null;
        }

        var kindRules = KindRules.For(kind);
        if (kindRules is null)
        {
            diagnostics.SkippedKind(FieldReader.Shorten(kind));
            return null;
        }

        var apiVersion = reader.String(root, "apiVersion", string.Empty);
        var metadataNode = reader.Mapping(root, "metadata", string.Empty);
        var metadata = metadataNode ?? new MappingNode(root.Line, root.Column);
        var name = reader.String(metadata, "name", "metadata");
        reader.SetObject(kind, name);
        if (apiVersion is null)
        {
            reader.Report(ManifestRules.ApiVersionMissing, root, "apiVersion", detail: "Object 'apiVersion' is missing", fix: $"use 'apiVersion: {kindRules.ApiVersion}'");
        }
        else if (apiVersion != kindRules.ApiVersion)
        {
            reader.Report(ManifestRules.ApiVersionUnknown, root["apiVersion"], "apiVersion", detail: $"no matches for kind \"{kind}\" in version \"{apiVersion}\"", fix: $"use 'apiVersion: {kindRules.ApiVersion}'");
        }

        var meta = MetadataDecoder.Decode(reader, root, metadata, name, kindRules.Namespaced, kind);
        switch (kindRules.Kind)
        {
            case ObjectKind.PersistentVolume:
                var volume = VolumeDecoder.Decode(reader, root, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    sink.Add(volume);
                }

                break;
            case ObjectKind.PersistentVolumeClaim:
                var claim = ClaimDecoder.Decode(reader, root, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    sink.Add(claim);
                }

                break;
            case ObjectKind.StorageClass:
                var storageClass = StorageClassDecoder.Decode(reader, root, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    sink.Add(storageClass);
                }

                break;
            case ObjectKind.StatefulSet:
                var statefulSet = StatefulSetDecoder.Decode(reader, root, meta);
                if (reader.ErrorCount == errorsBefore)
                {
                    sink.Add(statefulSet);
                }

                break;
            default:
                // Binding reads a Node's name and labels; its spec and status are not checked (ManifestRules says so).
                if (reader.ErrorCount == errorsBefore)
                {
                    sink.Add(new Node { Metadata = meta });
                }

                break;
        }

        return null;
    }

    private enum ObjectKind
    {
        PersistentVolume,
        PersistentVolumeClaim,
        StorageClass,
        Node,
        StatefulSet,
    }

    /// <summary>The kinds binding reads, the one version current Kubernetes serves them in, and their scope.</summary>
    private sealed record KindRules(ObjectKind Kind, string ApiVersion, bool Namespaced)
    {
        private static readonly KindRules[] Table =
        {
            new(ObjectKind.PersistentVolume, "v1", false),
            new(ObjectKind.PersistentVolumeClaim, "v1", true),
            new(ObjectKind.StorageClass, "storage.k8s.io/v1", false),
            new(ObjectKind.Node, "v1", false),
            new(ObjectKind.StatefulSet, "apps/v1", true),
        };

        public static KindRules? For(string kind) => kind switch
        {
            "PersistentVolume" => Table[0],
            "PersistentVolumeClaim" => Table[1],
            "StorageClass" => Table[2],
            "Node" => Table[3],
            "StatefulSet" => Table[4],
            _ => null,
        };
    }
}
