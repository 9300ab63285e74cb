using System.Globalization;
using System.Text.Json.Nodes;
using VsphereK8sStorage.Kubernetes.Yaml;
using VsphereK8sStorage.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VsphereK8sStorage.Rollout;

/// <summary>
/// Reads a driver's release manifest (several YAML or JSON documents, List kinds unwrapped) into typed objects, in
/// file order. Scalars are typed as Kubernetes types them (go-yaml v2, <see cref="YamlScalars"/>). Bounded: a file
/// over <see cref="MaxBytes"/>, nesting deeper than <see cref="MaxDepth"/> or more than <see cref="MaxNodes"/> values
/// (aliases counted as expanded) is one error with its line and column.
/// </summary>
internal static class RolloutManifest
{
    public const int MaxBytes = 4 * 1024 * 1024;
    public const int MaxDepth = 200;
    public const int MaxNodes = 1_000_000;

    /// <summary>The manifest files of a path: the file itself, or a folder's *.yaml, *.yml and *.json files in name order.</summary>
    public static IReadOnlyList<string> Files(string path, string parameter)
    {
        if (File.Exists(path))
        {
            return new[] { path };
        }

        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            return files.Count > 0
                ? files
                : throw new InvalidParameterException("ManifestPathEmpty", parameter, $"Folder '{path}' holds no .yaml, .yml or .json file.", path);
        }

        throw new InvalidParameterException("PathNotFound", parameter, $"Manifest path '{path}' does not exist.", path);
    }

    public static IReadOnlyList<RolloutObject> ReadFiles(IEnumerable<string> files)
    {
        var objects = new List<RolloutObject>();
        foreach (var file in files)
        {
            var text = BoundedFile.ReadText(file, MaxBytes)
                ?? throw new VsphereK8sException("ManifestTooLarge", ErrorKind.InvalidData, $"{file} holds more than {MaxBytes / 1024 / 1024} MB, more than any driver manifest; give the CPI or CSI manifest file itself.", file);
            objects.AddRange(Read(text, Path.GetFileName(file)));
        }

        return objects;
    }

    /// <summary>Every object of the text's documents, in order.</summary>
    public static IReadOnlyList<RolloutObject> Read(string text, string source)
    {
        var objects = new List<RolloutObject>();
        var document = 0;
        foreach (var (node, line) in Documents(text, source))
        {
            document++;
            var where = $"{source}:{line} (document {document})";
            if (node is null)
            {
                continue;
            }

            if (node is not JsonObject map)
            {
                throw new VsphereK8sException("ManifestInvalid", ErrorKind.InvalidData, $"{where}: a document is a mapping (an object), not {Describe(node)}.", source);
            }

            if (map["kind"] is JsonValue kind && kind.TryGetValue<string>(out var k) && k.EndsWith("List", StringComparison.Ordinal) && map["items"] is JsonArray items)
            {
                foreach (var item in items)
                {
                    objects.Add(item is JsonObject o ? RolloutObject.FromJson(o, where) : throw new VsphereK8sException("ManifestInvalid", ErrorKind.InvalidData, $"{where}: a List item is {Describe(item)}, not an object.", source));
                }

                continue;
            }

            objects.Add(RolloutObject.FromJson(map, where));
        }

        return objects;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "a list",
        _ => $"the value {Text.MessageText.OneLine(node.ToJsonString(), 60)}",
    };

    private static IEnumerable<(JsonNode? Node, int Line)> Documents(string text, string source)
    {
        var parser = new Parser(new StringReader(text));
        var results = new List<(JsonNode?, int)>();
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                var budget = MaxNodes;
                JsonNode? node = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, anchors, 0, ref budget, source);
                parser.Consume<DocumentEnd>();
                results.Add((node, (int)start.Start.Line));
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException ex)
        {
            throw new VsphereK8sException("ManifestInvalid", ErrorKind.InvalidData, $"{source}:{ex.Start.Line}:{ex.Start.Column}: {Text.MessageText.OneLine(ex.InnerException?.Message ?? ex.Message, 200)}", source, ex);
        }

        return results;
    }

    private static JsonNode? ReadNode(IParser parser, Dictionary<string, JsonNode?> anchors, int depth, ref int budget, string source)
    {
        var at = parser.Current;
        if (depth > MaxDepth || --budget < 0)
        {
            var mark = at?.Start ?? Mark.Empty;
            throw new VsphereK8sException("ManifestInvalid", ErrorKind.InvalidData, $"{source}:{mark.Line}:{mark.Column}: {(depth > MaxDepth ? $"nested deeper than {MaxDepth} levels" : $"more than {MaxNodes} values")}; a driver manifest is far smaller.", source);
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new VsphereK8sException("ManifestInvalid", ErrorKind.InvalidData, $"{source}:{alias.Start.Line}:{alias.Start.Column}: alias *{alias.Value.Value} names no anchor before it.", source);
            }

            var copy = target?.DeepClone();
            budget -= Count(copy);
            if (budget < 0)
            {
                throw new VsphereK8sException("ManifestInvalid", ErrorKind.InvalidData, $"{source}:{alias.Start.Line}:{alias.Start.Column}: aliases expand to more than {MaxNodes} values.", source);
            }

            return copy;
        }

        JsonNode? result;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            result = Scalar(scalar);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            anchor = sequenceStart.Anchor.IsEmpty ? null : sequenceStart.Anchor.Value;
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode(parser, anchors, depth + 1, ref budget, source));
            }

            result = array;
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            anchor = mappingStart.Anchor.IsEmpty ? null : mappingStart.Anchor.Value;
            var map = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyAt = parser.Current?.Start ?? Mark.Empty;
                var key = ReadNode(parser, anchors, depth + 1, ref budget, source);
                var keyText = key switch
                {
                    null => "null",
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    JsonValue v => v.ToJsonString(),
                    _ => throw new VsphereK8sException("ManifestInvalid", ErrorKind.InvalidData, $"{source}:{keyAt.Line}:{keyAt.Column}: a mapping key is a {(key is JsonArray ? "list" : "mapping")}; keys are scalars.", source),
                };
                var value = ReadNode(parser, anchors, depth + 1, ref budget, source);
                if (keyText == "<<" && value is JsonObject merged)
                {
                    foreach (var (k, v) in merged)
                    {
                        if (!map.ContainsKey(k))
                        {
                            map[k] = v?.DeepClone();
                        }
                    }

                    continue;
                }

                if (map.ContainsKey(keyText))
                {
                    throw new VsphereK8sException("ManifestInvalid", ErrorKind.InvalidData, $"{source}:{keyAt.Line}:{keyAt.Column}: key '{keyText}' is repeated in one mapping (the API server's decoder refuses that).", source);
                }

                map[keyText] = value;
            }

            result = map;
        }

        if (anchor is not null)
        {
            anchors[anchor] = result;
        }

        return result;
    }

    private static int Count(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Sum(p => Count(p.Value)),
        JsonArray a => 1 + a.Sum(Count),
        _ => 1,
    };

    private static JsonNode? Scalar(Scalar scalar)
    {
        var value = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        switch (YamlScalars.Resolve(value))
        {
            case ScalarKind.Null:
                return null;
            case ScalarKind.Bool:
                return JsonValue.Create(value is "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y");
            case ScalarKind.Int when ParseInt(value) is { } number:
                return JsonValue.Create(number);
            case ScalarKind.Float when double.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real):
                return JsonValue.Create(real);
            default:
                return JsonValue.Create(value);
        }
    }

    private static long? ParseInt(string text)
    {
        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = digits.StartsWith('-');
        if (digits.StartsWith('-') || digits.StartsWith('+'))
        {
            digits = digits.Substring(1);
        }

        int radix = 10;
        if (digits.StartsWith("0x", StringComparison.Ordinal))
        {
            (radix, digits) = (16, digits.Substring(2));
        }
        else if (digits.StartsWith("0o", StringComparison.Ordinal))
        {
            (radix, digits) = (8, digits.Substring(2));
        }
        else if (digits.StartsWith("0b", StringComparison.Ordinal))
        {
            (radix, digits) = (2, digits.Substring(2));
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            (radix, digits) = (8, digits.Substring(1));
        }

        try
        {
            var magnitude = Convert.ToInt64(digits, radix);
            return negative ? -magnitude : magnitude;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }
}
