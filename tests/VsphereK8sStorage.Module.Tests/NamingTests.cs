using VsphereK8sStorage.Module.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests;

public sealed class NamingTests
{
    [Theory]
    [InlineData("Get-PvcBinding", "get-pvc-binding")]
    [InlineData("New-VmdkDisk", "new-vmdk-disk")]
    [InlineData("Get-FcdSnapshot", "get-fcd-snapshot")]
    [InlineData("Install-CsiDriver", "install-csi-driver")]
    [InlineData("Set-DiskEnableUuid", "set-disk-enable-uuid")]
    [InlineData("Install-CSIDriver", "install-csi-driver")]
    [InlineData("Get-K8sNode", "get-k8s-node")]
    [InlineData("LiteralPath", "literal-path")]
    [InlineData("Node", "node")]
    [InlineData("StorageClassName", "storage-class-name")]
    [InlineData("PSPath", "ps-path")]
    [InlineData("VM", "vm")]
    public void Kebab_case_keeps_acronyms_whole(string name, string expected)
    {
        Assert.Equal(expected, Naming.Kebab(name));
    }
}
