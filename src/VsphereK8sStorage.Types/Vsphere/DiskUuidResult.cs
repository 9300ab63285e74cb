using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Vsphere;

/// <summary>Whether a VM must be powered off and on before its guest sees disk.enableUUID.</summary>
public enum PowerCycleNeed
{
    /// <summary>It need not: the setting is off, the VM is off, or it has booted since the setting was made.</summary>
    No,

    /// <summary>It must: powered on, and not booted since the newest reconfigure that set disk.enableUUID.</summary>
    Yes,

    /// <summary>vCenter does not say: no reconfigure event that set disk.enableUUID is retained, or no boot time is reported.</summary>
    Unknown,
}

/// <summary>Why <see cref="PowerCycleNeed"/> is what it is: a stable code to filter on.</summary>
public enum PowerCycleReason
{
    /// <summary>disk.enableUUID is not on: there is nothing for the guest to pick up.</summary>
    NotEnabled,

    /// <summary>The VM is powered off: it takes the setting when it is next powered on.</summary>
    PoweredOff,

    /// <summary>The VM was powered on after the newest reconfigure that set disk.enableUUID.</summary>
    BootedSinceChange,

    /// <summary>The VM has been running since before the newest reconfigure that set disk.enableUUID.</summary>
    NotBootedSinceChange,

    /// <summary>vCenter retains no reconfigure event that set disk.enableUUID (older than its event retention, set in a template or outside vCenter).</summary>
    NoChangeEvent,

    /// <summary>The VM is powered on but vCenter reports no boot time.</summary>
    NoBootTime,

    /// <summary>The VM's events could not be read (the error says why).</summary>
    EventsUnreadable,
}

/// <summary>What Enable-DiskUuid did for one VM, as vCenter holds it afterwards.</summary>
public sealed record DiskUuidResult
{
    [TableColumn("NAME", 0)]
    public string Name { get; init; } = string.Empty;

    [TableColumn("PATH", 6)]
    public string Path { get; init; } = string.Empty;

    public string Id { get; init; } = string.Empty;

    /// <summary>True when this run set disk.enableUUID (false when it was already on, or the change failed).</summary>
    [TableColumn("CHANGED", 1)]
    public bool Changed { get; init; }

    /// <summary>Whether disk.enableUUID reads as true on vCenter now.</summary>
    [TableColumn("ENABLED", 2)]
    public bool Enabled { get; init; }

    [TableColumn("POWER", 3)]
    public string PowerState { get; init; } = string.Empty;

    /// <summary>
    /// Whether the guest sees disk UUIDs only after a power off and on (a guest reboot is not enough), decided from
    /// vCenter: the VM's boot time against its newest reconfigure event that set disk.enableUUID.
    /// </summary>
    [TableColumn("POWER CYCLE", 4)]
    public PowerCycleNeed NeedsPowerCycle { get; init; }

    /// <summary>Why <see cref="NeedsPowerCycle"/> is what it is.</summary>
    public PowerCycleReason PowerCycleReason { get; init; }

    /// <summary>Why the change failed, or null.</summary>
    [TableColumn("ERROR", 5)]
    public string? Error { get; init; }

    /// <summary>The failure's stable id (such as EnableDiskUuidTaskFailed), or null.</summary>
    public string? ErrorId { get; init; }

    public string Server { get; init; } = string.Empty;

    /// <summary>The VM's name, so a string made of this object (a parameter, "$x") is its name, never the record text.</summary>
    public override string ToString() => Name;
}

/// <summary>What Test-DiskUuid found for one VM; it changes nothing, so it has no Changed.</summary>
public sealed record DiskUuidStatus
{
    [TableColumn("NAME", 0)]
    public string Name { get; init; } = string.Empty;

    [TableColumn("PATH", 4)]
    public string Path { get; init; } = string.Empty;

    public string Id { get; init; } = string.Empty;

    /// <summary>Whether disk.enableUUID reads as true on vCenter.</summary>
    [TableColumn("ENABLED", 1)]
    public bool Enabled { get; init; }

    [TableColumn("POWER", 2)]
    public string PowerState { get; init; } = string.Empty;

    /// <summary>Whether the guest sees disk UUIDs only after a power off and on; see <see cref="DiskUuidResult.NeedsPowerCycle"/>.</summary>
    [TableColumn("POWER CYCLE", 3)]
    public PowerCycleNeed NeedsPowerCycle { get; init; }

    /// <summary>Why <see cref="NeedsPowerCycle"/> is what it is.</summary>
    public PowerCycleReason PowerCycleReason { get; init; }

    public string Server { get; init; } = string.Empty;

    /// <summary>The VM's name, so a string made of this object (a parameter, "$x") is its name, never the record text.</summary>
    public override string ToString() => Name;
}
