using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Completers;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>Get-VsphereVm: virtual machines by name, inventory path, folder or id, in one PropertyCollector read.</summary>
[Cmdlet(VerbsCommon.Get, "VsphereVm", DefaultParameterSetName = ParameterSets.Name, HelpUri = HelpLinks.Help + "Get-VsphereVm.md")]
[OutputType(typeof(VsphereVm))]
public sealed class GetVsphereVmCommand : VsphereCmdlet
{
    private readonly VmSelectionBuilder selector = new();

    public static class ParameterSets
    {
        public const string Name = "Name";
        public const string Id = "Id";
    }

    /// <summary>VM names; wildcards allowed. All VMs when no selector is given.</summary>
    [Parameter(Position = 0, ParameterSetName = ParameterSets.Name, ValueFromPipeline = true)]
    [ObjectName(nameof(Name), Leaves = new[] { typeof(VsphereVm), typeof(DiskUuidResult) })]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VsphereNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Inventory paths such as /DC0/vm/k8s/*; wildcards match within one path segment.</summary>
    [Parameter(ParameterSetName = ParameterSets.Name)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Folders (inventory paths or names); every VM anywhere below them, or with names or ids only the VMs they name below them (PowerCLI's -Location).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [Alias("Location")]
    public string[]? Folder { get; set; }

    /// <summary>VM ids: PowerCLI's VirtualMachine-vm-42 form, or vm-42; binds the Id of piped VM objects.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Id, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    protected override void ProcessRecord() => selector.Add(Name, Id);

    protected override void EndProcessing()
    {
        if (InputWasRefused && selector.IsEmpty && Path is null && Folder is null)
        {
            return;
        }

        var selection = selector.Build(Folder, Path);
        WriteVsphereResults((connection, host, ct) => GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection, Selection = selection }, host, ct));
    }
}
