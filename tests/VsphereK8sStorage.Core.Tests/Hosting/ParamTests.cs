using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Hosting;

/// <summary>
/// The core words every message; each host spells the parameters in it. A message names a parameter with
/// Param.Name and the host renders it: -FsType in PowerShell, --fs-type in vk8s.
/// </summary>
public sealed class ParamTests
{
    public static TheoryData<string, string, string, string> Tokens => new()
    {
        // case, message as the core writes it, as PowerShell prints it, as vk8s prints it
        { "one parameter", $"{Param.Name("FsType")} applies to {Param.Name("VolumePath")} volumes.", "-FsType applies to -VolumePath volumes.", "--fs-type applies to --volume-path volumes." },
        { "an acronym", $"pass {Param.Name("VM")} '*'", "pass -VM '*'", "pass --vm '*'" },
        { "a different option in vk8s", $"use {Param.Name("Credential", "user")}", "use -Credential", "use --user" },
        { "a command", $"list them with {Param.Command("Get-VsphereDatastore")}.", "list them with Get-VsphereDatastore.", "list them with vk8s get-vsphere-datastore." },
        { "no token", "nothing to render", "nothing to render", "nothing to render" },
        { "a list", $"give {Param.List("or", "HostPath", "LocalPath", "NfsServer")}", "give -HostPath, -LocalPath or -NfsServer", "give --host-path, --local-path or --nfs-server" },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public void Each_host_spells_the_parameters_of_a_core_message_its_own_way(string name, string message, string powerShell, string cli)
    {
        Assert.True(Param.Render(message, ParameterSyntax.PowerShell) == powerShell, name);
        Assert.True(Param.Render(message, ParameterSyntax.Cli) == cli, name);
    }

    [Fact]
    public async Task An_exception_message_reads_in_the_syntax_of_the_flow_that_reads_it()
    {
        var error = new InvalidParameterException("Example", "FsType", $"{Param.Name("FsType")} applies only to disks.");

        Assert.Equal("-FsType applies only to disks.", error.Message);
        var inVk8s = await Task.Run(() =>
        {
            Param.Use(ParameterSyntax.Cli);
            return error.Message;
        });
        Assert.Equal("--fs-type applies only to disks.", inVk8s);
        Assert.Equal("-FsType applies only to disks.", error.Message);
    }

    [Fact]
    public async Task A_reason_on_a_planned_claim_names_the_option_in_the_syntax_of_the_flow_that_planned_it()
    {
        var snapshot = new ClusterSnapshot(
            Array.Empty<PersistentVolume>(),
            new[] { Objects.Pvc("claim", "1Gi", storageClass: "wait") },
            new[] { Objects.Class("wait", WellKnown.VsphereCsiDriver, VolumeBindingMode.WaitForFirstConsumer) },
            Array.Empty<Node>());

        var inPowerShell = BindingPlanner.Plan(snapshot).Claims.Single().Reason;
        var inVk8s = await Task.Run(() =>
        {
            Param.Use(ParameterSyntax.Cli);
            return BindingPlanner.Plan(snapshot).Claims.Single().Reason;
        });

        Assert.EndsWith("give a node (-Node) to see what it would bind there", inPowerShell, StringComparison.Ordinal);
        Assert.EndsWith("give a node (--node) to see what it would bind there", inVk8s, StringComparison.Ordinal);
    }

    // A parameter spelled in one host's syntax: " -FsType", "(-Node", " --fs-type".
    private static readonly Regex HostSpelling = new(@"(^|[\s(/'""])(-[A-Z][a-z][A-Za-z]*|--[a-z][a-z]+(-[a-z]+)*)\b", RegexOptions.CultureInvariant);

    // String literals (regular, verbatim, interpolated; one line each) outside comments.
    private static readonly Regex Literal = new(@"\$?@?""(?:[^""\\\n]|\\.)*""", RegexOptions.CultureInvariant);

    [Fact]
    public void No_core_message_spells_a_parameter_in_one_hosts_syntax()
    {
        var core = Fixtures.RepoFile(Path.Combine("src", "VsphereK8sStorage.Core"));
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(core, file).Replace('\\', '/');
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match literal in Literal.Matches(lines[i]))
                {
                    if (HostSpelling.Match(literal.Value) is { Success: true } spelled)
                    {
                        found.Add($"{relative}:{i + 1}: {spelled.Value.Trim()}");
                    }
                }
            }
        }

        Assert.True(found.Count == 0, "Name parameters with Param.Name(...) so each host spells them:\n" + string.Join("\n", found));
    }
}
