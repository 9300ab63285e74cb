using System;
using System.Collections.Generic;
using System.Management.Automation;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Kubernetes;

namespace VsphereK8sStorage.Commands;

/// <summary>
/// Remove-K8sNodeTaint: removes a taint from nodes (kubectl taint nodes NAME key:Effect-), chosen by name (wildcards) or label selector. Nodes without it are reported NotPresent, not as errors.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "K8sNodeTaint", SupportsShouldProcess = true)]
[OutputType(typeof(NodeTaintResult))]
public sealed class RemoveK8sNodeTaintCommand : KubernetesCmdlet
{
    /// <summary>Node names; * ? and [a-z] are wildcards. Binds node names from the pipeline.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
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

    /// <summary>Without it, the key is removed whatever its effect.</summary>
    [Parameter]
    [ValidateSet("NoSchedule", "PreferNoSchedule", "NoExecute")]
    public string? Effect { get; set; }

    protected override void ProcessRecord()
    {
        var request = new NodeTaintRequest
        {
            Session = Session,
            Nodes = Node ?? Array.Empty<string>(),
            Selector = Selector,
            Key = Key,
            Value = Value,
            Effect = Effect,
        };
        foreach (var result in RunItem<IReadOnlyList<NodeTaintResult>>(async (host, ct) => await K8sNodeTaint.RemoveAsync(request, host, ct).ConfigureAwait(false)) ?? Array.Empty<NodeTaintResult>())
        {
            WriteObject(result);
        }
    }
}
