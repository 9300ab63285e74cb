using System.Collections.Generic;
using VsphereK8sStorage.Kubernetes.Yaml;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// A parsed YAML or JSON value with its position. The decoder works on this tree instead of on
/// YamlDotNet types so that it can name the line and column of every bad field.
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

    /// <summary>What the node is, for messages: "a mapping", "a list", "the string 'x'".</summary>
    public abstract string Describe();
}

internal sealed class MappingNode : ManifestNode
{
    public MappingNode(int line, int column)
        : base(line, column)
    {
    }

    public List<KeyValuePair<ScalarNode, ManifestNode>> Entries { get; } = new();

    public ManifestNode? this[string key]
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

internal sealed class SequenceNode : ManifestNode
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
        Kind = plain ? YamlScalars.Resolve(value) : ScalarKind.String;
    }

    public string Value { get; }

    public ScalarKind Kind { get; }

    public bool IsNull => Kind == ScalarKind.Null;

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => $"the boolean {Value}",
        ScalarKind.Int or ScalarKind.Float => $"the number {Value}",
        _ => $"the string '{Value}'",
    };
}
