using System.CommandLine;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Operations.Vsphere;

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
            Description = $"Reconfigure calls in flight at once (default {EnableDiskUuid.DefaultThrottleLimit}, at most 256).",
            DefaultValueFactory = _ => EnableDiskUuid.DefaultThrottleLimit,
        };
        throttle.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 256)
            {
                result.AddError("--throttle-limit must be between 1 and 256.");
            }
        });
        return VsphereCli.Create(
            "enable-disk-uuid",
            "Set disk.enableUUID=TRUE on VMs (names, inventory paths, wildcards, folders): one read decides, VMs already on are left alone, the rest are reconfigured concurrently. Says which VMs need a power cycle.",
            io, globals, [.. selection.Options, throttle, VsphereCli.WhatIf()], "No virtual machines matched.",
            (parseResult, connection, host, ct) =>
            {
                var vms = selection.Read(parseResult);
                if (vms.SelectsAll)
                {
                    throw new InvalidParameterException("EnableDiskUuidNoVm", "VM", "Say which VMs to change: --vm (names, paths, wildcards; --vm '*' for all), --id or --folder.");
                }

                return EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = vms, ThrottleLimit = parseResult.GetValue(throttle) }, host, ct);
            });
    }
}
