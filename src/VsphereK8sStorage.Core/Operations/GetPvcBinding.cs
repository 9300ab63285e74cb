using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Manifests;

namespace VsphereK8sStorage.Operations;

/// <summary>What Get-PvcBinding / vk8s get-pvc-binding was asked for.</summary>
public sealed record GetPvcBindingRequest
{
    /// <summary>Where the cluster's objects come from (manifests today; the API server later).</summary>
    public IClusterSource Cluster { get; init; } = new ManifestClusterSource(System.Array.Empty<ManifestSource>());

    /// <summary>Evaluate WaitForFirstConsumer claims as if their pod ran on this node.</summary>
    public string? Node { get; init; }

    public bool Detailed { get; init; }
}

/// <summary>
/// Get-PvcBinding: read the cluster's storage objects (from manifests today; from the API server
/// once the Kubernetes client lands) and plan every claim's binding with reasons.
/// </summary>
public static class GetPvcBinding
{
    public const string Activity = "Planning PersistentVolumeClaim bindings";

    public static async Task<BindingPlan> RunAsync(GetPvcBindingRequest request, IOperationHost host, CancellationToken cancellationToken)
    {
        host.WriteProgress(new ProgressReport(1, Activity, $"Reading {request.Cluster.Description}"));
        var snapshot = await request.Cluster.ReadAsync(host, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        host.WriteProgress(new ProgressReport(1, Activity, $"Matching {snapshot.Claims.Count} claims against {snapshot.Volumes.Count} volumes", 50));
        var plan = Plan(snapshot, request);
        foreach (var warning in plan.Warnings)
        {
            host.WriteWarning(warning);
        }

        host.WriteProgress(new ProgressReport(1, Activity, "Done", 100, Completed: true));
        return plan;
    }

    public static BindingPlan Plan(ClusterSnapshot snapshot, GetPvcBindingRequest request) =>
        BindingPlanner.Plan(snapshot, new PlanOptions { Node = request.Node, Detailed = request.Detailed });
}
