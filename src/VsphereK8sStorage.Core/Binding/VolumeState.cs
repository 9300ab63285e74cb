using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>A volume during planning: the input object plus the binding the plan has given it so far.</summary>
internal sealed class VolumeState
{
    public VolumeState(int id, PersistentVolume volume, bool matchesAttributesClass = true)
    {
        Id = id;
        Volume = volume;
        ClaimRef = volume.ClaimRef;
        Class = volume.StorageClass;
        Vac = matchesAttributesClass ? volume.VolumeAttributesClassName ?? string.Empty : string.Empty;
    }

    public int Id { get; }

    public PersistentVolume Volume { get; }

    public string Name => Volume.Name;

    public Quantity Capacity => Volume.Capacity;

    public string Class { get; }

    /// <summary>The volume's attributes class, "" when unset (binding treats both alike) or when the release has none.</summary>
    public string Vac { get; }

    /// <summary>The claim the volume points to: from the input, or set by this plan when it binds the volume.</summary>
    public ClaimReference? ClaimRef { get; set; }

    /// <summary>The claim that took the volume in this plan (null when the binding came with the input).</summary>
    public string? TakenInPlanBy { get; set; }

    /// <summary>Where the index's run of the volume's group holds it (-1 when no run does), so finding it there is no search.</summary>
    public int GroupRunPosition { get; set; } = -1;

    /// <summary>The same in the run of the group's volumes pinned to the volume's host (or to none).</summary>
    public int PinnedRunPosition { get; set; } = -1;

    /// <summary>The key the index groups open volumes by: everything the search compares for equality.</summary>
    public GroupKey GroupKey => new(Class, Volume.EffectiveVolumeMode, Vac, Volume.AccessModes);

    /// <summary>
    /// The phase the volume has once the PV controller has synced it, which is what a plan predicts:
    /// a volume without a claimRef becomes Available whatever phase it records (that is how an admin
    /// reuses a Released volume: clear its claimRef), and a pre-bound one with no phase yet is
    /// Available too. Volumes with a claimRef otherwise keep their recorded phase.
    /// </summary>
    public VolumePhase EffectivePhase => Volume.ClaimRef is null || Volume.Phase is null or VolumePhase.Pending
        ? VolumePhase.Available
        : Volume.Phase.Value;

    /// <summary>Can a claim that does not name this volume get it? (No claimRef, Available, not being deleted.)</summary>
    public bool IsOpen => ClaimRef is null && EffectivePhase == VolumePhase.Available && !Volume.IsBeingDeleted;
}

/// <summary>What the search compares for equality: class, volume mode, attributes class, access-mode set.</summary>
internal readonly record struct GroupKey(string Class, VolumeMode VolumeMode, string Vac, AccessModes Modes);
