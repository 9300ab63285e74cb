using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s new-k8s-storage-class: the twin of New-K8sStorageClass.</summary>
internal sealed class NewK8sStorageClassCliCommand : ICliCommand
{
    public string CmdletName => "New-K8sStorageClass";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var common = new NewK8sObjectCliOptions();
        var name = new Option<string>("--name") { Description = "The StorageClass's name.", Required = true };
        var provisioner = new Option<string>("--provisioner") { Description = $"Who creates the volumes (default {WellKnown.VsphereCsiDriver}).", DefaultValueFactory = _ => WellKnown.VsphereCsiDriver };
        var storagePolicyName = new Option<string?>("--storage-policy-name") { Description = "The vSphere storage policy (SPBM) volumes are placed by." };
        var datastoreUrl = new Option<string?>("--datastore-url") { Description = "The datastore's URL, ds:///vmfs/volumes/<id>/." };
        var fsType = new Option<string?>("--fs-type") { Description = "The file system new volumes get (ext4, xfs)." };
        var reclaimPolicy = new Option<string?>("--reclaim-policy") { Description = "Delete (the server's default) or Retain." };
        var volumeBindingMode = new Option<string?>("--volume-binding-mode") { Description = "Immediate (the server's default) or WaitForFirstConsumer." };
        var allowVolumeExpansion = new Option<bool>("--allow-volume-expansion") { Description = "Let claims of this class grow." };
        var makeDefault = new Option<bool>("--default") { Description = "Make this the cluster's default class (warns when another class is default too)." };

        var command = new Command("new-k8s-storage-class", "Create or update a StorageClass (server-side apply), or render it with --offline.")
        {
            name, provisioner, storagePolicyName, datastoreUrl, fsType, reclaimPolicy, volumeBindingMode, allowVolumeExpansion, makeDefault, common.Label, common.Offline, common.Force,
        };
        common.AddClusterOptions(command);

        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, async (host, ct) =>
        {
            using var session = common.Kube.Session(parseResult);
            var request = common.Fill(parseResult, session, new NewK8sStorageClassRequest
            {
                Name = parseResult.GetValue(name)!,
                Provisioner = parseResult.GetValue(provisioner)!,
                StoragePolicyName = parseResult.GetValue(storagePolicyName),
                DatastoreUrl = parseResult.GetValue(datastoreUrl),
                FsType = parseResult.GetValue(fsType),
                ReclaimPolicy = parseResult.GetValue(reclaimPolicy),
                VolumeBindingMode = parseResult.GetValue(volumeBindingMode),
                AllowVolumeExpansion = parseResult.GetValue(allowVolumeExpansion),
                Default = parseResult.GetValue(makeDefault),
            });
            var result = await NewK8sStorageClass.RunAsync(request, host, ct).ConfigureAwait(false);
            common.Write(io, result, parseResult, globals, rows => ResultView.Write(io.Out, rows.Cast<StorageClassResult>().ToList(), OutputFormat.Table));
            return ExitCodes.Success;
        }));
        return command;
    }
}
