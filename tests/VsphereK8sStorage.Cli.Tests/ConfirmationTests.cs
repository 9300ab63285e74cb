using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests;

/// <summary>
/// What vk8s says when an operation asks to confirm: its messages name only options the command has
/// (--what-if and --force, the twins of -WhatIf and -Force), never an option that does not exist.
/// </summary>
public sealed class ConfirmationTests
{
    // A state-changing command as the vSphere and Kubernetes twins will build it; withForce says whether it has --force.
    private static async Task<(int Exit, string Err)> RunChange(bool withForce, params string[] args)
    {
        var error = new StringWriter();
        var io = new ConsoleIO(TextReader.Null, TextWriter.Null, error, ErrorIsTerminal: false);
        var globals = new GlobalOptions();
        var command = new Command("remove-thing") { new Option<bool>("--what-if") };
        if (withForce)
        {
            command.Options.Add(new Option<bool>("--force"));
        }

        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, (host, _) =>
        {
            var done = host.ShouldProcess("[datastore1] volumes/myDisk.vmdk", "delete") && host.ShouldContinue("Delete the disk and its data?", "Confirm");
            return Task.FromResult(done ? 0 : 1);
        }));
        var root = new RootCommand { command };
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = error });
        return (exit, error.ToString());
    }

    [Fact]
    public async Task What_if_names_the_option_and_changes_nothing()
    {
        var (exit, error) = await RunChange(withForce: true, "remove-thing", "--what-if");

        Assert.Equal(1, exit);
        Assert.Equal("vk8s: what if: would delete [datastore1] volumes/myDisk.vmdk (--what-if: nothing was changed)", error.Trim());
    }

    [Fact]
    public async Task Force_confirms_and_its_absence_is_explained_with_the_option_name()
    {
        var (forced, forcedError) = await RunChange(withForce: true, "remove-thing", "--force");
        var (refused, refusedError) = await RunChange(withForce: true, "remove-thing");

        Assert.Equal((0, string.Empty), (forced, forcedError));
        Assert.Equal(1, refused);
        Assert.EndsWith("Not done; pass --force to confirm.", refusedError.Trim());
    }

    [Fact]
    public async Task A_command_without_force_never_tells_the_user_to_pass_it()
    {
        var (exit, error) = await RunChange(withForce: false, "remove-thing");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("--force", error);
        Assert.EndsWith("Not done: this command has no option to confirm it.", error.Trim());
    }
}
