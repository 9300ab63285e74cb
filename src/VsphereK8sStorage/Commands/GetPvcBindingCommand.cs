using System.Collections;
using System.Collections.ObjectModel;
using System.Collections.Specialized;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.PowerShell.Completers;
using VsphereK8sStorage.PowerShell.Hosting;

namespace VsphereK8sStorage.PowerShell.Commands;

/// <summary>
/// Get-PvcBinding: which volume each PersistentVolumeClaim binds to, and why a claim stays Pending.
/// Without -Path it reads the cluster of -Kubeconfig/-Context (or kubectl's default); with -Path it plans
/// manifests offline. Piped input is gathered and planned together at the end, since a plan needs the whole
/// cluster: text (lines of Get-Content or kubectl get -o yaml) is read as one stream, objects from
/// ConvertFrom-Json or ConvertFrom-Yaml each as one manifest, and files (Get-ChildItem, Get-Item,
/// Resolve-Path, objects with a Path) as paths.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PvcBinding", DefaultParameterSetName = ParameterSets.Cluster, HelpUri = HelpLinks.Help + "Get-PvcBinding.md")]
[OutputType(typeof(PvcBinding))]
public sealed class GetPvcBindingCommand : KubernetesCmdlet
{
    private readonly List<string> paths = new();
    private readonly PipedManifests piped = new();

    public static class ParameterSets
    {
        public const string Cluster = "Cluster";
        public const string Path = "Path";
        public const string LiteralPath = "LiteralPath";
        public const string InputObject = "InputObject";
    }

    /// <summary>Manifest files or directories; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.Path, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = null!;

    /// <summary>Manifest files or directories, taken literally (no wildcards); binds Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.LiteralPath, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = null!;

    /// <summary>
    /// Manifests from the pipeline: text (each line, or whole documents, read as one stream), objects from
    /// ConvertFrom-Json or ConvertFrom-Yaml (each one manifest), or files (Get-ChildItem, Get-Item, Resolve-Path).
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    [AllowEmptyCollection]
    public object?[] InputObject { get; set; } = null!;

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

    /// <summary>Show only the claims of this namespace; every claim is still planned, since each can take a volume from another.</summary>
    [Parameter(ParameterSetName = ParameterSets.Cluster)]
    [Parameter(ParameterSetName = ParameterSets.Path)]
    [Parameter(ParameterSetName = ParameterSets.LiteralPath)]
    [Parameter(ParameterSetName = ParameterSets.InputObject)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Show only the claims with these names; wildcards allowed.</summary>
    [Parameter(ParameterSetName = ParameterSets.Cluster)]
    [Parameter(ParameterSetName = ParameterSets.Path)]
    [Parameter(ParameterSetName = ParameterSets.LiteralPath)]
    [Parameter(ParameterSetName = ParameterSets.InputObject)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>
    /// Add to the plan the claims this StatefulSet's volumeClaimTemplates would create (read from the manifests,
    /// or from the cluster), each marked Preview, and plan them with everything else.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatefulSet { get; set; }

    /// <summary>The replicas to preview the StatefulSet at; by default its own spec.replicas.</summary>
    [Parameter]
    public int? Replicas { get; set; }

    /// <summary>Plan as this Kubernetes release ("1.20", "v1.29.4"): by default the live cluster's own, or current Kubernetes for manifests.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
    public string? KubernetesVersion { get; set; }

    /// <summary>
    /// The provider paths that PowerShell patterns name (wildcards expanded unless literal, relative to
    /// the current location). Shared with the argument completers, so completion reads the files the
    /// command would read.
    /// </summary>
    internal static IEnumerable<string> ProviderPaths(PathIntrinsics location, IEnumerable<string> patterns, bool literal, Action<string>? notFound = null)
    {
        foreach (var pattern in patterns)
        {
            if (literal)
            {
                yield return location.GetUnresolvedProviderPathFromPSPath(pattern);
                continue;
            }

            Collection<string>? resolved = null;
            try
            {
                resolved = location.GetResolvedProviderPathFromPSPath(pattern, out _);
            }
            catch (ItemNotFoundException)
            {
                notFound?.Invoke(pattern);
            }

            foreach (var path in resolved ?? new Collection<string>())
            {
                yield return path;
            }
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ParameterSets.Cluster)
        {
            return;
        }

        if (ParameterSetName == ParameterSets.InputObject)
        {
            foreach (var item in InputObject ?? Array.Empty<object?>())
            {
                Take(item is null ? null : PSObject.AsPSObject(item));
            }

            return;
        }

        var literal = ParameterSetName == ParameterSets.LiteralPath;
        AddPaths(literal ? LiteralPath : Path, literal);
    }

    private void AddPaths(IEnumerable<string> patterns, bool literal) =>
        paths.AddRange(ProviderPaths(SessionState.Path, patterns, literal, pattern =>
            WriteError(ErrorMapping.ToErrorRecord(new PathNotFoundException(pattern, "no file or directory matches it")))));

    // What a piped item is: text (a line of Get-Content keeps its PSPath, and is still text), a file, or a manifest
    // object. -InputObject takes every piped item (its type is object, so PowerShell binds it first, without
    // coercion); files and objects with a Path are read as -LiteralPath and -Path would read them.
    private void Take(PSObject? item)
    {
        switch (item?.BaseObject)
        {
            case string text:
                piped.AddText(text);
                return;
            case FileSystemInfo file:
                paths.Add(file.FullName);
                return;
            case PathInfo resolved:
                paths.Add(resolved.ProviderPath);
                return;
        }

        if (item is not null && !IsManifest(item))
        {
            if (item.Properties["PSPath"]?.Value is string psPath)
            {
                AddPaths(new[] { psPath }, literal: true);
                return;
            }

            if ((item.Properties["Path"]?.Value ?? (item.BaseObject as IDictionary)?["Path"]) is string path)
            {
                AddPaths(new[] { path }, literal: false);
                return;
            }
        }

        try
        {
            piped.AddObject(item, Unwrap);
        }
        catch (VsphereK8sException ex)
        {
            WriteError(ErrorMapping.ToErrorRecord(ex));
        }
    }

    private static bool IsManifest(PSObject item) => item.BaseObject is IDictionary map
        ? map.Contains("apiVersion") || map.Contains("kind")
        : item.Properties["apiVersion"] is not null || item.Properties["kind"] is not null;

    // One level of a piped object as plain data: a PSCustomObject becomes its properties, any other PSObject its base object.
    private static object? Unwrap(object value)
    {
        if (value is not PSObject wrapped)
        {
            return value;
        }

        if (wrapped.BaseObject is not PSCustomObject)
        {
            return wrapped.BaseObject;
        }

        var properties = new OrderedDictionary(StringComparer.Ordinal);
        foreach (var property in wrapped.Properties)
        {
            properties[property.Name] = property.Value;
        }

        return properties;
    }

    protected override void EndProcessing()
    {
        var live = ParameterSetName == ParameterSets.Cluster;
        var clusterNamed = Kubeconfig is not null || Context is not null;
        if (!live && paths.Count == 0 && piped.IsEmpty && !clusterNamed)
        {
            return;
        }

        var request = new GetPvcBindingRequest
        {
            Source = live ? new LiveClusterSourceSpec(Session) : ClusterSourceSpec.Manifests(paths, Recurse.IsPresent, piped: piped),
            Node = Node,
            Detailed = Detailed.IsPresent,
            Namespace = Namespace,
            Names = Name ?? Array.Empty<string>(),
            KubernetesVersion = KubernetesVersion,
            StatefulSet = StatefulSet,
            Replicas = Replicas,
            ClusterNamed = clusterNamed,
        };
        var result = RunCore((host, ct) => GetPvcBinding.RunAsync(request, host, ct));
        foreach (var binding in result.Plan.Claims)
        {
            WriteObject(binding);
        }

        // The claims that could be read are out; now what could not be read stops the command.
        if (result.InputFailure is { } failure)
        {
            ThrowTerminatingError(ErrorMapping.ToErrorRecord(failure));
        }
    }
}
