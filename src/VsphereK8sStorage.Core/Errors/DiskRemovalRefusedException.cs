using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Errors;

/// <summary>
/// A disk Remove-VsphereFcd or Remove-VsphereVmdk would not delete: <see cref="Refusal"/> is the most serious reason
/// (the error id is <c>RemoveDisk</c> and its name, such as <c>RemoveDiskAttachedToVm</c>), <see cref="Refusals"/>
/// every reason; the message names the disk, each reason and the fix.
/// </summary>
public sealed class DiskRemovalRefusedException : VsphereK8sException
{
    public DiskRemovalRefusedException(IReadOnlyList<DiskRemovalRefusal> refusals, string message, string target)
        : base("RemoveDisk" + refusals[0], ErrorKind.InvalidOperation, message, target)
    {
        Refusal = refusals[0];
        Refusals = refusals;
    }

    public DiskRemovalRefusal Refusal { get; }

    public IReadOnlyList<DiskRemovalRefusal> Refusals { get; }
}
