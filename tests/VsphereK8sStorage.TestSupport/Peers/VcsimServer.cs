using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace VsphereK8sStorage.TestSupport.Peers;

// Shared with the PowerShell tests and the benchmark (linked there): no types of the module or of xunit here.

/// <summary>
/// VMware's simulator, as tests/peers/install-vcsim.sh builds it, started on 127.0.0.1 for one test
/// class or one test. It exits with its standard input, so a crashed test run leaves no simulator behind.
/// </summary>
public sealed class VcsimServer : IDisposable
{
    /// <summary>The certificate every vcsim serves by default (govmomi's test certificate).</summary>
    public const string Thumbprint = "2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:B9";

    /// <summary>The same certificate's SHA-256 thumbprint.</summary>
    public const string Sha256Thumbprint = "44:8F:62:8A:8A:65:AA:18:56:0E:53:A8:0C:53:AC:B3:8C:51:B4:27:DF:03:34:08:23:49:14:11:47:DC:9B:F6";

    private readonly PeerProcess peer;
    private readonly Process process;

    private VcsimServer(PeerProcess peer, Uri url)
    {
        this.peer = peer;
        process = peer.Process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>CPU time the simulator has used so far (benchmarks charge each request the simulator's share).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>host:port, what -Server takes.</summary>
    public string Server => $"{Url.Host}:{Url.Port}";

    public const string MissingHint = "vcsim is not built on this machine: run tests/peers/install-vcsim.sh (about a minute).";

    /// <summary>The launcher, or null when it has not been built on this machine.</summary>
    public static string? Binary
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("PEERS_CACHE")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "vsphere-k8s-storage", "peers");
            var path = Path.Combine(cache, "bin", "vcsim");
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>Starts a simulator with the launcher's flags (e.g. "-vm", "500"); a password goes through the environment.</summary>
    public static VcsimServer Start(IEnumerable<string>? arguments = null, string? username = null, string? password = null)
    {
        var info = new ProcessStartInfo(Binary ?? throw new InvalidOperationException(MissingHint))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-exit-with-stdin");
        foreach (var argument in arguments ?? Enumerable.Empty<string>())
        {
            info.ArgumentList.Add(argument);
        }

        if (username is not null)
        {
            info.ArgumentList.Add("-username");
            info.ArgumentList.Add(username);
            info.Environment["VCSIM_PASSWORD"] = password ?? string.Empty;
        }

        var peer = PeerProcess.Start(info, "vcsim");
        var process = peer.Process;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var firstLine = process.StandardOutput.ReadLineAsync();
        if (!firstLine.Wait(TimeSpan.FromSeconds(60)) || firstLine.Result is not { } line || !Uri.TryCreate(line, UriKind.Absolute, out var url))
        {
            peer.Dispose();
            throw new InvalidOperationException($"vcsim did not print its URL (exit code {(process.HasExited ? process.ExitCode : -1)}).");
        }

        return new VcsimServer(peer, url);
    }

    public void Dispose()
    {
        try
        {
            // -exit-with-stdin: closing its input is vcsim's clean shutdown; the owner makes sure of the rest.
            process.StandardInput.Close();
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        peer.Dispose();
    }
}
