using System.Text.Json.Serialization;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Rollout;
using VsphereK8sStorage.StorageMap;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli.Output;

/// <summary>
/// The JSON contract of every type vk8s prints, generated at compile time (System.Text.Json source
/// generation), so JSON and YAML output need no reflection: camelCase names, enums by name. A type vk8s
/// prints is listed here once, as a list; <c>CliJsonContextTests</c> fails for a type with a table view and no
/// entry here.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<PvcBinding>))]
[JsonSerializable(typeof(IReadOnlyList<VsphereVm>))]
[JsonSerializable(typeof(IReadOnlyList<DiskUuidResult>))]
[JsonSerializable(typeof(IReadOnlyList<VsphereDatastore>))]
[JsonSerializable(typeof(IReadOnlyList<VsphereFcd>))]
[JsonSerializable(typeof(IReadOnlyList<VsphereVmdk>))]
[JsonSerializable(typeof(IReadOnlyList<VsphereDiskRemoval>))]
[JsonSerializable(typeof(IReadOnlyList<VsphereStoragePolicy>))]
[JsonSerializable(typeof(IReadOnlyList<PersistentVolumeResult>))]
[JsonSerializable(typeof(IReadOnlyList<PersistentVolumeClaimResult>))]
[JsonSerializable(typeof(IReadOnlyList<StorageClassResult>))]
[JsonSerializable(typeof(IReadOnlyList<NodeTaintResult>))]
[JsonSerializable(typeof(IReadOnlyList<VsphereConnection>))]
[JsonSerializable(typeof(IReadOnlyList<DiskUuidStatus>))]
[JsonSerializable(typeof(IReadOnlyList<CnsVolume>))]
[JsonSerializable(typeof(IReadOnlyList<StorageMapRow>))]
[JsonSerializable(typeof(IReadOnlyList<ReadinessRow>))]
[JsonSerializable(typeof(IReadOnlyList<RolloutObjectResult>))]
public sealed partial class CliJsonContext : JsonSerializerContext
{
}
