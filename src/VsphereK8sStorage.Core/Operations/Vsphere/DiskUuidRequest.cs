using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Operations.Vsphere;

public sealed record DiskUuidRequest
{
    public required VsphereConnection Connection { get; init; }

    public VmSelection Selection { get; init; } = new();

    /// <summary>Reconfigure calls in flight at once.</summary>
    public int ThrottleLimit { get; init; } = EnableDiskUuid.DefaultThrottleLimit;
}
