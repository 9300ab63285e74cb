using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace VsphereK8sStorage.TestSupport.Peers;

/// <summary>
/// Debian's chromium (tests/peers/install-chromium.sh), headless: loads a page from a file, runs its scripts and
/// returns the document as they left it. Each run has its own profile directory and ends within a minute.
/// </summary>
public static class Chromium
{
    public const string MissingHint = "chromium is not installed on this machine: run tests/peers/install-chromium.sh.";

    public static string? Binary => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" } is var candidates ? Array.Find(candidates, File.Exists) : null;

    /// <summary>The DOM after the page's scripts ran, for <paramref name="file"/> with the address fragment <paramref name="fragment"/>.</summary>
    public static string DumpDom(string file, string fragment = "")
    {
        var binary = Binary;
        if (binary is null && VcsimPeer.InCi)
        {
            throw new InvalidOperationException("chromium is missing in CI: tests/peers/install-chromium.sh must run before the tests.");
        }

        Skip.If(binary is null, MissingHint);
        var profile = Path.Combine(Path.GetTempPath(), "vk8s-chromium-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        var info = new ProcessStartInfo(binary!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile, "--dump-dom" })
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(new Uri(Path.GetFullPath(file)).AbsoluteUri + (fragment.Length > 0 ? "#" + fragment : string.Empty));
        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException("chromium did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(90_000))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("chromium did not finish within 90 s.");
            }

            return output.Result;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
