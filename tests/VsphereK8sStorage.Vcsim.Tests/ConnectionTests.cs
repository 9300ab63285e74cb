using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Soap;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Vcsim.Tests;

/// <summary>Logging in, TLS, sessions and logging out, against vcsim started with a user and password.</summary>
public sealed class ConnectionTests : IClassFixture<ConnectionTests.Fixture>
{
    private const string User = "administrator@vsphere.local";
    private const string Password = "S3cret&<\"pass";

    private readonly Fixture vcsim;

    public ConnectionTests(Fixture vcsim) => this.vcsim = vcsim;

    [SkippableFact]
    public async Task Connects_with_a_pinned_thumbprint_and_reads_the_inventory()
    {
        using var connection = await vcsim.Server.ConnectAsync(User, Password);

        var vms = await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection }, new RecordingHost(), CancellationToken.None);

        Assert.Equal(VcsimServer.Thumbprint, connection.CertificateThumbprint);
        Assert.Equal(CertificateCheck.Thumbprint, connection.CertificateCheck);
        Assert.Equal(User, connection.User);
        Assert.True(connection.CanRenewSession);
        Assert.Contains(vms, vm => vm.Path == "/DC0/vm/DC0_H0_VM0");
        Assert.All(vms, vm => Assert.StartsWith("VirtualMachine-vm-", vm.Id));
    }

    [SkippableFact]
    public async Task A_wrong_password_is_an_authentication_error_that_names_the_user_and_never_the_password()
    {
        var error = await Assert.ThrowsAsync<VsphereFaultException>(() => vcsim.Server.ConnectAsync(User, "wrong-" + Password));

        Assert.Equal("VsphereInvalidLogin", error.ErrorId);
        Assert.Equal(VsphereFaultKind.InvalidLogin, error.FaultKind);
        Assert.Equal(ErrorKind.AuthenticationFailed, error.Kind);
        Assert.Contains(User, error.Message);
        Assert.DoesNotContain(Password, error.ToString());
    }

    [SkippableFact]
    public async Task A_wrong_thumbprint_is_refused_before_anything_is_sent_and_shows_the_real_one()
    {
        var options = vcsim.Server.Options(User, Password) with { Thumbprint = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33" };

        var error = await Assert.ThrowsAsync<SoapTransportException>(() => VsphereConnection.ConnectAsync(options, SilentHost.Instance, CancellationToken.None));

        Assert.Equal("VsphereThumbprintMismatch", error.ErrorId);
        Assert.Equal(ErrorKind.SecurityError, error.Kind);
        Assert.Contains(VcsimServer.Thumbprint, error.Message);
        Assert.Contains("00:11:22:33", error.Message);
    }

    [SkippableFact]
    public async Task The_default_check_refuses_a_self_signed_certificate_and_says_how_to_pin_it()
    {
        var options = vcsim.Server.Options(User, Password) with { Thumbprint = null };

        var error = await Assert.ThrowsAsync<SoapTransportException>(() => VsphereConnection.ConnectAsync(options, SilentHost.Instance, CancellationToken.None));

        Assert.Equal("VsphereCertificateUntrusted", error.ErrorId);
        Assert.Contains($"-Thumbprint {VcsimServer.Thumbprint}", error.Message);
    }

    [SkippableFact]
    public async Task Skipping_the_certificate_check_works_and_warns()
    {
        var host = new RecordingHost();
        var options = vcsim.Server.Options(User, Password) with { Thumbprint = null, SkipCertificateCheck = true };

        using var connection = await VsphereConnection.ConnectAsync(options, host, CancellationToken.None);

        Assert.Equal(CertificateCheck.Skip, connection.CertificateCheck);
        Assert.Contains(host.Warnings, w => w.Contains("is not checked", StringComparison.Ordinal) && w.Contains("-Thumbprint", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task An_existing_session_is_joined_by_its_cookie_and_ends_when_its_owner_logs_out()
    {
        var owner = await vcsim.Server.ConnectAsync(User, Password);
        var joined = await VsphereConnection.ConnectAsync(
            new VsphereConnectOptions { Server = vcsim.Server.Server, SessionCookie = $"vmware_soap_session=\"{owner.SessionCookie}\"", Thumbprint = VcsimServer.Thumbprint },
            SilentHost.Instance,
            CancellationToken.None);

        var before = await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = joined }, new RecordingHost(), CancellationToken.None);
        await owner.DisconnectAsync(CancellationToken.None);
        var after = await Assert.ThrowsAnyAsync<VsphereK8sException>(() => GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = joined }, new RecordingHost(), CancellationToken.None));

        Assert.NotEmpty(before);
        Assert.Equal(User, joined.User);
        Assert.False(joined.CanRenewSession);
        Assert.Equal(ErrorKind.AuthenticationFailed, after.Kind);
        joined.Dispose();
    }

    [SkippableFact]
    public async Task A_cookie_of_no_live_session_is_refused()
    {
        var options = new VsphereConnectOptions { Server = vcsim.Server.Server, SessionCookie = "5227d0c0-0000-0000-0000-000000000000", Thumbprint = VcsimServer.Thumbprint };

        var error = await Assert.ThrowsAsync<VsphereK8sException>(() => VsphereConnection.ConnectAsync(options, SilentHost.Instance, CancellationToken.None));

        Assert.Equal("VsphereSessionNotActive", error.ErrorId);
        Assert.Equal(ErrorKind.AuthenticationFailed, error.Kind);
    }

    [SkippableFact]
    public async Task After_disconnecting_the_connection_says_so()
    {
        var connection = await vcsim.Server.ConnectAsync(User, Password);

        var closed = await DisconnectVsphereServer.RunAsync(new DisconnectVsphereServerRequest { Connection = connection }, new RecordingHost(), CancellationToken.None);
        var error = await Assert.ThrowsAsync<VsphereK8sException>(() => GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection }, new RecordingHost(), CancellationToken.None));

        Assert.Same(connection, closed);
        Assert.False(connection.IsConnected);
        Assert.Equal("VsphereNotConnected", error.ErrorId);
    }

    [SkippableFact]
    public async Task Connecting_asks_nothing_first_because_it_changes_nothing_on_the_server()
    {
        var host = new RecordingHost { ShouldProcessAnswer = false };

        using var connection = await ConnectVsphereServer.RunAsync(vcsim.Server.Options(User, Password), host, CancellationToken.None);

        Assert.NotNull(connection);
        Assert.True(connection.IsConnected);
        Assert.Empty(host.ShouldProcessCalls);
    }

    [SkippableFact]
    public async Task A_closed_port_is_a_connection_error_that_names_the_server()
    {
        VcsimPeer.Require();
        var options = new VsphereConnectOptions { Server = "127.0.0.1:1", Credential = new NetworkCredential(User, Password), Thumbprint = VcsimServer.Thumbprint };

        var error = await Assert.ThrowsAsync<SoapTransportException>(() => VsphereConnection.ConnectAsync(options, SilentHost.Instance, CancellationToken.None));

        Assert.Equal("VsphereUnreachable", error.ErrorId);
        Assert.Equal(ErrorKind.ConnectionFailed, error.Kind);
        Assert.Contains("127.0.0.1:1", error.Message);
        // Refused, so answered at once: nothing listens there, and asking again (after 0.2 and 0.4 s) changes nothing.
        Assert.Equal(SoapTransportFailure.Refused, error.Failure);
    }

    /// <summary>vcsim that accepts only one user and password.</summary>
    public sealed class Fixture : VcsimFixture
    {
        public Fixture()
            : base(Array.Empty<string>(), User, Password)
        {
        }
    }
}
