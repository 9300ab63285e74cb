using System.Net.Security;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Soap;
using Xunit;

namespace VsphereK8sStorage.Tests.Vsphere;

/// <summary>What a user types to connect: server addresses, thumbprints, session cookies.</summary>
public sealed class ConnectionInputTests
{
    [Theory]
    [InlineData("vcenter.example.com", "vcenter.example.com", 443, "vcenter.example.com")]
    [InlineData("vcenter.example.com:8443", "vcenter.example.com", 8443, "vcenter.example.com:8443")]
    [InlineData("10.0.0.5", "10.0.0.5", 443, "10.0.0.5")]
    [InlineData("[fd00::1]:9443", "[fd00::1]", 9443, "[fd00::1]:9443")]
    [InlineData("https://vcenter.example.com/sdk", "vcenter.example.com", 443, "vcenter.example.com")]
    [InlineData("https://VCenter.Example.com:444/sdk/", "vcenter.example.com", 444, "vcenter.example.com:444")]
    [InlineData("  vc.example.com  ", "vc.example.com", 443, "vc.example.com")]
    public void Server_addresses_in_the_forms_users_write(string text, string host, int port, string display)
    {
        var address = VsphereServerAddress.Parse(text);

        Assert.Equal((host, port, display), (address.Host, address.Port, address.DisplayName));
        Assert.Equal("https", address.BaseUri.Scheme);
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("plain http", "http://vcenter.example.com/sdk")]
    [InlineData("credentials in the URL", "https://admin:secret@vcenter.example.com/sdk")]
    [InlineData("a path without a scheme", "vcenter.example.com/sdk")]
    [InlineData("a port that is not a number", "vcenter:https")]
    [InlineData("spaces inside", "v center")]
    public void Unusable_server_addresses_are_refused_with_the_fix(string name, string text)
    {
        var error = Assert.Throws<InvalidParameterException>(() => VsphereServerAddress.Parse(text));

        Assert.True(error.ErrorId == "VsphereServerInvalid", name);
        Assert.Contains("for example vcenter.example.com", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData("2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:B9")]
    [InlineData("2c11edd713877db57418b81c42c2561f0db95bb9")]
    [InlineData("2c:11:ed:d7:13:87:7d:b5:74:18:b8:1c:42:c2:56:1f:0d:b9:5b:b9")]
    [InlineData(" 2C11EDD7 13877DB5 7418B81C 42C2561F 0DB95BB9 ")]
    public void Thumbprints_with_or_without_colons_normalize_to_one_form(string text)
    {
        Assert.Equal("2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:B9", CertificatePolicy.NormalizeThumbprint(text));
    }

    [Theory]
    [InlineData("too short", "2C:11:ED")]
    [InlineData("not hex", "ZZ11EDD713877DB57418B81C42C2561F0DB95BB9")]
    [InlineData("MD5 length", "2C11EDD713877DB57418B81C42C2561F")]
    public void Malformed_thumbprints_are_refused_with_an_example(string name, string text)
    {
        var error = Assert.Throws<InvalidParameterException>(() => CertificatePolicy.NormalizeThumbprint(text));

        Assert.True(error.ErrorId == "VsphereThumbprintInvalid", name);
        Assert.Contains("SHA-1 thumbprint (40 hex digits) or SHA-256 thumbprint (64 hex digits)", error.Message);
    }

    [Fact]
    public void A_SHA_256_thumbprint_is_accepted_and_known_as_one()
    {
        const string Sha256 = "448f628a8a65aa18560e53a80c53acb38c51b427df0334082349141147dc9bf6";

        var policy = CertificatePolicy.Create(Sha256, false);

        Assert.Equal(CertificateCheck.Thumbprint, policy.Check);
        Assert.True(policy.PinnedIsSha256);
        Assert.False(CertificatePolicy.Create("2c11edd713877db57418b81c42c2561f0db95bb9", false).PinnedIsSha256);
    }

    [Fact]
    public void Pinning_and_skipping_together_is_a_contradiction()
    {
        var error = Assert.Throws<InvalidParameterException>(() => CertificatePolicy.Create("2c11edd713877db57418b81c42c2561f0db95bb9", skipCertificateCheck: true));

        Assert.Equal("VsphereThumbprintAndSkip", error.ErrorId);
        Assert.Contains("-SkipCertificateCheck", Param.Render(error.Message, ParameterSyntax.PowerShell));
    }

    [Fact]
    public void A_thumbprint_from_the_environment_and_skipping_is_refused_naming_the_variable()
    {
        var error = Assert.Throws<InvalidParameterException>(() => CertificatePolicy.Create("2c11edd713877db57418b81c42c2561f0db95bb9", skipCertificateCheck: true, thumbprintSource: "$VSPHERE_THUMBPRINT"));

        Assert.Contains("$VSPHERE_THUMBPRINT is set", error.Message);
        Assert.Contains("unset $VSPHERE_THUMBPRINT", error.Message);
        Assert.Contains("SkipCertificateCheck", error.Message);
    }

    public static TheoryData<string, string, string> UserNames => new()
    {
        // name, user, shown
        { "a plain name", "k8s-admin", "'k8s-admin'" },
        { "a vSphere SSO name", "administrator@vsphere.local", "'administrator@vsphere.local'" },
        { "a Windows domain name", @"CORP\ops", @"'CORP\ops'" },
        { "user:password", "admin:S3cr3t", "the given user name (not shown: it contains ':', as a user name with a password would; give the password separately)" },
        { "user password", "admin S3cr3t", "the given user name (not shown: it contains whitespace, as a user name with a password would; give the password separately)" },
        { "user;password", "admin;S3cr3t", "the given user name (not shown: it contains ';', as a user name with a password would; give the password separately)" },
    };

    [Theory]
    [MemberData(nameof(UserNames))]
    public void User_names_that_may_hold_a_password_are_never_shown(string name, string user, string shown)
    {
        Assert.True(shown == UserNameText.Quoted(user), name);
    }

    [Fact]
    public void Without_a_certificate_seen_the_policies_decide_as_documented()
    {
        Assert.False(CertificatePolicy.Create(null, false).Validate(null, SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.False(CertificatePolicy.Create("2c11edd713877db57418b81c42c2561f0db95bb9", false).Validate(null, SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.True(CertificatePolicy.Create(null, true).Validate(null, SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.Equal(CertificateCheck.Verify, CertificatePolicy.Create(null, false).Check);
    }

    [Theory]
    [InlineData("52a6f1d2-3e09-4ab7-9a35-6c1e1b0c9c4e")]
    [InlineData("\"52a6f1d2-3e09-4ab7-9a35-6c1e1b0c9c4e\"")]
    [InlineData("vmware_soap_session=\"52a6f1d2-3e09-4ab7-9a35-6c1e1b0c9c4e\"")]
    [InlineData("vmware_soap_session=\"52a6f1d2-3e09-4ab7-9a35-6c1e1b0c9c4e\"; Path=/; HttpOnly; Secure;")]
    public void Session_cookies_in_the_forms_users_copy_them(string text)
    {
        Assert.Equal("52a6f1d2-3e09-4ab7-9a35-6c1e1b0c9c4e", SoapSession.Normalize(text));
    }

    [Theory]
    [InlineData("vmware_soap_session=\"abc\"; Path=/; HttpOnly; Secure;", "abc")]
    [InlineData("vmware_soap_session=abc; Path=/; HttpOnly", "abc")]
    [InlineData("other=abc; Path=/", null)]
    [InlineData("vmware_soap_session=; Path=/", null)]
    public void The_session_cookie_is_taken_from_Set_Cookie(string header, string? expected)
    {
        Assert.Equal(expected, SoapSession.FromSetCookie(header));
    }

    [Fact]
    public void A_new_cookie_moves_the_generation_and_the_same_one_does_not()
    {
        var session = new SoapSession("a");
        var first = session.Generation;

        session.SetCookie("\"a\"");
        var same = session.Generation;
        session.SetCookie("b");

        Assert.Equal(first, same);
        Assert.Equal(first + 1, session.Generation);
        Assert.Equal("b", session.Cookie);
    }
}
