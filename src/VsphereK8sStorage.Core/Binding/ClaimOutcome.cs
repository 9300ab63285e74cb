using System.Runtime.CompilerServices;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>A Pending claim's circumstances, kept so it is explained from the final plan, not the moment it was planned.</summary>
internal sealed record PendingSearch(bool SchedulerSearch, bool WaitsForConsumer);

/// <summary>
/// One claim's outcome while the plan is made: decided by one controller step, explained (for Pending
/// claims) once every claim is decided, and turned into a <see cref="PvcBinding"/> exactly once.
/// </summary>
internal sealed class ClaimOutcome
{
    public ClaimOutcome(ClaimContext context, ClaimPhase phase, ReasonCode code, string reason)
    {
        Context = context;
        Phase = phase;
        Code = code;
        Reason = reason;
    }

    public ClaimContext Context { get; }

    public ClaimPhase Phase { get; set; }

    public ReasonCode Code { get; set; }

    public ClaimEvent? Event { get; set; }

    /// <summary>The main explanation; notes are added after it.</summary>
    public string Reason { get; set; }

    public VolumeState? Volume { get; set; }

    public bool NewBinding { get; set; }

    /// <summary>How the class was resolved (default class on creation or retroactively), when that matters.</summary>
    public string? ClassNote { get; set; }

    /// <summary>Name the first rejection as the closest volume in the reason (Pending claims whose search found nothing).</summary>
    public bool ShowsClosest { get; set; }

    /// <summary>A note that the claim's volume cannot be reached from the -Node node.</summary>
    public string? NodeNote { get; set; }

    public IReadOnlyList<VolumeRejection> Rejections { get; set; } = Array.Empty<VolumeRejection>();

    public string? Provisioner { get; set; }

    public NodeContext? Node { get; set; }

    public ChoiceReport Choice { get; set; } = ChoiceReport.None;

    /// <summary>The claim whose arbitrary pick decides this outcome, and how (<see cref="AlternativeWorlds"/>).</summary>
    public Dependency? DependsOn { get; set; }

    /// <summary>The search the claim's sync made (null when it names its volume or was bound before).</summary>
    public ClaimSearch? Searched { get; set; }

    /// <summary>The search the controller makes next when <see cref="Searched"/> finds nothing: with the default class, for an existing claim without one.</summary>
    public ClaimSearch? ThenSearched { get; set; }

    /// <summary>Set for Pending claims whose search found nothing, until the final plan explains them.</summary>
    public PendingSearch? Search { get; set; }

    public PvcBinding ToResult()
    {
        var claim = Context.Claim;
        var volume = Phase == ClaimPhase.Bound ? Volume : null;
        return new PvcBinding
        {
            Claim = Context.Key,
            Namespace = claim.Namespace,
            Name = claim.Name,
            Phase = Phase,
            Volume = volume?.Name,
            NewBinding = NewBinding,
            StorageClass = Context.StorageClass,
            Capacity = volume?.Capacity.ToString(),
            AccessModes = volume is null ? Array.Empty<string>() : NamesOf(volume.Volume.AccessModes),
            Requested = claim.Request.ToString(),
            RequestedAccessModes = NamesOf(claim.AccessModes),
            VolumeMode = claim.EffectiveVolumeMode,
            Node = Node?.Name,
            Provisioner = Provisioner,
            Reason = FullReason(),
            ReasonCode = Code,
            Event = Event,
            Alternatives = Choice.Alternatives,
            DependsOn = DependsOn?.Claim,
            Rejections = Rejections,
        };
    }

    // Sixteen possible sets: name each once, not once per claim.
    private static readonly IReadOnlyList<string>[] ModeNames = AccessModeSets.Each(modes => modes.ToNames());

    private static IReadOnlyList<string> NamesOf(AccessModes modes) => ModeNames[(int)modes & 15];

    // The reason and its notes in one string, formatted once into a stack buffer: no intermediate strings.
    private string FullReason()
    {
        // Nothing to add (a claim waiting for its first consumer lists its near misses, but names no closest one): the reason itself.
        if (ClassNote is null && !(ShowsClosest && Rejections.Count > 0) && Choice.Alternatives.Count == 0 && DependsOn is null && NodeNote is null)
        {
            return Reason;
        }

        var text = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[512]);
        text.AppendLiteral(Reason);
        if (ClassNote is not null)
        {
            text.AppendLiteral("; ");
            text.AppendLiteral(ClassNote);
        }

        if (ShowsClosest && Rejections.Count > 0)
        {
            var closest = Rejections[0];
            text.AppendLiteral("; closest: ");
            text.AppendLiteral(closest.Volume);
            for (var i = 0; i < closest.Reasons.Count; i++)
            {
                text.AppendLiteral(i == 0 ? " (" : ", ");
                text.AppendLiteral(closest.Reasons[i]);
            }

            text.AppendLiteral(")");
        }

        if (Choice.Alternatives.Count > 0)
        {
            text.AppendLiteral("; the pick is arbitrary: Kubernetes could equally pick ");
            for (var i = 0; i < Choice.Alternatives.Count; i++)
            {
                text.AppendLiteral(i == 0 ? string.Empty : i == Choice.Alternatives.Count - 1 && !Choice.MoreAlternatives ? " or " : ", ");
                text.AppendLiteral(Choice.Alternatives[i]);
            }

            text.AppendLiteral(Choice.MoreAlternatives ? " and others" : string.Empty);
            text.AppendLiteral(", since it leaves equal capacities, and access-mode sets with as many modes, in no defined order");
        }

        if (DependsOn is { } dependency)
        {
            text.AppendLiteral("; depends on ");
            text.AppendLiteral(dependency.Claim);
            text.AppendLiteral(": had Kubernetes given it ");
            text.AppendLiteral(dependency.Alternative);
            text.AppendLiteral(" rather than ");
            text.AppendLiteral(dependency.Pick);
            text.AppendLiteral(" (an equal choice), this claim would ");
            if (dependency.Consequence is { } consequence)
            {
                text.AppendLiteral(consequence);
            }
            else if (dependency.Gets is { } gets)
            {
                text.AppendLiteral("bind ");
                text.AppendLiteral(gets);
                if (dependency.Instead is { } instead)
                {
                    text.AppendLiteral(" rather than ");
                    text.AppendLiteral(instead);
                }
            }
            else
            {
                text.AppendLiteral("stay Pending rather than bind ");
                text.AppendLiteral(dependency.Instead ?? string.Empty);
            }
        }

        if (NodeNote is not null)
        {
            text.AppendLiteral("; ");
            text.AppendLiteral(NodeNote);
        }

        return text.ToStringAndClear();
    }
}
