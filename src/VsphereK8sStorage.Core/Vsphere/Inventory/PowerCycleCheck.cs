using System.Globalization;
using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Inventory;

/// <summary>
/// Whether a VM must be powered off and on before its guest sees disk.enableUUID, decided from vCenter alone:
/// the VM's boot time (<c>runtime.bootTime</c>, or <c>summary.runtime.bootTime</c>, which is all vcsim sets)
/// against the newest <c>VmReconfiguredEvent</c> whose configSpec sets disk.enableUUID.
/// </summary>
/// <remarks>
/// Design: the guest reads extraConfig when the VM powers on, so a VM running since before the change still has
/// the old value. Events are vCenter's record of the change; it keeps them for a limited time (30 days by default;
/// vcsim keeps the last 1,000 of all events), and a value set in a template or in the .vmx leaves none. Without
/// an event the answer is Unknown, never a guess.
/// </remarks>
internal static class PowerCycleCheck
{
    private static readonly string[] ReconfigureEvents = { "VmReconfiguredEvent" };

    /// <summary>The decision from the facts; pure.</summary>
    public static (PowerCycleNeed Need, PowerCycleReason Reason) Decide(bool enabled, string powerState, DateTimeOffset? bootTime, DateTimeOffset? newestChange)
    {
        if (!enabled)
        {
            return (PowerCycleNeed.No, PowerCycleReason.NotEnabled);
        }

        if (string.Equals(powerState, "poweredOff", StringComparison.OrdinalIgnoreCase))
        {
            return (PowerCycleNeed.No, PowerCycleReason.PoweredOff);
        }

        if (bootTime is null)
        {
            return (PowerCycleNeed.Unknown, PowerCycleReason.NoBootTime);
        }

        if (newestChange is null)
        {
            return (PowerCycleNeed.Unknown, PowerCycleReason.NoChangeEvent);
        }

        return newestChange.Value >= bootTime.Value
            ? (PowerCycleNeed.Yes, PowerCycleReason.NotBootedSinceChange)
            : (PowerCycleNeed.No, PowerCycleReason.BootedSinceChange);
    }

    /// <summary>Whether deciding needs the VM's events: only an enabled VM that is running with a boot time does.</summary>
    public static bool NeedsEvents(bool enabled, string powerState, DateTimeOffset? bootTime) =>
        enabled && !string.Equals(powerState, "poweredOff", StringComparison.OrdinalIgnoreCase) && bootTime is not null;

    /// <summary>The time of the newest reconfigure event of <paramref name="vm"/> that set disk.enableUUID, or null when none is retained.</summary>
    public static async Task<DateTimeOffset?> NewestChangeAsync(VsphereConnection connection, ManagedObjectReference vm, CancellationToken ct)
    {
        var manager = connection.Content.EventManager
            ?? throw new VsphereK8sException("VsphereNoEventManager", ErrorKind.InvalidOperation, $"{connection.Name} has no event manager, so it cannot say when disk.enableUUID was set.", connection.Name);
        var events = await VimMethods.QueryEventsAsync(connection.Soap, manager, vm, ReconfigureEvents, 1000, ct).ConfigureAwait(false);
        return NewestChange(events);
    }

    /// <summary>
    /// The newest change of disk.enableUUID per VM under <paramref name="root"/>, from one QueryEvents over the whole
    /// inventory (at most 1,000 reconfigure events, the newest): one round trip whatever the number of VMs.
    /// </summary>
    public static async Task<IReadOnlyDictionary<ManagedObjectReference, DateTimeOffset>> NewestChangesAsync(VsphereConnection connection, ManagedObjectReference root, CancellationToken ct)
    {
        var manager = connection.Content.EventManager
            ?? throw new VsphereK8sException("VsphereNoEventManager", ErrorKind.InvalidOperation, $"{connection.Name} has no event manager, so it cannot say when disk.enableUUID was set.", connection.Name);
        var events = await VimMethods.QueryEventsAsync(connection.Soap, manager, root, ReconfigureEvents, 1000, ct, recursion: "all").ConfigureAwait(false);
        var changes = new Dictionary<ManagedObjectReference, DateTimeOffset>();
        foreach (var group in events.GroupBy(e => e.Child("vm")?.ChildMoRef("vm")))
        {
            if (group.Key is { } vm && NewestChange(group) is { } newest)
            {
                changes[vm] = newest;
            }
        }

        return changes;
    }

    /// <summary>The newest of <paramref name="events"/> (VmReconfiguredEvent elements) whose configSpec sets disk.enableUUID.</summary>
    public static DateTimeOffset? NewestChange(IEnumerable<XElement> events)
    {
        DateTimeOffset? newest = null;
        foreach (var e in events)
        {
            var setsIt = e.Child("configSpec")?.Children("extraConfig")
                .Any(option => string.Equals(option.ChildText("key"), ExtraConfig.DiskEnableUuid, StringComparison.OrdinalIgnoreCase)) == true;
            if (setsIt && Time(e.ChildText("createdTime")) is { } created && (newest is null || created > newest))
            {
                newest = created;
            }
        }

        return newest;
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
}
