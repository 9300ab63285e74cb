using System.Diagnostics;
using System.Globalization;
using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Rollout;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Operations.Rollout;

/// <summary>What Test-VsphereK8sReadiness (and the installs' preflight) checks.</summary>
public sealed record ReadinessRequest
{
    public required VsphereConnection Connection { get; init; }

    public required KubernetesSession Session { get; init; }

    /// <summary>Node names to check (wildcards); empty: every node.</summary>
    public IReadOnlyList<string> Nodes { get; init; } = Array.Empty<string>();

    /// <summary>The StorageClass to check datastores for; null: every StorageClass of csi.vsphere.vmware.com.</summary>
    public string? StorageClassName { get; init; }

    /// <summary>The CSI release to hold the cluster to (v3.3.1); null: the newest in the support matrix, or the one installing.</summary>
    public string? CsiVersion { get; init; }

    /// <summary>The CPI release (v1.30); null: the one for the cluster's Kubernetes minor.</summary>
    public string? CpiVersion { get; init; }

    /// <summary>The vCenter user the drivers will use; null: the connected user.</summary>
    public string? DriverUser { get; init; }

    /// <summary>Leave out the version rows (they are Skip rows).</summary>
    public bool SkipVersionCheck { get; init; }

    /// <summary>The CSI controller replicas an install will set; null: the default.</summary>
    public int? PlannedReplicas { get; init; }

    /// <summary>Only these checks (an install runs the ones that concern it); null: all.</summary>
    public IReadOnlySet<ReadinessCheck>? Checks { get; init; }
}

/// <summary>
/// Test-VsphereK8sReadiness: one row per node and check, and rows for the cluster, saying whether the vSphere CPI
/// and CSI driver will work here and how to fix what will not. It changes nothing.
/// </summary>
/// <remarks>
/// Cost: a fixed number of round trips whatever the node count: one PropertyCollector read of every VM, host and
/// datastore (two container views, VMs and the rest, each created, read and destroyed at the same time as the other;
/// more pages on a vCenter that pages), one read of the roles,
/// one of all permissions, one privilege question for all entities, and the storage-policy service only for
/// StorageClasses that name a policy; on Kubernetes one list of nodes and one of StorageClasses (paginated), the
/// version and two reads for the installed drivers. -Verbose reports the count and the time.
/// </remarks>
public static class TestVsphereK8sReadiness
{
    public const string Activity = "Checking vSphere and Kubernetes readiness";
    public const string CsiNamespace = "vmware-system-csi";
    public const string CsiController = "vsphere-csi-controller";
    public const string CpiNamespace = "kube-system";
    public const string CpiDaemonSet = "vsphere-cloud-controller-manager";
    public const string CsiProvisioner = "csi.vsphere.vmware.com";

    private static readonly string[] ControlPlaneLabels =
    {
        "node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/controlplane", "node-role.kubernetes.io/master",
    };

    public static async Task<IReadOnlyList<ReadinessRow>> RunAsync(ReadinessRequest request, IOperationHost host, CancellationToken ct)
    {
        var csi = request.CsiVersion is { } wanted
            ? SupportMatrix.FindCsi(wanted) ?? throw new InvalidParameterException(
                "CsiVersionUnknown", "CsiVersion",
                $"The support matrix has no CSI release '{wanted}'; it knows {string.Join(", ", SupportMatrix.Csi.Select(r => r.Version))}.", wanted)
            : SupportMatrix.LatestCsi;
        if (request.CpiVersion is { } cpi && DriverVersion.Parse(cpi) is null)
        {
            throw new InvalidParameterException("CpiVersionInvalid", "CpiVersion", $"'{cpi}' is not a CPI release such as v1.30.", cpi);
        }

        var connection = request.Connection;
        connection.EnsureConnected();
        var clock = Stopwatch.StartNew();
        var roundTrips = connection.RoundTrips;
        host.WriteProgress(new ProgressReport(1, Activity, "Reading the cluster and vCenter", 0));
        var kubernetes = ReadKubernetesAsync(request, host, ct);
        var inventory = await ClusterInventoryReader.ReadAsync(connection, ct).ConfigureAwait(false);
        var (nodes, version, classes, controller, cpiInstalled) = await kubernetes.ConfigureAwait(false);
        host.WriteProgress(new ProgressReport(1, Activity, "Reading storage policies and privileges", 50));
        var storageClasses = await StorageClassFactsAsync(connection, classes, host, ct).ConfigureAwait(false);

        var driverUser = string.IsNullOrWhiteSpace(request.DriverUser) ? connection.User : request.DriverUser.Trim();
        PrivilegeSnapshot? privileges = null;
        if (request.Checks is null || request.Checks.Contains(ReadinessCheck.Privileges))
        {
            var entities = PrivilegeEntities(inventory, nodes);
            privileges = await PrivilegeReader.ReadAsync(connection, entities, driverUser, host.WriteVerbose, ct).ConfigureAwait(false);
        }

        // The power-cycle verdict needs the events only for node VMs with the setting on that are running.
        IReadOnlyDictionary<ManagedObjectReference, DateTimeOffset>? changes = null;
        if ((request.Checks is null || request.Checks.Contains(ReadinessCheck.DiskUuid)) && inventory.Vms.Any(v => PowerCycleCheck.NeedsEvents(v.DiskUuidEnabled, v.PowerState, v.BootTime)))
        {
            changes = await PowerCycleCheck.NewestChangesAsync(connection, inventory.Root, ct).ConfigureAwait(false);
        }

        var facts = new ReadinessFacts
        {
            DiskUuidChanges = changes,
            Nodes = nodes,
            KubernetesVersion = version is null ? null : string.Create(CultureInfo.InvariantCulture, $"{version.Major}.{version.Minor}"),
            VcenterApiVersion = connection.ApiVersion,
            VcenterName = connection.Name,
            Inventory = inventory,
            Privileges = privileges,
            DriverUser = driverUser,
            StorageClasses = storageClasses,
            CsiControllerReplicas = controller?.Spec?.Replicas,
            PlannedReplicas = request.PlannedReplicas,
            CpiInstalled = cpiInstalled,
            Csi = csi,
            CpiVersion = request.CpiVersion,
            SkipVersionCheck = request.SkipVersionCheck,
        };
        var rows = ReadinessEvaluator.Evaluate(facts).Where(r => request.Checks is null || request.Checks.Contains(r.Check)).ToList();
        host.WriteVerbose(string.Create(CultureInfo.InvariantCulture,
            $"Checked {nodes.Count} node(s) against {inventory.Vms.Count} VM(s) in {clock.ElapsedMilliseconds} ms: {connection.RoundTrips - roundTrips} vCenter round trip(s); Kubernetes: one list each of nodes and StorageClasses, the version, two reads for installed drivers."));
        host.WriteProgress(new ProgressReport(1, Activity, "Done", 100, Completed: true));
        return rows;
    }

    /// <summary>Rows that stop an install: every Fail.</summary>
    public static IReadOnlyList<ReadinessRow> Failures(IEnumerable<ReadinessRow> rows) => rows.Where(r => r.Status == ReadinessStatus.Fail).ToList();

    private static async Task<(IReadOnlyList<NodeFacts> Nodes, KubernetesServerVersion? Version, IReadOnlyList<V1StorageClass> Classes, V1Deployment? Controller, bool CpiInstalled)> ReadKubernetesAsync(
        ReadinessRequest request, IOperationHost host, CancellationToken ct)
    {
        var api = request.Session.Api(host);
        var versionTask = api.GetServerVersionAsync(ct);
        var nodesTask = api.ListAllAsync(Resources.Node, null, ct);
        var classesTask = api.ListAllAsync(Resources.StorageClass, null, ct);
        var controllerTask = api.GetAsync(Resources.Deployment, CsiController, CsiNamespace, ct);
        var cpiTask = api.GetAsync(Resources.DaemonSet, CpiDaemonSet, CpiNamespace, ct);
        await Task.WhenAll(versionTask, nodesTask, classesTask, controllerTask, cpiTask).ConfigureAwait(false);

        var patterns = request.Nodes.Select(NamePattern.Create).ToList();
        foreach (var miss in patterns.Where(p => !p.HasWildcards && !nodesTask.Result.Items.Any(n => p.IsMatch(n.Metadata.Name))))
        {
            host.WriteError(new VsphereK8sException("NodeNotFound", ErrorKind.ObjectNotFound, $"Node '{miss.Text}' does not exist in {api.Endpoint.Server}.", miss.Text));
        }

        var nodes = nodesTask.Result.Items
            .Where(n => patterns.Count == 0 || patterns.Any(p => p.IsMatch(n.Metadata.Name)))
            .Select(n => new NodeFacts
            {
                Name = n.Metadata.Name,
                ProviderId = n.Spec?.ProviderID,
                SystemUuid = n.Status?.NodeInfo?.SystemUUID,
                Hostname = n.Metadata.Labels is { } labels && labels.TryGetValue("kubernetes.io/hostname", out var hostname) ? hostname : null,
                ControlPlane = n.Metadata.Labels is { } l && ControlPlaneLabels.Any(l.ContainsKey),
                Uninitialized = n.Spec?.Taints?.Any(t => t.Key == ReadinessEvaluator.UninitializedTaint) == true,
            })
            .ToList();
        var classes = classesTask.Result.Items.Where(c => request.StorageClassName is { } name ? c.Metadata.Name == name : c.Provisioner == CsiProvisioner).ToList();
        if (request.StorageClassName is { } wanted && classes.Count == 0)
        {
            throw new InvalidParameterException("StorageClassNotFound", "StorageClass", $"StorageClass '{wanted}' does not exist in {api.Endpoint.Server}.", wanted);
        }

        return (nodes, versionTask.Result, classes, controllerTask.Result, cpiTask.Result is not null);
    }

    private static async Task<IReadOnlyList<StorageClassFacts>> StorageClassFactsAsync(VsphereConnection connection, IReadOnlyList<V1StorageClass> classes, IOperationHost host, CancellationToken ct)
    {
        string? Parameter(V1StorageClass sc, string key) =>
            sc.Parameters?.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

        var policyNames = classes.Select(c => Parameter(c, "storagepolicyname")).OfType<string>().Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var policies = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (policyNames.Count > 0)
        {
            var found = await GetVsphereStoragePolicy.RunAsync(new GetVsphereStoragePolicyRequest { Connection = connection, Names = policyNames }, SilentErrors(host), ct).ConfigureAwait(false);
            foreach (var policy in found)
            {
                policies[policy.Name] = policy.CompatibleDatastoreUrls;
            }
        }

        return classes.OrderBy(c => c.Metadata.Name, StringComparer.Ordinal).Select(c =>
        {
            var policy = Parameter(c, "storagepolicyname");
            return new StorageClassFacts
            {
                Name = c.Metadata.Name,
                DatastoreUrl = Parameter(c, "datastoreurl"),
                StoragePolicyName = policy,
                PolicyDatastoreUrls = policy is not null && policies.TryGetValue(policy, out var urls) ? urls : null,
            };
        }).ToList();
    }

    private static IReadOnlyList<ManagedObjectReference> PrivilegeEntities(ClusterInventory inventory, IReadOnlyList<NodeFacts> nodes)
    {
        var entities = new HashSet<ManagedObjectReference> { inventory.Root };
        entities.UnionWith(inventory.Datacenters.Keys);
        entities.UnionWith(inventory.Datastores.Keys);
        var byUuid = inventory.Vms.Where(v => v.BiosUuid is not null).ToLookup(v => v.BiosUuid!, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var vm in ReadinessEvaluator.Match(node, inventory, byUuid).Vms)
            {
                entities.Add(vm.Ref);
                if (vm.Host is { } h)
                {
                    entities.Add(h);
                }
            }
        }

        return entities.ToList();
    }

    /// <summary>A policy a StorageClass names that does not exist is a Fail row, not an error record.</summary>
    private static IOperationHost SilentErrors(IOperationHost host) => new ErrorsAsVerbose(host);

    private sealed class ErrorsAsVerbose(IOperationHost inner) : IOperationHost
    {
        public void WriteVerbose(string message) => inner.WriteVerbose(message);

        public void WriteDebug(string message) => inner.WriteDebug(message);

        public void WriteWarning(string message) => inner.WriteWarning(message);

        public void WriteError(VsphereK8sException error) => inner.WriteVerbose(error.Message);

        public void WriteProgress(ProgressReport progress)
        {
        }

        public bool ShouldProcess(string target, string action) => inner.ShouldProcess(target, action);

        public bool ShouldContinue(string query, string caption) => inner.ShouldContinue(query, caption);
    }
}
