namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// A set of PersistentVolume access modes as bit flags, so "is a superset of" is one AND.
/// The numeric order is Kubernetes' own print order: RWO, ROX, RWX, RWOP.
/// </summary>
[Flags]
public enum AccessModes
{
    None = 0,
    ReadWriteOnce = 1,
    ReadOnlyMany = 2,
    ReadWriteMany = 4,
    ReadWriteOncePod = 8,
}

public static class AccessModeNames
{
    private static readonly (AccessModes Mode, string Name, string Short)[] Table =
    {
        (AccessModes.ReadWriteOnce, "ReadWriteOnce", "RWO"),
        (AccessModes.ReadOnlyMany, "ReadOnlyMany", "ROX"),
        (AccessModes.ReadWriteMany, "ReadWriteMany", "RWX"),
        (AccessModes.ReadWriteOncePod, "ReadWriteOncePod", "RWOP"),
    };

    /// <summary>Every mode's API name, in the table's order.</summary>
    public static IReadOnlyList<string> ValidNames { get; } = NamesWhere((AccessModes)~0, shortNames: false);

    /// <summary>Accepts the API spelling only (case-sensitive), as the API server does.</summary>
    public static bool TryParse(string name, out AccessModes mode)
    {
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                mode = entry.Mode;
                return true;
            }
        }

        mode = AccessModes.None;
        return false;
    }

    /// <summary>The valid name closest to a misspelling such as "ReadWriteOMany", or null.</summary>
    public static string? Suggest(string misspelled)
    {
        var best = Table
            .Select(t => (t.Name, Distance: EditDistance(misspelled.ToLowerInvariant(), t.Name.ToLowerInvariant())))
            .Concat(Table.Select(t => (t.Name, Distance: string.Equals(misspelled, t.Short, StringComparison.OrdinalIgnoreCase) ? 0 : int.MaxValue)))
            .OrderBy(t => t.Distance)
            .First();
        return best.Distance <= 3 ? best.Name : null;
    }

    /// <summary>Short form as kubectl prints it: "RWO,ROX".</summary>
    public static string ToShortString(this AccessModes modes) => string.Join(",", NamesWhere(modes, shortNames: true));

    /// <summary>API names in Kubernetes' order.</summary>
    public static IReadOnlyList<string> ToNames(this AccessModes modes) => NamesWhere(modes, shortNames: false);

    // A loop, not LINQ over the table's tuples: LINQ over a value type is compiled at a session's first use
    // (the framework holds no precompiled copy), and these run in every first Get-PvcBinding.
    private static string[] NamesWhere(AccessModes modes, bool shortNames)
    {
        var names = new List<string>(Table.Length);
        foreach (var entry in Table)
        {
            if ((modes & entry.Mode) != 0)
            {
                names.Add(shortNames ? entry.Short : entry.Name);
            }
        }

        return names.ToArray();
    }

    public static bool Contains(this AccessModes available, AccessModes requested) => (available & requested) == requested;

    public static int Count(this AccessModes modes)
    {
        var count = 0;
        for (var bits = (int)modes; bits != 0; bits &= bits - 1)
        {
            count++;
        }

        return count;
    }

    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
