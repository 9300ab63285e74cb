using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace VsphereK8sStorage.TestSupport.Peers;

/// <summary>
/// govc-lite (../shared/tools/govc-lite, built by tests/peers/install-govc-lite.sh): govmomi's own client, for
/// checks that should not trust the project's vSphere client, such as registering a CNS volume as the CSI driver does.
/// </summary>
public static class GovcLite
{
    public const string MissingHint = "govc-lite is not built on this machine: run tests/peers/install-govc-lite.sh.";

    public static string? Binary
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("PEERS_CACHE")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "vsphere-k8s-storage", "peers");
            var path = Path.Combine(cache, "bin", "govc-lite");
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>Runs one govc-lite command against <paramref name="server"/> and returns what it printed; skips (fails in CI) without it.</summary>
    public static string Run(VcsimServer server, params string[] arguments)
    {
        var binary = Binary;
        if (binary is null && VcsimPeer.InCi)
        {
            throw new InvalidOperationException("govc-lite is missing in CI: tests/peers/install-govc-lite.sh must run before the tests.");
        }

        Skip.If(binary is null, MissingHint);
        var info = new ProcessStartInfo(binary!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["GOVC_URL"] = new UriBuilder(server.Url) { UserName = "user", Password = "pass" }.Uri.ToString();
        info.Environment["GOVC_INSECURE"] = "1";
        info.Environment["GOVC_PERSIST_SESSION"] = "false";
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("govc-lite did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"govc-lite {string.Join(' ', arguments)} did not finish within a minute.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"govc-lite {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }

        return output.Result.Trim();
    }
}
