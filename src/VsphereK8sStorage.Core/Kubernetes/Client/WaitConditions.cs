using k8s.Models;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>Conditions to wait for, read the way kubectl reads them.</summary>
internal static class WaitConditions
{
    public static WaitState ClaimBound(V1PersistentVolumeClaim? claim) => claim switch
    {
        null => new WaitState(false, "the claim does not exist"),
        { Status.Phase: "Bound" } => new WaitState(true, $"Bound to {claim.Spec.VolumeName}"),
        _ => new WaitState(false, claim.Status?.Phase ?? "Pending"),
    };

    /// <summary>kubectl rollout status for a Deployment: the new generation observed, every replica updated and available.</summary>
    public static WaitState DeploymentAvailable(V1Deployment? deployment)
    {
        if (deployment is null)
        {
            return new WaitState(false, "the Deployment does not exist");
        }

        var wanted = deployment.Spec.Replicas ?? 1;
        var status = deployment.Status;
        var observed = (status?.ObservedGeneration ?? 0) >= (deployment.Metadata.Generation ?? 0);
        var updated = status?.UpdatedReplicas ?? 0;
        var available = status?.AvailableReplicas ?? 0;
        return new WaitState(observed && updated >= wanted && available >= wanted && (status?.Replicas ?? 0) <= updated, $"{available} of {wanted} replicas available, {updated} updated");
    }

    /// <summary>kubectl rollout status for a DaemonSet: every scheduled pod updated and available.</summary>
    public static WaitState DaemonSetRolledOut(V1DaemonSet? daemonSet)
    {
        if (daemonSet is null)
        {
            return new WaitState(false, "the DaemonSet does not exist");
        }

        var status = daemonSet.Status;
        var observed = (status?.ObservedGeneration ?? 0) >= (daemonSet.Metadata.Generation ?? 0);
        var desired = status?.DesiredNumberScheduled ?? 0;
        var updated = status?.UpdatedNumberScheduled ?? 0;
        var available = status?.NumberAvailable ?? 0;
        return new WaitState(observed && updated >= desired && available >= desired, $"{available} of {desired} pods available, {updated} updated");
    }
}
