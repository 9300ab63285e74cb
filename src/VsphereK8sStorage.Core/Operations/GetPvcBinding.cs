using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Operations;

/// <summary>What Get-PvcBinding / vk8s get-pvc-binding was asked for.</summary>
public sealed record GetPvcBindingRequest
{
    /// <summary>Where the cluster's objects come from; the core resolves it (see <see cref="ClusterSourceSpec"/>).</summary>
    public required ClusterSourceSpec Source { get; init; }

    /// <summary>Evaluate WaitForFirstConsumer claims as if their pod ran on this node.</summary>
    public string? Node { get; init; }

    public bool Detailed { get; init; }
}

/// <summary>
/// What Get-PvcBinding found: the plan of every claim that could be read, and what could not be read.
/// Hosts write the plan's claims first and then fail with <see cref="InputFailure"/>, so one bad file
/// costs its own objects, not the whole run.
/// </summary>
public sealed record GetPvcBindingResult(BindingPlan Plan, VsphereK8sException? InputFailure);

/// <summary>
/// Get-PvcBinding: read the cluster's storage objects (manifests, or a live cluster once the
/// Kubernetes client lands) and plan every claim's binding with reasons.
/// </summary>
public static class GetPvcBinding
{
    public const string Activity = "Planning PersistentVolumeClaim bindings";

    public static async Task<GetPvcBindingResult> RunAsync(GetPvcBindingRequest request, IOperationHost host, CancellationToken cancellationToken)
    {
        var cluster = request.Source.Open();
        host.WriteProgress(new ProgressReport(1, Activity, $"Reading {cluster.Description}"));
        var snapshot = await cluster.ReadAsync(host, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        host.WriteProgress(new ProgressReport(1, Activity, $"Matching {snapshot.Claims.Count} claims against {snapshot.Volumes.Count} volumes", 50));
        if (snapshot.ReadFailure is not null && snapshot.ObjectCount > 0)
        {
            host.WriteWarning($"the plan leaves out what could not be read from {cluster.Description}; claims may bind differently in the cluster until it is fixed");
        }

        var plan = Plan(snapshot, request);
        foreach (var warning in plan.Warnings)
        {
            host.WriteWarning(warning);
        }

        host.WriteProgress(new ProgressReport(1, Activity, "Done", 100, Completed: true));
        return new GetPvcBindingResult(plan, snapshot.ReadFailure);
    }

    public static BindingPlan Plan(ClusterSnapshot snapshot, GetPvcBindingRequest request) =>
        BindingPlanner.Plan(snapshot, new PlanOptions { Node = request.Node, Detailed = request.Detailed });
}
