using System.Text.Json.Serialization;

namespace VsphereK8sStorage.Binding;

/// <summary>The type of a Kubernetes event, as <c>kubectl describe</c> prints it.</summary>
public enum EventType
{
    Normal,
    Warning,
}

/// <summary>
/// An event the PV controller posts on a claim: exactly the type, reason and message that
/// <c>kubectl describe pvc</c> shows under Events (the controller repeats it on every sync while the
/// claim stays in that state).
/// </summary>
public sealed record ClaimEvent(
    [property: JsonConverter(typeof(JsonStringEnumConverter))] EventType Type,
    string Reason,
    string Message)
{
    public override string ToString() => $"{Type} {Reason}: {Message}";
}
