using System.Net;
using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.Rollout;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s install-vsphere-csi and install-vsphere-cpi: the twins of Install-VsphereCsi and Install-VsphereCpi.</summary>
internal sealed class InstallVsphereDriverCliCommand : ICliCommand
{
    /// <summary>The drivers' password when --driver-user names another user than the connection's.</summary>
    public const string DriverPasswordVariable = "VSPHERE_DRIVER_PASSWORD";

    private readonly bool csi;

    private InstallVsphereDriverCliCommand(bool csi) => this.csi = csi;

    public static InstallVsphereDriverCliCommand Csi { get; } = new(csi: true);

    public static InstallVsphereDriverCliCommand Cpi { get; } = new(csi: false);

    public string CmdletName => csi ? "Install-VsphereCsi" : "Install-VsphereCpi";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var kube = new KubernetesCliOptions();
        var manifestPath = new Option<string?>("--manifest-path") { Description = "The release manifest: a file, or a folder of .yaml/.yml/.json files (air-gapped sites)." };
        var version = new Option<string?>("--version") { Description = csi ? "The release to fetch from upstream instead, such as v3.3.1." : "The release to fetch from upstream instead, such as v1.30." };
        var clusterId = new Option<string?>("--cluster-id") { Description = "[Global] cluster-id in csi-vsphere.conf: a name unique among the clusters of this vCenter." };
        var replicas = new Option<int?>("--replicas") { Description = "The controller Deployment's replicas (default: the control-plane nodes, at most 3)." };
        var datacenter = VsphereCli.Many("--datacenter", "The datacenters the driver uses (default: every datacenter of the vCenter). Repeatable.");
        var registry = new Option<string?>("--image-registry") { Description = "Pull every image from this registry (and path) instead of its own." };
        var driverUser = new Option<string?>("--driver-user") { Description = $"The vCenter user the driver logs in with, its password in {DriverPasswordVariable} (default: the connection's user and password)." };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once everything is applied, without waiting for the driver to run." };
        var timeout = new Option<int>("--timeout") { Description = "How long to wait for the driver to run, in seconds (default 300).", DefaultValueFactory = _ => 300 };
        var skipVersion = new Option<bool>("--skip-version-check") { Description = "Leave the Kubernetes and vCenter version rows out of the preflight." };
        var force = new Option<bool>("--force") { Description = "Install despite failing readiness rows (each repeated as a warning), and take over fields other managers set." };
        var offline = new Option<bool>("--offline") { Description = "Render the objects into --output-directory, one YAML file each, instead of applying them." };
        var outputDirectory = new Option<string?>("--output-directory") { Description = "With --offline: the folder the files go to." };
        var includeSecrets = new Option<bool>("--include-secrets") { Description = "With --offline: write the real password into the Secret files (otherwise it reads <redacted>)." };
        Option[] own = csi
            ? [manifestPath, version, clusterId, replicas, datacenter, registry, driverUser, noWait, timeout, skipVersion, force, offline, outputDirectory, includeSecrets, VsphereCli.WhatIf()]
            : [manifestPath, version, datacenter, registry, driverUser, noWait, timeout, skipVersion, force, offline, outputDirectory, includeSecrets, VsphereCli.WhatIf()];
        return VsphereCli.CreateStreaming<RolloutObjectResult>(
            csi ? "install-vsphere-csi" : "install-vsphere-cpi",
            csi
                ? "Install the vSphere CSI driver from its release manifest: readiness first (nothing changes on a failing check), csi-vsphere.conf rendered into its Secret from the connection, controller replicas fit to the control plane, server-side apply, then wait for it to run. Re-runs change nothing."
                : "Install the vSphere cloud provider (CPI) from its release manifest: readiness first, its Secret and ConfigMap rendered from the connection, server-side apply, then wait until the nodes are initialised. Re-runs change nothing.",
            io, globals, [.. own, .. kube.All], "Nothing was applied.",
            async (parseResult, connection, host, emit, ct) =>
            {
                var offlineRun = parseResult.GetValue(offline);
                using var session = offlineRun ? null : kube.Session(parseResult);
                NetworkCredential? driver = null;
                if (parseResult.GetValue(driverUser) is { Length: > 0 } user)
                {
                    var password = Environment.GetEnvironmentVariable(DriverPasswordVariable);
                    if (string.IsNullOrEmpty(password))
                    {
                        throw new InvalidParameterException("DriverPasswordRequired", "DriverCredential", $"{DriverPasswordVariable} holds no password for the driver user '{user}'.", user);
                    }

                    driver = new NetworkCredential(user, password);
                }

                var request = new InstallVsphereDriverRequest
                {
                    Connection = connection,
                    Session = session,
                    ManifestPath = parseResult.GetValue(manifestPath) is { Length: > 0 } path ? System.IO.Path.GetFullPath(path) : null,
                    Version = parseResult.GetValue(version),
                    ClusterId = csi ? parseResult.GetValue(clusterId) : null,
                    Replicas = csi ? parseResult.GetValue(replicas) : null,
                    Datacenters = VsphereCli.Values(parseResult, datacenter),
                    ImageRegistry = parseResult.GetValue(registry),
                    DriverCredential = driver,
                    NoWait = parseResult.GetValue(noWait),
                    Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
                    SkipVersionCheck = parseResult.GetValue(skipVersion),
                    Force = parseResult.GetValue(force),
                    Offline = offlineRun,
                    OutputDirectory = parseResult.GetValue(outputDirectory) is { Length: > 0 } dir ? System.IO.Path.GetFullPath(dir) : null,
                    IncludeSecrets = parseResult.GetValue(includeSecrets),
                };
                await (csi ? InstallVsphereCsi.RunAsync(request, host, emit, ct) : InstallVsphereCpi.RunAsync(request, host, emit, ct)).ConfigureAwait(false);
            });
    }
}

/// <summary>vk8s uninstall-vsphere-csi and uninstall-vsphere-cpi: the twins of Uninstall-VsphereCsi and Uninstall-VsphereCpi.</summary>
internal sealed class UninstallVsphereDriverCliCommand : ICliCommand
{
    private readonly bool csi;

    private UninstallVsphereDriverCliCommand(bool csi) => this.csi = csi;

    public static UninstallVsphereDriverCliCommand Csi { get; } = new(csi: true);

    public static UninstallVsphereDriverCliCommand Cpi { get; } = new(csi: false);

    public string CmdletName => csi ? "Uninstall-VsphereCsi" : "Uninstall-VsphereCpi";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var kube = new KubernetesCliOptions();
        var force = new Option<bool>("--force") { Description = "Remove the CSI driver even while its PersistentVolumes exist." };
        var command = new Command(
            csi ? "uninstall-vsphere-csi" : "uninstall-vsphere-cpi",
            $"Remove exactly the objects {(csi ? "install-vsphere-csi" : "install-vsphere-cpi")} applied (found by its labels).")
        {
            force,
            VsphereCli.WhatIf(),
        };
        foreach (var option in kube.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, async (host, ct) =>
        {
            using var session = kube.Session(parseResult);
            var counting = new ErrorCountingHost(host);
            var stream = new ResultStream<RolloutObjectResult>(io.Out, parseResult.GetValue(globals.Output), new ResultViewOptions { EmptyMessage = "Nothing to remove." });
            try
            {
                var request = new UninstallVsphereDriverRequest { Session = session, Force = parseResult.GetValue(force) };
                await (csi ? UninstallVsphereCsi.RunAsync(request, counting, stream.Write, ct) : UninstallVsphereCpi.RunAsync(request, counting, stream.Write, ct)).ConfigureAwait(false);
            }
            finally
            {
                stream.Complete();
            }

            return counting.ExitCode;
        }));
        return command;
    }
}
