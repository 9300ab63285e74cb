using System.Text;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.StorageMap;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>Get-VsphereK8sStorageMap: vCenter's disks beside Kubernetes' volumes, claims and pods, with orphans both ways.</summary>
[Cmdlet(VerbsCommon.Get, "VsphereK8sStorageMap", HelpUri = HelpLinks.Help + "Get-VsphereK8sStorageMap.md")]
[OutputType(typeof(StorageMapRow))]
public sealed class GetVsphereK8sStorageMapCommand : VsphereKubernetesCmdlet
{
    /// <summary>This cluster's id (csi-vsphere.conf's cluster-id).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? ClusterId { get; set; }

    /// <summary>Folders ('[ds] kubevols') whose VMDKs belong to this cluster.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Folder { get; set; }

    /// <summary>Also write the map as one self-contained HTML page to this file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Html { get; set; }

    protected override void Run()
    {
        var map = RunVsphere((vsphere, host, ct) => GetVsphereK8sStorageMap.RunAsync(
            new GetStorageMapRequest { Connection = vsphere, Session = Session, ClusterId = ClusterId!, Folders = Folder ?? Array.Empty<string>() },
            host,
            ct));
        if (Html is not null)
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Html);
            using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
            {
                StorageMapPage.Write(writer, map.Rows, map.Datastores, ClusterId!, map.Rows.Count > 0 ? map.Rows[0].Server : string.Empty, DateTimeOffset.UtcNow);
            }

            WriteVerbose($"Wrote the storage map page to {path}.");
        }

        foreach (var row in map.Rows)
        {
            WriteObject(row);
        }
    }
}
