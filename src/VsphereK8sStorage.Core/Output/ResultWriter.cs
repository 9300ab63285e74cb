using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

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
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, document.RootElement);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
    }

    private static void Emit(IEmitter emitter, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                emitter.Emit(new MappingStart());
                foreach (var property in element.EnumerateObject())
                {
                    emitter.Emit(new Scalar(property.Name));
                    Emit(emitter, property.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
                foreach (var item in element.EnumerateArray())
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                // Strings that YAML would read as something else (true, 10, null, "") are quoted.
                var text = element.GetString() ?? string.Empty;
                var style = NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, true, true));
                break;
            case JsonValueKind.Null:
                emitter.Emit(new Scalar("null"));
                break;
            default:
                emitter.Emit(new Scalar(element.GetRawText()));
                break;
        }
    }

    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        var node = new Kubernetes.Manifests.ScalarNode(text, plain: true, 0, 0);
        return node.Kind != Kubernetes.Manifests.ScalarKind.String;
    }
}
