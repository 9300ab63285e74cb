using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using VsphereK8sStorage.Kubernetes.Yaml;

namespace VsphereK8sStorage.Output;

/// <summary>
/// Writes result objects as JSON (camelCase, the shape Kubernetes tools use) or YAML. YAML is
/// produced from the JSON form, so both always carry the same fields under the same names.
/// </summary>
public static class ResultWriter
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,

        // Output goes to terminals and files, not HTML: keep '≠' and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void WriteJson<T>(TextWriter writer, IReadOnlyList<T> items)
    {
        writer.WriteLine(JsonSerializer.Serialize(items, JsonOptions));
    }

    public static void WriteYaml<T>(TextWriter writer, IReadOnlyList<T> items)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(items, JsonOptions));
        YamlWriter.Write(writer, document.RootElement);
    }
}
