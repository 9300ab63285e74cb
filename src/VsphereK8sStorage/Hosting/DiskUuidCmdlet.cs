using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Completers;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// What Enable-DiskUuid and Test-DiskUuid share: which VMs (-VM names and paths, or -Id from piped VM objects,
/// plus -Folder), gathered across the pipeline and decided on once at the end. Names and ids are separate
/// parameter sets, so a piped object binds by its Id and is never turned into a name.
/// </summary>
public abstract class DiskUuidCmdlet : VsphereCmdlet
{
    protected const string NameSet = "Name";
    protected const string IdSet = "Id";

    private readonly VmSelectionBuilder selector = new();

    /// <summary>VM names or inventory paths; wildcards allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true)]
    [ObjectName(nameof(VM), Leaves = new[] { typeof(VsphereVm), typeof(DiskUuidResult), typeof(DiskUuidStatus), typeof(VsphereK8sStorage.Rollout.ReadinessRow) })]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VsphereNameCompleter))]
    public string[]? VM { get; set; }

    /// <summary>VM ids (VirtualMachine-vm-42 or vm-42); binds the Id of VM objects from Get-VsphereVm or PowerCLI's Get-VM, and the VmId of Test-VsphereK8sReadiness rows.</summary>
    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("VmId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Folders (inventory paths or names); every VM anywhere below them, or with names or ids only the VMs they name below them (PowerCLI's -Location).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [Alias("Location")]
    public string[]? Folder { get; set; }

    protected override void ProcessRecord() => selector.Add(VM, Id);

    protected VmSelection Selection() => selector.Build(Folder);

    /// <summary>Every piped object was refused and nothing else says which VMs: the refusal was the answer.</summary>
    protected bool NothingSelected => InputWasRefused && selector.IsEmpty && Folder is null;
}
