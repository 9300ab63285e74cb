using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// The two orders of a plan that depend on its claims alone: the controller's order of the claims not bound yet
/// (<see cref="Unbound"/>), and where each claim's result stands in the output, by namespace and then name
/// (<see cref="ShownPositions"/>). A large plan sorts them on another core, the first while its volumes are indexed,
/// the second while its claims are bound: in one thread the two sorts took a fifth of a 50k-claim plan.
/// </summary>
internal sealed class ClaimOrders
{
    private readonly IReadOnlyList<PersistentVolumeClaim> claims;
    private readonly bool sideBySide;
    private readonly Task<int[]>? unboundSorting;
    private Task<int[]>? shownSorting;
    private int[]? shown;
    private bool namesRepeat;

    public ClaimOrders(IReadOnlyList<PersistentVolumeClaim> claims, bool sideBySide)
    {
        this.claims = claims;
        this.sideBySide = sideBySide;
        unboundSorting = sideBySide ? Task.Run(SortUnbound) : null;
    }

    /// <summary>Starts sorting the shown order on another core, for a large plan; a small one sorts when asked.</summary>
    public void StartShownOrder()
    {
        if (sideBySide && shownSorting is null)
        {
            shownSorting = Task.Run(SortShown);
        }
    }

    /// <summary>The indexes of the claims not bound yet, in the controller's order: created claims by creation time, then claims not created yet; namespace and name break ties, then input order.</summary>
    public int[] Unbound() => unboundSorting?.GetAwaiter().GetResult() ?? SortUnbound();

    /// <summary>For each claim's index, the position of its result in the output.</summary>
    public int[] ShownPositions() => shown ??= shownSorting?.GetAwaiter().GetResult() ?? SortShown();

    /// <summary>Whether two claims have the same namespace and name (a snapshot made in code can hold both; a cluster or a manifest read cannot).</summary>
    public bool NamesRepeat()
    {
        ShownPositions();
        return namesRepeat;
    }

    private int[] SortUnbound()
    {
        var unbound = new List<int>(claims.Count);
        for (var i = 0; i < claims.Count; i++)
        {
            if (!claims[i].WasBound)
            {
                unbound.Add(i);
            }
        }

        var order = unbound.ToArray();
        order.AsSpan().Sort((a, b) => CompareCreation(claims[a], claims[b]) is var byCreation and not 0 ? byCreation : a.CompareTo(b));
        return order;
    }

    private int[] SortShown()
    {
        var order = new int[claims.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        order.AsSpan().Sort((a, b) => CompareNames(claims[a], claims[b]) is var byName and not 0 ? byName : a.CompareTo(b));
        var positions = new int[order.Length];
        for (var position = 0; position < order.Length; position++)
        {
            positions[order[position]] = position;
            namesRepeat |= position > 0 && CompareNames(claims[order[position - 1]], claims[order[position]]) == 0;
        }

        return positions;
    }

    private static int CompareCreation(PersistentVolumeClaim a, PersistentVolumeClaim b)
    {
        var (createdA, createdB) = (a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp);
        if (createdA is null || createdB is null)
        {
            var byCreated = (createdA is null ? 1 : 0) - (createdB is null ? 1 : 0);
            if (byCreated != 0)
            {
                return byCreated;
            }
        }
        else if (createdA.Value.CompareTo(createdB.Value) is var byTime and not 0)
        {
            return byTime;
        }

        return CompareNames(a, b);
    }

    private static int CompareNames(PersistentVolumeClaim a, PersistentVolumeClaim b)
    {
        var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Name, b.Name);
    }
}
