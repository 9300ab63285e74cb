using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.KubeApiserver.Tests.Client;

/// <summary>
/// Every way a kubeconfig can authenticate, proven against the real API server rather than only parsed:
/// each kubeconfig is written for the test's cluster, and the test lists nodes with it (or is refused).
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class AuthenticationTests
{
    private readonly KubeControlPlane cluster;

    public AuthenticationTests(KubeControlPlane cluster) => this.cluster = cluster;

    private string Ca => $"certificate-authority: {cluster.CaFile}";

    private string CaData => $"certificate-authority-data: {Base64(cluster.CaFile)}";

    public static TheoryData<string> Forms => new()
    {
        "bearer token, CA file",
        "bearer token, CA data",
        "token file",
        "client certificate and key files (relative paths)",
        "client certificate and key data",
        "exec credential plugin",
        "insecure-skip-tls-verify set in the kubeconfig",
    };

    [SkippableTheory]
    [MemberData(nameof(Forms))]
    public async Task Each_authentication_form_reaches_the_server(string form)
    {
        cluster.Require();
        var file = Kubeconfig(form);

        using var api = KubernetesApi.Connect(KubernetesConnection.From(file, null), _ => { });
        var nodes = await api.ListAllAsync(Resources.Node, null, CancellationToken.None);

        Assert.NotNull(nodes.ResourceVersion);
    }

    [SkippableFact]
    public async Task A_wrong_token_is_refused_as_unauthorized_naming_the_user_and_the_kubeconfig()
    {
        cluster.Require();
        var file = cluster.WriteKubeconfig(Path.Combine(cluster.Directory, "wrong-token.kubeconfig"), Ca, "token: not-the-right-token");

        using var api = KubernetesApi.Connect(KubernetesConnection.From(file, null), _ => { });
        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => api.ListAllAsync(Resources.Node, null, CancellationToken.None));

        Assert.Equal("KubernetesUnauthorized", error.ErrorId);
        Assert.Equal(ErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("user 'test-user'", error.Message);
        Assert.Contains(file, error.Message);
        Assert.DoesNotContain("not-the-right-token", error.Message);
    }

    [SkippableFact]
    public async Task A_server_certificate_from_an_unknown_CA_is_refused_as_a_security_error()
    {
        cluster.Require();
        var file = cluster.WriteKubeconfig(Path.Combine(cluster.Directory, "other-ca.kubeconfig"), $"certificate-authority: {cluster.OtherCaFile}", $"token: {KubeControlPlane.AdminToken}");

        using var api = KubernetesApi.Connect(KubernetesConnection.From(file, null), _ => { });
        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => api.ListAllAsync(Resources.Node, null, CancellationToken.None));

        Assert.Equal("KubernetesCertificateRejected", error.ErrorId);
        Assert.Equal(ErrorKind.SecurityError, error.Kind);
        Assert.Contains(cluster.Server, error.Message);
        Assert.Contains("certificate-authority", error.Message);
    }

    [SkippableFact]
    public async Task Without_a_CA_in_the_kubeconfig_the_system_trust_store_refuses_the_test_CA()
    {
        cluster.Require();
        var file = cluster.WriteKubeconfig(Path.Combine(cluster.Directory, "no-ca.kubeconfig"), string.Empty, $"token: {KubeControlPlane.AdminToken}");

        using var api = KubernetesApi.Connect(KubernetesConnection.From(file, null), _ => { });
        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => api.ListAllAsync(Resources.Node, null, CancellationToken.None));

        Assert.Equal("KubernetesCertificateRejected", error.ErrorId);
    }

    [SkippableFact]
    public async Task An_authenticated_user_without_rights_is_forbidden_with_the_servers_words()
    {
        cluster.Require();
        var file = cluster.WriteKubeconfig(Path.Combine(cluster.Directory, "viewer.kubeconfig"), Ca, $"token: {KubeControlPlane.ViewerToken}");

        using var api = KubernetesApi.Connect(KubernetesConnection.From(file, null), _ => { });
        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => api.ListAllAsync(Resources.Node, null, CancellationToken.None));

        Assert.Equal("KubernetesForbidden", error.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("Forbidden", error.Reason);
        Assert.Contains("\"viewer\" cannot list resource \"nodes\"", error.ServerMessage);
    }

    [SkippableFact]
    public async Task A_server_that_is_not_listening_is_unreachable_naming_the_server()
    {
        cluster.Require();
        var file = Path.Combine(cluster.Directory, "nobody-home.kubeconfig");
        File.WriteAllText(file, File.ReadAllText(cluster.AdminKubeconfig).Replace(cluster.Server, "https://127.0.0.1:1"));
        var retry = new RetryPolicy { MaxAttempts = 2, Delay = (_, _) => Task.CompletedTask };

        using var api = KubernetesApi.Connect(KubernetesConnection.From(file, null), _ => { }, retry: retry);
        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => api.ListAllAsync(Resources.Node, null, CancellationToken.None));

        Assert.Equal("KubernetesUnreachable", error.ErrorId);
        Assert.Equal(ErrorKind.ConnectionFailed, error.Kind);
        Assert.Contains("https://127.0.0.1:1", error.Message);
    }

    private string Kubeconfig(string form)
    {
        var file = Path.Combine(cluster.Directory, form.Replace(' ', '-').Replace(",", string.Empty).Replace("(", string.Empty).Replace(")", string.Empty) + ".kubeconfig");
        switch (form)
        {
            case "bearer token, CA file":
                return cluster.WriteKubeconfig(file, Ca, $"token: {KubeControlPlane.AdminToken}");
            case "bearer token, CA data":
                return cluster.WriteKubeconfig(file, CaData, $"token: {KubeControlPlane.AdminToken}");
            case "token file":
                var tokenFile = Path.Combine(cluster.Directory, "admin.token");
                File.WriteAllText(tokenFile, KubeControlPlane.AdminToken + "\n");
                return cluster.WriteKubeconfig(file, Ca, $"tokenFile: {tokenFile}");
            case "client certificate and key files (relative paths)":
                return cluster.WriteKubeconfig(file, "certificate-authority: ca.crt", "client-certificate: admin.crt", "client-key: admin.key");
            case "client certificate and key data":
                return cluster.WriteKubeconfig(file, CaData, $"client-certificate-data: {Base64(cluster.AdminCertFile)}", $"client-key-data: {Base64(cluster.AdminKeyFile)}");
            case "exec credential plugin":
                var plugin = Path.Combine(AppContext.BaseDirectory, "fixtures", "kubeconfig", "exec-credential.sh");
                return cluster.WriteKubeconfig(
                    file,
                    Ca,
                    "exec:",
                    "  apiVersion: client.authentication.k8s.io/v1beta1",
                    "  command: /bin/sh",
                    $"  args: [\"{plugin}\"]",
                    "  env:",
                    "  - name: VK8S_TEST_TOKEN",
                    $"    value: {KubeControlPlane.ExecToken}");
            case "insecure-skip-tls-verify set in the kubeconfig":
                return cluster.WriteKubeconfig(file, "insecure-skip-tls-verify: true", $"token: {KubeControlPlane.AdminToken}");
            default:
                throw new ArgumentOutOfRangeException(nameof(form), form, null);
        }
    }

    private static string Base64(string file) => Convert.ToBase64String(File.ReadAllBytes(file));
}
