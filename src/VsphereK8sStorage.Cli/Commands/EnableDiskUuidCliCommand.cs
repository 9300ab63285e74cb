using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s enable-disk-uuid: the twin of Enable-DiskUuid.</summary>
internal sealed class EnableDiskUuidCliCommand : ICliCommand
{
    public string CmdletName => "Enable-DiskUuid";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var selection = new VmSelectionOptions();
        var throttle = new Option<int>("--throttle-limit")
        {
            Description = $"Reconfigure calls in flight at once (default {EnableDiskUuid.DefaultThrottleLimit}, at most {EnableDiskUuid.MaxThrottleLimit}).",
            DefaultValueFactory = _ => EnableDiskUuid.DefaultThrottleLimit,
        };
        return VsphereCli.CreateStreaming<DiskUuidResult>(
            "enable-disk-uuid",
            "Set disk.enableUUID=TRUE on VMs (names, inventory paths, wildcards, folders): one read decides, VMs already on are left alone, the rest are reconfigured concurrently. Says which VMs need a power cycle.",
            io, globals, [.. selection.Options, throttle, VsphereCli.WhatIf()], "No virtual machines matched.",
            (parseResult, connection, host, emit, ct) =>
                EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = selection.Read(parseResult), ThrottleLimit = parseResult.GetValue(throttle) }, host, emit, ct));
    }
}
