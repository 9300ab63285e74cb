using System;
using System.Collections.Generic;
using System.IO;
using k8s.Authentication;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes.Client;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes.Client;

/// <summary>
/// How a connection becomes a client configuration: kubectl's search order, $KUBECONFIG merging, and one
/// kubeconfig fixture per way a file can be broken, each with the error id and the words a user needs.
/// </summary>
public sealed class KubeconfigResolverTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "kubeconfig", name);

    /// <summary>(fixture, context asked for, error id, words the message must hold)</summary>
    public static TheoryData<string, string?, string, string> BrokenFiles => new()
    {
        { "empty.yaml", null, "KubeconfigInvalid", "the file is empty" },
        { "not-yaml.yaml", null, "KubeconfigInvalid", "not a kubeconfig" },
        { "wrong-shape.yaml", null, "KubeconfigInvalid", "not a kubeconfig" },
        { "no-current-context.yaml", null, "KubeconfigInvalid", "no current-context is set; pass -Context with one of: a, b" },
        { "no-contexts.yaml", null, "KubeconfigInvalid", "it defines no context" },
        { "valid.yaml", "prod", "KubeconfigContextNotFound", "context 'prod' is not defined; its contexts are: test" },
        { "valid.yaml", "Test", "KubeconfigContextNotFound", "did you mean 'test'?" },
        { "context-without-cluster.yaml", null, "KubeconfigInvalid", "context 'test' names no cluster" },
        { "cluster-not-defined.yaml", null, "KubeconfigInvalid", "context 'test' refers to cluster 'missing', which no file defines (defined: test)" },
        { "cluster-without-server.yaml", null, "KubeconfigInvalid", "cluster 'test' has no server" },
        { "server-not-url.yaml", null, "KubeconfigInvalid", "server '127.0.0.1:6443' is not an http(s) URL" },
        { "ca-file-missing.yaml", null, "KubeconfigInvalid", "certificate-authority" },
        { "ca-data-not-base64.yaml", null, "KubeconfigInvalid", "certificate-authority-data is not base64" },
        { "ca-data-not-pem.yaml", null, "KubeconfigInvalid", "certificate-authority-data holds no PEM certificate" },
        { "insecure-with-ca.yaml", null, "KubeconfigInvalid", "sets insecure-skip-tls-verify and a certificate-authority" },
        { "user-not-defined.yaml", null, "KubeconfigInvalid", "refers to user 'test-user', which no file defines (defined: somebody-else)" },
        { "cert-without-key.yaml", null, "KubeconfigInvalid", "has client-certificate but no client-key" },
        { "cert-data-without-key.yaml", null, "KubeconfigInvalid", "has client-certificate-data but no client-key-data" },
        { "key-not-pem.yaml", null, "KubeconfigInvalid", "client-key" },
        { "token-file-missing.yaml", null, "KubeconfigInvalid", "tokenFile" },
        { "token-file-empty.yaml", null, "KubeconfigInvalid", "is empty" },
        { "exec-without-command.yaml", null, "KubeconfigInvalid", "exec has no command" },
        { "exec-without-api-version.yaml", null, "KubeconfigInvalid", "exec has no apiVersion" },
        { "exec-command-missing.yaml", null, "KubeconfigExecFailed", "Install the credential plugin from your cluster's vendor." },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_broken_kubeconfig_is_refused_naming_the_file_and_the_problem(string fixture, string? context, string errorId, string words)
    {
        var file = Fixture(fixture);

        var error = Assert.IsType<KubeconfigException>(Record.Exception(() => Resolve(new KubernetesConnection { Kubeconfig = file, Context = context })), exactMatch: false);

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(file, error.File);
        Assert.StartsWith(file + ": ", error.Message);
        Assert.Contains(words, error.Message);
        Assert.DoesNotContain("\n", error.Message);
        Assert.DoesNotContain("Exception", error.Message);
    }

    [Fact]
    public void The_fixture_list_covers_every_broken_file_in_the_folder()
    {
        var listed = new HashSet<string>();
        foreach (var row in BrokenFiles)
        {
            listed.Add((string)row[0]);
        }

        var valid = new HashSet<string> { "valid.yaml", "token-file.yaml", "anonymous-user.yaml" };
        foreach (var file in Directory.GetFiles(Fixture(string.Empty), "*.yaml"))
        {
            var name = Path.GetFileName(file);
            Assert.True(listed.Contains(name) || valid.Contains(name), $"{name} has no test.");
        }
    }

    [Fact]
    public void An_explicit_file_that_does_not_exist_is_named()
    {
        var file = Fixture("no-such-kubeconfig.yaml");

        var error = Assert.IsType<KubeconfigException>(Record.Exception(() => Resolve(new KubernetesConnection { Kubeconfig = file })));

        Assert.Equal("KubeconfigNotFound", error.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void A_valid_file_resolves_to_its_server_context_and_user()
    {
        var resolved = Resolve(new KubernetesConnection { Kubeconfig = Fixture("valid.yaml") });

        Assert.Equal("https://127.0.0.1:6443/", new Uri(resolved.Configuration.Host).ToString());
        Assert.Equal("test", resolved.Endpoint.Context);
        Assert.Equal("test-user", resolved.Endpoint.User);
        Assert.Equal("fixture-token", resolved.Configuration.AccessToken);
        Assert.Single(resolved.Configuration.SslCaCerts!);
    }

    [Fact]
    public void A_token_file_is_read_and_then_re_read_by_a_provider()
    {
        var resolved = Resolve(new KubernetesConnection { Kubeconfig = Fixture("token-file.yaml") });

        Assert.IsType<TokenFileAuth>(resolved.Configuration.TokenProvider);
        Assert.Equal("fixture-token", resolved.Configuration.AccessToken);
    }

    [Fact]
    public void A_user_without_credentials_connects_anonymously_as_kubectl_does()
    {
        var resolved = Resolve(new KubernetesConnection { Kubeconfig = Fixture("anonymous-user.yaml") });

        Assert.Null(resolved.Endpoint.User);
        Assert.Null(resolved.Configuration.AccessToken);
    }

    [Fact]
    public void KUBECONFIG_files_are_merged_first_one_wins_and_paths_are_relative_to_their_own_file()
    {
        var first = Fixture(Path.Combine("merge", "first.yaml"));
        var second = Fixture(Path.Combine("merge", "second.yaml"));
        var missing = Fixture(Path.Combine("merge", "absent.yaml"));
        var notes = new List<string>();

        var resolved = KubeconfigResolver.Resolve(KubernetesConnection.Default, Environment(("KUBECONFIG", string.Join(Path.PathSeparator, missing, first, second))), notes.Add);

        // Context and current-context from the first file, the user (and its tokenFile, relative to second.yaml) from the second.
        Assert.Equal("merged", resolved.Endpoint.Context);
        Assert.Equal("team-a", resolved.Endpoint.Namespace);
        Assert.StartsWith("https://first.example:6443", resolved.Configuration.Host);
        Assert.IsType<TokenFileAuth>(resolved.Configuration.TokenProvider);
        Assert.Contains(notes, n => n.Contains(missing) && n.Contains("skipped"));
        Assert.Equal($"{first}, {second}", resolved.Endpoint.Source);
    }

    [Fact]
    public void A_context_only_a_later_file_defines_can_be_chosen()
    {
        var first = Fixture(Path.Combine("merge", "first.yaml"));
        var valid = Fixture("valid.yaml");

        var resolved = KubeconfigResolver.Resolve(new KubernetesConnection { Context = "test" }, Environment(("KUBECONFIG", string.Join(Path.PathSeparator, first, valid))), _ => { });

        // valid.yaml's context 'test' names cluster 'test', which first.yaml defined first: kubectl's merge takes first.yaml's.
        Assert.Equal("test", resolved.Endpoint.Context);
        Assert.StartsWith("https://first.example:6443", resolved.Configuration.Host);
    }

    [Fact]
    public void An_explicit_file_wins_over_KUBECONFIG()
    {
        var resolved = KubeconfigResolver.Resolve(
            new KubernetesConnection { Kubeconfig = Fixture("valid.yaml") },
            Environment(("KUBECONFIG", Fixture(Path.Combine("merge", "first.yaml")))),
            _ => { });

        Assert.Equal("test", resolved.Endpoint.Context);
    }

    [Fact]
    public void Without_KUBECONFIG_the_home_kubeconfig_is_used()
    {
        var home = Path.Combine(Path.GetTempPath(), "vk8s-home-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(home, ".kube"));
        try
        {
            File.Copy(Fixture("valid.yaml"), Path.Combine(home, ".kube", "config"));
            File.Copy(Fixture("ca.crt"), Path.Combine(home, ".kube", "ca.crt"));

            var resolved = KubeconfigResolver.Resolve(KubernetesConnection.Default, Environment(("HOME", home)), _ => { });

            Assert.Equal(Path.Combine(home, ".kube", "config"), resolved.Endpoint.Source);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void With_no_kubeconfig_anywhere_a_pod_uses_its_service_account()
    {
        var inCluster = new k8s.KubernetesClientConfiguration { Host = "https://10.0.0.1:443", Namespace = "runbooks" };
        var environment = new KubeconfigEnvironment { Variable = name => name == "HOME" ? EmptyHome() : null, IsInCluster = () => true, InClusterConfig = () => inCluster };

        var resolved = KubeconfigResolver.Resolve(KubernetesConnection.Default, environment, _ => { });

        Assert.Same(inCluster, resolved.Configuration);
        Assert.Equal("the pod's service account", resolved.Endpoint.Source);
        Assert.Equal("runbooks", resolved.Endpoint.Namespace);
    }

    [Fact]
    public void A_context_cannot_be_chosen_inside_a_pod_without_a_kubeconfig()
    {
        var environment = new KubeconfigEnvironment { Variable = name => name == "HOME" ? EmptyHome() : null, IsInCluster = () => true, InClusterConfig = () => throw new InvalidOperationException("not reached") };

        var error = Assert.IsType<KubeconfigException>(Record.Exception(() => KubeconfigResolver.Resolve(new KubernetesConnection { Context = "prod" }, environment, _ => { })));

        Assert.Equal("KubeconfigContextNotFound", error.ErrorId);
    }

    [Fact]
    public void Nothing_configured_says_how_to_configure_it()
    {
        var environment = new KubeconfigEnvironment { Variable = name => name == "HOME" ? EmptyHome() : null, IsInCluster = () => false };

        var error = Assert.IsAssignableFrom<VsphereK8sException>(Record.Exception(() => KubeconfigResolver.Resolve(KubernetesConnection.Default, environment, _ => { })));

        Assert.Equal("KubernetesNotConfigured", error.ErrorId);
        Assert.Contains("Pass -Kubeconfig or set $KUBECONFIG", error.Message);
    }

    [Fact]
    public void KUBECONFIG_naming_only_missing_files_is_an_error_naming_them()
    {
        var missing = Fixture("absent-1.yaml");
        var environment = new KubeconfigEnvironment { Variable = name => name == "KUBECONFIG" ? missing : null, IsInCluster = () => false };

        var error = Assert.IsType<KubeconfigException>(Record.Exception(() => KubeconfigResolver.Resolve(KubernetesConnection.Default, environment, _ => { })));

        Assert.Equal("KubeconfigNotFound", error.ErrorId);
        Assert.Contains(missing, error.Message);
    }

    private static ResolvedConnection Resolve(KubernetesConnection connection) =>
        KubeconfigResolver.Resolve(connection, Environment(), _ => { });

    private static KubeconfigEnvironment Environment(params (string Name, string Value)[] variables)
    {
        var map = new Dictionary<string, string>();
        foreach (var (name, value) in variables)
        {
            map[name] = value;
        }

        map.TryAdd("HOME", EmptyHome());
        return new KubeconfigEnvironment { Variable = name => map.TryGetValue(name, out var value) ? value : null, IsInCluster = () => false };
    }

    private static string EmptyHome() => Path.Combine(Path.GetTempPath(), "vk8s-no-home");
}
