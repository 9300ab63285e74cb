using System.Text.Json.Serialization;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Rollout;

/// <summary>What an install or uninstall did to one object. Stable: filter on these, never on prose.</summary>
public enum RolloutAction
{
    /// <summary>The object did not exist and was created.</summary>
    Created,

    /// <summary>The object existed and was changed (Fields says which fields).</summary>
    Configured,

    /// <summary>The object already was as the install asks; nothing was written.</summary>
    Unchanged,

    /// <summary>The API server refused the object; the run stopped there and later objects were not applied.</summary>
    Failed,

    /// <summary>Uninstall: the object was deleted.</summary>
    Deleted,

    /// <summary>Uninstall: the object was already gone.</summary>
    NotFound,

    /// <summary>Offline: the object was rendered to a file; no cluster was contacted.</summary>
    Rendered,
}

/// <summary>
/// One object of a CPI or CSI rollout and what the run did to it, written as soon as it is applied. Kind, Namespace
/// and Name identify it as kubectl does (kind namespace/name).
/// </summary>
public sealed record RolloutObjectResult
{
    [TableColumn("KIND", 0)]
    public string Kind { get; init; } = string.Empty;

    /// <summary>Empty for cluster-scoped kinds (ClusterRole, CSIDriver, Namespace).</summary>
    [TableColumn("NAMESPACE", 1)]
    public string Namespace { get; init; } = string.Empty;

    [TableColumn("NAME", 2)]
    public string Name { get; init; } = string.Empty;

    [JsonConverter(typeof(JsonStringEnumConverter<RolloutAction>))]
    [TableColumn("ACTION", 3)]
    public RolloutAction Action { get; init; }

    /// <summary>Configured: the fields whose values changed, as paths (spec.replicas, metadata.labels), comma-separated; never their values.</summary>
    [TableColumn("FIELDS", 4)]
    public string Fields { get; init; } = string.Empty;

    /// <summary>Offline: the file the object was written to.</summary>
    public string? Path { get; init; }

    public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}: {Action}" : $"{Kind} {Namespace}/{Name}: {Action}";
}
