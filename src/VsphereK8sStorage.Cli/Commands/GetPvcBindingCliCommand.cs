using System;
using System.CommandLine;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations;
using VsphereK8sStorage.Output;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s get-pvc-binding: the twin of Get-PvcBinding.</summary>
internal sealed class GetPvcBindingCliCommand : ICliCommand
{
    public string CmdletName => "Get-PvcBinding";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var path = new Option<string[]>("--path", "-p")
        {
            Description = "Manifest files or directories (YAML or JSON; several documents and List objects allowed). '-' reads standard input, e.g. kubectl get pv,pvc,sc,nodes -o yaml | vk8s get-pvc-binding --path -",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var recurse = new Option<bool>("--recurse", "-r") { Description = "Read the subdirectories of directories too." };
        var node = new Option<string?>("--node") { Description = "Evaluate WaitForFirstConsumer claims as if their pod were scheduled on this node (its Node object must be in the input)." };
        var detailed = new Option<bool>("--detailed") { Description = "List every volume a Pending claim did not get, with all the reasons." };

        var command = new Command("get-pvc-binding", "Show which volume each PersistentVolumeClaim binds to, and why a claim stays Pending.")
        {
            path, recurse, node, detailed,
        };
        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, async (host, ct) =>
        {
            var request = new GetPvcBindingRequest
            {
                Source = ClusterSourceSpec.Manifests(parseResult.GetValue(path) ?? Array.Empty<string>(), parseResult.GetValue(recurse), () => io.In),
                Node = parseResult.GetValue(node),
                Detailed = parseResult.GetValue(detailed),
            };
            var result = await GetPvcBinding.RunAsync(request, host, ct).ConfigureAwait(false);
            var claims = result.Plan.Claims;
            if (claims.Count > 0 || result.InputFailure is null)
            {
                ResultView.Write(io.Out, claims, parseResult.GetValue(globals.Output), new ResultViewOptions { EmptyMessage = "No PersistentVolumeClaims found in the input.", Detailed = request.Detailed });
            }

            // What could be planned is on stdout; what could not be read ends the run with exit code 2.
            return result.InputFailure is { } failure ? throw failure : ExitCodes.Success;
        }));
        return command;
    }
}
