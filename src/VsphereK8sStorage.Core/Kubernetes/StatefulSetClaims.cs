using System.Globalization;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// The claims a StatefulSet's controller creates for its replicas, as <c>getPersistentVolumeClaims</c> in
/// <c>pkg/controller/statefulset</c> makes them: for each ordinal in order, each template copied, named
/// <c>&lt;template&gt;-&lt;set&gt;-&lt;ordinal&gt;</c>, in the set's namespace, its labels with the set's
/// <c>selector.matchLabels</c> added. A claim of that name that exists already is the one the controller
/// uses, so it is not created again.
/// </summary>
public static class StatefulSetClaims
{
    /// <summary>The most replicas a preview stamps out; more is refused rather than planned for minutes.</summary>
    public const int MaxReplicas = 10_000;

    /// <summary>The set named <paramref name="name"/> among <paramref name="sets"/>, in <paramref name="ns"/> when given.</summary>
    public static StatefulSet Find(IReadOnlyList<StatefulSet> sets, string name, string? ns, string source)
    {
        var named = sets.Where(s => s.Name == name && (ns is null || s.Namespace == ns)).ToList();
        if (named.Count == 1)
        {
            return named[0];
        }

        var shown = MessageText.Bounded(name, 80);
        if (named.Count == 0)
        {
            var where = ns is null ? string.Empty : $" in namespace {MessageText.Bounded(ns, 63)}";
            var others = sets.Count == 0 ? "it holds no StatefulSet" : "it holds " + string.Join(", ", sets.Take(5).Select(s => s.Key)) + (sets.Count > 5 ? ", …" : string.Empty);
            throw new VsphereK8sException("StatefulSetNotFound", ErrorKind.ObjectNotFound,
                $"No StatefulSet {shown}{where} in {source} ({others}): check {Param.Name("StatefulSet", "statefulset")}" + (ns is null ? "." : $" and {Param.Name("Namespace")}."), name);
        }

        throw new InvalidParameterException("StatefulSetAmbiguous", "Namespace",
            $"StatefulSet {shown} is in {named.Count.ToString(CultureInfo.InvariantCulture)} namespaces ({string.Join(", ", named.Select(s => s.Namespace))}): name one with {Param.Name("Namespace")}.", name);
    }

    /// <summary>
    /// The claims <paramref name="set"/> would create with <paramref name="replicas"/> replicas (the set's own
    /// <c>spec.replicas</c> when null) that <paramref name="existing"/> does not hold, in the controller's order:
    /// ordinal by ordinal, each ordinal's templates in the order the set lists them.
    /// </summary>
    public static IReadOnlyList<PersistentVolumeClaim> Expand(StatefulSet set, int? replicas, IReadOnlyList<PersistentVolumeClaim> existing)
    {
        var count = replicas ?? set.Replicas ?? 1;
        CheckReplicas(count, replicas is not null);
        if (set.ClaimTemplates.Count == 0)
        {
            throw new VsphereK8sException("StatefulSetHasNoClaimTemplates", ErrorKind.InvalidArgument,
                $"StatefulSet {set.Key} has no volumeClaimTemplates, so its replicas create no claims: give a StatefulSet that has them in {Param.Name("StatefulSet", "statefulset")}.", set.Key);
        }

        if (set.ClaimTemplates.FirstOrDefault(t => t.Problem is not null) is { } broken)
        {
            throw new VsphereK8sException("StatefulSetClaimTemplateInvalid", ErrorKind.InvalidData,
                $"StatefulSet {set.Key}: {MessageText.Bounded(broken.Problem!, 300)}; its controller could not create that claim.", set.Key);
        }

        var taken = existing.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var claims = new List<PersistentVolumeClaim>(count * set.ClaimTemplates.Count);
        for (var i = 0; i < count; i++)
        {
            var ordinal = (long)set.OrdinalStart + i;
            foreach (var template in set.ClaimTemplates)
            {
                var claim = Stamp(set, template.Claim, ordinal);
                if (taken.Add(claim.Key))
                {
                    claims.Add(claim);
                }
            }
        }

        return claims;
    }

    /// <summary>The claim's name: <c>&lt;template&gt;-&lt;set&gt;-&lt;ordinal&gt;</c>.</summary>
    public static string ClaimName(string template, string set, long ordinal) =>
        template + "-" + set + "-" + ordinal.ToString(CultureInfo.InvariantCulture);

    internal static void CheckReplicas(int count, bool asked)
    {
        if (count < 0)
        {
            throw new InvalidParameterException("ReplicasInvalid", "Replicas",
                asked ? $"{Param.Name("Replicas")} is {count.ToString(CultureInfo.InvariantCulture)}: give 0 or more replicas."
                      : "The StatefulSet's spec.replicas is negative: give the count with " + Param.Name("Replicas") + ".", count.ToString(CultureInfo.InvariantCulture));
        }

        if (count > MaxReplicas)
        {
            throw new InvalidParameterException("ReplicasTooMany", "Replicas",
                $"{count.ToString(CultureInfo.InvariantCulture)} replicas is more than a preview plans ({MaxReplicas.ToString(CultureInfo.InvariantCulture)} at most): give a smaller {Param.Name("Replicas")}.", count.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static PersistentVolumeClaim Stamp(StatefulSet set, PersistentVolumeClaim template, long ordinal)
    {
        Dictionary<string, string> labels;
        if (template.Metadata.Labels.Count > 0)
        {
            labels = new Dictionary<string, string>(template.Metadata.Labels, StringComparer.Ordinal);
            foreach (var label in set.SelectorLabels)
            {
                labels[label.Key] = label.Value;
            }
        }
        else
        {
            labels = new Dictionary<string, string>(set.SelectorLabels, StringComparer.Ordinal);
        }

        return template with
        {
            Metadata = template.Metadata with
            {
                Name = ClaimName(template.Name, set.Name, ordinal),
                Namespace = set.Namespace,
                Uid = null,
                CreationTimestamp = null,
                DeletionTimestamp = null,
                Labels = labels,
                Source = set.Metadata.Source,
            },
            VolumeName = template.VolumeName,
            Phase = null,
        };
    }
}
