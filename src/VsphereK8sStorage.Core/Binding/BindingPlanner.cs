using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>A binding plan: one entry per claim (sorted by namespace and name) and warnings about the input.</summary>
public sealed class BindingPlan
{
    public BindingPlan(IReadOnlyList<PvcBinding> claims, IReadOnlyList<string> warnings)
    {
        Claims = claims;
        Warnings = warnings;
    }

    public IReadOnlyList<PvcBinding> Claims { get; }

    public IReadOnlyList<string> Warnings { get; }
}

/// <summary>
/// Predicts what Kubernetes' PV controller (and, for WaitForFirstConsumer claims on a node, the
/// scheduler's volume binder) does with a set of volumes, claims, classes and nodes, and says why.
/// </summary>
/// <remarks>
/// Design — invariants this planner keeps, as the PV controller does:
/// <list type="bullet">
/// <item>A binding is the two-way pointer pv.spec.claimRef ↔ pvc.spec.volumeName. The input is never
/// mutated; the plan records bindings on <see cref="VolumeState"/> copies.</item>
/// <item>Claims the input already binds (bind-completed annotation or a recorded Bound/Lost phase) keep
/// their volumes, or are Lost exactly when the controller would mark them Lost.</item>
/// <item>Other claims go in creation order (metadata.creationTimestamp, claims not yet created last,
/// then namespace/name), each taking its volume away from later claims.</item>
/// <item>Matching follows FindMatchingVolume: pre-bound volumes win; capacity, volume mode, attributes
/// class, deletion, phase, selector, class, access modes and (on a node) node affinity filter; the
/// smallest volume wins, searched by access-mode set from the fewest modes up.</item>
/// <item>A claim with no class set gets the default class from the DefaultStorageClass admission plugin
/// when it has not been created yet (no uid); an existing one is first matched with no class and gets
/// the default class retroactively only if nothing matched, as the controller does since 1.28.</item>
/// <item>Quantities compare as exact decimals; where Kubernetes leaves an order unspecified (equal sizes,
/// access-mode sets of equal size) the plan breaks the tie by name, so it is deterministic.</item>
/// </list>
/// </remarks>
public static class BindingPlanner
{
    public static BindingPlan Plan(ClusterSnapshot snapshot, PlanOptions? options = null) =>
        Plan(snapshot, options ?? new PlanOptions(), SearchStrategy.Indexed);

    public static BindingPlan Plan(ClusterSnapshot snapshot, PlanOptions options, SearchStrategy strategy) =>
        new Run(snapshot, options, strategy).Execute();

    /// <summary>The default class as Kubernetes picks it: among classes marked default, the newest, then by name.</summary>
    public static StorageClass? DefaultClass(IEnumerable<StorageClass> classes) =>
        classes
            .Where(c => c.IsDefault)
            .OrderByDescending(c => c.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    private sealed class Run
    {
        private readonly PlanOptions options;
        private readonly List<string> warnings = new();
        private readonly IReadOnlyList<VolumeState> volumes;
        private readonly Dictionary<string, VolumeState> volumesByName;
        private readonly Dictionary<string, StorageClass> classes;
        private readonly Dictionary<string, Node> nodes;
        private readonly StorageClass? defaultClass;
        private readonly IVolumeSearch search;
        private readonly NearMissFinder nearMisses;
        private readonly IReadOnlyList<PersistentVolumeClaim> claims;

        public Run(ClusterSnapshot snapshot, PlanOptions options, SearchStrategy strategy)
        {
            this.options = options;
            claims = snapshot.Claims;
            volumes = snapshot.Volumes
                .OrderBy(v => v.Name, StringComparer.Ordinal)
                .Select((v, i) => new VolumeState(i, v))
                .ToArray();
            volumesByName = volumes.ToDictionary(v => v.Name, StringComparer.Ordinal);
            classes = snapshot.StorageClasses.ToDictionary(c => c.Name, StringComparer.Ordinal);
            nodes = snapshot.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
            var defaults = snapshot.StorageClasses.Where(c => c.IsDefault).ToList();
            defaultClass = DefaultClass(defaults);
            if (defaults.Count > 1)
            {
                warnings.Add($"{defaults.Count} StorageClasses are marked default ({string.Join(", ", defaults.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal))}); Kubernetes uses the newest, '{defaultClass!.Name}'. Unmark the others.");
            }

            if (options.Node is not null && !nodes.ContainsKey(options.Node))
            {
                throw new InvalidParameterException(
                    "NodeNotFound",
                    "Node",
                    $"Node '{options.Node}' is not in the input. Add its Node object (kubectl get node {options.Node} -o yaml) to evaluate node affinity, or leave out the node.",
                    options.Node);
            }

            search = strategy == SearchStrategy.Linear ? new LinearVolumeSearch(volumes) : new IndexedVolumeSearch(volumes);
            nearMisses = new NearMissFinder(volumes);
        }

        public BindingPlan Execute()
        {
            var results = new List<PvcBinding>(claims.Count);

            // Bound claims first: they do not compete, they hold what they have.
            foreach (var claim in claims.Where(c => c.WasBound))
            {
                results.Add(KeepBound(claim));
            }

            var pending = claims
                .Where(c => !c.WasBound)
                .OrderBy(c => c.Metadata.CreationTimestamp is null ? 1 : 0)
                .ThenBy(c => c.Metadata.CreationTimestamp)
                .ThenBy(c => c.Namespace, StringComparer.Ordinal)
                .ThenBy(c => c.Name, StringComparer.Ordinal);
            foreach (var claim in pending)
            {
                results.Add(PlanClaim(claim));
            }

            if (options.Node is not null)
            {
                results = results.Select(CheckBoundVolumeOnNode).ToList();
            }

            results.Sort((a, b) =>
            {
                var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
                return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Name, b.Name);
            });
            return new BindingPlan(results, warnings);
        }

        // syncBoundClaim: a claim that was bound keeps its volume, or is Lost.
        private PvcBinding KeepBound(PersistentVolumeClaim claim)
        {
            var context = new ClaimContext(claim, claim.ExplicitStorageClass ?? string.Empty);
            if (!claim.HasVolumeName)
            {
                return Result(context, ClaimPhase.Lost, null, false, "was bound, but spec.volumeName is now empty: the claim has lost its volume (ClaimLost)");
            }

            if (!volumesByName.TryGetValue(claim.VolumeName!, out var volume))
            {
                return Result(context, ClaimPhase.Lost, null, false, $"was bound to {claim.VolumeName}, which is not in the input: the volume is gone and the claim is Lost (ClaimLost)");
            }

            var claimRef = volume.ClaimRef;
            if (claimRef is null)
            {
                Take(volume, claim, inPlan: false);
                return Result(context, ClaimPhase.Bound, volume, true, $"bound to {volume.Name}; the volume lost its claimRef and the controller writes it back");
            }

            var sameClaim = claimRef.Uid == claim.Metadata.Uid
                && (!string.IsNullOrEmpty(claimRef.Uid) || (claimRef.Name == claim.Name && claimRef.Namespace == claim.Namespace));
            if (sameClaim)
            {
                return Result(context, ClaimPhase.Bound, volume, false, $"bound to {volume.Name}");
            }

            return Result(context, ClaimPhase.Lost, null, false, $"says it is bound to {volume.Name}, but that volume is bound to {claimRef.Key}: two claims point at one volume and this one is bound incorrectly (ClaimMisbound)");
        }

        // syncUnboundClaim, for claims that have not been bound yet.
        private PvcBinding PlanClaim(PersistentVolumeClaim claim)
        {
            var explicitClass = claim.ExplicitStorageClass;
            string? classNote = null;
            var retroactiveDefault = false;
            var storageClass = explicitClass ?? string.Empty;
            if (explicitClass is null && defaultClass is not null)
            {
                if (claim.Metadata.Uid is null)
                {
                    storageClass = defaultClass.Name;
                    classNote = $"storageClassName is unset, so on creation the DefaultStorageClass admission plugin sets the default class '{defaultClass.Name}' (write storageClassName: \"\" to bind a volume without a class)";
                }
                else
                {
                    retroactiveDefault = true;
                }
            }

            var context = new ClaimContext(claim, storageClass);
            if (claim.HasVolumeName)
            {
                return PlanRequestedVolume(context, classNote);
            }

            var result = Search(context, classNote, out var found);
            if (found is null && retroactiveDefault)
            {
                // The controller assigns the default class to an existing claim only after nothing matched without a class.
                context.StorageClass = defaultClass!.Name;
                classNote = $"storageClassName is unset and no volume without a class fits, so the PV controller assigns the default class '{defaultClass.Name}'";
                result = Search(context, classNote, out _);
            }

            return result;
        }

        private PvcBinding Search(ClaimContext context, string? classNote, out VolumeState? found)
        {
            var claim = context.Claim;
            classes.TryGetValue(context.StorageClass, out var storageClass);
            var delayBinding = context.StorageClass.Length > 0 && storageClass?.VolumeBindingMode == VolumeBindingMode.WaitForFirstConsumer;
            var selectedNode = delayBinding ? claim.Metadata.Annotation(WellKnown.SelectedNodeAnnotation) : null;

            // Which path decides: the scheduler's search on a node the user names (-Node), or the PV controller.
            // A selected-node annotation means the scheduler has already chosen to provision on that node, so
            // the claim only gets a pre-bound volume or a new one from the provisioner.
            NodeContext? node = null;
            var schedulerSearch = false;
            if (delayBinding && options.Node is not null)
            {
                node = NodeFor(options.Node);
                if (selectedNode is not null && selectedNode != options.Node)
                {
                    found = null;
                    var conflict = $"the scheduler has already chosen node {selectedNode} for this claim (volume.kubernetes.io/selected-node), so a pod on node {options.Node} cannot use it (node(s) didn't find available persistent volumes to bind)";
                    return Result(context, ClaimPhase.Pending, null, false, Join(conflict, classNote), node: node.Name);
                }

                schedulerSearch = selectedNode is null;
            }
            else if (selectedNode is not null)
            {
                node = NodeFor(selectedNode);
            }

            found = schedulerSearch ? search.FindForNode(context, node!) : search.FindForController(context, delayBinding);
            if (found is not null)
            {
                var why = MatchRules.PointsTo(found.ClaimRef, claim)
                    ? $"binds {found.Name}: the volume's spec.claimRef reserves it for this claim"
                    : schedulerSearch
                        ? $"binds {found.Name}: the smallest Available volume {ClassPhrase(context.StorageClass)} that fits {claim.Request} with {claim.AccessModes.ToShortString()} on node {node!.Name}"
                        : $"binds {found.Name}: the smallest Available volume {ClassPhrase(context.StorageClass)} that fits {claim.Request} with {claim.AccessModes.ToShortString()}{SearchOrderNote(context, found)}";
                Take(found, claim, inPlan: true);
                return Result(context, ClaimPhase.Bound, found, true, Join(why, classNote), node: node?.Name);
            }

            var waitsForConsumer = delayBinding && node is null;
            var fitsButWhy = waitsForConsumer
                ? "fits, but binds only when a pod using the claim is scheduled (WaitForFirstConsumer)"
                : node is not null && !schedulerSearch
                    ? $"fits, but the scheduler chose to provision a new volume on node {node.Name} (volume.kubernetes.io/selected-node)"
                    : null;
            var rejections = nearMisses.Explain(context, node, fitsButWhy, options.Detailed, options.NearMissLimit, null);
            var (reason, provisioner) = PendingReason(context, storageClass, node, schedulerSearch, waitsForConsumer);
            reason = Join(reason, classNote);
            if (!waitsForConsumer && rejections.Count > 0)
            {
                reason += $"; closest: {rejections[0].Volume} ({string.Join(", ", rejections[0].Reasons)})";
            }

            return Result(context, ClaimPhase.Pending, null, false, reason, rejections, provisioner, node?.Name);
        }

        /// <summary>Why a claim with no volume stays Pending, and the provisioner it waits for, if any.</summary>
        private static (string Reason, string? Provisioner) PendingReason(ClaimContext context, StorageClass? storageClass, NodeContext? node, bool schedulerSearch, bool waitsForConsumer)
        {
            if (waitsForConsumer)
            {
                return ($"waiting for first consumer: StorageClass '{context.StorageClass}' is WaitForFirstConsumer, so the claim binds when a pod using it is scheduled; give a node (-Node / --node) to see what it would bind there", null);
            }

            if (context.StorageClass.Length == 0)
            {
                return ("no volume fits and the claim has no storage class, so none will be provisioned (FailedBinding)", null);
            }

            if (storageClass is null)
            {
                return ($"no volume fits, and StorageClass '{context.StorageClass}' does not exist, so nothing will provision one: create the class or correct storageClassName (ProvisioningFailed: storageclass.storage.k8s.io \"{context.StorageClass}\" not found)", null);
            }

            var unknownNode = node is { Known: false } ? $" (node {node.Name} is not in the input, so node affinity could not be checked)" : string.Empty;
            if (!storageClass.CanProvision)
            {
                var how = storageClass.Provisioner.Length == 0 ? "has no provisioner" : $"uses {WellKnown.NoProvisioner}";
                var text = node is null
                    ? $"no volume fits, and StorageClass '{storageClass.Name}' {how}: create a matching volume by hand"
                    : schedulerSearch
                        ? $"no volume fits on node {node.Name}, and StorageClass '{storageClass.Name}' {how}: create a matching volume for that node by hand (node(s) didn't find available persistent volumes to bind)"
                        : $"the scheduler chose node {node.Name} to provision on (volume.kubernetes.io/selected-node), but StorageClass '{storageClass.Name}' {how}, so nothing will create the volume";
                return (text + unknownNode, null);
            }

            if (node is not null && storageClass.AllowedTopologies is { } topologies && !topologies.Any(t => t.Matches(node.Labels, ObjectMeta.NoEntries)))
            {
                return ($"no volume fits on node {node.Name}, and StorageClass '{storageClass.Name}' may not provision there: its allowedTopologies {string.Join(" or ", topologies.Select(t => "(" + t + ")"))} exclude the node (node(s) didn't find available persistent volumes to bind)" + unknownNode, null);
            }

            var provisioner = storageClass.Provisioner;
            var waiting = node is null
                ? $"waiting for provisioner {provisioner}: no existing volume fits"
                : schedulerSearch
                    ? $"waiting for provisioner {provisioner} to create a volume for node {node.Name}: no existing volume fits"
                    : $"waiting for provisioner {provisioner} to create a volume for node {node.Name}, which the scheduler chose (volume.kubernetes.io/selected-node)";
            return (waiting + unknownNode, provisioner);
        }

        private NodeContext NodeFor(string name)
        {
            nodes.TryGetValue(name, out var node);
            return new NodeContext(name, node);
        }

        // A claim that names its volume in spec.volumeName.
        private PvcBinding PlanRequestedVolume(ClaimContext context, string? classNote)
        {
            var claim = context.Claim;
            if (!volumesByName.TryGetValue(claim.VolumeName!, out var volume))
            {
                return Result(context, ClaimPhase.Pending, null, false, Join($"spec.volumeName names {claim.VolumeName}, which is not in the input; the claim waits until that volume exists", classNote));
            }

            if (volume.ClaimRef is null)
            {
                var problem = MatchRules.CheckRequestedVolume(volume.Volume, claim, context.StorageClass);
                if (problem is not null)
                {
                    var rejections = nearMisses.Explain(context, null, null, options.Detailed, options.NearMissLimit, volume)
                        .Where(r => r.Volume == volume.Name || options.Detailed)
                        .ToList();
                    return Result(context, ClaimPhase.Pending, null, false, Join($"cannot bind to requested volume {volume.Name}: {problem} (VolumeMismatch)", classNote), rejections);
                }

                Take(volume, claim, inPlan: true);
                return Result(context, ClaimPhase.Bound, volume, true, Join($"binds {volume.Name}: spec.volumeName requests it and it satisfies the claim", classNote));
            }

            if (MatchRules.PointsTo(volume.ClaimRef, claim))
            {
                var alreadyBound = volume.Volume.Phase == VolumePhase.Bound && claim.Phase == ClaimPhase.Bound;
                return Result(context, ClaimPhase.Bound, volume, !alreadyBound, Join($"{(alreadyBound ? "bound to" : "binds")} {volume.Name}: spec.volumeName and the volume's spec.claimRef name each other", classNote));
            }

            if (volume.TakenInPlanBy is null && claim.Metadata.Annotations.ContainsKey(WellKnown.BoundByControllerAnnotation))
            {
                // The controller bound this claim itself, yet the volume names another claim: it reports an
                // invalid binding and changes nothing, so the claim keeps whatever phase it records.
                return Result(context, claim.Phase ?? ClaimPhase.Pending, null, false, Join(
                    $"spec.volumeName requests {volume.Name}, which is bound to {volume.ClaimRef.Key}, but the controller bound this claim itself: it reports an invalid binding and leaves the claim as it is until someone fixes the two objects", classNote));
            }

            var taken = volume.TakenInPlanBy is not null
                ? $"spec.volumeName requests {volume.Name}, but this plan gives it to {volume.TakenInPlanBy}, an earlier claim"
                : $"spec.volumeName requests {volume.Name}, but it is already bound to a different claim ({volume.ClaimRef.Key})";
            return Result(context, ClaimPhase.Pending, null, false, Join(taken, classNote));
        }

        // When the chosen volume is not the smallest that fits overall, say that the access-mode search order decided.
        private string SearchOrderNote(ClaimContext context, VolumeState chosen)
        {
            var smaller = search.FindSmallestInAnyModeSet(context);
            return smaller is null || VolumeOrder.Compare(smaller, chosen) >= 0
                ? string.Empty
                : $" (not the smaller {smaller.Name} ({smaller.Capacity}, {smaller.Volume.AccessModes.ToShortString()}): Kubernetes searches volumes whose access modes are closest to the request first)";
        }

        private void Take(VolumeState volume, PersistentVolumeClaim claim, bool inPlan)
        {
            if (!MatchRules.PointsTo(volume.ClaimRef, claim))
            {
                volume.ClaimRef = new ClaimReference(claim.Namespace, claim.Name, claim.Metadata.Uid);
                if (inPlan)
                {
                    volume.TakenInPlanBy = claim.Key;
                }
            }
        }

        // With -Node, a bound volume whose node affinity excludes that node means the claim's pod cannot run there.
        private PvcBinding CheckBoundVolumeOnNode(PvcBinding binding)
        {
            if (binding.Phase != ClaimPhase.Bound || binding.Volume is null || binding.Node is not null)
            {
                return binding;
            }

            var volume = volumesByName[binding.Volume].Volume;
            var node = new NodeContext(options.Node!, nodes[options.Node!]);
            if (node.Admits(volume))
            {
                return binding;
            }

            return Copy(binding, $"{binding.Reason}; but the volume's node affinity {volume.NodeAffinity} excludes node {node.Name}, so a pod using this claim cannot run there (volume node affinity conflict)");
        }

        private static PvcBinding Copy(PvcBinding b, string reason) => new()
        {
            Claim = b.Claim,
            Namespace = b.Namespace,
            Name = b.Name,
            Phase = b.Phase,
            Volume = b.Volume,
            NewBinding = b.NewBinding,
            StorageClass = b.StorageClass,
            Capacity = b.Capacity,
            AccessModes = b.AccessModes,
            Requested = b.Requested,
            RequestedAccessModes = b.RequestedAccessModes,
            VolumeMode = b.VolumeMode,
            Node = b.Node,
            Provisioner = b.Provisioner,
            Reason = reason,
            Rejections = b.Rejections,
        };

        private static string ClassPhrase(string storageClass) =>
            storageClass.Length == 0 ? "without a class" : $"of class '{storageClass}'";

        private static string Join(string reason, string? note) => note is null ? reason : $"{reason}; {note}";

        private static PvcBinding Result(
            ClaimContext context,
            ClaimPhase phase,
            VolumeState? volume,
            bool newBinding,
            string reason,
            IReadOnlyList<VolumeRejection>? rejections = null,
            string? provisioner = null,
            string? node = null)
        {
            var claim = context.Claim;
            return new PvcBinding
            {
                Claim = claim.Key,
                Namespace = claim.Namespace,
                Name = claim.Name,
                Phase = phase,
                Volume = volume?.Name,
                NewBinding = newBinding,
                StorageClass = context.StorageClass,
                Capacity = volume?.Capacity.ToString(),
                AccessModes = volume?.Volume.AccessModes.ToNames() ?? Array.Empty<string>(),
                Requested = claim.Request.ToString(),
                RequestedAccessModes = claim.AccessModes.ToNames(),
                VolumeMode = claim.EffectiveVolumeMode,
                Node = node,
                Provisioner = provisioner,
                Reason = reason,
                Rejections = rejections ?? Array.Empty<VolumeRejection>(),
            };
        }
    }
}
