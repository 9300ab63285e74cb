namespace VsphereK8sStorage.Binding;

/// <summary>A volume a claim did not get, and every reason why.</summary>
public sealed class VolumeRejection
{
    public string Volume { get; init; } = string.Empty;

    public string Capacity { get; init; } = string.Empty;

    public string StorageClass { get; init; } = string.Empty;

    public IReadOnlyList<string> Reasons { get; init; } = Array.Empty<string>();

    public override string ToString() => $"{Volume}: {string.Join("; ", Reasons)}";
}
