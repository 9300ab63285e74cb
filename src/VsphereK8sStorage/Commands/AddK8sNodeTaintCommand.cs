using System;
using System.Collections.Generic;
using System.Management.Automation;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Kubernetes;

namespace VsphereK8sStorage.Commands;

/// <summary>
/// Add-K8sNodeTaint: taints nodes (kubectl taint nodes NAME key=value:Effect), chosen by name (wildcards) or label selector. A node that already has the taint is left alone; one with the same key and effect but another value is changed only with -Overwrite.
/// </summary>
[Cmdlet(VerbsCommon.Add, "K8sNodeTaint", SupportsShouldProcess = true)]
[OutputType(typeof(NodeTaintResult))]
public sealed class AddK8sNodeTaintCommand : KubernetesCmdlet
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

    /// <summary>A taint needs one: NoSchedule, PreferNoSchedule or NoExecute.</summary>
    [Parameter(Mandatory = true)]
    [ValidateSet("NoSchedule", "PreferNoSchedule", "NoExecute")]
    public string? Effect { get; set; }

    /// <summary>Change the value of a taint the node has with the same key and effect.</summary>
    [Parameter]
    public SwitchParameter Overwrite { get; set; }

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
            Overwrite = Overwrite,
        };
        foreach (var result in RunItem<IReadOnlyList<NodeTaintResult>>(async (host, ct) => await K8sNodeTaint.AddAsync(request, host, ct).ConfigureAwait(false)) ?? Array.Empty<NodeTaintResult>())
        {
            WriteObject(result);
        }
    }
}
