using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Completers;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>Get-CnsVolume: vCenter's Container Volumes with the Kubernetes metadata the CSI driver recorded.</summary>
[Cmdlet(VerbsCommon.Get, "CnsVolume", HelpUri = HelpLinks.Help + "Get-CnsVolume.md")]
[OutputType(typeof(CnsVolume))]
public sealed class GetCnsVolumeCommand : VsphereCmdlet
{
    private readonly List<string> ids = new();

    /// <summary>Volume names; wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Volume ids (CSI volume handles); binds the VolumeHandle of piped PersistentVolumes and disks.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("VolumeId", "VolumeHandle")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Only volumes of these container clusters (csi-vsphere.conf's cluster-id); wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? ClusterId { get; set; }

    /// <summary>Only volumes on these datastores (names, wildcards allowed).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VsphereNameCompleter))]
    public string[]? Datastore { get; set; }

    /// <summary>Only volumes the driver recorded for these PersistentVolumes (names, wildcards allowed). (-Pv is PowerShell's alias of -PipelineVariable.)</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? PvName { get; set; }

    protected override void ProcessRecord() => ids.AddRange(Id ?? System.Array.Empty<string>());

    protected override void EndProcessing()
    {
        var volumes = RunVsphere((connection, host, ct) => GetCnsVolume.RunAsync(
            new GetCnsVolumeRequest
            {
                Connection = connection,
                Names = Name ?? System.Array.Empty<string>(),
                VolumeIds = ids,
                ClusterIds = ClusterId ?? System.Array.Empty<string>(),
                Datastores = Datastore ?? System.Array.Empty<string>(),
                PvNames = PvName ?? System.Array.Empty<string>(),
            },
            host,
            ct));
        WriteObject(volumes, enumerateCollection: true);
    }
}
