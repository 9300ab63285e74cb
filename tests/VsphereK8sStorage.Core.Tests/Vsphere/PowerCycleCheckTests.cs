using System;
using System.Linq;
using System.Xml.Linq;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using Xunit;

namespace VsphereK8sStorage.Tests.Vsphere;

/// <summary>Whether a VM needs a power cycle, from what vCenter reports: its state, boot time and newest disk.enableUUID change.</summary>
public sealed class PowerCycleCheckTests
{
    private static readonly DateTimeOffset Boot = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, bool, string, DateTimeOffset?, DateTimeOffset?, PowerCycleNeed, PowerCycleReason> Cases() => new()
    {
        { "not enabled: nothing to pick up", false, "poweredOn", Boot, Boot.AddHours(1), PowerCycleNeed.No, PowerCycleReason.NotEnabled },
        { "powered off: takes it at the next power-on", true, "poweredOff", null, Boot.AddHours(1), PowerCycleNeed.No, PowerCycleReason.PoweredOff },
        { "changed after the boot: needs a cycle", true, "poweredOn", Boot, Boot.AddMinutes(1), PowerCycleNeed.Yes, PowerCycleReason.NotBootedSinceChange },
        { "booted after the change: done", true, "poweredOn", Boot, Boot.AddMinutes(-1), PowerCycleNeed.No, PowerCycleReason.BootedSinceChange },
        { "suspended since before the change: resumes with the old value", true, "suspended", Boot, Boot.AddMinutes(1), PowerCycleNeed.Yes, PowerCycleReason.NotBootedSinceChange },
        { "no event retained: unknown, not a guess", true, "poweredOn", Boot, null, PowerCycleNeed.Unknown, PowerCycleReason.NoChangeEvent },
        { "no boot time reported: unknown", true, "poweredOn", null, Boot, PowerCycleNeed.Unknown, PowerCycleReason.NoBootTime },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_from_vCenter_facts(string name, bool enabled, string power, DateTimeOffset? boot, DateTimeOffset? change, PowerCycleNeed need, PowerCycleReason reason)
    {
        Assert.True((need, reason) == PowerCycleCheck.Decide(enabled, power, boot, change), name);
    }

    [Fact]
    public void The_newest_event_that_sets_disk_enableUUID_counts_whatever_order_they_come_in()
    {
        // As vcsim writes them: the xsi prefix spelled XMLSchema-instance, newest first only by chance.
        var events = XElement.Parse("""
            <r xmlns="urn:vim25" xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance">
              <returnval XMLSchema-instance:type="VmReconfiguredEvent"><key>10</key><createdTime>2026-12-05T10:05:00Z</createdTime>
                <configSpec><extraConfig XMLSchema-instance:type="OptionValue"><key>disk.EnableUUID</key><value>TRUE</value></extraConfig></configSpec></returnval>
              <returnval XMLSchema-instance:type="VmReconfiguredEvent"><key>30</key><createdTime>2026-12-05T10:30:00Z</createdTime>
                <configSpec><extraConfig XMLSchema-instance:type="OptionValue"><key>guestinfo.other</key><value>1</value></extraConfig></configSpec></returnval>
              <returnval XMLSchema-instance:type="VmReconfiguredEvent"><key>20</key><createdTime>2026-12-05T10:20:00.5Z</createdTime>
                <configSpec><extraConfig XMLSchema-instance:type="OptionValue"><key>disk.enableUUID</key><value>TRUE</value></extraConfig></configSpec></returnval>
            </r>
            """).Elements();

        Assert.Equal(new DateTimeOffset(2026, 12, 5, 10, 20, 0, 500, TimeSpan.Zero), PowerCycleCheck.NewestChange(events));
        Assert.Null(PowerCycleCheck.NewestChange(events.Where(e => e.Element(XName.Get("key", "urn:vim25"))!.Value == "30")));
    }
}
