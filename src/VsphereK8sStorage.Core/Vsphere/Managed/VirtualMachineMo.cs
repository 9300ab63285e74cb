using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Managed;

/// <summary>One <c>config.extraConfig</c> entry (vim25's OptionValue with a string value).</summary>
internal sealed record OptionValue(string Key, string? Value);

/// <summary>
/// The VirtualMachine properties this module reads, declared once, and a typed view of one read of them.
/// Properties the read did not ask for (or vCenter left unset) are null or empty.
/// </summary>
internal sealed record VirtualMachineMo : InventoryObjectMo
{
    public const string Type = "VirtualMachine";
    public const string Uuid = "config.uuid";
    public const string InstanceUuid = "config.instanceUuid";
    public const string Version = "config.version";
    public const string Template = "config.template";
    public const string ExtraConfig = "config.extraConfig";
    public const string PowerState = "runtime.powerState";
    public const string Host = "runtime.host";
    public const string GuestHostName = "guest.hostName";
    public const string GuestIpAddress = "guest.ipAddress";
    public const string GuestNet = "guest.net";
    public const string Datastore = "datastore";
    public const string BootTimeRuntime = "runtime.bootTime";

    /// <summary>The boot time vcsim sets (vCenter sets both).</summary>
    public const string BootTimeSummary = "summary.runtime.bootTime";

    /// <summary>What Get-VsphereVm shows.</summary>
    public static readonly PropertySpec Summary = new(Type, new[]
    {
        ManagedEntity.Name, ManagedEntity.Parent, Uuid, InstanceUuid, Version, Template, ExtraConfig,
        PowerState, Host, GuestHostName, GuestIpAddress, GuestNet, Datastore,
    });

    /// <summary>What Enable-DiskUuid and Test-DiskUuid decide on: a smaller read than Get-VsphereVm's, as it runs over every node.</summary>
    public static readonly PropertySpec DiskUuid = new(Type, new[] { ManagedEntity.Name, ManagedEntity.Parent, ExtraConfig, PowerState, BootTimeRuntime, BootTimeSummary });

    /// <summary>What Enable-DiskUuid reads back after reconfiguring.</summary>
    public static readonly PropertySpec DiskUuidState = new(Type, new[] { ExtraConfig, PowerState, BootTimeRuntime, BootTimeSummary });

    public string? BiosUuid { get; init; }

    public string? InstanceUuidValue { get; init; }

    public string? HardwareVersion { get; init; }

    public bool IsTemplate { get; init; }

    public IReadOnlyList<OptionValue> ExtraConfigValues { get; init; } = Array.Empty<OptionValue>();

    public VirtualMachinePowerState Power { get; init; }

    public ManagedObjectReference? RuntimeHost { get; init; }

    public string? GuestHost { get; init; }

    public string? GuestPrimaryIpAddress { get; init; }

    /// <summary>Every address of every guest NIC (<c>guest.net[].ipAddress</c>), in order.</summary>
    public IReadOnlyList<string> GuestNetIpAddresses { get; init; } = Array.Empty<string>();

    public IReadOnlyList<ManagedObjectReference> Datastores { get; init; } = Array.Empty<ManagedObjectReference>();

    /// <summary>When the VM last powered on: runtime.bootTime where vCenter sets it, else summary.runtime.bootTime; null when neither was read or set.</summary>
    public DateTimeOffset? BootTime { get; init; }

    private VirtualMachineMo(ObjectContent content)
        : base(content)
    {
    }

    public static VirtualMachineMo From(ObjectContent content) => new(content)
    {
        BiosUuid = content.Text(Uuid),
        InstanceUuidValue = content.Text(InstanceUuid),
        HardwareVersion = content.Text(Version),
        IsTemplate = content.Text(Template) == "true",
        ExtraConfigValues = content.Items(ExtraConfig).Select(o => new OptionValue(o.ChildText("key") ?? string.Empty, o.ChildText("value"))).ToList(),
        Power = VimEnum.PowerState(content.Text(PowerState)),
        RuntimeHost = content.MoRef(Host),
        GuestHost = content.Text(GuestHostName),
        GuestPrimaryIpAddress = content.Text(GuestIpAddress),
        GuestNetIpAddresses = content.Items(GuestNet).SelectMany(nic => nic.Children("ipAddress")).Select(ip => ip.Value).ToList(),
        Datastores = content.MoRefs(Datastore),
        BootTime = Time(content.Text(BootTimeRuntime)) ?? Time(content.Text(BootTimeSummary)),
    };

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
