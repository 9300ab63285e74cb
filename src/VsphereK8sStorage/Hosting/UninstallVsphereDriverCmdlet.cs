using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Rollout;
using VsphereK8sStorage.Rollout;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>Base of Uninstall-VsphereCsi and Uninstall-VsphereCpi: removes what the install applied, each result written as it goes.</summary>
public abstract class UninstallVsphereDriverCmdlet : KubernetesCmdlet
{
    /// <summary>Uninstall-VsphereCsi: remove the driver even while its PersistentVolumes exist.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected void Uninstall(Func<UninstallVsphereDriverRequest, IOperationHost, Action<RolloutObjectResult>, CancellationToken, Task> uninstall) =>
        RunCore<bool, RolloutObjectResult>(async (host, emit, ct) =>
        {
            await uninstall(new UninstallVsphereDriverRequest { Session = Session, Force = Force.IsPresent }, host, emit, ct).ConfigureAwait(false);
            return true;
        });
}
