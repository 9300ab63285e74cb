using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Operations.Kubernetes;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>
/// The options every New-K8s* twin shares (the twins of NewK8sObjectCmdlet's -Offline, -Force and -Label, and the
/// cluster options), declared once so their names and help cannot drift apart; how they fill a request, and how
/// the twins print what they wrote.
/// </summary>
internal sealed class NewK8sObjectCliOptions
{
    public KubernetesCliOptions Kube { get; } = new();

    public Option<bool> Offline { get; } = new("--offline") { Description = "Print the object (YAML unless --output says otherwise) instead of sending it." };

    public Option<bool> Force { get; } = new("--force") { Description = "Take over fields other field managers set to other values." };

    public Option<string[]> Label { get; } = new("--label") { Description = "A label as key=value; repeat for several." };

    public static Option<string[]> AccessModeOption() => new("--access-mode") { Description = "ReadWriteOnce (default), ReadOnlyMany, ReadWriteMany or ReadWriteOncePod; repeat for several." };

    public static Option<string?> VolumeModeOption() => new("--volume-mode") { Description = "Filesystem (default) or Block." };

    /// <summary>Adds the cluster options, which follow each command's own.</summary>
    public void AddClusterOptions(Command command)
    {
        foreach (var option in Kube.All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The request with where it goes (no session with --offline), how, and its labels, as the options say.</summary>
    public T Fill<T>(ParseResult parseResult, KubernetesSession session, T request)
        where T : NewK8sObjectRequest
    {
        var offline = parseResult.GetValue(Offline);
        NewK8sObjectRequest filled = request;
        return (T)(filled with
        {
            Session = offline ? null : session,
            Offline = offline,
            Force = parseResult.GetValue(Force),
            Labels = Labels(parseResult.GetValue(Label)),
        });
    }

    /// <summary>
    /// Prints a New-K8s* result: a table row by default; with --output json or yaml the object itself, as
    /// kubectl create -o yaml does. With --offline and no --output, YAML, since a manifest is what was asked for.
    /// </summary>
    public void Write(ConsoleIO io, KubernetesObjectResult? result, ParseResult parseResult, GlobalOptions globals, Action<IReadOnlyList<KubernetesObjectResult>> table)
    {
        if (result is null)
        {
            return;
        }

        var explicitFormat = parseResult.GetResult(globals.Output) is { Implicit: false };
        var format = parseResult.GetValue(globals.Output);
        if (parseResult.GetValue(Offline) && !explicitFormat)
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

    /// <summary>--label key=value, repeated.</summary>
    private static IReadOnlyDictionary<string, string>? Labels(string[]? pairs)
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
