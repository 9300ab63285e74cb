using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Vsphere;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests.Output;

/// <summary>
/// PowerCLI's property names (CapacityGB, FreeSpaceGB, CapacityMB, FreeSpaceMB on datastores, VMHost on VMs) are
/// real properties of the result types, so PowerShell scripts written for PowerCLI read them; vk8s's JSON and YAML
/// stay as they were, carrying the bytes and the host once.
/// </summary>
public sealed class PowerCliNamesTests
{
    private static readonly VsphereDatastore Datastore = new()
    {
        Name = "LocalDS_0",
        CapacityBytes = (5L << 30) + (512L << 20),
        FreeSpaceBytes = (3L << 30) + 1,
    };

    private static readonly VsphereVm Vm = new() { Name = "DC0_H0_VM0", Host = "DC0_H0" };

    public static TheoryData<string, decimal, decimal> Sizes => new()
    {
        // name, the property's value, what PowerCLI's would be
        { "CapacityGB counts 2^30 bytes", Datastore.CapacityGB, 5.5m },
        { "CapacityMB counts 2^20 bytes", Datastore.CapacityMB, 5632m },
        { "FreeSpaceGB is exact, not rounded", Datastore.FreeSpaceGB, 3m + (1m / (1L << 30)) },
        { "FreeSpaceMB is exact, not rounded", Datastore.FreeSpaceMB, 3072m + (1m / (1L << 20)) },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Datastore_sizes_have_PowerCLIs_names_and_units(string name, decimal value, decimal expected)
    {
        Assert.True(expected == value, $"{name}: {value}");
    }

    [Fact]
    public void A_VM_has_PowerCLIs_VMHost()
    {
        Assert.Equal("DC0_H0", Vm.VMHost);
    }

    public static TheoryData<string, string[], string[]> Json => new()
    {
        // name, JSON properties that must be there, PowerCLI names that must not
        { "datastore", new[] { "capacityBytes", "freeSpaceBytes", "capacityGiB", "freeSpaceGiB" }, new[] { "capacityGB", "freeSpaceGB", "capacityMB", "freeSpaceMB" } },
        { "vm", new[] { "host" }, new[] { "vmHost", "vMHost" } },
    };

    [Theory]
    [MemberData(nameof(Json))]
    public void Vk8s_json_does_not_carry_the_PowerCLI_names(string name, string[] present, string[] absent)
    {
        var writer = new StringWriter();
        if (name == "datastore")
        {
            ResultWriter.WriteJson<VsphereDatastore>(writer, new[] { Datastore });
        }
        else
        {
            ResultWriter.WriteJson<VsphereVm>(writer, new[] { Vm });
        }

        var element = JsonDocument.Parse(writer.ToString()).RootElement[0];
        var names = new HashSet<string>();
        foreach (var property in element.EnumerateObject())
        {
            names.Add(property.Name);
        }

        Assert.All(present, p => Assert.True(names.Contains(p), $"{name}: {p} missing from {string.Join(", ", names)}"));
        Assert.All(absent, p => Assert.False(names.Contains(p), $"{name}: {p} is in vk8s's JSON"));
    }
}
