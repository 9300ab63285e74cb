using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// What happens to a claim no volume fits (syncUnboundClaim's volume == nil branch and provisionClaim):
/// it waits for a first consumer, for a provisioner, or for nothing at all; and which event the
/// controller posts on it. With -Node the scheduler decides first whether it may provision on that
/// node (checkVolumeProvisions).
/// </summary>
internal static class ProvisionClaim
{
    public static void Decide(PlanRun run, ClaimOutcome outcome, StorageClass? storageClass, NodeContext? node, bool schedulerSearch, bool waitsForConsumer)
    {
        var context = outcome.Context;
        if (waitsForConsumer)
        {
            Set(outcome, ReasonCode.WaitForFirstConsumer, ControllerEvents.WaitForFirstConsumer, run.Shared(ReasonCode.WaitForFirstConsumer, context.StorageClass, context.StorageClass, static name => Param.Render($"waiting for first consumer: StorageClass '{name}' is WaitForFirstConsumer, so the claim binds when a pod using it is scheduled; give a node ({Param.Name("Node")}) to see what it would bind there", Param.Syntax)));
            return;
        }

        if (context.StorageClass.Length == 0)
        {
            Set(outcome, ReasonCode.NoMatchingVolume, ControllerEvents.NoClassNoVolume, "no volume fits and the claim has no storage class, so none will be provisioned");
            return;
        }

        if (storageClass is null)
        {
            Set(outcome, ReasonCode.ClassNotFound, run.Shared(ReasonCode.ClassNotFound, context.StorageClass, context.StorageClass, ControllerEvents.ClassNotFound), run.Shared(ReasonCode.ClassNotFound, context.StorageClass, context.StorageClass, static name => $"no volume fits, and StorageClass '{name}' does not exist, so nothing will provision one: create the class or correct storageClassName"));
            return;
        }

        var unknownNode = node is { Known: false } ? $" (node {node.Name} is not in the input, so node affinity could not be checked)" : string.Empty;
        if (schedulerSearch && storageClass.Provisioner == WellKnown.NoProvisioner)
        {
            // The scheduler will not pick this node for provisioning, so the pod stays unscheduled; the
            // controller's event then names the pod, which the input does not hold.
            Set(outcome, ReasonCode.NoVolumeOnNode, null, $"no volume fits on node {node!.Name}, and StorageClass '{storageClass.Name}' uses {WellKnown.NoProvisioner}: create a matching volume for that node by hand ({Wording.SchedulerFoundNoVolume}){unknownNode}");
            return;
        }

        if (schedulerSearch && storageClass.AllowedTopologies is { } topologies && !topologies.Any(t => t.Matches(node!.Labels, ObjectMeta.NoEntries)))
        {
            Set(outcome, ReasonCode.TopologyMismatch, null, $"no volume fits on node {node!.Name}, and StorageClass '{storageClass.Name}' may not provision there: its allowedTopologies {string.Join(" or ", topologies.Select(t => "(" + t + ")"))} exclude the node ({Wording.SchedulerFoundNoVolume}){unknownNode}");
            return;
        }

        var kind = run.Release.Classify(storageClass.Provisioner, out var provisioner);
        switch (kind)
        {
            case ProvisionerKind.NoPlugin:
                Set(outcome, ReasonCode.NoProvisioner, run.Shared(ReasonCode.NoProvisioner, storageClass.Provisioner, storageClass.Provisioner, ControllerEvents.NoPlugin), node is null
                    ? run.Shared(ReasonCode.NoProvisioner, storageClass.Name, (run, storageClass), static s => NoPluginReason(s.run, s.storageClass, null, false))
                    : NoPluginReason(run, storageClass, node, schedulerSearch) + unknownNode);
                return;
            case ProvisionerKind.InTree:
                outcome.Provisioner = provisioner;
                Set(outcome, ReasonCode.InTreeProvisioning, null, $"the PV controller's in-tree plugin {provisioner} provisions a volume{ForNode(node, schedulerSearch)}: no existing volume fits; whether it succeeds depends on the cloud{unknownNode}");
                return;
            default:
                outcome.Provisioner = provisioner;
                Set(outcome, ReasonCode.ExternalProvisioning, run.Shared(ReasonCode.ExternalProvisioning, provisioner, (run.Release, provisioner), static s => ControllerEvents.ExternalProvisioning(s.Release, s.provisioner)), node is null
                    ? run.Shared(ReasonCode.ExternalProvisioning, storageClass.Name, (storageClass, provisioner), static s => ExternalReason(s.storageClass, s.provisioner, null, false))
                    : ExternalReason(storageClass, provisioner, node, schedulerSearch) + unknownNode);
                return;
        }
    }

    // Without a node these depend only on the class, and are made once per class (PlanRun.Shared).
    private static string NoPluginReason(PlanRun run, StorageClass storageClass, NodeContext? node, bool schedulerSearch)
    {
        var how = storageClass.Provisioner == WellKnown.NoProvisioner
            ? $"uses {WellKnown.NoProvisioner}"
            : $"names provisioner {storageClass.Provisioner}, which Kubernetes {run.Options.KubernetesVersion.ToString(2)} has no plugin for";
        return node is null
            ? $"no volume fits, and StorageClass '{storageClass.Name}' {how}: create a matching volume by hand"
            : schedulerSearch
                ? $"no volume fits on node {node.Name}, and StorageClass '{storageClass.Name}' {how}, so nothing will create one there"
                : $"{Wording.ScheduledOn(node.Name)} to provision on, but StorageClass '{storageClass.Name}' {how}, so nothing will create the volume";
    }

    private static string ExternalReason(StorageClass storageClass, string provisioner, NodeContext? node, bool schedulerSearch)
    {
        var migrated = provisioner == storageClass.Provisioner ? string.Empty : $" (StorageClass '{storageClass.Name}' names {storageClass.Provisioner}, which CSI migration hands to that driver)";
        return $"waiting for provisioner {provisioner}{ForNode(node, schedulerSearch)}{migrated}{(node is not null && !schedulerSearch ? string.Empty : ": no existing volume fits")}";
    }

    private static string ForNode(NodeContext? node, bool schedulerSearch) =>
        node is null ? string.Empty
        : schedulerSearch ? $" to create a volume for node {node.Name}"
        : $" to create a volume for node {node.Name}, which the scheduler chose ({WellKnown.SelectedNodeAnnotation})";

    private static void Set(ClaimOutcome outcome, ReasonCode code, ClaimEvent? controllerEvent, string reason)
    {
        outcome.Code = code;
        outcome.Event = controllerEvent;
        outcome.Reason = reason;
    }
}
