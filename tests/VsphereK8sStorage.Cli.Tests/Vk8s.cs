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
    /// <summary>What the NativeAOT vk8s fails today: a re-run of new-k8s-persistent-volume, rollout.sh's taint step.</summary>
    public const string ManagedFieldsDefect =
        "writing an object it read from the API server ends in NotSupportedException: KubernetesClient.Aot's source-generated context has no JSON metadata for the JsonElement at $.Metadata.ManagedFields.FieldsV1";

    /// <summary>The published executable under test, or null to run vk8s in-process.</summary>
    public static string? Binary =>
        Environment.GetEnvironmentVariable("VK8S_BINARY") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>
    /// Skips the test when vk8s is the published binary, whose build fails it for <paramref name="defect"/>. This names
    /// a defect of the NativeAOT build to fix in src/, not something the test needs from this process: the test runs
    /// in process in every run, and the call goes once the binary passes it.
    /// </summary>
    public static void SkipWhereTheNativeBuildFails(string defect)
    {
        if (Binary is not null)
        {
            Console.WriteLine($"SKIPPED with the NativeAOT vk8s: {defect}");
            Xunit.Skip.If(true, $"the NativeAOT vk8s fails this test: {defect}");
        }
    }

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
