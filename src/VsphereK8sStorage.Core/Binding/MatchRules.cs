using System;
using System.Collections.Generic;
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
    /// volumeAttributesClassName (VolumeAttributesClass, GA since Kubernetes 1.34): claim and volume must
    /// name the same class, unset counting as "" on both sides, so a claim without one only gets
    /// volumes without one.
    /// </summary>
    public static bool VacMatches(string? claimVac, string volumeVac) => (claimVac ?? string.Empty) == volumeVac;

    /// <summary>
    /// The checks the search makes before it looks at pre-binding: not excluded, capacity,
    /// volume mode, attributes class, not being deleted.
    /// </summary>
    public static bool PassesPrechecks(VolumeState volume, ClaimContext claim) =>
        CapacityFits(volume.Capacity, claim.Request)
        && volume.Volume.EffectiveVolumeMode == claim.VolumeMode
        && VacMatches(claim.Claim.VolumeAttributesClassName, volume.Vac)
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
    /// With <paramref name="reasons"/> null only the count is computed, without formatting anything,
    /// so candidates can be ranked cheaply and only the few shown are put into words.
    /// </summary>
    public static int Evaluate(VolumeState volume, ClaimContext claim, NodeContext? node, List<string>? reasons)
    {
        var count = 0;
        var v = volume.Volume;
        var preboundHere = PointsTo(volume.ClaimRef, claim.Claim);
        if (v.IsBeingDeleted)
        {
            count++;
            reasons?.Add("being deleted");
        }

        if (!preboundHere)
        {
            if (volume.TakenInPlanBy is not null)
            {
                count++;
                reasons?.Add($"taken in this plan by {volume.TakenInPlanBy}, an earlier claim");
            }
            else if (volume.ClaimRef is { } claimRef)
            {
                count++;
                if (reasons is not null)
                {
                    var sameName = claimRef.Name == claim.Claim.Name && claimRef.Namespace == claim.Claim.Namespace;
                    reasons.Add(sameName
                        ? $"bound to an earlier claim named {claimRef.Key} (uid {claimRef.Uid}), not this one; clear the volume's spec.claimRef to let it bind again"
                        : v.Phase is VolumePhase.Bound or VolumePhase.Released
                            ? $"bound to {claimRef.Key}"
                            : $"reserved for {claimRef.Key} by spec.claimRef");
                }
            }

            if (volume.EffectivePhase is VolumePhase.Released or VolumePhase.Failed)
            {
                count++;
                reasons?.Add(volume.EffectivePhase == VolumePhase.Released
                    ? "Released: its claim was deleted; delete the volume or clear spec.claimRef to reuse it"
                    : "Failed: automatic reclamation failed");
            }
        }

        if (!CapacityFits(volume.Capacity, claim.Request))
        {
            count++;
            reasons?.Add($"capacity {volume.Capacity} < requested {claim.Request}");
        }

        if (!preboundHere && volume.Class != claim.StorageClass)
        {
            count++;
            reasons?.Add($"class {Quote(volume.Class)} ≠ {Quote(claim.StorageClass)}");
        }

        if (v.EffectiveVolumeMode != claim.VolumeMode)
        {
            count++;
            reasons?.Add($"volumeMode {v.EffectiveVolumeMode} ≠ {claim.VolumeMode}");
        }

        if (!VacMatches(claim.Claim.VolumeAttributesClassName, volume.Vac))
        {
            count++;
            reasons?.Add($"volumeAttributesClass {Quote(volume.Vac)} ≠ {Quote(claim.Claim.VolumeAttributesClassName ?? string.Empty)}");
        }

        if (!v.AccessModes.Contains(claim.AccessModes))
        {
            count++;
            reasons?.Add($"access modes {ShortOrNone(v.AccessModes)} lack {(claim.AccessModes & ~v.AccessModes).ToShortString()}");
        }

        if (!preboundHere && claim.Claim.Selector is { } selector && !selector.Matches(v.Metadata.Labels))
        {
            count++;
            reasons?.Add($"selector: {selector.DescribeMismatch(v.Metadata.Labels)}");
        }

        if (node is not null && v.NodeAffinity is not null && !node.Admits(v))
        {
            count++;
            reasons?.Add(node.Known
                ? $"node affinity {v.NodeAffinity} excludes node {node.Name}"
                : $"has node affinity, and node {node.Name} is not in the input to check it against");
        }

        return count;
    }

    /// <summary>
    /// Ranks near misses: fewer reasons first; then volumes that fit before those that do not; then
    /// the closest size (smallest that fits, largest that does not); then name.
    /// </summary>
    public static int CompareNearMisses(VolumeState a, int aFailures, VolumeState b, int bFailures, ClaimContext claim)
    {
        if (aFailures != bFailures)
        {
            return aFailures.CompareTo(bFailures);
        }

        var aFits = CapacityFits(a.Capacity, claim.Request);
        var bFits = CapacityFits(b.Capacity, claim.Request);
        if (aFits != bFits)
        {
            return aFits ? -1 : 1;
        }

        var bySize = aFits ? a.Capacity.CompareTo(b.Capacity) : b.Capacity.CompareTo(a.Capacity);
        return bySize != 0 ? bySize : string.CompareOrdinal(a.Name, b.Name);
    }

    private static string ShortOrNone(AccessModes modes) => modes == AccessModes.None ? "(none)" : modes.ToShortString();
}
