using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Rollout;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;

namespace VsphereK8sStorage.Operations.Rollout;

/// <summary>What Install-VsphereCsi / Install-VsphereCpi (and their vk8s twins) were asked for.</summary>
public sealed record InstallVsphereDriverRequest
{
    public required VsphereConnection Connection { get; init; }

    /// <summary>The cluster; null with <see cref="Offline"/>.</summary>
    public KubernetesSession? Session { get; init; }

    /// <summary>The release manifest: a file, or a folder of them (air-gapped sites).</summary>
    public string? ManifestPath { get; init; }

    /// <summary>The release to fetch from upstream instead (CSI v3.3.1, CPI v1.30).</summary>
    public string? Version { get; init; }

    /// <summary>CSI: [Global] cluster-id; left out of csi-vsphere.conf when null (CSI 3.x then generates one).</summary>
    public string? ClusterId { get; init; }

    /// <summary>The datacenters the drivers use; every datacenter of the vCenter when empty.</summary>
    public IReadOnlyList<string> Datacenters { get; init; } = Array.Empty<string>();

    /// <summary>CSI controller replicas; the number of control-plane nodes, at most 3, when null.</summary>
    public int? Replicas { get; init; }

    /// <summary>A registry (and path) every image is pulled from instead of its own, such as registry.example.com/mirror.</summary>
    public string? ImageRegistry { get; init; }

    /// <summary>The vCenter user and password the drivers log in with; the connection's own when null.</summary>
    public NetworkCredential? DriverCredential { get; init; }

    public bool NoWait { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public bool SkipVersionCheck { get; init; }

    /// <summary>Go on despite failing readiness rows (each is repeated as a warning), and take over fields other managers own.</summary>
    public bool Force { get; init; }

    /// <summary>Render the objects into <see cref="OutputDirectory"/> instead of applying them.</summary>
    public bool Offline { get; init; }

    public string? OutputDirectory { get; init; }

    /// <summary>Offline: write the real password into the Secret files (otherwise it reads &lt;redacted&gt;).</summary>
    public bool IncludeSecrets { get; init; }
}

/// <summary>Install-VsphereCsi: the vSphere CSI driver, from its release manifest, with its Secret rendered from the connection.</summary>
public static class InstallVsphereCsi
{
    public static Task RunAsync(InstallVsphereDriverRequest request, IOperationHost host, Action<RolloutObjectResult> emit, CancellationToken ct) =>
        VsphereDriverRollout.InstallAsync(VsphereDriverRollout.Csi, request, host, emit, ct);
}

/// <summary>Install-VsphereCpi: the vSphere cloud controller manager, from its release manifest, with its Secret and ConfigMap rendered from the connection.</summary>
public static class InstallVsphereCpi
{
    public static Task RunAsync(InstallVsphereDriverRequest request, IOperationHost host, Action<RolloutObjectResult> emit, CancellationToken ct) =>
        VsphereDriverRollout.InstallAsync(VsphereDriverRollout.Cpi, request, host, emit, ct);
}

/// <summary>What Uninstall-VsphereCsi / Uninstall-VsphereCpi were asked for.</summary>
public sealed record UninstallVsphereDriverRequest
{
    public required KubernetesSession Session { get; init; }

    /// <summary>Remove the CSI driver even while PersistentVolumes of csi.vsphere.vmware.com exist.</summary>
    public bool Force { get; init; }
}

/// <summary>Uninstall-VsphereCsi: removes exactly the objects Install-VsphereCsi applied (found by its label).</summary>
public static class UninstallVsphereCsi
{
    public static Task RunAsync(UninstallVsphereDriverRequest request, IOperationHost host, Action<RolloutObjectResult> emit, CancellationToken ct) =>
        VsphereDriverRollout.UninstallAsync(VsphereDriverRollout.Csi, request, host, emit, ct);
}

/// <summary>Uninstall-VsphereCpi: removes exactly the objects Install-VsphereCpi applied (found by its label).</summary>
public static class UninstallVsphereCpi
{
    public static Task RunAsync(UninstallVsphereDriverRequest request, IOperationHost host, Action<RolloutObjectResult> emit, CancellationToken ct) =>
        VsphereDriverRollout.UninstallAsync(VsphereDriverRollout.Cpi, request, host, emit, ct);
}

/// <summary>
/// The rollout of one vSphere driver. Design: the release manifest is read into typed objects and changed as objects
/// (never as text); the credentials go only into Secrets built in memory; readiness runs before anything is written
/// and stops the install on any Fail; each object is applied by server-side apply (field manager vk8s), labelled so an
/// uninstall finds exactly these, and reported as it is applied; a failure or a stop ends the run with what was applied
/// and what was not, and the next run goes on from there (what is applied already reports Unchanged).
/// </summary>
internal sealed class VsphereDriverRollout
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "vk8s";
    public const string PartOfLabel = "app.kubernetes.io/part-of";
    public const string Redacted = "<redacted>";

    public static readonly VsphereDriverRollout Csi = new()
    {
        Name = "vsphere-csi",
        Title = "the vSphere CSI driver",
        Command = "Install-VsphereCsi",
        Namespace = TestVsphereK8sReadiness.CsiNamespace,
        SecretName = "vsphere-config-secret",
        Url = v => $"https://raw.githubusercontent.com/kubernetes-sigs/vsphere-csi-driver/{v}/manifests/vanilla/vsphere-csi-driver.yaml",
        Checks = new HashSet<ReadinessCheck>
        {
            ReadinessCheck.NodeVm, ReadinessCheck.DuplicateBiosUuid, ReadinessCheck.DiskUuid, ReadinessCheck.HardwareVersion,
            ReadinessCheck.CsiKubernetesVersion, ReadinessCheck.VcenterVersion, ReadinessCheck.ControlPlane, ReadinessCheck.Privileges,
        },
    };

    public static readonly VsphereDriverRollout Cpi = new()
    {
        Name = "vsphere-cpi",
        Title = "the vSphere cloud provider (CPI)",
        Command = "Install-VsphereCpi",
        Namespace = TestVsphereK8sReadiness.CpiNamespace,
        SecretName = "vsphere-cloud-secret",
        Url = v => $"https://raw.githubusercontent.com/kubernetes/cloud-provider-vsphere/master/releases/{MinorOf(v)}/vsphere-cloud-controller-manager.yaml",
        Checks = new HashSet<ReadinessCheck>
        {
            ReadinessCheck.NodeVm, ReadinessCheck.DuplicateBiosUuid, ReadinessCheck.CpiKubernetesVersion, ReadinessCheck.VcenterVersion,
        },
    };

    private const string CpiConfigMap = "vsphere-cloud-config";
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    private VsphereDriverRollout()
    {
    }

    /// <summary>The part-of label value that marks this driver's objects.</summary>
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required string Command { get; init; }

    public required string Namespace { get; init; }

    public required string SecretName { get; init; }

    public required Func<string, string> Url { get; init; }

    public required IReadOnlySet<ReadinessCheck> Checks { get; init; }

    private bool IsCsi => ReferenceEquals(this, Csi);

    private string Selector => $"{ManagedByLabel}={ManagedByValue},{PartOfLabel}={Name}";

    public static async Task InstallAsync(VsphereDriverRollout driver, InstallVsphereDriverRequest request, IOperationHost host, Action<RolloutObjectResult> emit, CancellationToken ct)
    {
        driver.Check(request);
        var connection = request.Connection;
        connection.EnsureConnected();
        var credential = request.DriverCredential ?? connection.LoginCredential ?? throw new InvalidParameterException(
            "DriverCredentialRequired", "DriverCredential",
            $"The connection to {connection.Name} joined an existing session, so its password is not known here; give the drivers' vCenter user and password with {Param.Name("DriverCredential")}.");
        var manifest = await driver.ReadManifestAsync(request, host, ct).ConfigureAwait(false);
        var datacenters = request.Datacenters.Count > 0 ? request.Datacenters : await DatacentersAsync(connection, ct).ConfigureAwait(false);

        if (request.Offline)
        {
            var offline = driver.Render(manifest, request, connection, credential, datacenters, request.Replicas, secrets: request.IncludeSecrets);
            WriteOffline(offline, request.OutputDirectory!, emit);
            return;
        }

        var api = KubernetesModels.RequireSession(request.Session).Api(host);
        var nodes = (await api.ListAllAsync(Resources.Node, null, ct).ConfigureAwait(false)).Items;
        var controlPlanes = nodes.Count(n => n.Metadata.Labels is { } l && (l.ContainsKey("node-role.kubernetes.io/control-plane") || l.ContainsKey("node-role.kubernetes.io/controlplane") || l.ContainsKey("node-role.kubernetes.io/master")));
        var replicas = request.Replicas ?? Math.Clamp(controlPlanes, 1, 3);
        var objects = driver.Render(manifest, request, connection, credential, datacenters, driver.IsCsi ? replicas : null, secrets: true);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await driver.PreflightAsync(request, manifest, replicas, host, ct).ConfigureAwait(false);
        await driver.RefuseTerminatingNamespaceAsync(api, ct).ConfigureAwait(false);
        var preflight = clock.ElapsedMilliseconds;
        var applied = await driver.ApplyAsync(api, objects, request.Force, host, emit, ct).ConfigureAwait(false);
        host.WriteVerbose(string.Create(CultureInfo.InvariantCulture, $"Readiness checks took {preflight} ms; applying {objects.Count} objects took {clock.ElapsedMilliseconds - preflight} ms."));
        if (request.NoWait || !applied)
        {
            return;
        }

        await driver.WaitAsync(api, objects, request.Timeout, host, ct).ConfigureAwait(false);
    }

    public static async Task UninstallAsync(VsphereDriverRollout driver, UninstallVsphereDriverRequest request, IOperationHost host, Action<RolloutObjectResult> emit, CancellationToken ct)
    {
        var api = request.Session.Api(host);
        if (driver.IsCsi && !request.Force)
        {
            var volumes = (await api.ListAllAsync(Resources.PersistentVolume, null, ct).ConfigureAwait(false)).Items
                .Where(v => v.Spec?.Csi?.Driver == TestVsphereK8sReadiness.CsiProvisioner).Select(v => v.Metadata.Name).ToList();
            if (volumes.Count > 0)
            {
                throw new VsphereK8sException(
                    "UninstallVolumesExist", ErrorKind.InvalidOperation,
                    $"{volumes.Count} PersistentVolume(s) of {TestVsphereK8sReadiness.CsiProvisioner} exist ({string.Join(", ", volumes.Take(10))}{(volumes.Count > 10 ? ", …" : string.Empty)}): without the driver they can be neither attached, detached nor deleted. Nothing was removed. Delete them first, or pass {Param.Name("Force")}.",
                    volumes[0]);
            }
        }

        // What the install applied, found by its label; removed in the reverse order of an install.
        var found = new List<RolloutObject>();
        foreach (var lister in Listers)
        {
            found.AddRange(await lister(api, driver.Selector, ct).ConfigureAwait(false));
        }

        found.Reverse();
        var ledger = new RunLedger(found.Count, "object", "objects", "deleted");
        var deletedNamespaces = new List<string>();
        var done = 0;
        foreach (var item in found)
        {
            ct.ThrowIfCancellationRequested();
            if (!host.ShouldProcess(item.Describe(), "Delete"))
            {
                continue;
            }

            try
            {
                var deleted = await item.DeleteAsync(api, ct).ConfigureAwait(false);
                if (deleted && item.Kind == "Namespace")
                {
                    deletedNamespaces.Add(item.Name);
                }

                ledger.Record(item.Describe(), deleted ? ItemOutcome.Changed : ItemOutcome.Unchanged);
                emit(Result(item, deleted ? RolloutAction.Deleted : RolloutAction.NotFound));
            }
            catch (Exception ex) when (ex is VsphereK8sException or OperationCanceledException)
            {
                ledger.Record(item.Describe(), ex is OperationCanceledException ? ItemOutcome.InDoubt : ItemOutcome.Failed);
                throw ledger.Interrupted("Uninstall" + driver.Command.Substring("Install-".Length).Replace("-", string.Empty, StringComparison.Ordinal) + "Interrupted", ex is OperationCanceledException, ex is OperationCanceledException ? null : ex);
            }

            done++;
            host.WriteProgress(new ProgressReport(1, $"Removing {driver.Title}", string.Create(CultureInfo.InvariantCulture, $"{done} of {found.Count} objects"), 100 * done / Math.Max(1, found.Count)));
        }

        host.WriteProgress(new ProgressReport(1, $"Removing {driver.Title}", "Done", 100, Completed: true));

        // As kubectl delete does, wait until a deleted namespace is gone: while it terminates the API server refuses
        // anything new in it, so an install right after would fail half way.
        foreach (var ns in deletedNamespaces)
        {
            await api.WaitAsync(Resources.Namespace, ns, null, "deleted", current => new WaitState(current is null, current is null ? "deleted" : $"phase {current.Status?.Phase ?? "unknown"}"), NamespaceDeletionTimeout, host, ct).ConfigureAwait(false);
        }
    }

    /// <summary>How long an uninstall waits for the namespace controller to finish deleting the driver's namespace.</summary>
    private static readonly TimeSpan NamespaceDeletionTimeout = TimeSpan.FromMinutes(2);

    // The API server refuses every object in a namespace that is being deleted ("forbidden ... being terminated"):
    // say so before applying anything rather than stop after the first object.
    private async Task RefuseTerminatingNamespaceAsync(KubernetesApi api, CancellationToken ct)
    {
        var existing = await api.GetAsync(Resources.Namespace, Namespace, null, ct).ConfigureAwait(false);
        if (existing?.Status?.Phase == "Terminating")
        {
            throw new VsphereK8sException(
                "DriverNamespaceTerminating", ErrorKind.InvalidOperation,
                $"Namespace {Namespace} is being deleted (an uninstall or a deletion has not finished), and the API server accepts nothing new in it until it is gone. Nothing was applied. Wait until it no longer exists, then run {Param.Command(Command)} again.",
                Namespace);
        }
    }

    private static readonly Func<KubernetesApi, string, CancellationToken, Task<IEnumerable<RolloutObject>>>[] Listers =
    {
        List(Resources.Namespace), List(Resources.Secret), List(Resources.ConfigMap), List(Resources.ServiceAccount), List(Resources.ClusterRole),
        List(Resources.ClusterRoleBinding), List(Resources.Role), List(Resources.RoleBinding), List(Resources.Service), List(Resources.CSIDriver),
        List(Resources.Deployment), List(Resources.DaemonSet),
    };

    private static Func<KubernetesApi, string, CancellationToken, Task<IEnumerable<RolloutObject>>> List<T>(ResourceType<T> type)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta> =>
        async (api, selector, ct) => (await api.ListAllAsync(type, null, ct, labelSelector: selector).ConfigureAwait(false)).Items.Select(o => RolloutObject.Of(type, o));

    private void Check(InstallVsphereDriverRequest request)
    {
        if (request.ManifestPath is null == request.Version is null)
        {
            throw new InvalidParameterException("ManifestRequired", "ManifestPath", $"Say which release of {Title} to install: {Param.Name("ManifestPath")} (a file or folder) or {Param.Name("Version")} (fetched from upstream), not both.");
        }

        if (request.Replicas is < 1)
        {
            throw new InvalidParameterException("ReplicasInvalid", "Replicas", $"Replicas must be at least 1, not {request.Replicas}.", request.Replicas);
        }

        if (request.Offline && string.IsNullOrWhiteSpace(request.OutputDirectory))
        {
            throw new InvalidParameterException("OutputDirectoryRequired", "OutputDirectory", $"{Param.Name("Offline")} writes the rendered objects into a folder: give it with {Param.Name("OutputDirectory")}.");
        }

        if (!request.Offline && request.Session is null)
        {
            throw new InvalidParameterException("KubernetesSessionRequired", "Kubeconfig", "Installing needs a cluster (a kubeconfig), or render the objects with " + Param.Name("Offline") + ".");
        }

        if (!request.Offline && (request.IncludeSecrets || request.OutputDirectory is not null))
        {
            throw new InvalidParameterException("OfflineOnly", request.IncludeSecrets ? "IncludeSecrets" : "OutputDirectory", $"{Param.Name(request.IncludeSecrets ? "IncludeSecrets" : "OutputDirectory")} belongs to {Param.Name("Offline")}.");
        }

        if (request.ImageRegistry is { } registry && (registry.Trim().Length == 0 || registry.Any(char.IsWhiteSpace) || registry.Contains("://", StringComparison.Ordinal)))
        {
            throw new InvalidParameterException("ImageRegistryInvalid", "ImageRegistry", $"Image registry '{registry}' is not a registry prefix such as registry.example.com/mirror (no scheme, no spaces).", registry);
        }

        if (request.Timeout <= TimeSpan.Zero)
        {
            throw new InvalidParameterException("TimeoutInvalid", "Timeout", "Timeout must be more than zero seconds.", request.Timeout);
        }
    }

    private async Task<IReadOnlyList<RolloutObject>> ReadManifestAsync(InstallVsphereDriverRequest request, IOperationHost host, CancellationToken ct)
    {
        if (request.ManifestPath is { } path)
        {
            return RolloutManifest.ReadFiles(RolloutManifest.Files(path, "ManifestPath"));
        }

        var version = request.Version!;
        if (!System.Text.RegularExpressions.Regex.IsMatch(version, @"^v\d+\.\d+(\.\d+)?$"))
        {
            throw new InvalidParameterException("VersionInvalid", "Version", $"'{version}' is not a release such as {(IsCsi ? "v3.3.1" : "v1.30")}.", version);
        }

        var url = Url(version);
        host.WriteVerbose($"Fetching {url}");
        using var http = new HttpClient { Timeout = FetchTimeout };
        try
        {
            var text = await http.GetStringAsync(new Uri(url), ct).ConfigureAwait(false);
            return RolloutManifest.Read(text, url);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new VsphereK8sException(
                "ManifestFetchFailed", ErrorKind.ConnectionFailed,
                $"Could not fetch {url} within {FetchTimeout.TotalSeconds:0} s ({Text.MessageText.OneLine(ex.Message, 200)}). Offline or air-gapped: download that file elsewhere and pass it with {Param.Name("ManifestPath")}.",
                url, ex);
        }
    }

    private static async Task<IReadOnlyList<string>> DatacentersAsync(VsphereConnection connection, CancellationToken ct)
    {
        var inventory = await ClusterInventoryReader.ReadAsync(connection, ct).ConfigureAwait(false);
        return inventory.Datacenters.Values.OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    /// <summary>The objects to apply, in order: the manifest's, changed as objects, with the rendered Secret (and CPI ConfigMap).</summary>
    internal IReadOnlyList<RolloutObject> Render(IReadOnlyList<RolloutObject> manifest, InstallVsphereDriverRequest request, VsphereConnection connection, NetworkCredential credential, IReadOnlyList<string> datacenters, int? replicas, bool secrets)
    {
        var tls = connection.CertificateCheck switch
        {
            CertificateCheck.Thumbprint => (Insecure: false, Thumbprint: connection.CertificateThumbprint),
            CertificateCheck.Skip => (Insecure: true, Thumbprint: (string?)null),
            _ => (Insecure: false, Thumbprint: (string?)null),
        };
        var server = connection.Address.Host;
        var password = secrets ? credential.Password : Redacted;
        var objects = new List<RolloutObject>();
        if (IsCsi)
        {
            if (!manifest.Any(o => o.Kind == "Namespace" && o.Name == Namespace))
            {
                objects.Add(RolloutObject.Of(Resources.Namespace, new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }));
            }

            objects.Add(Secret(SecretName, new Dictionary<string, string> { ["csi-vsphere.conf"] = CsiConf(request.ClusterId, server, connection.Port, credential.UserName, password, datacenters, tls.Insecure, tls.Thumbprint) }));
            objects.AddRange(manifest.Where(o => !(o.Kind == "Secret" && o.Name == SecretName)));
        }
        else
        {
            foreach (var item in manifest)
            {
                if (item.Kind == "Secret" && item.Name == SecretName)
                {
                    objects.Add(Secret(SecretName, new Dictionary<string, string> { [$"{server}.username"] = credential.UserName, [$"{server}.password"] = password }));
                }
                else if (item.Kind == "ConfigMap" && item.Name == CpiConfigMap)
                {
                    var map = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = CpiConfigMap, NamespaceProperty = Namespace }, Data = new Dictionary<string, string> { ["vsphere.conf"] = CpiConf(server, connection.Port, datacenters, tls.Insecure, tls.Thumbprint) } };
                    objects.Add(RolloutObject.Of(Resources.ConfigMap, map));
                }
                else
                {
                    objects.Add(item);
                }
            }

            if (!objects.Any(o => o.Kind == "Secret" && o.Name == SecretName))
            {
                throw new VsphereK8sException("ManifestNotCpi", ErrorKind.InvalidData, $"The manifest holds no Secret {SecretName}: it is not the CPI's release manifest (releases/v1.X/vsphere-cloud-controller-manager.yaml).", SecretName);
            }
        }

        foreach (var item in objects)
        {
            var labels = item.Metadata.Labels ??= new Dictionary<string, string>();
            labels[ManagedByLabel] = ManagedByValue;
            labels[PartOfLabel] = Name;
            if (item.As<V1Deployment>() is { } deployment && replicas is { } count)
            {
                deployment.Spec.Replicas = count;
            }

            if (request.ImageRegistry is { } registry)
            {
                foreach (var container in Containers(item))
                {
                    container.Image = Rehome(container.Image, registry);
                }
            }
        }

        if (IsCsi && !objects.Any(o => o.Kind == "Deployment"))
        {
            throw new VsphereK8sException("ManifestNotCsi", ErrorKind.InvalidData, "The manifest holds no Deployment: it is not the CSI driver's release manifest (manifests/vanilla/vsphere-csi-driver.yaml).", "Deployment");
        }

        return objects;
    }

    private RolloutObject Secret(string name, Dictionary<string, string> values) =>
        RolloutObject.Of(Resources.Secret, new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Type = "Opaque",
            Data = values.ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value)),
        });

    private static IEnumerable<V1Container> Containers(RolloutObject item)
    {
        var pod = item.As<V1Deployment>()?.Spec?.Template?.Spec ?? item.As<V1DaemonSet>()?.Spec?.Template?.Spec;
        return pod is null ? Enumerable.Empty<V1Container>() : (pod.InitContainers ?? new List<V1Container>()).Concat(pod.Containers ?? new List<V1Container>());
    }

    /// <summary>registry.k8s.io/sig-storage/csi-attacher:v4.9.0 with prefix mirror.example/k8s → mirror.example/k8s/sig-storage/csi-attacher:v4.9.0.</summary>
    internal static string Rehome(string image, string registry)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : image.Substring(0, slash);
        var hasRegistry = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
        var path = hasRegistry ? image.Substring(slash + 1) : image;
        return registry.TrimEnd('/') + "/" + path;
    }

    /// <summary>csi-vsphere.conf (gcfg INI, as the driver reads it).</summary>
    internal static string CsiConf(string? clusterId, string server, int port, string user, string password, IReadOnlyList<string> datacenters, bool insecure, string? thumbprint)
    {
        var text = new StringBuilder();
        text.Append("[Global]\n");
        if (clusterId is not null)
        {
            text.Append("cluster-id = ").Append(Quote("ClusterId", clusterId)).Append('\n');
        }

        text.Append('\n').Append("[VirtualCenter ").Append(Quote("Server", server)).Append("]\n");
        text.Append("insecure-flag = \"").Append(insecure ? "true" : "false").Append("\"\n");
        text.Append("user = ").Append(Quote("DriverCredential", user)).Append('\n');
        text.Append("password = ").Append(Quote("DriverCredential", password)).Append('\n');
        text.Append("port = \"").Append(port.ToString(CultureInfo.InvariantCulture)).Append("\"\n");
        text.Append("datacenters = ").Append(Quote("Datacenter", string.Join(", ", datacenters))).Append('\n');
        if (thumbprint is not null)
        {
            text.Append("thumbprint = ").Append(Quote("Thumbprint", thumbprint)).Append('\n');
        }

        return text.ToString();
    }

    // gcfg quoted values: backslash and double quote are escaped; a line break cannot be written at all.
    private static string Quote(string parameter, string value)
    {
        if (value.Any(c => c is '\n' or '\r' or '\0'))
        {
            // The value itself is never shown: it may be a password.
            throw new InvalidParameterException("ConfigValueInvalid", parameter, $"A value for {Param.Name(parameter)} holds a line break, which the drivers' configuration file cannot hold.");
        }

        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>The CPI's vsphere.conf (YAML); credentials stay in the Secret it names.</summary>
    internal string CpiConf(string server, int port, IReadOnlyList<string> datacenters, bool insecure, string? thumbprint)
    {
        var global = new JsonObject
        {
            ["port"] = port,
            ["insecureFlag"] = insecure,
            ["secretName"] = SecretName,
            ["secretNamespace"] = Namespace,
        };
        if (thumbprint is not null)
        {
            global["thumbprint"] = thumbprint;
        }

        var config = new JsonObject
        {
            ["global"] = global,
            ["vcenter"] = new JsonObject
            {
                [server] = new JsonObject { ["server"] = server, ["datacenters"] = new JsonArray(datacenters.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()) },
            },
        };
        using var json = JsonDocument.Parse(config.ToJsonString());
        var text = new StringWriter();
        VsphereK8sStorage.Kubernetes.Yaml.YamlWriter.Write(text, json.RootElement);
        return text.ToString();
    }

    private async Task PreflightAsync(InstallVsphereDriverRequest request, IReadOnlyList<RolloutObject> manifest, int replicas, IOperationHost host, CancellationToken ct)
    {
        var (csiVersion, cpiVersion) = ReleaseOf(manifest);
        var rows = await TestVsphereK8sReadiness.RunAsync(new ReadinessRequest
        {
            Connection = request.Connection,
            Session = request.Session!,
            CsiVersion = IsCsi && csiVersion is not null && SupportMatrix.FindCsi(csiVersion) is not null ? csiVersion : null,
            CpiVersion = IsCsi ? null : cpiVersion,
            DriverUser = request.DriverCredential?.UserName,
            SkipVersionCheck = request.SkipVersionCheck,
            PlannedReplicas = IsCsi ? replicas : null,
            Checks = new HashSet<ReadinessCheck>(Checks),
        }, host, ct).ConfigureAwait(false);
        var failures = TestVsphereK8sReadiness.Failures(rows);
        if (failures.Count == 0)
        {
            return;
        }

        static string Line(ReadinessRow r) => $"{(r.Node.Length == 0 ? "(cluster)" : r.Node)} {r.Check}: {r.Detail}. Fix: {r.Fix}";
        if (request.Force)
        {
            foreach (var row in failures)
            {
                host.WriteWarning($"Going on despite a failed readiness check: {Line(row)}");
            }

            return;
        }

        var versionOnly = failures.All(r => r.Check is ReadinessCheck.CsiKubernetesVersion or ReadinessCheck.CpiKubernetesVersion or ReadinessCheck.VcenterVersion);
        throw new VsphereK8sException(
            "InstallPreflightFailed", ErrorKind.InvalidOperation,
            $"{Param.Command(Command)} changed nothing: {failures.Count} readiness check(s) failed. {string.Join(" | ", failures.Select(Line))}. Fix them and run again{(versionOnly ? $", or leave the version rows out with {Param.Name("SkipVersionCheck")}" : string.Empty)}, or pass {Param.Name("Force")} to install anyway.",
            failures[0]);
    }

    /// <summary>The CSI release (the driver image's tag) and the CPI release line (v1.X) a manifest installs.</summary>
    internal static (string? Csi, string? Cpi) ReleaseOf(IReadOnlyList<RolloutObject> manifest)
    {
        string? Tag(string marker) => manifest.SelectMany(Containers).Select(c => c.Image).FirstOrDefault(i => i.Contains(marker, StringComparison.Ordinal)) is { } image && image.LastIndexOf(':') is var colon and > 0
            ? image.Substring(colon + 1)
            : null;
        var csi = Tag("/csi/release/driver:") ?? Tag("/vsphere-csi-driver:") ?? Tag("/driver:");
        var cpi = Tag("cloud-provider-vsphere:") ?? Tag("/cpi/release/manager:");
        return (csi, cpi is null ? null : MinorOf(cpi));
    }

    private static string MinorOf(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 ? $"{parts[0]}.{parts[1]}" : version;
    }

    /// <summary>
    /// Applies each object in order and emits its result at once; false when -WhatIf (ShouldProcess) left something
    /// unapplied. The first refusal stops the run (later objects need the earlier ones) with what was applied.
    /// </summary>
    private async Task<bool> ApplyAsync(KubernetesApi api, IReadOnlyList<RolloutObject> objects, bool force, IOperationHost host, Action<RolloutObjectResult> emit, CancellationToken ct)
    {
        var activity = $"Installing {Title}";
        var ledger = new RunLedger(objects.Count, "object", "objects", "applied");
        var interruptedId = Command.Replace("-", string.Empty, StringComparison.Ordinal) + "Interrupted";
        var complete = true;
        var done = 0;
        var declinedNamespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in objects)
        {
            if (ct.IsCancellationRequested)
            {
                throw ledger.Interrupted(interruptedId, cancelled: true, null);
            }

            host.WriteProgress(new ProgressReport(1, activity, $"{item.Describe()} ({done + 1} of {objects.Count})", 100 * done / objects.Count));
            if (item.Namespace is { } ns && declinedNamespaces.Contains(ns))
            {
                // Its namespace would be created first, so the server cannot check it yet: it would be created.
                host.ShouldProcess(item.Describe(), "Create");
                complete = false;
                ledger.Record(item.Describe(), ItemOutcome.Unchanged);
                done++;
                continue;
            }

            try
            {
                var (outcome, fields) = await item.ApplyAsync(api, force, host, ct).ConfigureAwait(false);
                if (outcome is null)
                {
                    complete = false;
                    ledger.Record(item.Describe(), ItemOutcome.Unchanged);
                    if (item.Kind == "Namespace" && !await item.ExistsAsync(api, ct).ConfigureAwait(false))
                    {
                        declinedNamespaces.Add(item.Name);
                    }
                }
                else
                {
                    var action = outcome switch
                    {
                        ApplyOutcome.Created => RolloutAction.Created,
                        ApplyOutcome.Configured => RolloutAction.Configured,
                        _ => RolloutAction.Unchanged,
                    };
                    ledger.Record(item.Describe(), action == RolloutAction.Unchanged ? ItemOutcome.Unchanged : ItemOutcome.Changed);
                    emit(Result(item, action, fields));
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                ledger.Record(item.Describe(), ItemOutcome.InDoubt);
                throw ledger.Interrupted(interruptedId, cancelled: true, null);
            }
            catch (VsphereK8sException ex)
            {
                // An answer from the API server (any status) is a refusal: the object is as it was. Only a lost connection leaves it in doubt.
                var outcome = ex is KubernetesApiException { StatusCode: > 0 } || !RunLedger.StopsTheRun(ex) ? ItemOutcome.Failed : ItemOutcome.InDoubt;
                ledger.Record(item.Describe(), outcome);
                emit(Result(item, RolloutAction.Failed));
                host.WriteProgress(new ProgressReport(1, activity, "Stopped", 100, Completed: true));
                throw ledger.Interrupted(interruptedId, cancelled: false, ex);
            }

            done++;
        }

        host.WriteProgress(new ProgressReport(1, activity, "Done", 100, Completed: true));
        return complete;
    }

    /// <summary>Waits, within one bound for all, until the driver runs: its workloads rolled out, then what it does to each node.</summary>
    private async Task WaitAsync(KubernetesApi api, IReadOnlyList<RolloutObject> objects, TimeSpan timeout, IOperationHost host, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        TimeSpan Left() => deadline - DateTime.UtcNow is var left && left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1);
        foreach (var item in objects)
        {
            if (item.As<V1Deployment>() is not null)
            {
                await api.WaitAsync(Resources.Deployment, item.Name, item.Namespace, "available", WaitConditions.DeploymentAvailable, Left(), host, ct).ConfigureAwait(false);
            }
            else if (item.As<V1DaemonSet>() is not null)
            {
                await api.WaitAsync(Resources.DaemonSet, item.Name, item.Namespace, "rolled out", WaitConditions.DaemonSetRolledOut, Left(), host, ct).ConfigureAwait(false);
            }
        }

        var what = IsCsi ? $"registered with {TestVsphereK8sReadiness.CsiProvisioner} (CSINode)" : "initialised by the CPI (providerID set, uninitialized taint gone)";
        var lastSeen = "nothing yet";
        while (true)
        {
            var nodes = (await api.ListAllAsync(Resources.Node, null, ct).ConfigureAwait(false)).Items;
            List<string> waiting;
            if (IsCsi)
            {
                var registered = (await api.ListAllAsync(Resources.CSINode, null, ct).ConfigureAwait(false)).Items
                    .Where(n => n.Spec?.Drivers?.Any(d => d.Name == TestVsphereK8sReadiness.CsiProvisioner) == true)
                    .Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);
                waiting = nodes.Where(n => IsLinux(n) && !registered.Contains(n.Metadata.Name)).Select(n => n.Metadata.Name).ToList();
            }
            else
            {
                waiting = nodes.Where(n => string.IsNullOrEmpty(n.Spec?.ProviderID) || n.Spec?.Taints?.Any(t => t.Key == ReadinessEvaluator.UninitializedTaint) == true).Select(n => n.Metadata.Name).ToList();
            }

            lastSeen = waiting.Count == 0 ? "every node" : $"{nodes.Count - waiting.Count} of {nodes.Count} nodes; waiting for {string.Join(", ", waiting.Take(5))}{(waiting.Count > 5 ? ", …" : string.Empty)}";
            host.WriteProgress(new ProgressReport(2, $"Waiting for the nodes to be {what}", lastSeen, waiting.Count == 0 ? 100 : (int)(100.0 * (nodes.Count - waiting.Count) / Math.Max(1, nodes.Count)), Completed: waiting.Count == 0));
            if (waiting.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new KubernetesWaitTimeoutException("the nodes", what, timeout, lastSeen);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
    }

    private static bool IsLinux(V1Node node) =>
        node.Metadata.Labels is not { } labels || !labels.TryGetValue("kubernetes.io/os", out var os) || os == "linux";

    /// <summary>-Offline: one YAML file per object, numbered in apply order, each result emitted as its file is written.</summary>
    private static void WriteOffline(IReadOnlyList<RolloutObject> objects, string directory, Action<RolloutObjectResult> emit)
    {
        Directory.CreateDirectory(directory);
        var index = 0;
        foreach (var item in objects)
        {
            index++;
            var file = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{index:00}-{item.Kind.ToLowerInvariant()}-{item.Name}.yaml"));
            var json = item.ToJson();
            using var document = JsonDocument.Parse(json.ToJsonString());
            using (var writer = new StreamWriter(file, append: false, new UTF8Encoding(false)))
            {
                writer.Write("---\n");
                VsphereK8sStorage.Kubernetes.Yaml.YamlWriter.Write(writer, document.RootElement);
            }

            emit(Result(item, RolloutAction.Rendered, path: file));
        }
    }

    internal static RolloutObjectResult Result(RolloutObject item, RolloutAction action, IReadOnlyList<string>? fields = null, string? path = null) => new()
    {
        Kind = item.Kind,
        Namespace = item.Namespace ?? string.Empty,
        Name = item.Name,
        Action = action,
        Fields = fields is null ? string.Empty : string.Join(", ", fields),
        Path = path,
    };
}
