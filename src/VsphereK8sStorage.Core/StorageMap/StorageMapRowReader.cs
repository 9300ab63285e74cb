using System.Text.Json;
using System.Text.Json.Serialization;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.StorageMap;

/// <summary>The storage map's JSON rows as vk8s get-storage-map writes them (camelCase, enums as names).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(List<StorageMapRow>))]
internal sealed partial class StorageMapRowJson : JsonSerializerContext
{
}

/// <summary>
/// Reads storage map rows piped between vk8s processes (<c>vk8s get-storage-map -o json | … | vk8s remove-vsphere-fcd
/// --path -</c>), the twin of piping Get-VsphereK8sStorageMap's rows: a JSON array of rows, at most 64 MiB.
/// </summary>
public static class StorageMapRowReader
{
    private const int MaxChars = 64 * 1024 * 1024;

    public static IReadOnlyList<DiskToRemove> Read(TextReader input, string source)
    {
        var buffer = new char[MaxChars + 1];
        var length = 0;
        int read;
        while (length <= MaxChars && (read = input.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        if (length > MaxChars)
        {
            throw Invalid(source, "it is larger than 64 MiB");
        }

        List<StorageMapRow>? rows;
        try
        {
            rows = JsonSerializer.Deserialize(new string(buffer, 0, length), StorageMapRowJson.Default.ListStorageMapRow);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, byte {ex.BytePositionInLine + 1}: " : string.Empty;
            throw Invalid(source, where + MessageText.FirstLine(ex.Message, trimPeriod: true));
        }

        return (rows ?? new List<StorageMapRow>()).Where(r => r is not null)
            .Select(r => new DiskToRemove { Id = r.VolumeId, Path = r.Path, Kind = r.DiskKind, MapStatus = r.Status, Pv = r.Pv, MapClusterId = r.MapClusterId })
            .ToList();
    }

    private static VsphereK8sException Invalid(string source, string why) =>
        new("StorageMapRowsInvalid", ErrorKind.InvalidData, $"{source} is not the storage map's JSON rows ({why}); pipe in the output of vk8s get-storage-map -o json, an array of rows (filter it with jq '[.[] | select(.status == \"OrphanDisk\")]').", source);
}
