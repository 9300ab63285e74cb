using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s new-k8s-persistent-volume-claim: the twin of New-K8sPersistentVolumeClaim.</summary>
internal sealed class NewK8sPersistentVolumeClaimCliCommand : ICliCommand
{
    public string CmdletName => "New-K8sPersistentVolumeClaim";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var common = new NewK8sObjectCliOptions();
        var name = new Option<string>("--name") { Description = "The claim's name.", Required = true };
        var ns = new Option<string?>("--namespace") { Description = "The claim's namespace; default: the context's namespace, else default." };
        var capacity = new Option<string>("--capacity") { Description = "The size requested, such as 2Gi.", Required = true };
        var accessMode = NewK8sObjectCliOptions.AccessModeOption();
        var storageClassName = new Option<string?>("--storage-class-name") { Description = "The class; \"\" means no class, leaving it out means the cluster's default class." };
        var selector = new Option<string?>("--selector") { Description = "Labels the volume must have: 'tier=db', 'zone in (a,b)'." };
        var volumeMode = NewK8sObjectCliOptions.VolumeModeOption();
        var volumeName = new Option<string?>("--volume-name") { Description = "The PersistentVolume to bind to." };
        var dataSourceClaim = new Option<string?>("--data-source-claim") { Description = "Clone this claim." };
        var dataSourceSnapshot = new Option<string?>("--data-source-snapshot") { Description = "Restore this VolumeSnapshot." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the claim is Bound." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds --wait waits (default 60).", DefaultValueFactory = _ => 60 };

        var command = new Command("new-k8s-persistent-volume-claim", "Create or update a PersistentVolumeClaim (server-side apply), optionally wait until it is Bound, or render it with --offline.")
        {
            name, ns, capacity, accessMode, storageClassName, selector, volumeMode, volumeName, dataSourceClaim, dataSourceSnapshot, common.Label, wait, timeout, common.Offline, common.Force,
        };
        common.AddClusterOptions(command);

        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, async (host, ct) =>
        {
            using var session = common.Kube.Session(parseResult);
            var request = common.Fill(parseResult, session, new NewK8sPersistentVolumeClaimRequest
            {
                Name = parseResult.GetValue(name)!,
                Namespace = parseResult.GetValue(ns),
                Capacity = parseResult.GetValue(capacity)!,
                AccessModes = parseResult.GetValue(accessMode) ?? Array.Empty<string>(),
                StorageClassName = parseResult.GetValue(storageClassName),
                Selector = parseResult.GetValue(selector),
                VolumeMode = parseResult.GetValue(volumeMode),
                VolumeName = parseResult.GetValue(volumeName),
                DataSourceClaim = parseResult.GetValue(dataSourceClaim),
                DataSourceSnapshot = parseResult.GetValue(dataSourceSnapshot),
                Wait = parseResult.GetValue(wait),
                Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
            });
            var result = await NewK8sPersistentVolumeClaim.RunAsync(request, host, ct).ConfigureAwait(false);
            common.Write(io, result, parseResult, globals, rows => ResultView.Write(io.Out, rows.Cast<PersistentVolumeClaimResult>().ToList(), OutputFormat.Table));
            return ExitCodes.Success;
        }));
        return command;
    }
}
