using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s add-k8s-node-taint and remove-k8s-node-taint: the twins of Add-K8sNodeTaint and Remove-K8sNodeTaint.</summary>
internal sealed class K8sNodeTaintCliCommand : ICliCommand
{
    private readonly bool add;

    private K8sNodeTaintCliCommand(bool add) => this.add = add;

    public static K8sNodeTaintCliCommand Add { get; } = new(add: true);

    public static K8sNodeTaintCliCommand Remove { get; } = new(add: false);

    public string CmdletName => add ? "Add-K8sNodeTaint" : "Remove-K8sNodeTaint";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var kube = new KubernetesCliOptions();
        var node = new Option<string[]>("--node") { Description = "Node names; * ? and [a-z] are wildcards ('*' for all). Repeat, or list several after one --node.", AllowMultipleArgumentsPerToken = true };
        var selector = new Option<string?>("--selector") { Description = "Choose nodes by labels: 'node-role.kubernetes.io/worker', 'zone in (a,b)'." };
        var key = new Option<string>("--key") { Description = "The taint's key, such as node.cloudprovider.kubernetes.io/uninitialized.", Required = true };
        var value = new Option<string?>("--value") { Description = add ? "The taint's value (may be empty)." : "Remove only taints with this value." };
        var effect = new Option<string?>("--effect") { Description = add ? "NoSchedule, PreferNoSchedule or NoExecute." : "Remove only taints with this effect (default: any).", Required = add };
        var overwrite = new Option<bool>("--overwrite") { Description = "Change the value of a taint the node has with the same key and effect." };

        var command = add
            ? new Command("add-k8s-node-taint", "Taint nodes (kubectl taint nodes NAME key=value:Effect); nodes that have the taint already are left alone.") { node, selector, key, value, effect, overwrite }
            : new Command("remove-k8s-node-taint", "Remove a taint from nodes; nodes without it are reported NotPresent.") { node, selector, key, value, effect };
        foreach (var option in kube.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, async (host, ct) =>
        {
            using var session = kube.Session(parseResult);
            var request = new NodeTaintRequest
            {
                Session = session,
                Nodes = parseResult.GetValue(node) ?? Array.Empty<string>(),
                Selector = parseResult.GetValue(selector),
                Key = parseResult.GetValue(key)!,
                Value = parseResult.GetValue(value),
                Effect = parseResult.GetValue(effect),
                Overwrite = add && parseResult.GetValue(overwrite),
            };
            var counting = new ErrorCountingHost(host);
            var stream = new ResultStream<NodeTaintResult>(io.Out, parseResult.GetValue(globals.Output), new ResultViewOptions { EmptyMessage = "No node changed." });
            try
            {
                await (add ? K8sNodeTaint.AddAsync(request, counting, stream.Write, ct) : K8sNodeTaint.RemoveAsync(request, counting, stream.Write, ct)).ConfigureAwait(false);
            }
            finally
            {
                stream.Complete();
            }

            return counting.ExitCode;
        }));
        return command;
    }
}
