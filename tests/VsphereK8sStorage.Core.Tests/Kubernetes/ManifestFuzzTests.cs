using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>
/// Every example truncated at every character, read through the operation the cmdlet calls beside a
/// good file: whatever the cut, the run ends, the good file is planned, and what could not be read is
/// one stable error id (what PowerShell's ErrorRecord carries) with bounded, type-name-free lines.
/// The hand-made hostile inputs run through vk8s itself in the CLI tests (ManifestFuzzCliTests).
/// </summary>
public sealed class ManifestFuzzTests
{
    private const string GoodClaimJson = "{\"apiVersion\": \"v1\", \"kind\": \"PersistentVolumeClaim\", \"metadata\": {\"name\": \"always-planned\", \"namespace\": \"fuzz\"}, \"spec\": {\"accessModes\": [\"ReadWriteOnce\"], \"resources\": {\"requests\": {\"storage\": \"1Gi\"}}, \"storageClassName\": \"\"}}\n";

    private const string GoodClaim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: always-planned, namespace: fuzz}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, storageClassName: ''}\n";

    private static readonly Regex ExceptionTypeName = new(@"\b[A-Z]\w*Exception\b", RegexOptions.CultureInvariant);

    public static TheoryData<string> Examples => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "examples"), f))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_truncation_of_every_example_ends_in_a_plan_or_bounded_stable_errors(string example)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", example));
        for (var cut = 0; cut <= text.Length; cut++)
        {
            await AssertHeldToTheStandard(text.Substring(0, cut), $"{example} cut at {cut}");
        }
    }

    /// <summary>The standard every bad input is held to.</summary>
    internal static async Task AssertHeldToTheStandard(string input, string name, bool json = false)
    {
        var host = new RecordingHost();
        var text = json ? GoodClaimJson + input : GoodClaim + "---\n" + input;
        var source = ClusterSourceSpec.Manifests(new[] { "-" }, standardInput: () => new StringReader(text));

        var run = Task.Run(() => GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = source }, host, CancellationToken.None));
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(1))) == run, $"{name}: hangs");
        var result = await run;

        Assert.True(result.Plan.Claims.Any(c => c.Claim == "fuzz/always-planned"), $"{name}: the good object was not planned");
        var lines = host.Errors.Select(e => e.Message).Concat(host.Warnings).ToList();
        if (result.InputFailure is { } failure)
        {
            Assert.True(failure.ErrorId is "ManifestInvalid" or "ManifestSetInvalid", $"{name}: {failure.ErrorId}");
            Assert.Equal(ErrorKind.InvalidData, failure.Kind);
            lines.Add(failure.Message);
        }

        Assert.True(host.Errors.Count <= ManifestDiagnostics.ShownErrors, $"{name}: {host.Errors.Count} error lines");
        Assert.True(host.Warnings.Count <= 30, $"{name}: {host.Warnings.Count} warnings");
        foreach (var line in lines)
        {
            Assert.DoesNotContain('\n', line);
            Assert.True(line.Length < 4_000, $"{name}: a line of {line.Length} characters");
            Assert.False(ExceptionTypeName.IsMatch(line), $"{name}: {line}");
        }
    }
}
