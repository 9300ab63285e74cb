using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Operations.Kubernetes;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s get-pvc-binding: the twin of Get-PvcBinding.</summary>
internal sealed class GetPvcBindingCliCommand : ICliCommand
{
    public string CmdletName => "Get-PvcBinding";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var path = new Option<string[]>("--path", "-p")
        {
            Description = "Manifest files or directories (YAML or JSON; several documents and List objects allowed), planned offline. '-' reads standard input, e.g. kubectl get pv,pvc,sc,nodes -o yaml | vk8s get-pvc-binding --path -. Without --path, the cluster of --kubeconfig/--context (or kubectl's default) is read.",
            AllowMultipleArgumentsPerToken = true,
        };
        var recurse = new Option<bool>("--recurse", "-r") { Description = "Read the subdirectories of directories too." };
        var node = new Option<string?>("--node") { Description = "Evaluate WaitForFirstConsumer claims as if their pod were scheduled on this node (its Node object must be in the input)." };
        var detailed = new Option<bool>("--detailed") { Description = "List every volume a Pending claim did not get, with all the reasons." };
        var ns = new Option<string?>("--namespace") { Description = "Show only the claims of this namespace (all are planned)." };
        var name = new Option<string[]>("--name") { Description = "Show only the claims with these names; * ? [a-z] are wildcards.", AllowMultipleArgumentsPerToken = true };
        var version = new Option<string?>("--kubernetes-version") { Description = "Plan as this Kubernetes release (1.20 to 1.32, e.g. 1.20 or v1.29.4); default: the cluster's own, or current Kubernetes for manifests." };
        var statefulSet = new Option<string?>("--statefulset") { Description = "Add to the plan the claims this StatefulSet's volumeClaimTemplates would create (read from --path or the cluster), marked preview: true, and plan them with everything else." };
        var replicas = new Option<int?>("--replicas") { Description = "The replicas to preview --statefulset at (default: its spec.replicas); claims that exist already are reused, as the controller does." };
        var kube = new KubernetesCliOptions();

        var command = new Command("get-pvc-binding", "Show which volume each PersistentVolumeClaim binds to, and why a claim stays Pending.")
        {
            path, recurse, node, detailed, ns, name, version, statefulSet, replicas,
        };
        foreach (var option in kube.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, async (host, ct) =>
        {
            var paths = parseResult.GetValue(path) ?? Array.Empty<string>();
            using var session = kube.Session(parseResult);
            var request = new GetPvcBindingRequest
            {
                Source = paths.Length == 0 ? new LiveClusterSourceSpec(session) : ClusterSourceSpec.Manifests(paths, parseResult.GetValue(recurse), () => io.In),
                Node = parseResult.GetValue(node),
                Detailed = parseResult.GetValue(detailed),
                Namespace = parseResult.GetValue(ns),
                Names = parseResult.GetValue(name) ?? Array.Empty<string>(),
                KubernetesVersion = parseResult.GetValue(version),
                StatefulSet = parseResult.GetValue(statefulSet),
                Replicas = parseResult.GetValue(replicas),
                ClusterNamed = parseResult.GetValue(kube.Kubeconfig) is not null || parseResult.GetValue(kube.Context) is not null,
            };
            var result = await GetPvcBinding.RunAsync(request, host, ct).ConfigureAwait(false);
            var claims = result.Plan.Claims;
            if (claims.Count > 0 || result.InputFailure is null)
            {
                ResultView.Write(io.Out, claims, parseResult.GetValue(globals.Output), new ResultViewOptions { EmptyMessage = paths.Length == 0 ? "No PersistentVolumeClaims found in the cluster." : "No PersistentVolumeClaims found in the input.", Detailed = request.Detailed });
            }

            // What could be planned is on stdout; what could not be read ends the run with exit code 2.
            return result.InputFailure is { } failure ? throw failure : ExitCodes.Success;
        }));
        return command;
    }
}
