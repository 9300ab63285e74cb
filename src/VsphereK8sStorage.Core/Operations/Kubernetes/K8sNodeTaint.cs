using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Operations.Kubernetes;

/// <summary>What Add-K8sNodeTaint / Remove-K8sNodeTaint (and their vk8s twins) were asked for.</summary>
public sealed record NodeTaintRequest
{
    public KubernetesSession? Session { get; init; }

    /// <summary>Node names; * ? and [a-z] are wildcards.</summary>
    public IReadOnlyList<string> Nodes { get; init; } = Array.Empty<string>();

    /// <summary>A label selector choosing nodes (node-role.kubernetes.io/worker, zone in (a,b)).</summary>
    public string? Selector { get; init; }

    public string Key { get; init; } = string.Empty;

    /// <summary>The taint's value; adding without one sets an empty value, removing without one removes any value.</summary>
    public string? Value { get; init; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute; required to add, optional to remove (all effects).</summary>
    public string? Effect { get; init; }

    /// <summary>Add: replace the value of a taint with the same key and effect (kubectl taint --overwrite).</summary>
    public bool Overwrite { get; init; }
}

/// <summary>Add-K8sNodeTaint and Remove-K8sNodeTaint: change spec.taints of the chosen nodes, one read-modify-write per node.</summary>
public static class K8sNodeTaint
{
    public const string AddActivity = "Adding node taints";

    public const string RemoveActivity = "Removing node taints";

    private static readonly string[] Effects = System.Enum.GetNames<TaintEffect>();

    /// <summary>The error id of the summary that ends a run stopped early.</summary>
    public const string InterruptedId = "K8sNodeTaintInterrupted";

    public static Task<IReadOnlyList<NodeTaintResult>> AddAsync(NodeTaintRequest request, IOperationHost host, CancellationToken cancellationToken) =>
        Emitted.CollectAsync<NodeTaintResult>(emit => AddAsync(request, host, emit, cancellationToken));

    public static Task<IReadOnlyList<NodeTaintResult>> RemoveAsync(NodeTaintRequest request, IOperationHost host, CancellationToken cancellationToken) =>
        Emitted.CollectAsync<NodeTaintResult>(emit => RemoveAsync(request, host, emit, cancellationToken));

    /// <summary>Adds the taint node by node and hands each node's result to <paramref name="emit"/> as soon as it is written.</summary>
    public static Task AddAsync(NodeTaintRequest request, IOperationHost host, Action<NodeTaintResult> emit, CancellationToken cancellationToken)
    {
        var taint = Taint(request, effectRequired: true);
        return ForEachNodeAsync(request, host, AddActivity, $"Add taint {Format(taint)}{(AddImpact(taint.Effect) == ActionImpact.High ? " (evicts the pods that do not tolerate it)" : string.Empty)}", Format(taint), AddImpact(taint.Effect), node =>
        {
            var same = node.Spec?.Taints?.FirstOrDefault(t => t.Key == taint.Key && t.Effect == taint.Effect);
            if (same is null)
            {
                return (TaintOutcome.Added, null);
            }

            if ((same.Value ?? string.Empty) == (taint.Value ?? string.Empty))
            {
                return (TaintOutcome.Unchanged, null);
            }

            return request.Overwrite
                ? (TaintOutcome.Updated, null)
                : (TaintOutcome.Unchanged, new VsphereK8sException("TaintExists", ErrorKind.ResourceExists, $"Node {node.Metadata.Name} already has the taint {Format(same)}; pass {Param.Name("Overwrite")} to change its value to '{taint.Value}'.", node.Metadata.Name));
        }, node =>
        {
            var taints = (node.Spec.Taints ?? new List<V1Taint>()).Where(t => !(t.Key == taint.Key && t.Effect == taint.Effect)).ToList();
            taints.Add(new V1Taint { Key = taint.Key, Value = taint.Value, Effect = taint.Effect });
            node.Spec.Taints = taints;
        }, emit, cancellationToken);
    }

    /// <summary>
    /// Adding a NoExecute taint evicts every pod on the node that does not tolerate it, so it is confirmed as a
    /// high-impact action; the other effects only steer scheduling.
    /// </summary>
    public static ActionImpact AddImpact(string? effect) =>
        string.Equals(effect, nameof(TaintEffect.NoExecute), System.StringComparison.OrdinalIgnoreCase) ? ActionImpact.High : ActionImpact.Medium;

    /// <summary>Removes the taint node by node and hands each node's result to <paramref name="emit"/> as soon as it is written.</summary>
    public static Task RemoveAsync(NodeTaintRequest request, IOperationHost host, Action<NodeTaintResult> emit, CancellationToken cancellationToken)
    {
        var taint = Taint(request, effectRequired: false);
        var description = taint.Effect is null ? $"{taint.Key}{(request.Value is null ? string.Empty : "=" + request.Value)} (any effect)" : Format(taint);
        bool Matches(V1Taint t) => t.Key == taint.Key && (taint.Effect is null || t.Effect == taint.Effect) && (request.Value is null || (t.Value ?? string.Empty) == request.Value);
        return ForEachNodeAsync(request, host, RemoveActivity, $"Remove taint {description}", description, ActionImpact.Medium, node =>
            (node.Spec?.Taints?.Any(Matches) == true ? TaintOutcome.Removed : TaintOutcome.NotPresent, null),
            node => node.Spec.Taints = node.Spec.Taints.Where(t => !Matches(t)).ToList(),
            emit,
            cancellationToken);
    }

    internal static string Format(V1Taint taint) =>
        $"{taint.Key}{(string.IsNullOrEmpty(taint.Value) ? string.Empty : "=" + taint.Value)}:{taint.Effect}";

    private static V1Taint Taint(NodeTaintRequest request, bool effectRequired)
    {
        if (KubernetesInput.Problem(KubernetesNames.IsQualifiedName(request.Key ?? string.Empty)) is { } keyProblem)
        {
            throw new InvalidParameterException("InvalidTaint", "Key", $"Invalid taint key '{request.Key}': {keyProblem}.", request.Key);
        }

        if (request.Value is not null && KubernetesInput.Problem(KubernetesNames.IsValidLabelValue(request.Value)) is { } valueProblem)
        {
            throw new InvalidParameterException("InvalidTaint", "Value", $"Invalid taint value '{request.Value}': {valueProblem}.", request.Value);
        }

        if (effectRequired && request.Effect is null)
        {
            throw new InvalidParameterException("InvalidTaint", "Effect", $"A taint needs an effect: {string.Join(", ", Effects)}.");
        }

        if (request.Nodes.Count == 0 && request.Selector is null)
        {
            throw new InvalidParameterException("NoNodeChosen", "Node", $"Choose nodes with {Param.Name("Node")} (names, wildcards: {Param.Name("Node")} '*' for all) or {Param.Name("Selector")} (labels).");
        }

        if (request.Selector is not null)
        {
            SelectorSyntax.Parse("Selector", request.Selector);
        }

        return new V1Taint { Key = request.Key!, Value = request.Value, Effect = KubernetesInput.OneOf("Effect", "taint effect", request.Effect, Effects) };
    }

    /// <summary>
    /// Finds the nodes, then for each: decide from what it has now (no write when nothing changes),
    /// ask ShouldProcess, and write with optimistic concurrency. One bad node is an error record; the rest go on.
    /// Each node's result is emitted once written. A stop (Ctrl+C) lets the node being written finish and writes no
    /// further node; a failure of the connection itself ends the run; both end with a summary naming every node changed.
    /// </summary>
    private static async Task ForEachNodeAsync(
        NodeTaintRequest request,
        IOperationHost host,
        string activity,
        string action,
        string taintText,
        ActionImpact impact,
        Func<V1Node, (TaintOutcome Outcome, VsphereK8sException? Refusal)> decide,
        Action<V1Node> change,
        Action<NodeTaintResult> emit,
        CancellationToken cancellationToken)
    {
        var api = KubernetesModels.RequireSession(request.Session).Api(host);
        var nodes = await FindNodesAsync(api, request, host, cancellationToken).ConfigureAwait(false);
        var ledger = new RunLedger(nodes.Count, "node", "nodes");
        using var stop = new GracefulStop(cancellationToken);
        void Done(string node, NodeTaintResult result)
        {
            emit(result);
            ledger.Record(node, result.Outcome is TaintOutcome.Added or TaintOutcome.Updated or TaintOutcome.Removed ? ItemOutcome.Changed : ItemOutcome.Unchanged);
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw ledger.Interrupted(InterruptedId, cancelled: true, null);
            }

            var node = nodes[i];
            var name = node.Metadata.Name;
            host.WriteProgress(new ProgressReport(1, activity, $"node {name} ({i + 1} of {nodes.Count})", i * 100 / nodes.Count));
            var (outcome, refusal) = decide(node);
            if (refusal is not null)
            {
                host.WriteError(refusal);
                ledger.Record(name, ItemOutcome.Failed);
                continue;
            }

            if (outcome is TaintOutcome.Unchanged or TaintOutcome.NotPresent)
            {
                Done(name, KubernetesResults.Taint(name, taintText, outcome, node.Spec?.Taints));
                continue;
            }

            if (!host.ShouldProcess($"node/{name}", action, impact))
            {
                continue;
            }

            try
            {
                // Decided again on every fresh read, in case the node changed since it was listed.
                var (written, changed) = await api.UpdateAsync(Resources.Node, name, null, fresh =>
                {
                    fresh.Spec ??= new V1NodeSpec();
                    var (now, stop) = decide(fresh);
                    outcome = now;
                    refusal = stop;
                    if (stop is not null || now is TaintOutcome.Unchanged or TaintOutcome.NotPresent)
                    {
                        return false;
                    }

                    change(fresh);
                    return true;
                }, stop.InFlight).ConfigureAwait(false);
                if (refusal is not null)
                {
                    host.WriteError(refusal);
                    ledger.Record(name, ItemOutcome.Failed);
                    continue;
                }

                Done(name, KubernetesResults.Taint(name, taintText, changed ? outcome : outcome is TaintOutcome.Removed ? TaintOutcome.NotPresent : TaintOutcome.Unchanged, written.Spec?.Taints));
            }
            catch (VsphereK8sException ex) when (ex is not KubeconfigException && ex.Kind is not ErrorKind.AuthenticationFailed and not ErrorKind.SecurityError and not ErrorKind.ConnectionFailed)
            {
                host.WriteError(ex);
                ledger.Record(name, ItemOutcome.Failed);
            }
            catch (Exception ex) when (ex is VsphereK8sException or OperationCanceledException)
            {
                // The write may or may not have reached the server before the connection (or the grace period) ended.
                ledger.Record(name, ItemOutcome.InDoubt);
                throw ledger.Interrupted(InterruptedId, cancelled: ex is OperationCanceledException && cancellationToken.IsCancellationRequested, ex is OperationCanceledException ? null : ex);
            }
        }

        host.WriteProgress(new ProgressReport(1, activity, "Done", 100, Completed: true));
    }

    private static async Task<IReadOnlyList<V1Node>> FindNodesAsync(KubernetesApi api, NodeTaintRequest request, IOperationHost host, CancellationToken cancellationToken)
    {
        var literal = request.Selector is null && request.Nodes.All(n => !NamePattern.ContainsWildcard(n));
        if (literal)
        {
            var found = new List<V1Node>();
            foreach (var name in request.Nodes.Distinct(StringComparer.Ordinal))
            {
                var node = await api.GetAsync(Resources.Node, name, null, cancellationToken).ConfigureAwait(false);
                if (node is null)
                {
                    host.WriteError(new VsphereK8sException("NodeNotFound", ErrorKind.ObjectNotFound, $"Node '{name}' does not exist in {api.Endpoint.Server}.", name));
                }
                else
                {
                    found.Add(node);
                }
            }

            return found;
        }

        var all = await api.ListAllAsync(Resources.Node, null, cancellationToken, labelSelector: request.Selector).ConfigureAwait(false);
        if (request.Nodes.Count == 0)
        {
            if (all.Items.Count == 0)
            {
                host.WriteError(new VsphereK8sException("NodeNotFound", ErrorKind.ObjectNotFound, $"No node has labels matching '{request.Selector}'.", request.Selector));
            }

            return all.Items.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).ToList();
        }

        var patterns = request.Nodes.Select(p => (Text: p, Pattern: NamePattern.Create(p))).ToList();
        foreach (var (text, pattern) in patterns.Where(p => !all.Items.Any(n => p.Pattern.IsMatch(n.Metadata.Name))))
        {
            var why = request.Selector is null ? string.Empty : $" among the nodes matching '{request.Selector}'";
            host.WriteError(new VsphereK8sException("NodeNotFound", ErrorKind.ObjectNotFound, $"No node matches '{text}'{why}.", text));
        }

        return all.Items.Where(n => patterns.Any(p => p.Pattern.IsMatch(n.Metadata.Name))).OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).ToList();
    }
}
