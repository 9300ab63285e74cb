using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes.Client;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes.Client;

/// <summary>
/// A kubeconfig is read before any command talks to a cluster, so a broken or hostile one must end the command quickly
/// with one bounded message naming the file: every truncation of the valid fixtures, and hand-made hostile files,
/// either resolve or fail as a KubeconfigException whose message is one line without an exception type name.
/// </summary>
public sealed class KubeconfigFuzzTests : IDisposable
{
    private static readonly Regex ExceptionTypeName = new(@"\b[A-Z]\w*Exception\b", RegexOptions.CultureInvariant);

    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "kubeconfig");

    private readonly string folder = Directory.CreateTempSubdirectory("vk8s-kubeconfig-fuzz-").FullName;

    public KubeconfigFuzzTests()
    {
        // What the fixtures refer to, beside each cut copy.
        foreach (var file in new[] { "ca.crt", "client.crt", "token" })
        {
            File.Copy(Path.Combine(Fixtures, file), Path.Combine(folder, file));
        }
    }

    public static TheoryData<string> ValidFixtures => new("valid.yaml", "token-file.yaml", "anonymous-user.yaml");

    // Each hand-made file, and words of its refusal (null: it resolves). What stays cheap to read (aliases share one value,
    // a long string) resolves as kubectl would resolve it; nesting deeper than kubectl reads is refused before it is built.
    private static readonly Dictionary<string, (Func<string> Text, string? Refusal)> Hostile = new()
    {
        ["flow sequences nested 200,000 deep"] = (() => WithCluster("extensions:\n    - name: x\n      extension: " + new string('[', 200_000) + new string(']', 200_000)), "nests deeper than 10000 levels"),
        ["block mappings nested 20,000 deep (200 MB of indentation)"] = (() => WithCluster("extensions:\n    - name: x\n      extension:\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => new string(' ', 8 + i) + "k:\n"))), "holds more than 16 MB"),
        ["merge keys that double at every level"] = (() => WithCluster("extensions:\n    - name: x\n      extension:\n" + MergeBomb(24)), "Too many parsing events"),
        ["aliases that double at every level"] = (() => WithCluster("extensions:\n    - name: x\n      extension:\n" + AliasBomb(24)), null),
        ["one line of 8 MB"] = (() => WithCluster("extensions:\n    - name: x\n      extension: " + new string('a', 8 << 20)), null),
        ["binary"] = (() => Encoding.Latin1.GetString(Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 7919 % 251)).ToArray()), "not a kubeconfig"),
        ["a NUL in a key"] = (() => "apiVersion: v1\nclus\0ters: []\n", "not a kubeconfig"),
        ["a tab before a key"] = (() => "apiVersion: v1\n\tclusters: []\n", "not a kubeconfig"),
        ["a document that is one huge string"] = (() => "\"" + new string('x', 1 << 20), "not a kubeconfig"),
    };

    public static TheoryData<string> HostileCases => new(Hostile.Keys);

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public async Task Every_truncation_of_a_valid_kubeconfig_resolves_or_fails_with_one_bounded_message(string fixture)
    {
        var text = File.ReadAllText(Path.Combine(Fixtures, fixture));
        for (var cut = 0; cut <= text.Length; cut++)
        {
            await AssertHeldToTheStandard(text.Substring(0, cut), $"{fixture} cut at {cut}");
        }
    }

    [Theory]
    [MemberData(nameof(HostileCases))]
    public async Task A_hostile_kubeconfig_ends_quickly_resolved_or_refused_with_one_bounded_message(string name)
    {
        var (text, refusal) = Hostile[name];

        var failure = await AssertHeldToTheStandard(text(), name);

        Assert.Equal(refusal is not null, failure is not null);
        if (refusal is not null)
        {
            Assert.Contains(refusal, failure!.Message);
        }
    }

    public static TheoryData<string> EndlessCases => new("the kubeconfig", "its certificate-authority", "its tokenFile");

    [Theory]
    [MemberData(nameof(EndlessCases))]
    public async Task A_file_that_never_ends_or_is_far_too_large_is_refused_at_the_size_limit(string which)
    {
        // A device that never ends where one exists (kubectl would read /dev/zero until memory runs out), else a 64 MB file.
        var endless = File.Exists("/dev/zero") ? "/dev/zero" : Sparse(Path.Combine(folder, "large"), 64 << 20);
        var oversized = Sparse(Path.Combine(folder, "oversized"), KubeconfigSet.MaxFileBytes + 1);
        foreach (var path in new[] { endless, oversized })
        {
            var text = which switch
            {
                "the kubeconfig" => null,
                "its certificate-authority" => WithCluster("certificate-authority: " + path),
                _ => WithCluster("insecure-skip-tls-verify: true").Replace("  context: {cluster: test}", "  context: {cluster: test, user: u}") + $"users:\n- name: u\n  user: {{tokenFile: {path}}}\n",
            };

            var failure = await AssertHeldToTheStandard(text, $"{which} at {path}", text is null ? path : null);

            Assert.NotNull(failure);
            Assert.Contains("holds more than 16 MB", failure!.Message);
        }
    }

    private static string Sparse(string path, long length)
    {
        using var file = File.Create(path);
        file.SetLength(length);
        return path;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // A valid kubeconfig whose cluster holds the text given after its server.
    private static string WithCluster(string clusterTail) =>
        "apiVersion: v1\nkind: Config\ncurrent-context: test\nclusters:\n- name: test\n  cluster:\n    server: https://127.0.0.1:6443\n    " + clusterTail +
        "\ncontexts:\n- name: test\n  context: {cluster: test}\n";

    private static string MergeBomb(int levels)
    {
        var text = new StringBuilder("        l0: &l0 {a: 1, b: 2}\n");
        for (var i = 1; i <= levels; i++)
        {
            text.Append($"        l{i}: &l{i}\n          <<: [*l{i - 1}]\n          x{i}: {{<<: *l{i - 1}}}\n          y{i}: {{<<: *l{i - 1}}}\n");
        }

        return text.ToString();
    }

    private static string AliasBomb(int levels)
    {
        var text = new StringBuilder("        l0: &l0 [a, b]\n");
        for (var i = 1; i <= levels; i++)
        {
            text.Append($"        l{i}: &l{i} [*l{i - 1}, *l{i - 1}]\n");
        }

        return text.ToString();
    }

    /// <summary>Resolves the text written as a kubeconfig file (or the file at <paramref name="path"/>); returns the failure, or null when it resolved.</summary>
    private async Task<KubeconfigException?> AssertHeldToTheStandard(string? text, string name, string? path = null)
    {
        var file = path ?? Path.Combine(folder, "config.yaml");
        if (text is not null)
        {
            await File.WriteAllTextAsync(file, text);
        }

        var environment = new KubeconfigEnvironment { Variable = _ => null, IsInCluster = () => false };

        var run = Task.Run(() => KubeconfigResolver.Resolve(new KubernetesConnection { Kubeconfig = file }, environment, _ => { }));
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(1))) == run, $"{name}: hangs");
        var error = await Record.ExceptionAsync(() => run);
        if (error is null)
        {
            return null;
        }

        var failure = Assert.IsType<KubeconfigException>(error, exactMatch: false);
        Assert.Equal(file, failure.File);
        Assert.StartsWith(file + ": ", failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.True(failure.Message.Length < 1_000, $"{name}: a message of {failure.Message.Length} characters");
        Assert.False(ExceptionTypeName.IsMatch(failure.Message), $"{name}: {failure.Message}");
        return failure;
    }
}
