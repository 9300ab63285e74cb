using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VsphereK8sStorage.Presentation;
using k8s;
using k8s.Models;

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
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The KubernetesClient object itself; never public, so no dependency type reaches PowerShell.
    private readonly IKubernetesObject<V1ObjectMeta> model;

    private protected KubernetesObjectResult(IKubernetesObject<V1ObjectMeta> model, ApplyOutcome outcome)
    {
        // Like kubectl get -o yaml since 1.21: managedFields are bookkeeping, not the object.
        model.Metadata.ManagedFields = null;
        this.model = model;
        Outcome = outcome;
        Labels = model.Metadata.Labels is { } labels ? new SortedDictionary<string, string>(labels, StringComparer.Ordinal) : new SortedDictionary<string, string>();
    }

    public IReadOnlyDictionary<string, string> Labels { get; }

    [JsonConverter(typeof(JsonStringEnumConverter<ApplyOutcome>))]
    [TableColumn("RESULT", 100)]
    public ApplyOutcome Outcome { get; }

    /// <summary>
    /// The whole object as a manifest: YAML (a document starting with <c>---</c>, so several concatenate
    /// into one valid file) or JSON. kubectl apply -f accepts either.
    /// </summary>
    public string ToManifest(ManifestFormat format = ManifestFormat.Yaml) => format switch
    {
        ManifestFormat.Json => JsonNode.Parse(KubernetesJson.Serialize(model))!.ToJsonString(Indented),
        _ => "---\n" + YamlText().TrimEnd('\n') + "\n",
    };

#if KUBERNETES_AOT
    // KubernetesClient.Aot keeps its YAML serializer internal: the object's JSON goes through the module's own
    // YAML writer, which quotes what YAML would read as another type as KubernetesClient's does.
    private string YamlText()
    {
        using var json = JsonDocument.Parse(KubernetesJson.Serialize(model));
        var text = new System.IO.StringWriter();
        Yaml.YamlWriter.Write(text, json.RootElement);
        return text.ToString();
    }
#else
    private string YamlText() => KubernetesYaml.Serialize(model);
#endif

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
