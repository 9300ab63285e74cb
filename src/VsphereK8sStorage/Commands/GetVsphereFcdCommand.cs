using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Completers;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>Get-VsphereFcd: first-class disks (for CSI static provisioning) by name, id or datastore.</summary>
[Cmdlet(VerbsCommon.Get, "VsphereFcd", DefaultParameterSetName = ParameterSets.Name, HelpUri = HelpLinks.Help + "Get-VsphereFcd.md")]
[OutputType(typeof(VsphereFcd))]
public sealed class GetVsphereFcdCommand : VsphereCmdlet
{
    private readonly List<string> names = new();
    private readonly List<string> datastores = new();
    private readonly List<string> ids = new();

    public static class ParameterSets
    {
        public const string Name = "Name";
        public const string Id = "Id";
    }

    /// <summary>Disk names; wildcards allowed. All when no selector is given.</summary>
    [Parameter(Position = 0, ParameterSetName = ParameterSets.Name, ValueFromPipeline = true)]
    [ObjectName(nameof(Name), Leaves = new[] { typeof(VsphereFcd), typeof(VsphereDatastore) })]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Disk ids (a CSI volume handle); binds the VolumeHandle of piped disks.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Id, ValueFromPipelineByPropertyName = true)]
    [Alias("VolumeHandle")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Only these datastores (names, wildcards allowed, or datastores from Get-VsphereDatastore); every datastore when left out.</summary>
    [Parameter(ParameterSetName = ParameterSets.Name, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = ParameterSets.Id)]
    [ObjectName(nameof(Datastore), typeof(VsphereDatastore), Leaves = new[] { typeof(VsphereFcd) })]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VsphereNameCompleter))]
    public string[]? Datastore { get; set; }

    protected override void ProcessRecord()
    {
        names.AddRange(Name ?? System.Array.Empty<string>());
        ids.AddRange(Id ?? System.Array.Empty<string>());
        foreach (var datastore in Datastore ?? System.Array.Empty<string>())
        {
            if (!datastores.Contains(datastore))
            {
                datastores.Add(datastore);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (InputWasRefused && names.Count == 0 && ids.Count == 0 && datastores.Count == 0)
        {
            return;
        }

        WriteVsphereResults((connection, host, ct) =>
            GetVsphereFcd.RunAsync(new GetVsphereFcdRequest { Connection = connection, Names = names, Ids = ids, Datastores = datastores }, host, ct));
    }
}
