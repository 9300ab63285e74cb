using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>What happened to one node's taint.</summary>
public enum TaintOutcome
{
    Added,

    /// <summary>A taint with the same key and effect had another value, and -Overwrite replaced it.</summary>
    Updated,

    /// <summary>The node already had exactly this taint.</summary>
    Unchanged,

    Removed,

    /// <summary>Nothing to remove: the node has no such taint.</summary>
    NotPresent,
}

/// <summary>One node after Add-K8sNodeTaint or Remove-K8sNodeTaint.</summary>
public sealed class NodeTaintResult
{
    internal NodeTaintResult(string node, string taint, TaintOutcome outcome, IReadOnlyList<string> taints)
    {
        Node = node;
        Taint = taint;
        Outcome = outcome;
        Taints = taints;
    }

    [TableColumn("NODE", 0)]
    public string Node { get; }

    /// <summary>The taint asked for, as key=value:Effect.</summary>
    [TableColumn("TAINT", 1)]
    public string Taint { get; }

    [System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TaintOutcome>))]
    [TableColumn("RESULT", 2)]
    public TaintOutcome Outcome { get; }

    /// <summary>Every taint the node has now.</summary>
    public IReadOnlyList<string> Taints { get; }

    [System.Text.Json.Serialization.JsonIgnore]
    [TableColumn("TAINTS NOW", 3)]
    public string TaintSummary => string.Join(", ", Taints);

    public override string ToString() => Node;
}
