using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace VsphereK8sStorage.Cli.Tests;

/// <summary>
/// How the CLI tests run vk8s. By default in this process (CliApp.RunAsync, as Program.cs does); with
/// VK8S_BINARY naming a published vk8s executable (CI sets it to the NativeAOT build under out/), each run is
/// that executable in a process of its own, so the same tests hold the native binary to the same output.
/// </summary>
internal static class Vk8s
{
    /// <summary>The published executable under test, or null to run vk8s in-process.</summary>
    public static string? Binary =>
        Environment.GetEnvironmentVariable("VK8S_BINARY") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string stdin, params string[] args)
    {
        if (Binary is null)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await CliApp.RunAsync(args, new ConsoleIO(new StringReader(stdin), output, error, ErrorIsTerminal: false));
            return (exit, output.ToString(), error.ToString());
        }

        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"vk8s {string.Join(' ', args)} did not end within 2 minutes.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>vk8s as a process of its own: the published binary, or the JIT build beside the tests through dotnet.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var binary = Binary;
        var info = new ProcessStartInfo(binary ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (binary is null)
        {
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vk8s.dll"));
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}
