using System.Text.Json.Serialization;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Vsphere;

/// <summary>
/// A virtual machine as Get-VsphereVm shows it. <see cref="Id"/> has PowerCLI's form
/// (<c>VirtualMachine-vm-42</c>), so these objects and PowerCLI's VMs both pipe into Enable-DiskUuid by property name.
/// </summary>
public sealed record VsphereVm
{
    [TableColumn("NAME", 0)]
    public string Name { get; init; } = string.Empty;

    /// <summary>Inventory path, <c>/DC0/vm/k8s/node-1</c>.</summary>
    [TableColumn("PATH", 6)]
    public string Path { get; init; } = string.Empty;

    /// <summary>PowerCLI's Id: <c>VirtualMachine-vm-42</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The managed object reference value, <c>vm-42</c>.</summary>
    public string MoRef { get; init; } = string.Empty;

    [TableColumn("POWER", 1)]
    public string PowerState { get; init; } = string.Empty;

    [TableColumn("DISK UUID", 2)]
    public bool DiskUuidEnabled { get; init; }

    /// <summary>The last value of disk.enableUUID in extraConfig, or null when unset.</summary>
    public string? DiskUuidSetting { get; init; }

    /// <summary>The BIOS UUID (<c>config.uuid</c>): what a Kubernetes node's providerID carries (vsphere://…).</summary>
    [TableColumn("BIOS UUID", 3)]
    public string? BiosUuid { get; init; }

    /// <summary>vCenter's instance UUID (<c>config.instanceUuid</c>).</summary>
    public string? InstanceUuid { get; init; }

    /// <summary>Virtual hardware version, <c>vmx-15</c>.</summary>
    [TableColumn("HW", 4)]
    public string? HardwareVersion { get; init; }

    public string? GuestHostName { get; init; }

    public IReadOnlyList<string> IPAddresses { get; init; } = new List<string>();

    [TableColumn("HOST", 5)]
    public string? Host { get; init; }

    /// <summary>PowerCLI's name for <see cref="Host"/> (Get-VM's <c>VMHost</c>); not in vk8s's JSON and YAML, which carry <c>host</c>.</summary>
    [JsonIgnore]
    public string? VMHost => Host;

    public IReadOnlyList<string> Datastores { get; init; } = new List<string>();

    public string? Datacenter { get; init; }

    public bool IsTemplate { get; init; }

    /// <summary>The vCenter this VM was read from.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>The VM's name, so a string made of this object (a parameter, "$x") is its name, never the record text.</summary>
    public override string ToString() => Name;
}
