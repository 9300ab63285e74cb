using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s new-k8s-persistent-volume: the twin of New-K8sPersistentVolume.</summary>
internal sealed class NewK8sPersistentVolumeCliCommand : ICliCommand
{
    public string CmdletName => "New-K8sPersistentVolume";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var common = new NewK8sObjectCliOptions();
        var name = new Option<string>("--name") { Description = "The PersistentVolume's name.", Required = true };
        var capacity = new Option<string>("--capacity") { Description = "The size, such as 2Gi.", Required = true };
        var accessMode = NewK8sObjectCliOptions.AccessModeOption();
        var reclaimPolicy = new Option<string?>("--reclaim-policy") { Description = "Retain (the server's default), Delete or Recycle." };
        var storageClassName = new Option<string?>("--storage-class-name") { Description = "The class the volume belongs to." };
        var volumeMode = NewK8sObjectCliOptions.VolumeModeOption();
        var mountOption = new Option<string[]>("--mount-option") { Description = "A mount option; repeat for several." };
        var nodeAffinity = new Option<string[]>("--node-affinity") { Description = "A node selector term such as kubernetes.io/hostname=worker-1; a node must match one (repeat for several). Required with --local-path." };
        var volumePath = new Option<string?>("--volume-path") { Description = "The VMDK as \"[datastore1] volumes/myDisk.vmdk\" (in-tree vsphereVolume)." };
        var fsType = new Option<string?>("--fs-type") { Description = "The file system to mount (ext4, xfs)." };
        var volumeHandle = new Option<string?>("--volume-handle") { Description = "A first-class disk id, for the vSphere CSI driver." };
        var hostPath = new Option<string?>("--host-path") { Description = "A directory on the node (hostPath)." };
        var hostPathType = new Option<string?>("--host-path-type") { Description = "DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice." };
        var localPath = new Option<string?>("--local-path") { Description = "A local disk's mount point (needs --node-affinity)." };
        var nfsServer = new Option<string?>("--nfs-server") { Description = "The NFS server (with --nfs-path)." };
        var nfsPath = new Option<string?>("--nfs-path") { Description = "The exported path (with --nfs-server)." };

        var command = new Command("new-k8s-persistent-volume", "Create or update a PersistentVolume for an existing disk (server-side apply), or render it with --offline.")
        {
            name, capacity, accessMode, reclaimPolicy, storageClassName, volumeMode, mountOption, common.Label, nodeAffinity,
            volumePath, fsType, volumeHandle, hostPath, hostPathType, localPath, nfsServer, nfsPath, common.Offline, common.Force,
        };
        common.AddClusterOptions(command);

        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, async (host, ct) =>
        {
            using var session = common.Kube.Session(parseResult);
            var request = common.Fill(parseResult, session, new NewK8sPersistentVolumeRequest
            {
                Name = parseResult.GetValue(name)!,
                Capacity = parseResult.GetValue(capacity)!,
                AccessModes = parseResult.GetValue(accessMode) ?? Array.Empty<string>(),
                ReclaimPolicy = parseResult.GetValue(reclaimPolicy),
                StorageClassName = parseResult.GetValue(storageClassName),
                VolumeMode = parseResult.GetValue(volumeMode),
                MountOptions = parseResult.GetValue(mountOption) ?? Array.Empty<string>(),
                NodeAffinity = parseResult.GetValue(nodeAffinity) ?? Array.Empty<string>(),
                VolumePath = parseResult.GetValue(volumePath),
                FsType = parseResult.GetValue(fsType),
                VolumeHandle = parseResult.GetValue(volumeHandle),
                HostPath = parseResult.GetValue(hostPath),
                HostPathType = parseResult.GetValue(hostPathType),
                LocalPath = parseResult.GetValue(localPath),
                NfsServer = parseResult.GetValue(nfsServer),
                NfsPath = parseResult.GetValue(nfsPath),
            });
            var result = await NewK8sPersistentVolume.RunAsync(request, host, ct).ConfigureAwait(false);
            common.Write(io, result, parseResult, globals, rows => ResultView.Write(io.Out, rows.Cast<PersistentVolumeResult>().ToList(), OutputFormat.Table));
            return ExitCodes.Success;
        }));
        return command;
    }
}
