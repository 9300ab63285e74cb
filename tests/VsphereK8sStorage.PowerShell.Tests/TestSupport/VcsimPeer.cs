using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Security;

namespace VsphereK8sStorage.PowerShell.Tests.TestSupport;

/// <summary>
/// One vcsim (tests/peers/install-vcsim.sh) for the whole test run, started on first use on 127.0.0.1. It exits
/// with its standard input, that is with this test process. The core's own VcsimServer helper is out of reach here:
/// this project must not reference the core.
/// </summary>
public static class VcsimPeer
{
    /// <summary>The certificate every vcsim serves by default (govmomi's test certificate).</summary>
    public const string Thumbprint = "2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:B9";

    private static readonly Lazy<string> SharedServer = new(Start);

    // Held for the life of the test process: were it collected, its standard input would close and vcsim exit.
    private static Process? running;

    public static string Binary => Path.Combine(
        Environment.GetEnvironmentVariable("PEERS_CACHE") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "vsphere-k8s-storage", "peers"),
        "bin",
        "vcsim");

    /// <summary>Why vcsim cannot run here, or null.</summary>
    public static string? MissingReason => File.Exists(Binary) ? null : $"vcsim is not built ({Binary}): run tests/peers/install-vcsim.sh";

    /// <summary>host:port, what -Server takes.</summary>
    public static string Server => SharedServer.Value;

    /// <summary>Any non-empty user and password log in to a vcsim started without -username.</summary>
    public static PSCredential Credential
    {
        get
        {
            var password = new SecureString();
            foreach (var c in "pass")
            {
                password.AppendChar(c);
            }

            return new PSCredential("user", password);
        }
    }

    private static string Start()
    {
        var info = new ProcessStartInfo(Binary) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-exit-with-stdin");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{Binary} did not start.");
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(60)) || !Uri.TryCreate(line.Result, UriKind.Absolute, out var url))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"vcsim did not print its URL (it printed '{(line.IsCompleted ? line.Result : null)}').");
        }

        running = process;
        return $"{url.Host}:{url.Port}";
    }
}
