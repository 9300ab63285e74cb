using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.PowerShell.Completers;
using VsphereK8sStorage.PowerShell.Hosting;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// New-K8sPersistentVolumeClaim: a claim for storage, created or updated by server-side apply (with -Wait,
/// until it is Bound), or rendered as YAML with -Offline. -StorageClassName '' asks for a volume without a
/// class; leaving it out lets the cluster's default StorageClass apply.
/// </summary>
[Cmdlet(VerbsCommon.New, "K8sPersistentVolumeClaim", SupportsShouldProcess = true, HelpUri = HelpLinks.Help + "New-K8sPersistentVolumeClaim.md")]
[OutputType(typeof(PersistentVolumeClaimResult), typeof(string))]
public sealed class NewK8sPersistentVolumeClaimCommand : NewK8sVolumeObjectCmdlet
{
    /// <summary>The claim's namespace; without it, the kubeconfig context's namespace, else default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>The size requested, as a Kubernetes quantity such as 2Gi.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Capacity { get; set; } = null!;

    /// <summary>The class to bind or provision from; '' means no class, leaving it out means the default class.</summary>
    [Parameter]
    public string? StorageClassName { get; set; }

    /// <summary>Labels the volume must have, in selector syntax: 'tier=db', 'zone in (a,b)'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Selector { get; set; }

    /// <summary>The PersistentVolume to bind to.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? VolumeName { get; set; }

    /// <summary>Clone this claim (same namespace).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataSourceClaim { get; set; }

    /// <summary>Restore this VolumeSnapshot (same namespace).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataSourceSnapshot { get; set; }

    /// <summary>Wait until the claim is Bound.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds -Wait waits before it gives up (default 60).</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int Timeout { get; set; } = 60;

    protected override void ProcessRecord()
    {
        var request = new NewK8sPersistentVolumeClaimRequest
        {
            Session = TargetSession,
            Offline = Offline,
            Force = Force,
            Name = Name,
            Namespace = Namespace,
            Capacity = Capacity,
            AccessModes = AccessModes,
            StorageClassName = StorageClassName,
            Selector = Selector,
            VolumeMode = VolumeMode,
            VolumeName = VolumeName,
            DataSourceClaim = DataSourceClaim,
            DataSourceSnapshot = DataSourceSnapshot,
            Labels = Labels,
            Wait = Wait,
            Timeout = TimeSpan.FromSeconds(Timeout),
        };
        Apply((host, ct) => NewK8sPersistentVolumeClaim.RunAsync(request, host, ct));
    }
}
