namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// Where each cmdlet's help lives online (Get-Help -Online): its markdown under module/help in the repository the
/// manifest's ProjectUri names. A test holds every cmdlet to a link that resolves to an existing help file.
/// </summary>
internal static class HelpLinks
{
    public const string ProjectUri = "https://github.com/vsphere-k8s-storage/VsphereK8sStorage";

    public const string Help = ProjectUri + "/blob/main/module/help/";
}
