using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Completers;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes.Manifests;
using VsphereK8sStorage.Operations;

namespace VsphereK8sStorage.Commands;

/// <summary>
/// Get-PvcBinding: which volume each PersistentVolumeClaim binds to, and why a claim stays Pending.
/// Paths are gathered from the pipeline and planned together at the end, since a plan needs the whole cluster.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PvcBinding", DefaultParameterSetName = ParameterSets.Path)]
[OutputType(typeof(PvcBinding))]
public sealed class GetPvcBindingCommand : VsphereK8sCmdlet
{
    private readonly List<string> paths = new();

    public static class ParameterSets
    {
        public const string Path = "Path";
        public const string LiteralPath = "LiteralPath";
    }

    /// <summary>Manifest files or directories; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.Path, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = null!;

    /// <summary>Manifest files or directories, taken literally (no wildcards); binds Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.LiteralPath, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = null!;

    /// <summary>Also read the subdirectories of directories.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Evaluate WaitForFirstConsumer claims as if their pod were scheduled on this node.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    public string? Node { get; set; }

    /// <summary>List every volume a Pending claim did not get, with all the reasons.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ParameterSets.LiteralPath)
        {
            paths.AddRange(LiteralPath.Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)));
            return;
        }

        foreach (var pattern in Path)
        {
            try
            {
                paths.AddRange(SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out _));
            }
            catch (ItemNotFoundException)
            {
                WriteError(ErrorMapping.ToErrorRecord(new InvalidParameterException(
                    "PathNotFound", "Path", $"Cannot find path '{pattern}': no file or directory matches it. Check the spelling, or pass the folder that holds the manifests.", pattern)));
            }
        }
    }

    protected override void EndProcessing()
    {
        if (paths.Count == 0)
        {
            return;
        }

        var plan = RunCore((host, ct) =>
        {
            var request = new GetPvcBindingRequest
            {
                Cluster = new ManifestClusterSource(ManifestLoader.ResolvePaths(paths, Recurse.IsPresent, host)),
                Node = Node,
                Detailed = Detailed.IsPresent,
            };
            return GetPvcBinding.RunAsync(request, host, ct);
        });
        foreach (var binding in plan.Claims)
        {
            WriteObject(binding);
        }
    }
}
