using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// Picks the volumes worth showing a user whose claim found none, with every reason each was rejected.
/// </summary>
/// <remarks>
/// Design: scoring every volume against every pending claim is claims × volumes. Instead, all volumes
/// (open or not) are grouped as the search groups them and sorted by capacity; for a claim each group
/// offers the few volumes at the request and the few just below it (as many as the explanation lists). Every group is offered, so volumes
/// of another class, mode or access set show up as near misses too. The candidates are scored with
/// <see cref="MatchRules.Reasons"/> and ranked by how many reasons they have, then by closeness in size.
/// With Detailed, every volume is scored instead.
/// </remarks>
internal sealed class NearMissFinder
{
    private readonly IReadOnlyList<VolumeState> all;
    private readonly List<VolumeState[]> runs;
    private readonly Dictionary<string, List<VolumeState>> byClaimRef = new(StringComparer.Ordinal);

    public NearMissFinder(IReadOnlyList<VolumeState> volumes)
    {
        all = volumes;
        runs = volumes
            .GroupBy(v => (v.Class, v.Volume.EffectiveVolumeMode, v.Vac, v.Volume.AccessModes))
            .Select(g =>
            {
                var run = g.ToArray();
                Array.Sort(run, VolumeOrder.Compare);
                return run;
            })
            .ToList();
        foreach (var volume in volumes.Where(v => v.Volume.ClaimRef is not null))
        {
            var key = volume.Volume.ClaimRef!.Key;
            if (!byClaimRef.TryGetValue(key, out var list))
            {
                byClaimRef[key] = list = new List<VolumeState>();
            }

            list.Add(volume);
        }
    }

    public IReadOnlyList<VolumeRejection> Explain(ClaimContext claim, NodeContext? node, bool waitsForConsumer, bool detailed, int limit, VolumeState? alsoConsider)
    {
        IEnumerable<VolumeState> candidates = detailed ? all : Candidates(claim, limit);
        if (alsoConsider is not null)
        {
            candidates = candidates.Append(alsoConsider);
        }

        var scored = candidates
            .Distinct()
            .Select(v => (Volume: v, Reasons: MatchRules.Reasons(v, claim, node, waitsForConsumer)))
            .OrderBy(s => s.Reasons.Count)
            .ThenBy(s => MatchRules.Distance(s.Volume, claim))
            .ThenBy(s => s.Volume.Name, StringComparer.Ordinal);
        var ranked = detailed ? scored : scored.Take(limit);
        return ranked
            .Select(s => new VolumeRejection
            {
                Volume = s.Volume.Name,
                Capacity = s.Volume.Capacity.ToString(),
                StorageClass = s.Volume.Class,
                Reasons = s.Reasons,
            })
            .ToList();
    }

    /// <summary>
    /// An open volume smaller than <paramref name="chosen"/> that would have fitted too but lost because
    /// its access-mode set is larger and so was searched later; null when the chosen one is the smallest.
    /// </summary>
    public VolumeState? SmallerWithMoreModes(ClaimContext claim, VolumeState chosen)
    {
        VolumeState? best = null;
        foreach (var run in runs)
        {
            var sample = run[0];
            var modes = sample.Volume.AccessModes;
            if (modes == chosen.Volume.AccessModes || !modes.Contains(claim.AccessModes) || sample.Class != claim.StorageClass
                || sample.Volume.EffectiveVolumeMode != claim.VolumeMode || !MatchRules.VacMatchesInSearch(claim.Claim.VolumeAttributesClassName, sample.Vac))
            {
                continue;
            }

            for (var i = LowerBound(run, claim.Request); i < run.Length && VolumeOrder.Compare(run[i], chosen) < 0; i++)
            {
                var volume = run[i];
                if (volume.IsOpen && (claim.Claim.Selector is null || claim.Claim.Selector.Matches(volume.Volume.Metadata.Labels)))
                {
                    best = best is null || VolumeOrder.Compare(volume, best) < 0 ? volume : best;
                    break;
                }
            }
        }

        return best;
    }

    private IEnumerable<VolumeState> Candidates(ClaimContext claim, int limit)
    {
        if (byClaimRef.TryGetValue(claim.Key, out var reserved))
        {
            foreach (var volume in reserved)
            {
                yield return volume;
            }
        }

        foreach (var run in runs)
        {
            var at = LowerBound(run, claim.Request);
            for (var i = Math.Max(0, at - limit); i < Math.Min(run.Length, at + limit); i++)
            {
                yield return run[i];
            }
        }
    }

    private static int LowerBound(VolumeState[] run, Quantity request)
    {
        int low = 0, high = run.Length;
        while (low < high)
        {
            var mid = (low + high) >> 1;
            if (run[mid].Capacity.CompareTo(request) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
