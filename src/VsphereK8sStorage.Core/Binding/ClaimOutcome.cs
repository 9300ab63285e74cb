using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>Phrases that several explanations share, so the controller's and scheduler's words are written once.</summary>
internal static class Wording
{
    /// <summary>The scheduler's reason when no volume fits a pod's claim on a node (its FailedScheduling event on the pod).</summary>
    public const string SchedulerFoundNoVolume = "node(s) didn't find available persistent volumes to bind";

    /// <summary>The scheduler's reason when a bound claim's volume cannot be reached from a node.</summary>
    public const string SchedulerNodeConflict = "node(s) had volume node affinity conflict";

    public const string SelectedNodeAnnotation = "volume.kubernetes.io/selected-node";

    public static string ClassPhrase(string storageClass) =>
        storageClass.Length == 0 ? "without a class" : $"of class '{storageClass}'";

    public static string ScheduledOn(string node) => $"the scheduler chose node {node} ({SelectedNodeAnnotation})";

    /// <summary>"a, b and c", with "and more" when the list was cut short.</summary>
    public static string List(IReadOnlyList<string> names, bool more)
    {
        var text = new StringBuilder();
        for (var i = 0; i < names.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : i == names.Count - 1 && !more ? " or " : ", ").Append(names[i]);
        }

        return more ? text.Append(" and others").ToString() : text.ToString();
    }
}

/// <summary>A Pending claim's circumstances, kept so it is explained from the final plan, not the moment it was planned.</summary>
internal sealed record PendingSearch(StorageClass? StorageClass, bool SchedulerSearch, bool WaitsForConsumer);

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

    /// <summary>The closest rejected volume, for Pending claims.</summary>
    public string? Closest { get; set; }

    /// <summary>A note that the claim's volume cannot be reached from the -Node node.</summary>
    public string? NodeNote { get; set; }

    public IReadOnlyList<VolumeRejection> Rejections { get; set; } = Array.Empty<VolumeRejection>();

    public string? Provisioner { get; set; }

    public NodeContext? Node { get; set; }

    public ChoiceReport Choice { get; set; } = ChoiceReport.None;

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
            DependsOn = Choice.DependsOn,
            Rejections = Rejections,
        };
    }

    // Sixteen possible sets: name each once, not once per claim.
    private static readonly IReadOnlyList<string>[] ModeNames = Enumerable.Range(0, 16).Select(bits => ((AccessModes)bits).ToNames()).ToArray();

    private static IReadOnlyList<string> NamesOf(AccessModes modes) => ModeNames[(int)modes & 15];

    private string FullReason()
    {
        var text = new StringBuilder(Reason);
        Append(text, ClassNote);
        Append(text, Closest is null ? null : "closest: " + Closest);
        if (Choice.Alternatives.Count > 0)
        {
            Append(text, $"the pick is arbitrary: Kubernetes could equally pick {Wording.List(Choice.Alternatives, Choice.MoreAlternatives)}, since it leaves equal capacities, and access-mode sets with as many modes, in no defined order");
        }

        Append(text, Choice.DependsOn is null ? null : $"depends on {Choice.DependsOn}: {Choice.DependsOnNote}");
        Append(text, NodeNote);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string? note)
    {
        if (note is not null)
        {
            text.Append("; ").Append(note);
        }
    }
}
