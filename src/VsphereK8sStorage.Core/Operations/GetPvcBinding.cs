using System.Collections.Generic;
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
    /// <summary>Manifest sources (files, directories already expanded, or standard input).</summary>
    public IReadOnlyList<ManifestSource> Sources { get; init; } = System.Array.Empty<ManifestSource>();

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

    public static Task<BindingPlan> RunAsync(GetPvcBindingRequest request, IOperationHost host, CancellationToken cancellationToken)
    {
        host.WriteProgress(new ProgressReport(1, Activity, $"Reading {request.Sources.Count} manifest source(s)"));
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = ManifestLoader.Load(request.Sources, host);
        cancellationToken.ThrowIfCancellationRequested();
        host.WriteProgress(new ProgressReport(1, Activity, $"Matching {snapshot.Claims.Count} claims against {snapshot.Volumes.Count} volumes", 50));
        var plan = Plan(snapshot, request);
        foreach (var warning in plan.Warnings)
        {
            host.WriteWarning(warning);
        }

        host.WriteProgress(new ProgressReport(1, Activity, "Done", 100, Completed: true));
        return Task.FromResult(plan);
    }

    public static BindingPlan Plan(ClusterSnapshot snapshot, GetPvcBindingRequest request) =>
        BindingPlanner.Plan(snapshot, new PlanOptions { Node = request.Node, Detailed = request.Detailed });
}
