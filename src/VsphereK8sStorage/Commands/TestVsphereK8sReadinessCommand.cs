using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Rollout;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Test-VsphereK8sReadiness: whether the vSphere CPI and CSI driver will work on this cluster and vCenter, as one
/// row per node and check (plus rows for the cluster), each failing row with its fix. Changes nothing.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "VsphereK8sReadiness", HelpUri = HelpLinks.Help + "Test-VsphereK8sReadiness.md")]
[OutputType(typeof(ReadinessRow))]
public sealed class TestVsphereK8sReadinessCommand : VsphereKubernetesCmdlet
{
    /// <summary>Only these nodes (wildcards); every node when left out.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Node { get; set; }

    /// <summary>The StorageClass whose datastores to check; every StorageClass of csi.vsphere.vmware.com when left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StorageClass { get; set; }

    /// <summary>The CSI release to hold the cluster to, such as v3.3.1; the newest in the support matrix when left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CsiVersion { get; set; }

    /// <summary>The CPI release, such as v1.30; the one for the cluster's Kubernetes minor when left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CpiVersion { get; set; }

    /// <summary>The vCenter user the drivers will use (only its user name is read); the connected user when left out.</summary>
    [Parameter]
    [Credential]
    public PSCredential? DriverCredential { get; set; }

    /// <summary>Leave out the Kubernetes and vCenter version rows (they become Skip rows).</summary>
    [Parameter]
    public SwitchParameter SkipVersionCheck { get; set; }

    protected override void Run()
    {
        var rows = RunVsphere((connection, host, ct) => TestVsphereK8sReadiness.RunAsync(new ReadinessRequest
        {
            Connection = connection,
            Session = Session,
            Nodes = Node ?? Array.Empty<string>(),
            StorageClassName = StorageClass,
            CsiVersion = CsiVersion,
            CpiVersion = CpiVersion,
            DriverUser = DriverCredential?.UserName,
            SkipVersionCheck = SkipVersionCheck.IsPresent,
        }, host, ct));
        WriteObject(rows, enumerateCollection: true);
    }
}
