using System.Text.Json.Serialization;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// One claim in a binding plan: which volume it is or will be bound to, or why it stays Pending.
/// This is what Get-PvcBinding and <c>vk8s get-pvc-binding</c> write.
/// </summary>
public sealed class PvcBinding : IDetailedResult
{
    /// <summary>"namespace/name".</summary>
    public string Claim { get; init; } = string.Empty;

    [TableColumn("NAMESPACE", 1)]
    public string Namespace { get; init; } = string.Empty;

    [TableColumn("NAME", 2)]
    public string Name { get; init; } = string.Empty;

    /// <summary>The phase the claim has, or will have once the PV controller has acted on the input.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ClaimPhase>))]
    [TableColumn("STATUS", 3)]
    public ClaimPhase Phase { get; init; }

    /// <summary>The bound volume's name; null while the claim is Pending or Lost.</summary>
    [TableColumn("VOLUME", 4)]
    public string? Volume { get; init; }

    /// <summary>True when this plan makes the binding; false when the input already records it.</summary>
    public bool NewBinding { get; init; }

    /// <summary>The class binding used; "" means "no class". Null only when the claim's class is unset and no default exists.</summary>
    [TableColumn("STORAGECLASS", 7)]
    public string StorageClass { get; init; } = string.Empty;

    /// <summary>The bound volume's capacity, as kubectl's CAPACITY column; null when not bound.</summary>
    [TableColumn("CAPACITY", 5)]
    public string? Capacity { get; init; }

    /// <summary>The bound volume's access modes (API names); empty when not bound.</summary>
    public IReadOnlyList<string> AccessModes { get; init; } = Array.Empty<string>();

    /// <summary>The claim's <c>spec.resources.requests.storage</c>.</summary>
    public string Requested { get; init; } = string.Empty;

    /// <summary>The claim's <c>spec.accessModes</c> (API names).</summary>
    public IReadOnlyList<string> RequestedAccessModes { get; init; } = Array.Empty<string>();

    [JsonConverter(typeof(JsonStringEnumConverter<VolumeMode>))]
    public VolumeMode VolumeMode { get; init; }

    /// <summary>The node binding was evaluated for (the claim's selected-node annotation or -Node), if any.</summary>
    public string? Node { get; init; }

    /// <summary>The provisioner a Pending claim waits for, if any.</summary>
    public string? Provisioner { get; init; }

    /// <summary>One line: why the claim has this volume, or why it has none.</summary>
    [TableColumn("REASON", 8)]
    public string Reason { get; init; } = string.Empty;

    /// <summary>Why, as a stable code for scripts (<c>Where-Object ReasonCode -eq WaitForFirstConsumer</c>); <see cref="Reason"/> says it in words.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ReasonCode>))]
    public ReasonCode ReasonCode { get; init; }

    /// <summary>
    /// The event the PV controller posts on the claim in this state, exactly as <c>kubectl describe pvc</c>
    /// shows it; null where it posts none (bound claims, a requested volume that does not exist) or where
    /// its text would name something the input does not hold (a pod).
    /// </summary>
    public ClaimEvent? Event { get; init; }

    /// <summary>
    /// The newest event the cluster itself recorded on a claim it holds unbound (Get-PvcBinding on a live
    /// cluster only), in the shape of <see cref="Event"/>: what the controller did say, beside what the plan
    /// predicts it says. Null for manifests, bound claims and claims with no event; JSON and YAML leave it out
    /// then, so output planned from manifests stays as it was.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ClaimEvent? LastEvent { get; internal set; }

    /// <summary>
    /// True for a claim the plan added from a StatefulSet's <c>volumeClaimTemplates</c> (Get-PvcBinding
    /// with a StatefulSet): the claim its controller would create for a replica, which does not exist yet.
    /// JSON and YAML leave it out when false, so other output stays as it was.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Preview { get; internal set; }

    /// <summary>
    /// Other volumes Kubernetes could equally have given this claim: volumes of the same capacity, or in
    /// an access-mode set with as many modes, which Kubernetes leaves in no defined order. Empty when the
    /// choice is determined. Lists the first five found (all with -Detailed); the reason says when there are more.
    /// </summary>
    public IReadOnlyList<string> Alternatives { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The claim ("namespace/name") whose arbitrary pick decides this claim's outcome: had Kubernetes
    /// given it one of its alternatives, this claim would get another phase, volume or event; the first
    /// such claim in the controller's order (an earlier one, except for a claim waiting for the volume
    /// it names, whose event a later pick can change). The reason says which alternative and what this
    /// claim would get. Null when no single pick changes this claim's outcome.
    /// </summary>
    public string? DependsOn { get; init; }

    /// <summary>Volumes that came closest but were rejected, each with every reason; all volumes with -Detailed.</summary>
    public IReadOnlyList<VolumeRejection> Rejections { get; init; } = Array.Empty<VolumeRejection>();

    /// <summary>Access modes in kubectl's short form ("RWO,ROX") for table views.</summary>
    [JsonIgnore]
    [TableColumn("ACCESS MODES", 6)]
    public string AccessModeSummary => Short(Phase == ClaimPhase.Bound ? AccessModes : RequestedAccessModes);

    string? IDetailedResult.DetailHeading() => Rejections.Count == 0 ? null : $"{Claim} ({Phase}) did not get:";

    IEnumerable<string> IDetailedResult.DetailLines() => Rejections.Select(r => r.ToString());

    /// <summary>The claim ("namespace/name"): a string made of this object is its name.</summary>
    public override string ToString() => Claim;

    private static string Short(IReadOnlyList<string> names)
    {
        var modes = Kubernetes.AccessModes.None;
        foreach (var name in names)
        {
            if (AccessModeNames.TryParse(name, out var mode))
            {
                modes |= mode;
            }
        }

        return modes.ToShortString();
    }
}
