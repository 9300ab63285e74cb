using VsphereK8sStorage.Operations.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s get-vsphere-storage-policy: the twin of Get-VsphereStoragePolicy.</summary>
internal sealed class GetVsphereStoragePolicyCliCommand : ICliCommand
{
    public string CmdletName => "Get-VsphereStoragePolicy";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var name = VsphereCli.Many("--name", "Policy names; wildcards allowed. All when left out.");
        return VsphereCli.Create(
            "get-vsphere-storage-policy",
            "List VM storage policies (SPBM) and the datastores compatible with each: the names a StorageClass's storagepolicyname takes.",
            io, globals, new Option[] { name }, "No storage policies matched.",
            (parseResult, connection, host, ct) =>
                GetVsphereStoragePolicy.RunAsync(new GetVsphereStoragePolicyRequest { Connection = connection, Names = VsphereCli.Values(parseResult, name) }, host, ct));
    }
}
