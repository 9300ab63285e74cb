using System;
using System.CommandLine;
using System.Linq;
using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s new-k8s-persistent-volume-claim: the twin of New-K8sPersistentVolumeClaim.</summary>
internal sealed class NewK8sPersistentVolumeClaimCliCommand : ICliCommand
{
    public string CmdletName => "New-K8sPersistentVolumeClaim";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var kube = new KubernetesCliOptions();
        var name = new Option<string>("--name") { Description = "The claim's name.", Required = true };
        var ns = new Option<string?>("--namespace") { Description = "The claim's namespace; default: the context's namespace, else default." };
        var capacity = new Option<string>("--capacity") { Description = "The size requested, such as 2Gi.", Required = true };
        var accessMode = KubernetesCliOptions.AccessModeOption();
        var storageClassName = new Option<string?>("--storage-class-name") { Description = "The class; \"\" means no class, leaving it out means the cluster's default class." };
        var selector = new Option<string?>("--selector") { Description = "Labels the volume must have: 'tier=db', 'zone in (a,b)'." };
        var volumeMode = KubernetesCliOptions.VolumeModeOption();
        var volumeName = new Option<string?>("--volume-name") { Description = "The PersistentVolume to bind to." };
        var dataSourceClaim = new Option<string?>("--data-source-claim") { Description = "Clone this claim." };
        var dataSourceSnapshot = new Option<string?>("--data-source-snapshot") { Description = "Restore this VolumeSnapshot." };
        var label = KubernetesCliOptions.LabelOption();
        var wait = new Option<bool>("--wait") { Description = "Wait until the claim is Bound." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds --wait waits (default 60).", DefaultValueFactory = _ => 60 };
        var offline = KubernetesCliOptions.OfflineOption();
        var force = KubernetesCliOptions.ForceOption();

        var command = new Command("new-k8s-persistent-volume-claim", "Create or update a PersistentVolumeClaim (server-side apply), optionally wait until it is Bound, or render it with --offline.")
        {
            name, ns, capacity, accessMode, storageClassName, selector, volumeMode, volumeName, dataSourceClaim, dataSourceSnapshot, label, wait, timeout, offline, force,
        };
        foreach (var option in kube.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, async (host, ct) =>
        {
            var isOffline = parseResult.GetValue(offline);
            using var session = kube.Session(parseResult);
            var request = new NewK8sPersistentVolumeClaimRequest
            {
                Session = isOffline ? null : session,
                Offline = isOffline,
                Force = parseResult.GetValue(force),
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
                Labels = KubernetesCliOptions.Labels(parseResult.GetValue(label)),
                Wait = parseResult.GetValue(wait),
                Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
            };
            var result = await NewK8sPersistentVolumeClaim.RunAsync(request, host, ct).ConfigureAwait(false);
            KubernetesCliOptions.Write(io, result, parseResult, globals, isOffline, rows => ResultView.Write(io.Out, rows.Cast<PersistentVolumeClaimResult>().ToList(), OutputFormat.Table));
            return ExitCodes.Success;
        }));
        return command;
    }
}
