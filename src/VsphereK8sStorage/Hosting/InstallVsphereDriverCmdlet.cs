using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.Rollout;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// Base of Install-VsphereCsi and Install-VsphereCpi: the release manifest, the drivers' credential, the wait, the
/// preflight switches and the offline rendering, bound here and passed to the core's rollout as they are.
/// </summary>
public abstract class InstallVsphereDriverCmdlet : VsphereKubernetesCmdlet
{
    public const string ManifestSet = "ManifestPath";
    public const string VersionSet = "Version";

    /// <summary>The release manifest: a file, or a folder of .yaml/.yml/.json files (air-gapped sites).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ManifestSet)]
    [ValidateNotNullOrEmpty]
    public string ManifestPath { get; set; } = null!;

    /// <summary>The release to fetch from upstream (with a timeout) instead of a file.</summary>
    [Parameter(Mandatory = true, ParameterSetName = VersionSet)]
    [ValidateNotNullOrEmpty]
    public string Version { get; set; } = null!;

    /// <summary>The datacenters the driver uses; every datacenter of the vCenter when left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Datacenter { get; set; }

    /// <summary>Pull every image from this registry (and path) instead of its own.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ImageRegistry { get; set; }

    /// <summary>The vCenter user and password the driver logs in with; the connection's own when left out.</summary>
    [Parameter]
    [Credential]
    public PSCredential? DriverCredential { get; set; }

    /// <summary>Return once everything is applied, without waiting for the driver to run.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>How long to wait for the driver to run, in seconds (default 300).</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int Timeout { get; set; } = 300;

    /// <summary>Leave the Kubernetes and vCenter version rows out of the preflight.</summary>
    [Parameter]
    public SwitchParameter SkipVersionCheck { get; set; }

    /// <summary>Install despite failing readiness rows (each is repeated as a warning), and take over fields other managers set.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Render the objects into -OutputDirectory, one YAML file each, instead of applying them; no cluster is contacted.</summary>
    [Parameter]
    public SwitchParameter Offline { get; set; }

    /// <summary>With -Offline: the folder the files go to.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    /// <summary>With -Offline: write the real password into the Secret files (otherwise it reads &lt;redacted&gt;).</summary>
    [Parameter]
    public SwitchParameter IncludeSecrets { get; set; }

    /// <summary>The request common to both drivers; <paramref name="replicas"/> and <paramref name="clusterId"/> only the CSI has.</summary>
    protected InstallVsphereDriverRequest Request(VsphereK8sStorage.Vsphere.VsphereConnection connection, int? replicas, string? clusterId) => new()
    {
        Connection = connection,
        Session = Offline ? null : Session,
        ManifestPath = ParameterSetName == ManifestSet ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(ManifestPath) : null,
        Version = ParameterSetName == VersionSet ? Version : null,
        ClusterId = clusterId,
        Datacenters = Datacenter ?? Array.Empty<string>(),
        Replicas = replicas,
        ImageRegistry = ImageRegistry,
        DriverCredential = DriverCredential?.GetNetworkCredential(),
        NoWait = NoWait.IsPresent,
        Timeout = TimeSpan.FromSeconds(Timeout),
        SkipVersionCheck = SkipVersionCheck.IsPresent,
        Force = Force.IsPresent,
        Offline = Offline.IsPresent,
        OutputDirectory = OutputDirectory is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputDirectory),
        IncludeSecrets = IncludeSecrets.IsPresent,
    };

    /// <summary>Runs the install, writing each object's result to the pipeline as it is applied.</summary>
    protected void Install(Func<InstallVsphereDriverRequest, IOperationHost, Action<RolloutObjectResult>, CancellationToken, Task> install, int? replicas, string? clusterId) =>
        RunVsphere<bool, RolloutObjectResult>(async (connection, host, emit, ct) =>
        {
            await install(Request(connection, replicas, clusterId), host, emit, ct).ConfigureAwait(false);
            return true;
        });
}
