using System;
using System.IO;
using System.Linq;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using VsphereK8sStorage.PowerShell.Tests.Vsphere;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests.Kubernetes;

/// <summary>
/// Install-VsphereCsi, Install-VsphereCpi and the uninstalls through real parameter binding, on a simulator of their
/// own and the shared control plane, from the upstream manifests in ../shared/fixtures/upstream. No kubelet runs, so
/// the installs use -NoWait; the simulator fails the readiness rows (vCenter 6.5, hardware version 13), so they refuse
/// without -Force.
/// </summary>
[Collection(DriverRolloutCollection.Name)]
public sealed class InstallCmdletTests : IClassFixture<ModuleSession>
{
    private readonly ModuleSession session;

    public InstallCmdletTests(ModuleSession session) => this.session = session;

    /// <summary>Why the upstream manifests cannot be read here, or null.</summary>
    public static string? MissingUpstream => Directory.Exists(UpstreamRoot) ? null : $"SKIPPED: {UpstreamRoot} is absent (the upstream manifests live in ../shared outside a plain clone)";

    private static string UpstreamRoot => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "fixtures", "upstream"));

    public static string Upstream(string driver, string file) => Path.Combine(UpstreamRoot, driver, file);

    [SkippableFact]
    public void Install_refuses_on_failing_readiness_then_installs_with_Force_re_runs_Unchanged_and_uninstalls()
    {
        KubePeer.Require(Vcsim.MissingReason ?? MissingUpstream);
        using var server = VcsimServer.Start(new[] { "-vm", "1" }, Vcsim.User, Vcsim.Password);
        var variables = Vcsim.Variables(server);
        foreach (var (name, value) in KubePeer.Variables(("manifest", Upstream("vsphere-csi-driver", "v3.3.1-vsphere-csi-driver.yaml"))))
        {
            variables[name] = value;
        }

        const string Install = "Install-VsphereCsi -Server $server -Credential $credential -Thumbprint $thumbprint -Kubeconfig $kubeconfig -ManifestPath $manifest -ClusterId ps-test -NoWait -Verbose";
        try
        {
            var refused = session.Run(Install, variables);
            Assert.Empty(refused.Output);
            var error = Assert.Single(refused.AllErrors);
            Assert.StartsWith("InstallPreflightFailed", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("-Force", error.Exception.Message);
            Assert.Contains("VcenterVersion", error.Exception.Message);

            var first = session.Run(Install + " -Force", variables).AssertSucceeded();
            Assert.All(first.Output, o => Assert.Equal("Created", o.Properties["Action"].Value.ToString()));
            Assert.Contains(first.Output, o => (string)o.Properties["Kind"].Value == "Deployment");
            Assert.Contains(first.Warnings, w => w.Message.StartsWith("Going on despite a failed readiness check", StringComparison.Ordinal));

            var second = session.Run(Install + " -Force", variables).AssertSucceeded();
            Assert.Equal(first.Output.Count, second.Output.Count);
            Assert.All(second.Output, o => Assert.Equal("Unchanged", o.Properties["Action"].Value.ToString()));

            // The password (Vcsim.Password) is in no stream of either run; the Secret has it.
            foreach (var run in new[] { refused, first, second })
            {
                var text = string.Join("\n", run.Verbose.Select(v => v.Message).Concat(run.Warnings.Select(w => w.Message)).Concat(run.AllErrors.Select(e => e.ToString())).Concat(run.Output.Select(o => string.Join(",", o.Properties.Select(p => p.Value?.ToString())))).Concat(run.Progress.Select(p => p.StatusDescription)));
                Assert.DoesNotContain("Pa55 w0rd", text, StringComparison.Ordinal);
            }

            var secret = KubePeer.Kubectl(null, "--kubeconfig", KubePeer.Shared.AdminKubeconfig, "get", "secret", "vsphere-config-secret", "-n", "vmware-system-csi", "-o", "jsonpath={.data.csi-vsphere\\.conf}");
            Assert.Contains("password = \"Pa55 w0rd&<\\\"'\"", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(secret.Out)));
        }
        finally
        {
            var removed = session.Run("Uninstall-VsphereCsi -Kubeconfig $kubeconfig -Force -Confirm:$false", variables);
            Assert.Empty(removed.AllErrors);
        }
    }

    [SkippableFact]
    public void Offline_writes_one_file_per_object_and_the_password_only_with_IncludeSecrets()
    {
        KubePeer.Require(Vcsim.MissingReason ?? MissingUpstream);
        using var server = VcsimServer.Start(new[] { "-vm", "1" }, Vcsim.User, Vcsim.Password);
        var folder = Directory.CreateTempSubdirectory("vk8s-offline-");
        try
        {
            var variables = Vcsim.Variables(server);
            variables["manifest"] = Upstream("cloud-provider-vsphere", "v1.30-vsphere-cloud-controller-manager.yaml");
            variables["out"] = folder.FullName;
            var redacted = session.Run("Install-VsphereCpi -Server $server -Credential $credential -Thumbprint $thumbprint -ManifestPath $manifest -Offline -OutputDirectory (Join-Path $out redacted)", variables).AssertSucceeded();
            Assert.All(redacted.Output, o => Assert.Equal("Rendered", o.Properties["Action"].Value.ToString()));
            var files = Directory.GetFiles(Path.Combine(folder.FullName, "redacted"));
            Assert.Equal(redacted.Output.Count, files.Length);
            Assert.DoesNotContain(files, f => File.ReadAllText(f).Contains("Pa55 w0rd", StringComparison.Ordinal));
            Assert.Contains(files, f => File.ReadAllText(f).Contains(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("<redacted>")), StringComparison.Ordinal));

            session.Run("Install-VsphereCpi -Server $server -Credential $credential -Thumbprint $thumbprint -ManifestPath $manifest -Offline -OutputDirectory (Join-Path $out full) -IncludeSecrets", variables).AssertSucceeded();
            Assert.Contains(Directory.GetFiles(Path.Combine(folder.FullName, "full")), f => File.ReadAllText(f).Contains(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Vcsim.Password)), StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
