using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// syncBoundClaim: a claim with the bind-completed annotation keeps its volume, has it written back
/// when the volume lost its claimRef, or is Lost (ClaimLost, ClaimMisbound).
/// </summary>
internal static class SyncBoundClaim
{
    public static ClaimOutcome Run(PlanRun run, PersistentVolumeClaim claim)
    {
        var context = run.ContextFor(claim, claim.ExplicitStorageClass ?? string.Empty);
        if (!claim.HasVolumeName)
        {
            return Lost(context, ReasonCode.ClaimLost, ControllerEvents.LostReference, "was bound, but spec.volumeName is now empty: the claim has lost its volume");
        }

        if (run.Volume(claim.VolumeName!) is not { } volume)
        {
            return Lost(context, ReasonCode.ClaimLost, ControllerEvents.LostVolume, $"was bound to {claim.VolumeName}, which is not in the input: the volume is gone and the claim is Lost");
        }

        if (volume.ClaimRef is not { } claimRef)
        {
            run.Take(volume, claim, inPlan: false);
            return new ClaimOutcome(context, ClaimPhase.Bound, ReasonCode.BindingRestored, $"bound to {volume.Name}; the volume lost its claimRef and the controller writes it back")
            {
                Volume = volume,
                NewBinding = true,
            };
        }

        var sameClaim = claimRef.Uid == claim.Metadata.Uid
            && (!string.IsNullOrEmpty(claimRef.Uid) || (claimRef.Name == claim.Name && claimRef.Namespace == claim.Namespace));
        if (sameClaim)
        {
            return new ClaimOutcome(context, ClaimPhase.Bound, ReasonCode.Bound, $"bound to {volume.Name}") { Volume = volume };
        }

        return Lost(context, ReasonCode.ClaimMisbound, ControllerEvents.Misbound, $"says it is bound to {volume.Name}, but that volume is bound to {claimRef.Key}: two claims point at one volume and this one is bound incorrectly");
    }

    private static ClaimOutcome Lost(ClaimContext context, ReasonCode code, ClaimEvent controllerEvent, string reason) =>
        new(context, ClaimPhase.Lost, code, reason) { Event = controllerEvent };
}
