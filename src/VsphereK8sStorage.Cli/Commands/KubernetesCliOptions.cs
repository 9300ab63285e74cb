using System;
using System.Collections.Generic;
using System.CommandLine;
using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>
/// --kubeconfig and --context, the twins of KubernetesCmdlet's -Kubeconfig and -Context, resolved by the
/// core exactly as the cmdlets resolve them; plus how the New-K8s* twins print what they wrote.
/// </summary>
internal sealed class KubernetesCliOptions
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "The kubeconfig file; without it $KUBECONFIG (files merged), then ~/.kube/config, then the pod's service account, as kubectl does.",
    };

    public Option<string?> Context { get; } = new("--context")
    {
        Description = "The kubeconfig context to use instead of its current-context.",
    };

    public IEnumerable<Option> All => new Option[] { Kubeconfig, Context };

    public KubernetesSession Session(ParseResult parseResult) =>
        new(KubernetesConnection.From(
            parseResult.GetValue(Kubeconfig) is { Length: > 0 } file ? System.IO.Path.GetFullPath(file) : null,
            parseResult.GetValue(Context)));

    /// <summary>
    /// Prints a New-K8s* result: a table row by default; with --output json or yaml the object itself, as
    /// kubectl create -o yaml does. With --offline and no --output, YAML, since a manifest is what was asked for.
    /// </summary>
    public static void Write(ConsoleIO io, KubernetesObjectResult? result, ParseResult parseResult, GlobalOptions globals, bool offline, Action<IReadOnlyList<KubernetesObjectResult>> table)
    {
        if (result is null)
        {
            return;
        }

        var explicitFormat = parseResult.GetResult(globals.Output) is { Implicit: false };
        var format = parseResult.GetValue(globals.Output);
        if (offline && !explicitFormat)
        {
            format = OutputFormat.Yaml;
        }

        if (format == OutputFormat.Table)
        {
            table(new[] { result });
            return;
        }

        io.Out.Write(result.ToManifest(format == OutputFormat.Json ? ManifestFormat.Json : ManifestFormat.Yaml));
        if (format == OutputFormat.Json)
        {
            io.Out.WriteLine();
        }
    }

    // The options the New-K8s* twins share, declared once so their names and help cannot drift apart.
    public static Option<bool> OfflineOption() => new("--offline") { Description = "Print the object (YAML unless --output says otherwise) instead of sending it." };

    public static Option<bool> ForceOption() => new("--force") { Description = "Take over fields other field managers set to other values." };

    public static Option<string[]> LabelOption() => new("--label") { Description = "A label as key=value; repeat for several." };

    public static Option<string[]> AccessModeOption() => new("--access-mode") { Description = "ReadWriteOnce (default), ReadOnlyMany, ReadWriteMany or ReadWriteOncePod; repeat for several." };

    public static Option<string?> VolumeModeOption() => new("--volume-mode") { Description = "Filesystem (default) or Block." };

    /// <summary>--label key=value, repeated.</summary>
    public static IReadOnlyDictionary<string, string>? Labels(string[]? pairs)
    {
        if (pairs is null || pairs.Length == 0)
        {
            return null;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new InvalidParameterException("InvalidLabel", "Label", $"Invalid --label '{pair}': write it as key=value.", pair);
            }

            labels[pair.Substring(0, equals)] = pair.Substring(equals + 1);
        }

        return labels;
    }
}
