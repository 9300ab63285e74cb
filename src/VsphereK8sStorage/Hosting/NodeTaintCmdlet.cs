using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// Add-K8sNodeTaint and Remove-K8sNodeTaint: the same node choice (names with wildcards, or a label selector)
/// and taint key/value; each declares its own -Effect, since only adding requires one.
/// </summary>
public abstract class NodeTaintCmdlet : KubernetesCmdlet
{
    /// <summary>Node names; * ? and [a-z] are wildcards. Binds node names from the pipeline.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ObjectName(nameof(Node), typeof(VsphereK8sStorage.Vsphere.VsphereVm), typeof(VsphereK8sStorage.Kubernetes.NodeTaintResult))]
    [Alias("Name", "NodeName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Node { get; set; }

    /// <summary>Choose nodes by labels, in selector syntax: 'node-role.kubernetes.io/worker', 'zone in (a,b)'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Selector { get; set; }

    /// <summary>The taint's key, such as node.cloudprovider.kubernetes.io/uninitialized.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Key { get; set; } = null!;

    [Parameter]
    public string? Value { get; set; }

    /// <summary>Runs the core's add or remove for the nodes of this pipeline item and writes a result per node.</summary>
    protected void RunTaint(
        string? effect,
        bool overwrite,
        Func<NodeTaintRequest, IOperationHost, Action<NodeTaintResult>, CancellationToken, Task> operation)
    {
        var request = new NodeTaintRequest
        {
            Session = Session,
            Nodes = Node ?? Array.Empty<string>(),
            Selector = Selector,
            Key = Key,
            Value = Value,
            Effect = effect,
            Overwrite = overwrite,
        };
        RunItems<NodeTaintResult>((host, emit, ct) => operation(request, host, emit, ct));
    }
}
