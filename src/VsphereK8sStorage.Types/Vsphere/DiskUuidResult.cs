using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Vsphere;

/// <summary>What Enable-DiskUuid / Test-DiskUuid found or did for one VM.</summary>
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

    /// <summary>The VM was changed while powered on: the guest sees disk UUIDs only after a power off and on (a guest reboot is not enough).</summary>
    [TableColumn("POWER CYCLE", 4)]
    public bool NeedsPowerCycle { get; init; }

    /// <summary>Why the change failed, or null.</summary>
    [TableColumn("ERROR", 5)]
    public string? Error { get; init; }

    /// <summary>The failure's stable id (such as EnableDiskUuidTaskFailed), or null.</summary>
    public string? ErrorId { get; init; }

    public string Server { get; init; } = string.Empty;

    /// <summary>The VM's name, so a string made of this object (a parameter, "$x") is its name, never the record text.</summary>
    public override string ToString() => Name;
}
