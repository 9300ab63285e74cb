using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Vsphere.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Vsphere.Tests;

public sealed class ConnectionTests : IClassFixture<VcsimFixture>
{
    private readonly VcsimFixture vcsim;

    public ConnectionTests(VcsimFixture vcsim) => this.vcsim = vcsim;

    [SkippableFact]
    public async Task Connects_with_a_pinned_thumbprint_and_lists_the_default_inventory()
    {
        using var connection = await vcsim.Server.ConnectAsync();
        var host = new RecordingHost();

        var vms = await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection }, host, CancellationToken.None);

        Assert.Equal(VcsimServer.Thumbprint, connection.CertificateThumbprint);
        Assert.Contains(vms, vm => vm.Path == "/DC0/vm/DC0_H0_VM0");
        Assert.All(vms, vm => Assert.StartsWith("VirtualMachine-vm-", vm.Id));
    }
}
