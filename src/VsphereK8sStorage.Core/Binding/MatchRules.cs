using System;
using System.Collections.Generic;
using System.Numerics;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// The individual checks of Kubernetes' volume matching, as pure functions. Both searches (the
/// linear reference and the index) and the explanations are built from these, so they cannot drift.
/// </summary>
internal static class MatchRules
{
    /// <summary>
    /// IsVolumeBoundToClaim: the volume's claimRef names the claim (namespace and name), and its uid,
    /// when set, is the claim's.
    /// </summary>
    public static bool PointsTo(ClaimReference? claimRef, PersistentVolumeClaim claim) =>
        claimRef is not null
        && claimRef.Name == claim.Name
        && claimRef.Namespace == claim.Namespace
        && (string.IsNullOrEmpty(claimRef.Uid) || claimRef.Uid == claim.Metadata.Uid);

    public static bool CapacityFits(Quantity capacity, Quantity request) => capacity.CompareTo(request) >= 0;

    /// <summary>
    /// volumeAttributesClassName in the search: a claim that does not set it accepts any volume;
    /// a claim that sets it (even to "") needs a volume with exactly that class.
    /// </summary>
    public static bool VacMatchesInSearch(string? claimVac, string volumeVac) => claimVac is null || claimVac == volumeVac;

    /// <summary>
    /// The checks the search makes before it looks at pre-binding: not excluded, capacity,
    /// volume mode, attributes class, not being deleted.
    /// </summary>
    public static bool PassesPrechecks(VolumeState volume, ClaimContext claim) =>
        CapacityFits(volume.Capacity, claim.Request)
        && volume.Volume.EffectiveVolumeMode == claim.VolumeMode
        && VacMatchesInSearch(claim.Claim.VolumeAttributesClassName, volume.Vac)
        && !volume.Volume.IsBeingDeleted;

    /// <summary>The checks for a volume that is not pre-bound to the claim: Available, selector, class.</summary>
    public static bool PassesOpenChecks(VolumeState volume, ClaimContext claim) =>
        volume.ClaimRef is null
        && volume.EffectivePhase == VolumePhase.Available
        && (claim.Claim.Selector is null || claim.Claim.Selector.Matches(volume.Volume.Metadata.Labels))
        && volume.Class == claim.StorageClass;

    /// <summary>
    /// checkVolumeSatisfyClaim, used when a claim names its volume in spec.volumeName. Unlike the
    /// search it compares sizes rounded up to whole units, compares attributes classes with unset
    /// meaning "", checks access modes directly, and ignores phase, selector and node affinity.
    /// Returns null when the volume satisfies the claim.
    /// </summary>
    public static string? CheckRequestedVolume(PersistentVolume volume, PersistentVolumeClaim claim, string claimClass)
    {
        if (volume.IsBeingDeleted)
        {
            return "it is being deleted";
        }

        if (volume.Capacity.Value < claim.Request.Value)
        {
            return $"it is too small: capacity {volume.Capacity} < requested {claim.Request}";
        }

        if (volume.StorageClass != claimClass)
        {
            return $"its storage class does not match: {Quote(volume.StorageClass)} ≠ {Quote(claimClass)}";
        }

        var claimVac = claim.VolumeAttributesClassName ?? string.Empty;
        var volumeVac = volume.VolumeAttributesClassName ?? string.Empty;
        if (claimVac != volumeVac)
        {
            return $"its volumeAttributesClassName does not match: {Quote(volumeVac)} ≠ {Quote(claimVac)}";
        }

        if (volume.EffectiveVolumeMode != claim.EffectiveVolumeMode)
        {
            return $"its volumeMode does not match: {volume.EffectiveVolumeMode} ≠ {claim.EffectiveVolumeMode}";
        }

        if (!volume.AccessModes.Contains(claim.AccessModes))
        {
            return $"its access modes {volume.AccessModes.ToShortString()} lack {(claim.AccessModes & ~volume.AccessModes).ToShortString()}";
        }

        return null;
    }

    /// <summary>A storage class name for messages: quoted, with "" for "no class".</summary>
    public static string Quote(string storageClass) => $"'{storageClass}'";

    /// <summary>
    /// Every reason the volume does not suit the claim, in words, for explanations. The order is the
    /// order a person fixes things in: availability first, then size, class, mode, access, labels, node.
    /// </summary>
    public static List<string> Reasons(VolumeState volume, ClaimContext claim, NodeContext? node, bool waitsForConsumer)
    {
        var reasons = new List<string>();
        var v = volume.Volume;
        var preboundHere = PointsTo(volume.ClaimRef, claim.Claim);
        if (v.IsBeingDeleted)
        {
            reasons.Add("being deleted");
        }

        if (!preboundHere)
        {
            if (volume.TakenInPlanBy is not null)
            {
                reasons.Add($"taken in this plan by {volume.TakenInPlanBy}, an earlier claim");
            }
            else if (volume.ClaimRef is not null)
            {
                reasons.Add(v.Phase == VolumePhase.Bound || v.Phase == VolumePhase.Released
                    ? $"bound to {volume.ClaimRef.Key}"
                    : $"reserved for {volume.ClaimRef.Key} by spec.claimRef");
            }

            if (volume.EffectivePhase is VolumePhase.Released or VolumePhase.Failed)
            {
                reasons.Add(volume.EffectivePhase == VolumePhase.Released
                    ? "Released: its claim was deleted; an admin must delete or recycle it before reuse"
                    : "Failed: automatic reclamation failed");
            }
        }

        if (!CapacityFits(volume.Capacity, claim.Request))
        {
            reasons.Add($"capacity {volume.Capacity} < requested {claim.Request}");
        }

        if (!preboundHere && volume.Class != claim.StorageClass)
        {
            reasons.Add($"class {Quote(volume.Class)} ≠ {Quote(claim.StorageClass)}");
        }

        if (v.EffectiveVolumeMode != claim.VolumeMode)
        {
            reasons.Add($"volumeMode {v.EffectiveVolumeMode} ≠ {claim.VolumeMode}");
        }

        if (!VacMatchesInSearch(claim.Claim.VolumeAttributesClassName, volume.Vac))
        {
            reasons.Add($"volumeAttributesClass {Quote(volume.Vac)} ≠ {Quote(claim.Claim.VolumeAttributesClassName ?? string.Empty)}");
        }

        if (!v.AccessModes.Contains(claim.AccessModes))
        {
            reasons.Add($"access modes {ShortOrNone(v.AccessModes)} lack {(claim.AccessModes & ~v.AccessModes).ToShortString()}");
        }

        if (!preboundHere && claim.Claim.Selector?.DescribeMismatch(v.Metadata.Labels) is { } selectorMismatch)
        {
            reasons.Add($"selector: {selectorMismatch}");
        }

        if (node is not null && v.NodeAffinity is not null && !node.Admits(v))
        {
            reasons.Add(node.Known
                ? $"node affinity {v.NodeAffinity} excludes node {node.Name}"
                : $"has node affinity, and node {node.Name} is not in the input to check it against");
        }
        else if (waitsForConsumer && reasons.Count == 0)
        {
            reasons.Add("fits, but binds only when a pod using the claim is scheduled (WaitForFirstConsumer)");
        }

        return reasons;
    }

    /// <summary>How far a near miss is from fitting, for ranking: volumes that fit first, then the closest sizes.</summary>
    public static BigInteger Distance(VolumeState volume, ClaimContext claim) =>
        BigInteger.Abs(volume.Capacity.Nanos - claim.Request.Nanos) + (CapacityFits(volume.Capacity, claim.Request) ? BigInteger.Zero : BigInteger.One << 200);

    private static string ShortOrNone(AccessModes modes) => modes == AccessModes.None ? "(none)" : modes.ToShortString();
}
