using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Enable-DiskUuid: sets disk.enableUUID=TRUE on VMs (names, paths, wildcards, folders, or VM objects from
/// Get-VsphereVm or PowerCLI's Get-VM). VMs already enabled are skipped; the rest are reconfigured concurrently.
/// </summary>
[Cmdlet(VerbsLifecycle.Enable, "DiskUuid", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Name, HelpUri = HelpLinks.Help + "Enable-DiskUuid.md")]
[OutputType(typeof(DiskUuidResult))]
public sealed class EnableDiskUuidCommand : DiskUuidCmdlet
{
    public static class ParameterSets
    {
        public const string Name = NameSet;
        public const string Id = IdSet;
    }

    /// <summary>How many reconfigure calls may be in flight at once (default 16).</summary>
    [Parameter]
    [ValidateRange(1, EnableDiskUuid.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = EnableDiskUuid.DefaultThrottleLimit;

    protected override void EndProcessing()
    {
        if (NothingSelected)
        {
            return;
        }

        var selection = Selection();
        try
        {
            EnableDiskUuid.Check(selection, ThrottleLimit);
        }
        catch (InvalidParameterException refused)
        {
            ThrowTerminatingError(ErrorMapping.ToErrorRecord(refused));
        }

        RunVsphere<IReadOnlyDictionary<string, int>, DiskUuidResult>((connection, host, emit, ct) =>
            EnableDiskUuid.RunAsync(new DiskUuidRequest { Connection = connection, Selection = selection, ThrottleLimit = ThrottleLimit }, host, emit, ct));
    }
}
