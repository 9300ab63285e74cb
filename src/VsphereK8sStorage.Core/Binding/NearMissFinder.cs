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
/// (open or not) are grouped as the search groups them and sorted by capacity, and only the volumes
/// around the request in each group are candidates (see <see cref="CollectFromGroups"/>), so a near
/// miss of another class, mode or access set still shows. Candidates are counted
/// with <see cref="MatchRules.Evaluate"/> without formatting, ranked, and only the few shown are put
/// into words. With Detailed, every volume is scored instead.
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
            .GroupBy(v => v.GroupKey)
            .Select(g =>
            {
                var run = g.ToArray();
                Array.Sort(run, VolumeOrder.Comparer);
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

    /// <summary>
    /// The closest rejected volumes, or all with <paramref name="detailed"/>. <paramref name="fitsButWhy"/> is
    /// what to say about a volume with nothing wrong with it (say, "binds only when a pod is scheduled");
    /// <paramref name="alsoConsider"/> is always scored (the volume a claim named).
    /// </summary>
    public IReadOnlyList<VolumeRejection> Explain(ClaimContext claim, NodeContext? node, string? fitsButWhy, bool detailed, int limit, VolumeState? alsoConsider)
    {
        var seen = new HashSet<int>();
        var scored = new List<(VolumeState Volume, int Failures)>();
        void Consider(VolumeState volume)
        {
            if (seen.Add(volume.Id))
            {
                scored.Add((volume, MatchRules.Evaluate(volume, claim, node, null)));
            }
        }

        if (alsoConsider is not null)
        {
            Consider(alsoConsider);
        }

        if (detailed)
        {
            foreach (var volume in all)
            {
                Consider(volume);
            }
        }
        else
        {
            if (byClaimRef.TryGetValue(claim.Key, out var reserved))
            {
                reserved.ForEach(Consider);
            }

            CollectFromGroups(claim, limit, scored, Consider);
        }

        scored.Sort((a, b) => MatchRules.CompareNearMisses(a.Volume, a.Failures, b.Volume, b.Failures, claim));
        var shown = detailed ? scored.Count : Math.Min(limit, scored.Count);
        var result = new List<VolumeRejection>(shown);
        for (var i = 0; i < shown; i++)
        {
            var volume = scored[i].Volume;
            var reasons = new List<string>();
            MatchRules.Evaluate(volume, claim, node, reasons);
            if (reasons.Count == 0)
            {
                reasons.Add(fitsButWhy ?? "fits");
            }

            result.Add(new VolumeRejection
            {
                Volume = volume.Name,
                Capacity = volume.Capacity.ToString(),
                StorageClass = volume.Class,
                Reasons = reasons,
            });
        }

        return result;
    }

    /// <summary>
    /// Visits groups from the fewest group-wide mismatches (class, volume mode, attributes class, access
    /// modes) up. Groups the claim could bind from offer a few volumes around the request, others their
    /// closest volume on each side. Once enough candidates have fewer problems than any volume of the
    /// remaining groups can have, those groups cannot change the ranking and are skipped.
    /// </summary>
    private void CollectFromGroups(ClaimContext claim, int limit, List<(VolumeState Volume, int Failures)> scored, Action<VolumeState> consider)
    {
        var byMismatches = new List<VolumeState[]>[5];
        foreach (var run in runs)
        {
            var sample = run[0];
            var mismatches = (sample.Class == claim.StorageClass ? 0 : 1)
                + (sample.Volume.EffectiveVolumeMode == claim.VolumeMode ? 0 : 1)
                + (sample.Volume.AccessModes.Contains(claim.AccessModes) ? 0 : 1)
                + (sample.Vac == claim.Vac ? 0 : 1);
            (byMismatches[mismatches] ??= new List<VolumeState[]>()).Add(run);
        }

        for (var level = 0; level < byMismatches.Length; level++)
        {
            if (byMismatches[level] is null)
            {
                continue;
            }

            if (scored.Count(s => s.Failures < level) >= limit)
            {
                return;
            }

            var window = level == 0 ? limit : 1;
            foreach (var run in byMismatches[level])
            {
                var at = VolumeOrder.LowerBound(run, claim.Request);
                for (var i = Math.Max(0, at - window); i < Math.Min(run.Length, at + window); i++)
                {
                    consider(run[i]);
                }
            }
        }
    }
}
