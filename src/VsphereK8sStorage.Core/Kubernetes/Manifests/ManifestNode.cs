using System.Collections.Generic;
using System.Text.RegularExpressions;

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

/// <summary>How YAML's core schema resolves a scalar; quoted scalars are always strings.</summary>
internal enum ScalarKind
{
    String,
    Null,
    Bool,
    Int,
    Float,
}

internal sealed class ScalarNode : ManifestNode
{
    // YAML 1.1 forms, because Kubernetes reads YAML through go-yaml v2: "on" and "yes" are booleans there.
    private static readonly Regex IntPattern = new(@"^[-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex FloatPattern = new(@"^([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant);

    public ScalarNode(string value, bool plain, int line, int column)
        : base(line, column)
    {
        Value = value;
        Kind = plain ? Resolve(value) : ScalarKind.String;
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

    private static ScalarKind Resolve(string value)
    {
        switch (value)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return ScalarKind.Null;
            case "true":
            case "True":
            case "TRUE":
            case "false":
            case "False":
            case "FALSE":
            case "yes":
            case "Yes":
            case "YES":
            case "no":
            case "No":
            case "NO":
            case "on":
            case "On":
            case "ON":
            case "off":
            case "Off":
            case "OFF":
            case "y":
            case "Y":
            case "n":
            case "N":
                return ScalarKind.Bool;
        }

        var first = value[0];
        if (!(char.IsDigit(first) || first == '-' || first == '+' || first == '.'))
        {
            return ScalarKind.String;
        }

        if (IntPattern.IsMatch(value))
        {
            return ScalarKind.Int;
        }

        return FloatPattern.IsMatch(value) ? ScalarKind.Float : ScalarKind.String;
    }
}
