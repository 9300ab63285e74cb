using System.Globalization;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// What reading the manifests found wrong, kept within bounds: a file of a million bad items costs
/// a count, not a million messages in memory or on the screen.
/// </summary>
/// <remarks>
/// Design: the first <see cref="ShownErrors"/> errors are printed one line each, then one line counts
/// the rest; warnings of one rule are printed <see cref="ShownWarningsPerRule"/> times, then counted.
/// Objects of kinds binding does not read are counted per kind and named in one warning.
/// </remarks>
internal sealed class ManifestDiagnostics
{
    public const int ShownErrors = 20;
    public const int ShownWarningsPerRule = 3;

    private static readonly string[] ReadKinds = { "PersistentVolume", "PersistentVolumeClaim", "StorageClass", "Node" };

    private readonly List<ManifestException> errors = new();
    private readonly List<JournaledWarning> warnings = new();
    private readonly Dictionary<string, int> warningsPerRule = new(StringComparer.Ordinal);
    // Plain dictionaries, sorted when written: a SortedDictionary, or LINQ over these pairs, is generic code over a
    // value type that the framework holds no precompiled copy of, compiled in every session's first read.
    private readonly Dictionary<string, int> skippedKinds = new(StringComparer.Ordinal);

    // When set, what this collection is told is also recorded in order, for ReadJournal to replay into another.
    private readonly List<object>? journal;

    public ManifestDiagnostics()
    {
    }

    /// <summary>A collection that also records, in <paramref name="journal"/>, the errors and warnings another collection has to be told in the same order.</summary>
    internal ManifestDiagnostics(List<object> journal) => this.journal = journal;

    public int ErrorCount { get; private set; }

    /// <summary>The errors kept (the first <see cref="ShownErrors"/>).</summary>
    public IReadOnlyList<ManifestException> Errors => errors;

    public void AddError(ManifestException error)
    {
        ErrorCount++;
        if (errors.Count < ShownErrors)
        {
            errors.Add(error);
            journal?.Add(error);
        }
        else if (journal is not null)
        {
            // Past the shown errors here, the collection this one is replayed into is past them too: only the count matters.
            UnjournaledErrors++;
        }
    }

    /// <summary>Errors counted but not recorded in the journal (see <see cref="ReplayCounts"/>).</summary>
    private int UnjournaledErrors { get; set; }

    private Dictionary<string, int>? unjournaledWarnings;

    public void AddWarning(ManifestException warning, string? note) =>
        AddWarning(warning.RuleId, note is null ? warning.Message : $"{warning.Message} ({note})");

    /// <summary>A warning of a kind (a rule id, or "DefinedTwice"); each kind is shown a few times, then counted.</summary>
    public void AddWarning(string kind, string message)
    {
        warningsPerRule.TryGetValue(kind, out var seen);
        warningsPerRule[kind] = seen + 1;
        if (seen < ShownWarningsPerRule)
        {
            var warning = new JournaledWarning(kind, message);
            warnings.Add(warning);
            journal?.Add(warning);
        }
        else if (journal is not null)
        {
            unjournaledWarnings ??= new Dictionary<string, int>(StringComparer.Ordinal);
            unjournaledWarnings.TryGetValue(kind, out var count);
            unjournaledWarnings[kind] = count + 1;
        }
    }

    /// <summary>
    /// Hands on what the journal does not hold, once its entries have been replayed: the counts past the
    /// shown errors and warnings, and the skipped kinds (which are counted, never ordered).
    /// </summary>
    internal void ReplayCounts(ManifestDiagnostics target)
    {
        target.ErrorCount += UnjournaledErrors;
        if (unjournaledWarnings is not null)
        {
            foreach (var kind in unjournaledWarnings)
            {
                target.warningsPerRule.TryGetValue(kind.Key, out var seen);
                target.warningsPerRule[kind.Key] = seen + kind.Value;
            }
        }

        foreach (var kind in skippedKinds)
        {
            target.skippedKinds.TryGetValue(kind.Key, out var count);
            target.skippedKinds[kind.Key] = count + kind.Value;
        }
    }

    public void SkippedKind(string kind)
    {
        skippedKinds.TryGetValue(kind, out var count);
        skippedKinds[kind] = count + 1;
    }

    /// <summary>Takes over what another collection found (the items of a List, kept aside until the List was complete), and empties it.</summary>
    public void Absorb(ManifestDiagnostics other)
    {
        if (journal is not null)
        {
            // Replayed as the same Absorb of a copy: what it shows depends on what the other collection already holds.
            var copy = new ManifestDiagnostics();
            copy.errors.AddRange(other.errors);
            copy.ErrorCount = other.ErrorCount;
            copy.warnings.AddRange(other.warnings);
            foreach (var kind in other.warningsPerRule)
            {
                copy.warningsPerRule[kind.Key] = kind.Value;
            }

            // Skipped kinds are counts, handed on by ReplayCounts with this collection's own.
            journal.Add(copy);
        }

        foreach (var error in other.errors)
        {
            if (errors.Count < ShownErrors)
            {
                errors.Add(error);
            }
        }

        ErrorCount += other.ErrorCount;

        // A rule is shown a few times in all, however many collections its warnings arrive through: the other's
        // shown warnings count as told here, then the ones it only counted are added to the counts.
        foreach (var warning in other.warnings)
        {
            warningsPerRule.TryGetValue(warning.Kind, out var seen);
            if (seen < ShownWarningsPerRule)
            {
                warnings.Add(warning);
            }

            warningsPerRule[warning.Kind] = seen + 1;
        }

        foreach (var kind in other.warningsPerRule)
        {
            var unshown = kind.Value - Math.Min(kind.Value, ShownWarningsPerRule);
            if (unshown > 0)
            {
                warningsPerRule.TryGetValue(kind.Key, out var seen);
                warningsPerRule[kind.Key] = seen + unshown;
            }
        }
        foreach (var kind in other.skippedKinds)
        {
            skippedKinds.TryGetValue(kind.Key, out var count);
            skippedKinds[kind.Key] = count + kind.Value;
        }

        other.Clear();
    }

    /// <summary>Forgets what was found (items of something that was not a List after all).</summary>
    public void Clear()
    {
        errors.Clear();
        warnings.Clear();
        warningsPerRule.Clear();
        skippedKinds.Clear();
        ErrorCount = 0;
    }

    /// <summary>Writes the warnings, with a count for each rule that warned more often than shown.</summary>
    public void WriteWarnings(IOperationHost host)
    {
        foreach (var warning in warnings)
        {
            host.WriteWarning(warning.Message);
        }

        foreach (var rule in warningsPerRule)
        {
            if (rule.Value > ShownWarningsPerRule)
            {
                host.WriteWarning($"{rule.Value - ShownWarningsPerRule} more warnings like the above ({rule.Key}) not shown");
            }
        }

        if (skippedKinds.Count > 0)
        {
            var names = new string[skippedKinds.Count];
            skippedKinds.Keys.CopyTo(names, 0);
            Array.Sort(names, StringComparer.Ordinal);
            var total = 0;
            var kinds = new string[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                var count = skippedKinds[names[i]];
                total += count;
                kinds[i] = $"{Suggest(names[i])} ({count.ToString(CultureInfo.InvariantCulture)})";
            }

            host.WriteWarning($"skipped {total.ToString(CultureInfo.InvariantCulture)} object{(total == 1 ? string.Empty : "s")} of kinds binding does not read: {string.Join(", ", kinds)}");
        }
    }

    /// <summary>
    /// Writes the errors kept one by one when there are several, and returns what the read as a whole
    /// failed with: the one error itself (one problem is one line), or a summary that counts them all.
    /// Null when nothing was wrong. <paramref name="sources"/> names every source read: the input the summary is about.
    /// </summary>
    public VsphereK8sException? Failure(IOperationHost host, int documents, IReadOnlyList<string> sources)
    {
        switch (ErrorCount)
        {
            case 0:
                return null;
            case 1:
                return errors[0];
            default:
                foreach (var error in errors)
                {
                    host.WriteError(error);
                }

                return new ManifestSetInvalidException(errors, ErrorCount, documents, sources);
        }
    }

    // A kind that differs from one binding reads only in case is almost surely a typo: kind is case-sensitive.
    /// <summary>A warning as the journal records it.</summary>
    internal sealed record JournaledWarning(string Kind, string Message);

    private static string Suggest(string kind)
    {
        var near = ReadKinds.FirstOrDefault(k => string.Equals(k, kind, StringComparison.OrdinalIgnoreCase));
        return near is null ? kind : $"{kind} (did you mean {near}? kind is case-sensitive)";
    }
}
