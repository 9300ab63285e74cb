using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>A claim with the values binding compares, resolved once.</summary>
internal sealed class ClaimContext
{
    public ClaimContext(PersistentVolumeClaim claim, string storageClass, bool matchesAttributesClass = true)
    {
        Claim = claim;
        Key = claim.Key;
        StorageClass = storageClass;
        Vac = matchesAttributesClass ? claim.VolumeAttributesClassName ?? string.Empty : string.Empty;
    }

    public PersistentVolumeClaim Claim { get; }

    public string Key { get; }

    /// <summary>The class matching uses (after default-class resolution); "" means no class.</summary>
    public string StorageClass { get; set; }

    public Quantity Request => Claim.Request;

    public AccessModes AccessModes => Claim.AccessModes;

    public VolumeMode VolumeMode => Claim.EffectiveVolumeMode;

    /// <summary>The attributes class matching uses: unset counts as "", and "" for every claim when the release has none.</summary>
    public string Vac { get; }

    /// <summary>The key of the index group holding open volumes with these access modes that this claim could bind.</summary>
    public GroupKey KeyFor(AccessModes modes) => new(StorageClass, VolumeMode, Vac, modes);
}
