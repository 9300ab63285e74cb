using System;
using System.Collections;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using VsphereK8sStorage.Cli;
using VsphereK8sStorage.HelpGenerator;
using VsphereK8sStorage.Module.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests;

/// <summary>
/// Every cmdlet has a vk8s twin: a subcommand named after it in kebab case whose options are its parameters
/// in kebab case (README: a runbook moves between pwsh and a shell by renaming, not by relearning).
/// </summary>
public sealed class CliTwinTests
{
    private static readonly ConsoleIO Io = new(TextReader.Null, TextWriter.Null, TextWriter.Null, ErrorIsTerminal: false);

    private static ModuleMetadata Module => ModuleMetadata.Instance;

    public static TheoryData<string> Cmdlets => new(Module.Cmdlets.Select(c => c.Name));

    /// <summary>Each cmdlet parameter vk8s must have; -LiteralPath is --path there (vk8s takes no wildcards), and so is -InputObject ('--path -').</summary>
    public static TheoryData<string, string> CmdletParameters
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var cmdlet in Module.Cmdlets)
            {
                foreach (var parameter in cmdlet.Parameters.Where(p => !Naming.CommonParameters.ContainsKey(p.Name) && !SecretParameters.Contains(p.Name)))
                {
                    data.Add(cmdlet.Name, parameter.Name);
                }
            }

            return data;
        }
    }

    [Fact]
    public void The_CLI_registers_twins()
    {
        // Guards the reflection on CliApp.Commands (internal): an empty list would make the theories vacuous.
        Assert.Contains("Get-PvcBinding", Twins().Select(t => t.CmdletName));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Each_cmdlet_has_exactly_one_twin_named_in_kebab_case(string name)
    {
        var twin = Assert.Single(Twins(), t => t.CmdletName == name);

        Assert.Equal(Naming.Kebab(name), twin.Command.Name);
        // And the tree users run holds it, once.
        Assert.Single(Root().Subcommands, c => c.Name == Naming.Kebab(name));
    }

    [Fact]
    public void Every_twin_and_subcommand_mirrors_an_exported_cmdlet()
    {
        var cmdlets = Module.Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(Twins().Select(t => t.CmdletName), n => !cmdlets.Contains(n));
        Assert.Equal(cmdlets.Select(Naming.Kebab).Order(StringComparer.Ordinal), Root().Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CmdletParameters))]
    public void Each_parameter_is_an_option_of_the_twin(string cmdlet, string parameter)
    {
        var option = OptionFor(cmdlet, parameter);

        Assert.True(option is not null, $"vk8s {Naming.Kebab(cmdlet)} has no {OptionName(parameter)} for -{parameter}.");
        // A switch is a flag in both: '--recurse' takes no value, just as -Recurse does not.
        Assert.Equal(Module.Cmdlet(cmdlet).Parameter(parameter).IsSwitch, option!.ValueType == typeof(bool));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_twin_has_no_option_the_cmdlet_lacks(string name)
    {
        var cmdlet = Module.Cmdlet(name);
        var expected = cmdlet.Parameters.Select(p => OptionName(p.Name)).ToHashSet(StringComparer.Ordinal);
        var twin = Assert.Single(Twins(), t => t.CmdletName == name).Command;

        Assert.DoesNotContain(twin.Options.Select(o => o.Name), n => !expected.Contains(n) && !TwinOnlyOptions.Contains(n));
    }

    private static string OptionName(string parameter) =>
        parameter switch
        {
            "LiteralPath" => "--path",
            // Piped manifests: vk8s reads them from standard input with '--path -'.
            "InputObject" => "--path",
            // A PSCredential's user name; its password never goes on a command line (see TwinOnlyOptions).
            "Credential" => "--user",
            "DriverCredential" => "--driver-user",
            // kubectl's spelling of the kind, as the interface names the option.
            "StatefulSet" => "--statefulset",
            _ => "--" + Naming.Kebab(parameter),
        };

    /// <summary>
    /// Cmdlet parameters that carry a secret and so have no option: vk8s reads them from the environment
    /// (-Session: an existing vCenter session's cookie, $VSPHERE_SESSION).
    /// </summary>
    private static readonly IReadOnlySet<string> SecretParameters = new HashSet<string>(StringComparer.Ordinal) { "Session" };

    /// <summary>
    /// Options a twin may have without a declared parameter: the twin of the common parameter -WhatIf, the way
    /// a password reaches vk8s when it is not in $VSPHERE_PASSWORD, and the switch off of vk8s's session cache (the
    /// module keeps its session in its process, so its cmdlets have nothing to switch off).
    /// </summary>
    private static readonly IReadOnlySet<string> TwinOnlyOptions = new HashSet<string>(StringComparer.Ordinal) { "--what-if", "--password-stdin", "--no-session-cache" };

    private static Option? OptionFor(string cmdlet, string parameter)
    {
        var command = Assert.Single(Twins(), t => t.CmdletName == cmdlet).Command;
        var name = OptionName(parameter);
        return command.Options.SingleOrDefault(o => o.Name == name || o.Aliases.Contains(name));
    }

    private static RootCommand Root() => CliApp.BuildRootCommand(Io);

    // CliApp.Commands and ICliCommand are internal to vk8s (and that project is not ours to change), so they are
    // reached by reflection; Build gives the subcommand each twin contributes to the tree.
    private static IReadOnlyList<(string CmdletName, Command Command)> Twins()
    {
        var cli = typeof(CliApp).Assembly;
        var commands = (IEnumerable)(typeof(CliApp).GetProperty("Commands", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
            ?? throw new InvalidOperationException("CliApp.Commands is gone; update this test to the CLI's new registry."));
        var contract = cli.GetType("VsphereK8sStorage.Cli.ICliCommand", throwOnError: true)!;
        var globals = Activator.CreateInstance(cli.GetType("VsphereK8sStorage.Cli.GlobalOptions", throwOnError: true)!, nonPublic: true);
        var cmdletName = contract.GetProperty("CmdletName")!;
        var build = contract.GetMethod("Build")!;
        return commands.Cast<object>()
            .Select(c => ((string)cmdletName.GetValue(c)!, (Command)build.Invoke(c, new[] { Io, globals })!))
            .ToList();
    }
}
