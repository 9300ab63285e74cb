using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VsphereK8sStorage.Kubernetes.Yaml;

/// <summary>
/// Writes JSON-shaped values (objects, arrays, strings, numbers, booleans, null) as block-style YAML
/// documents through YamlDotNet's emitter. Strings that a YAML 1.1 reader would take for something else
/// ("true", "10", "null", "") are double-quoted, so the text reads back as the same JSON value.
/// </summary>
public static class YamlWriter
{
    /// <summary>One document per value, separated by <c>---</c>.</summary>
    public static void WriteDocuments(TextWriter writer, IEnumerable<JsonElement> documents)
    {
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart());
            Emit(emitter, document);
            emitter.Emit(new DocumentEnd(true));
        }

        emitter.Emit(new StreamEnd());
    }

    public static void Write(TextWriter writer, JsonElement value) => WriteDocuments(writer, new[] { value });

    /// <summary>
    /// One document whose top-level keys named in <paramref name="leading"/> come first, in that order, and the rest as
    /// they stand: Kubernetes objects read apiVersion, kind, metadata first, as kubectl and KubernetesClient write them.
    /// </summary>
    public static void Write(TextWriter writer, JsonElement value, IReadOnlyList<string> leading)
    {
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        if (value.ValueKind != JsonValueKind.Object)
        {
            Emit(emitter, value);
        }
        else
        {
            emitter.Emit(new MappingStart());
            foreach (var key in leading)
            {
                if (value.TryGetProperty(key, out var first))
                {
                    EmitString(emitter, key);
                    Emit(emitter, first);
                }
            }

            foreach (var property in value.EnumerateObject())
            {
                if (!leading.Contains(property.Name))
                {
                    EmitString(emitter, property.Name);
                    Emit(emitter, property.Value);
                }
            }

            emitter.Emit(new MappingEnd());
        }

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
                    EmitString(emitter, property.Name);
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
                EmitString(emitter, element.GetString() ?? string.Empty);
                break;
            case JsonValueKind.Null:
                emitter.Emit(new Scalar("null"));
                break;
            default:
                emitter.Emit(new Scalar(element.GetRawText()));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        // Several lines read best as a literal block (|), as kubectl writes them; the emitter falls back to quotes where
        // a block cannot hold the text as it is.
        var style = YamlScalars.NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : text.Contains('\n') ? ScalarStyle.Literal : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, true, true));
    }
}
