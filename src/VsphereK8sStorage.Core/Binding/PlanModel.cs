using System;
using System.Collections.Generic;
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

/// <summary>What the search compares for equality: class, volume mode, attributes class, access-mode set.</summary>
internal readonly record struct GroupKey(string Class, VolumeMode VolumeMode, string Vac, AccessModes Modes);

/// <summary>The node a WaitForFirstConsumer claim is evaluated for. A node missing from the input has no labels.</summary>
internal sealed class NodeContext
{
    public NodeContext(string name, Node? node)
    {
        Name = name;
        Known = node is not null;
        Labels = node?.Labels ?? ObjectMeta.NoEntries;

        // The PV helpers build the node they match from its labels alone: no name, so no fields.
        Fields = ObjectMeta.NoEntries;
        Labels.TryGetValue(WellKnown.HostnameLabel, out var hostname);
        Hostname = hostname;
    }

    public string Name { get; }

    public bool Known { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public IReadOnlyDictionary<string, string> Fields { get; }

    public string? Hostname { get; }

    public bool Admits(PersistentVolume volume) => volume.NodeAffinity is null || volume.NodeAffinity.Matches(Labels, Fields);
}
