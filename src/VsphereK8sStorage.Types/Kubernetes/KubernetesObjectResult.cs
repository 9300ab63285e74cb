using System.Text.Json.Serialization;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>How <see cref="KubernetesObjectResult.ToManifest"/> writes the object: as kubectl apply -f reads it.</summary>
public enum ManifestFormat
{
    Yaml,
    Json,
}

/// <summary>What a New-K8s* command did with its object, in kubectl's words.</summary>
public enum ApplyOutcome
{
    /// <summary>The object did not exist and was created.</summary>
    Created,

    /// <summary>The object existed and was changed to match the input.</summary>
    Configured,

    /// <summary>The object already matched the input; nothing was sent but reads.</summary>
    Unchanged,

    /// <summary>-Offline: the object was rendered, no cluster was contacted.</summary>
    Rendered,
}

/// <summary>
/// What every New-K8s* command returns: the object as the API server stored it (or as rendered with
/// -Offline), summarised in the properties a table shows, plus the whole object through <see cref="ToManifest"/>.
/// </summary>
public abstract class KubernetesObjectResult
{
    // Writes the whole object; the engine supplies it (it holds the KubernetesClient object, which never reaches
    // this assembly, so no dependency type reaches PowerShell's default context).
    private readonly Func<ManifestFormat, string> manifest;

    private protected KubernetesObjectResult(Func<ManifestFormat, string> manifest, ApplyOutcome outcome, IReadOnlyDictionary<string, string>? labels)
    {
        this.manifest = manifest;
        Outcome = outcome;
        Labels = labels is null ? new SortedDictionary<string, string>() : new SortedDictionary<string, string>(labels.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Labels { get; }

    [JsonConverter(typeof(JsonStringEnumConverter<ApplyOutcome>))]
    [TableColumn("RESULT", 100)]
    public ApplyOutcome Outcome { get; }

    /// <summary>
    /// The whole object as a manifest: YAML (a document starting with <c>---</c>, so several concatenate
    /// into one valid file) or JSON. kubectl apply -f accepts either.
    /// </summary>
    public string ToManifest(ManifestFormat format = ManifestFormat.Yaml) => manifest(format);


    internal static string Short(IEnumerable<string>? accessModes)
    {
        var modes = AccessModes.None;
        foreach (var name in accessModes ?? Enumerable.Empty<string>())
        {
            if (AccessModeNames.TryParse(name, out var mode))
            {
                modes |= mode;
            }
        }

        return modes.ToShortString();
    }
}
