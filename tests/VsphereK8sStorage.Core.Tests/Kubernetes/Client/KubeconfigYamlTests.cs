using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using k8s;
using k8s.KubeConfigModels;
using VsphereK8sStorage.Kubernetes.Client;
using Xunit;
using YamlDotNet.Core;

namespace VsphereK8sStorage.Tests.Kubernetes.Client;

/// <summary>
/// The module reads a kubeconfig with its own YamlDotNet deserializer instead of KubernetesClientConfiguration.LoadKubeConfig,
/// which is slow to start; the oracle is LoadKubeConfig itself. For every case both must give the same model (compared as
/// KubernetesClient writes it back) or both refuse the text at the same position.
/// </summary>
public sealed class KubeconfigYamlTests
{
    private const string Minimal = """
        apiVersion: v1
        kind: Config
        current-context: a

        """;

    private static readonly Dictionary<string, string> Texts = new()
    {
        ["every field kubectl writes"] = """
            apiVersion: v1
            kind: Config
            preferences:
              colors: true
            current-context: admin@prod
            clusters:
            - name: prod
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: LS0tLS1CRUdJTg==
                tls-server-name: api.prod
                insecure-skip-tls-verify: false
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension:
                    audience: prod
                    replicas: 3
                    ratio: 0.5
                    enabled: true
                    list: [a, 1, ~]
            users:
            - name: admin
              user:
                client-certificate-data: Y2VydA==
                client-key-data: a2V5
                as: jane
                as-groups: [admins, "system:masters"]
                as-user-extra:
                  team: storage
                username: u
                password: p
            - name: sso
              user:
                auth-provider:
                  name: oidc
                  config:
                    client-id: k8s
                    idp-issuer-url: https://sso.example
            - name: plugin
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: vsphere-login
                  args: [--cluster, prod, "--ttl=10m"]
                  env:
                  - name: VSPHERE_SERVER
                    value: vc.example
                  installHint: Install vsphere-login from your vendor.
                  provideClusterInfo: true
                  interactiveMode: Never
            contexts:
            - name: admin@prod
              context:
                cluster: prod
                user: admin
                namespace: storage
                extensions: []
            """,
        ["merge keys and aliases"] = """
            apiVersion: v1
            kind: Config
            current-context: b
            clusters:
            - name: a
              cluster: &base
                server: https://10.0.0.1:6443
                insecure-skip-tls-verify: true
            - name: b
              cluster:
                <<: *base
                server: https://10.0.0.2:6443
            contexts:
            - {name: b, context: {cluster: b, user: *base}}
            """,
        ["keys no model holds, at every level"] = """
            apiVersion: v1
            kind: Config
            future-field: {x: 1}
            clusters:
            - name: a
              unknown: [1, 2]
              cluster:
                server: https://10.0.0.1:6443
                proxy-url: http://proxy:3128
                disable-compression: true
            contexts:
            - name: a
              context: {cluster: a, color: red}
            """,
        ["nulls in every spelling"] = """
            apiVersion: v1
            kind: Config
            current-context: ~
            clusters:
            - name: a
              cluster:
                server: null
                certificate-authority:
                tls-server-name: NULL
            users: ~
            contexts: []
            """,
        ["YAML 1.1 booleans and quoted ones"] = """
            apiVersion: v1
            kind: Config
            clusters:
            - {name: a, cluster: {server: https://a, insecure-skip-tls-verify: True}}
            - {name: b, cluster: {server: https://b, insecure-skip-tls-verify: "true"}}
            - {name: c, cluster: {server: https://c, insecure-skip-tls-verify: FALSE}}
            """,
        ["numbers and dates where text is expected"] = """
            apiVersion: 1
            kind: Config
            current-context: 0123
            users:
            - name: 42
              user: {token: 1e3, username: 2024-01-01, password: 0x1F}
            """,
        ["duplicate keys"] = Minimal + "current-context: b\n",
        ["two documents"] = Minimal + "---\napiVersion: v1\ncurrent-context: second\n",
        ["an empty document"] = "---\n",
        ["only a comment"] = "# nothing here\n",
        ["flow style and tags"] = "{apiVersion: v1, kind: Config, current-context: !!str 12, contexts: [{name: x, context: {cluster: y}}]}\n",
        ["a mapping where text is expected"] = Minimal + "clusters:\n- name: {a: b}\n",
        ["a list where a mapping is expected"] = Minimal + "clusters:\n- name: a\n  cluster: [1, 2]\n",
        ["text where a boolean is expected"] = Minimal + "clusters:\n- name: a\n  cluster: {insecure-skip-tls-verify: maybe}\n",
        ["a scalar document"] = "just text\n",
        ["a list document"] = "- a\n- b\n",
        ["not YAML: a tab indent"] = "apiVersion: v1\nclusters:\n\t- name: a\n",
        ["not YAML: unclosed quote"] = "apiVersion: \"v1\nkind: Config\n",
        ["not YAML: an alias to nothing"] = "apiVersion: *nowhere\n",
        ["binary"] = "\u0001\u0002\u00ff\u0000PK\u0003\u0004",
    };

    public static TheoryData<string> Cases => new(Texts.Keys);

    public static TheoryData<string> Fixtures => new(
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "kubeconfig"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "fixtures", "kubeconfig"), f))
            .OrderBy(f => f, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_a_kubeconfig_as_KubernetesClient_does(string name)
    {
        AssertSameAsKubernetesClient(Texts[name]);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reads_every_kubeconfig_fixture_as_KubernetesClient_does(string fixture)
    {
        AssertSameAsKubernetesClient(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "kubeconfig", fixture)));
    }

    [Fact]
    public void The_cases_hold_a_read_and_a_refusal_so_neither_side_is_trivially_equal()
    {
        var outcomes = Texts.Values.Select(t => Record.Exception(() => KubeconfigYaml.Read(t)) is null).ToList();

        Assert.Contains(true, outcomes);
        Assert.Contains(false, outcomes);
        Assert.Equal("vsphere-login", KubeconfigYaml.Read(Texts["every field kubectl writes"])!.Users.Single(u => u.Name == "plugin").UserCredentials.ExternalExecution.Command);
        Assert.Equal("https://10.0.0.2:6443", KubeconfigYaml.Read(Texts["merge keys and aliases"])!.Clusters.Single(c => c.Name == "b").ClusterEndpoint.Server);
    }

    public static TheoryData<string, string, string, string> MisfitValues => new()
    {
        // case, the entry that holds the field (a list of one, as kubectl writes it), field and value, what the value is
        { "a token under a true-or-false key", "clusters:\n- name: c\n  cluster:", "insecure-skip-tls-verify: s3cr3t-t0ken", "s3cr3t-t0ken" },
        { "a list where text is expected", "users:\n- name: u\n  user:", "token: [s3cr3t-t0ken]", "s3cr3t-t0ken" },
        { "a mapping where text is expected", "users:\n- name: u\n  user:", "password: {s3cr3t: t0ken}", "s3cr3t" },
    };

    [Theory]
    [MemberData(nameof(MisfitValues))]
    public void A_value_that_does_not_fit_its_field_is_refused_where_it_stands_without_echoing_it(string name, string entry, string field, string value)
    {
        var text = "apiVersion: v1\nkind: Config\n" + entry + "\n    " + field + "\n";

        var refusal = Assert.IsAssignableFrom<YamlException>(Record.Exception(() => KubeconfigYaml.Read(text)));

        Assert.Equal((6L, 5L + field.IndexOf(": ", StringComparison.Ordinal) + 2), (refusal.Start.Line, refusal.Start.Column));
        Assert.True(refusal.Message.StartsWith("the value here does not fit its field", StringComparison.Ordinal), $"{name}: {refusal.Message}");
        Assert.DoesNotContain(value, refusal.Message);
        Assert.DoesNotContain("System.", refusal.Message);
    }

    [Fact]
    public void Text_that_is_not_YAML_keeps_the_parser_words_and_position()
    {
        const string text = "apiVersion: v1\nusers:\n- name: u\n  user:\n    password: \"unterminated\n";

        var ours = Assert.IsAssignableFrom<YamlException>(Record.Exception(() => KubeconfigYaml.Read(text)));
        var theirs = Assert.IsAssignableFrom<YamlException>(Record.Exception(() => KubernetesClientConfiguration.LoadKubeConfig(new MemoryStream(Encoding.UTF8.GetBytes(text)))));

        Assert.Equal((theirs.Start.Line, theirs.Start.Column), (ours.Start.Line, ours.Start.Column));
        Assert.Equal(theirs.InnerException?.Message ?? theirs.Message, ours.Message);
    }

    // The same model, or a refusal at the same place; the words of a refusal for a value that does not fit its field
    // are ours (the cases above), so only the place is compared.
    private static void AssertSameAsKubernetesClient(string text)
    {
        var expected = Outcome(() => KubernetesClientConfiguration.LoadKubeConfig(new MemoryStream(Encoding.UTF8.GetBytes(text))));
        var actual = Outcome(() => KubeconfigYaml.Read(text));

        Assert.Equal(expected, actual);
    }

    // The model as KubernetesClient writes it back, or where the text was refused.
    private static string Outcome(Func<K8SConfiguration?> read)
    {
        try
        {
            return read() is { } config ? KubernetesYaml.Serialize(config) : "(no kubeconfig)";
        }
        catch (YamlException ex)
        {
            return $"refused at {ex.Start.Line}:{ex.Start.Column}";
        }
    }
}
