using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Vsphere;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests.Vcsim;

/// <summary>
/// vk8s keeps a login's session cookie for the next run, as govc does: the next run joins it instead of logging in,
/// the file holds the cookie and nothing else and only its owner can read it, and an ended or tampered session is
/// replaced by a login. Each test has a cache folder of its own.
/// </summary>
[Trait("Peer", "vcsim")]
public sealed class Vk8sSessionCacheTests : IClassFixture<Vk8sSessionCacheTests.Fixture>, IDisposable
{
    private const string User = "keeper";
    private const string Password = "s3cret-pass&<>";
    private const string Joined = "Joined the session kept for";
    private const string Kept = "the session is kept for the next run";

    private readonly Fixture vcsim;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "vk8s-sessions-" + Guid.NewGuid().ToString("N"));

    public Vk8sSessionCacheTests(Fixture vcsim) => this.vcsim = vcsim;

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [SkippableFact]
    public void The_second_run_joins_the_session_the_first_kept()
    {
        var first = Run("get-vsphere-vm", "--name", "DC0_H0_VM0", "--verbose");
        var second = Run("get-vsphere-vm", "--name", "DC0_H0_VM0", "--verbose");

        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains(Kept, first.Err);
        Assert.True(second.Exit == 0, second.Err);
        Assert.Contains(Joined, second.Err);
        Assert.DoesNotContain("Logged in", second.Err);
        Assert.Equal(first.Out, second.Out);
    }

    [SkippableFact]
    public void The_file_holds_only_the_cookie_and_only_its_owner_can_read_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "POSIX file modes");
        var run = Run("get-vsphere-datastore");

        Assert.True(run.Exit == 0, run.Err);
        var file = Assert.Single(Directory.GetFiles(folder));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }

        var text = File.ReadAllText(file);
        Assert.DoesNotContain(Password, text);
        Assert.DoesNotContain(User, text);
        Assert.DoesNotContain(User, Path.GetFileName(file));
        Assert.Matches("^[0-9a-f-]+$", text); // vcsim's cookie, a UUID, without the quotes or the cookie's name
    }

    [SkippableTheory]
    [InlineData("an ended session", "52bd3ab9-0000-0000-0000-000000000000", false)]
    [InlineData("a cookie that would start another header", "abc\r\nX-Injected: 1", false)]
    [InlineData("a file others can read", null, true)]
    public void A_kept_session_that_cannot_be_joined_is_replaced_by_a_login(string name, string? content, bool widen)
    {
        Skip.If(widen && OperatingSystem.IsWindows(), "POSIX file modes");
        var setup = Run("get-vsphere-datastore");
        Assert.True(setup.Exit == 0, setup.Err);
        var file = Assert.Single(Directory.GetFiles(folder));
        var kept = File.ReadAllText(file);
        if (content is not null)
        {
            File.WriteAllText(file, content);
        }

        if (widen && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var run = Run("get-vsphere-datastore", "--verbose");

        Assert.True(run.Exit == 0, $"{name}: {run.Err}");
        Assert.DoesNotContain(Joined, run.Err);
        Assert.Contains(Kept, run.Err);
        Assert.NotEqual(kept, File.ReadAllText(Assert.Single(Directory.GetFiles(folder))));
        Assert.DoesNotContain("X-Injected", run.Err);
    }

    [SkippableFact]
    public void No_session_cache_logs_in_and_out_and_keeps_nothing()
    {
        var option = Run("get-vsphere-datastore", "--no-session-cache", "--verbose");
        var variable = Run(new Dictionary<string, string> { ["VK8S_SESSION_CACHE"] = "off" }, "get-vsphere-datastore", "--verbose");

        Assert.True(option.Exit == 0, option.Err);
        Assert.True(variable.Exit == 0, variable.Err);
        Assert.DoesNotContain(Kept, option.Err + variable.Err);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());
    }

    [SkippableFact]
    public void Without_the_variable_nothing_is_kept_and_on_keeps_it_in_the_cache_home()
    {
        var home = new Dictionary<string, string> { ["VK8S_SESSION_CACHE"] = "", ["XDG_CACHE_HOME"] = folder, ["HOME"] = folder, ["LOCALAPPDATA"] = folder };
        var first = Run(home, "get-vsphere-datastore", "--verbose");
        var second = Run(home, "get-vsphere-datastore", "--verbose");
        var nothingKept = !Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any();
        var on = Run(new Dictionary<string, string>(home) { ["VK8S_SESSION_CACHE"] = "on" }, "get-vsphere-datastore", "--verbose");

        Assert.True(first.Exit == 0 && second.Exit == 0 && on.Exit == 0, first.Err + second.Err + on.Err);
        Assert.DoesNotContain(Kept, first.Err + second.Err);
        Assert.DoesNotContain(Joined, second.Err);
        Assert.True(nothingKept, "a run without VK8S_SESSION_CACHE wrote a session file");
        Assert.Contains(Kept, on.Err);
        Assert.Single(Directory.GetFiles(folder, "*", SearchOption.AllDirectories));
    }

    [SkippableFact]
    public void Connect_vsphere_server_always_logs_in_to_check_the_credentials()
    {
        var setup = Run("get-vsphere-datastore");
        var wrong = Run(new Dictionary<string, string> { ["VSPHERE_PASSWORD"] = "not-" + Password }, "connect-vsphere-server");

        Assert.True(setup.Exit == 0, setup.Err);
        Assert.Equal(1, wrong.Exit);
        Assert.Contains("refused the login", wrong.Err);
    }

    [Fact]
    public void Servers_users_and_certificate_decisions_each_have_a_file_of_their_own()
    {
        var cache = new VsphereSessionCache(folder);
        var server = VsphereServerAddress.Parse("vc.example.com");
        var paths = new[]
        {
            cache.PathFor(server, "ops", "verify"),
            cache.PathFor(VsphereServerAddress.Parse("vc.example.com:8443"), "ops", "verify"),
            cache.PathFor(server, "admin", "verify"),
            cache.PathFor(server, "ops", "skip-certificate-check"),
            cache.PathFor(server, "ops", "2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:B9"),
        };

        Assert.Equal(paths.Length, paths.Distinct().Count());
        Assert.All(paths, p => Assert.Equal(folder, Path.GetDirectoryName(p)));
    }

    private (int Exit, string Out, string Err) Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    private (int Exit, string Out, string Err) Run(Dictionary<string, string> environment, params string[] args)
    {
        var info = Vk8s.StartInfo(args);
        info.Environment.Remove("VSPHERE_SESSION");
        info.Environment["VSPHERE_SERVER"] = vcsim.Server.Server;
        info.Environment["VSPHERE_USER"] = User;
        info.Environment["VSPHERE_PASSWORD"] = Password;
        info.Environment["VSPHERE_THUMBPRINT"] = VcsimServer.Thumbprint;
        info.Environment["VK8S_SESSION_CACHE"] = folder;
        foreach (var (name, value) in environment)
        {
            // An empty value leaves the variable out, as if never set.
            if (value.Length == 0)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.DoesNotContain(Password, stdout.Result + stderr);
        return (process.ExitCode, stdout.Result, stderr);
    }

    public sealed class Fixture : VcsimFixture
    {
        public Fixture()
            : base(Array.Empty<string>(), User, Password)
        {
        }
    }
}
