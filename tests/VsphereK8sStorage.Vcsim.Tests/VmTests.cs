using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Types;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Vcsim.Tests;

/// <summary>
/// Get-VsphereVm's selection on an inventory with a folder (/DC0/vm/k8s) and a VM whose name XML must escape.
/// Nothing here changes the simulator, so the tests share one.
/// </summary>
public sealed class VmTests : IClassFixture<VmTests.Fixture>
{
    public const string HostileName = "k8s <node> & \"1\"";

    private readonly Fixture vcsim;

    public VmTests(Fixture vcsim) => this.vcsim = vcsim;

    public static TheoryData<string, string[], string[], string[], string[]> Selections => new()
    {
        // name, patterns, ids, folders, expected names
        { "every VM", new string[0], new string[0], new string[0], new[] { "DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1", "DC0_C0_RP0_VM2", "DC0_H0_VM1", "DC0_H0_VM2", HostileName } },
        { "name wildcard", new[] { "DC0_C0_*" }, new string[0], new string[0], new[] { "DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1", "DC0_C0_RP0_VM2" } },
        { "name wildcard, other case", new[] { "dc0_h0_vm?" }, new string[0], new string[0], new[] { "DC0_H0_VM1", "DC0_H0_VM2" } },
        { "path wildcard stays in the folder", new[] { "/DC0/vm/k8s/*" }, new string[0], new string[0], new[] { "DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1" } },
        { "exact path", new[] { "/DC0/vm/DC0_H0_VM1" }, new string[0], new string[0], new[] { "DC0_H0_VM1" } },
        { "folder path takes subfolders", new string[0], new string[0], new[] { "/DC0/vm/k8s" }, new[] { "DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1", "DC0_C0_RP0_VM2" } },
        { "folder by name", new string[0], new string[0], new[] { "workers" }, new[] { "DC0_C0_RP0_VM2" } },
        { "a name XML must escape", new[] { HostileName }, new string[0], new string[0], new[] { HostileName } },
        { "overlapping selectors give each VM once", new[] { "DC0_C0_RP0_VM0", "/DC0/vm/k8s/*", "DC0_C0_*" }, new string[0], new string[0], new[] { "DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1", "DC0_C0_RP0_VM2" } },
        { "overlapping folders give each VM once", new string[0], new string[0], new[] { "k8s", "/DC0/vm/k8s/workers" }, new[] { "DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1", "DC0_C0_RP0_VM2" } },
        { "names within a folder, as PowerCLI's -Name with -Location", new[] { "DC0_*" }, new string[0], new[] { "workers" }, new[] { "DC0_C0_RP0_VM2" } },
    };

    [SkippableTheory]
    [MemberData(nameof(Selections))]
    public async Task Selects_by_name_path_folder_and_wildcard(string name, string[] patterns, string[] ids, string[] folders, string[] expected)
    {
        var connection = await vcsim.ConnectAsync();
        var host = new RecordingHost();

        var vms = await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection, Selection = new VmSelection { Patterns = patterns, Ids = ids, Folders = folders } }, host, CancellationToken.None);

        Assert.True(expected.OrderBy(n => n).SequenceEqual(vms.Select(v => v.Name).OrderBy(n => n)), $"{name}: got {string.Join(", ", vms.Select(v => v.Name))}");
        Assert.Empty(host.Errors);
    }

    [SkippableFact]
    public async Task PowerCLI_ids_and_bare_MoRefs_select_the_same_VM()
    {
        var connection = await vcsim.ConnectAsync();
        var all = await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection }, new RecordingHost(), CancellationToken.None);
        var target = all.First(v => v.Name == "DC0_H0_VM1");

        var byId = await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection, Selection = new VmSelection { Ids = new[] { target.Id } } }, new RecordingHost(), CancellationToken.None);
        var byMoRef = await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection, Selection = new VmSelection { Ids = new[] { target.MoRef } } }, new RecordingHost(), CancellationToken.None);

        Assert.Equal("VirtualMachine-" + target.MoRef, target.Id);
        Assert.Equal(target.Path, Assert.Single(byId).Path);
        Assert.Equal(target.Path, Assert.Single(byMoRef).Path);
    }

    [SkippableFact]
    public async Task What_a_VM_reports_comes_from_the_simulator()
    {
        var connection = await vcsim.ConnectAsync();

        var vm = Assert.Single(await GetVsphereVm.RunAsync(new GetVsphereVmRequest { Connection = connection, Selection = new VmSelection { Patterns = new[] { "DC0_C0_RP0_VM0" } } }, new RecordingHost(), CancellationToken.None));

        Assert.Equal("/DC0/vm/k8s/DC0_C0_RP0_VM0", vm.Path);
        Assert.Equal("poweredOn", vm.PowerState);
        Assert.Matches("^[0-9a-f-]{36}$", vm.BiosUuid);
        Assert.Matches("^[0-9a-f-]{36}$", vm.InstanceUuid);
        Assert.StartsWith("vmx-", vm.HardwareVersion);
        Assert.StartsWith("DC0_C0_H", vm.Host);
        Assert.Equal(new[] { "LocalDS_0" }, vm.Datastores);
        Assert.Equal("DC0", vm.Datacenter);
        Assert.False(vm.DiskUuidEnabled);
        Assert.Null(vm.DiskUuidSetting);
        Assert.Equal(vcsim.Server.Server, vm.Server);
    }

    [SkippableFact]
    public async Task A_literal_name_or_id_that_matches_nothing_is_an_error_and_the_rest_still_come()
    {
        var connection = await vcsim.ConnectAsync();
        var host = new RecordingHost();

        var vms = await GetVsphereVm.RunAsync(
            new GetVsphereVmRequest { Connection = connection, Selection = new VmSelection { Patterns = new[] { "DC0_H0_VM1", "no-such-vm", "none-*" }, Ids = new[] { "VirtualMachine-vm-999999" } } },
            host,
            CancellationToken.None);

        Assert.Equal("DC0_H0_VM1", Assert.Single(vms).Name);
        Assert.Equal(new[] { "VsphereVmNotFound", "VsphereVmNotFound" }, host.Errors.Select(e => e.ErrorId));
        Assert.All(host.Errors, e => Assert.Equal(ErrorKind.ObjectNotFound, e.Kind));
        Assert.Equal(new object?[] { "no-such-vm", "VirtualMachine-vm-999999" }, host.Errors.Select(e => e.Target));
    }

    public static TheoryData<string, string[], string[], string[], string[]> FolderMisses => new()
    {
        // name, patterns, folders, expected names, error targets
        { "a folder that does not exist is the one error", new[] { "DC0_H0_VM1" }, new[] { "/DC0/vm/nope" }, new string[0], new[] { "/DC0/vm/nope" } },
        { "a name outside the folder is an error naming where it is", new[] { "DC0_H0_VM1", "DC0_C0_RP0_VM0" }, new[] { "/DC0/vm/k8s" }, new[] { "DC0_C0_RP0_VM0" }, new[] { "DC0_H0_VM1" } },
        { "a wildcard outside the folder is no error", new[] { "DC0_H0_*" }, new[] { "/DC0/vm/k8s" }, new string[0], new string[0] },
    };

    [SkippableTheory]
    [MemberData(nameof(FolderMisses))]
    public async Task Names_with_folders_select_within_the_folders_and_say_what_is_elsewhere(string name, string[] patterns, string[] folders, string[] expected, string[] targets)
    {
        var connection = await vcsim.ConnectAsync();
        var host = new RecordingHost();

        var vms = await GetVsphereVm.RunAsync(
            new GetVsphereVmRequest { Connection = connection, Selection = new VmSelection { Patterns = patterns, Folders = folders } },
            host,
            CancellationToken.None);

        Assert.True(expected.SequenceEqual(vms.Select(v => v.Name)), $"{name}: got {string.Join(", ", vms.Select(v => v.Name))}");
        Assert.True(targets.SequenceEqual(host.Errors.Select(e => e.Target as string)), $"{name}: errors {string.Join(" | ", host.Errors.Select(e => e.Message))}");
        Assert.All(host.Errors, e => Assert.Equal(ErrorKind.ObjectNotFound, e.Kind));
        if (targets.SequenceEqual(new[] { "DC0_H0_VM1" }))
        {
            Assert.Contains("is at /DC0/vm/DC0_H0_VM1", host.Errors[0].Message);
        }
    }

    [SkippableFact]
    public void An_id_of_another_type_is_refused()
    {
        var error = Assert.Throws<InvalidParameterException>(() => VmReader.ParseVmId("Datastore-datastore-1"));

        Assert.Equal("VsphereIdNotVm", error.ErrorId);
    }

    /// <summary>
    /// One datacenter, a cluster of three VMs (two in /DC0/vm/k8s, one in /DC0/vm/k8s/workers) and a standalone host
    /// with three VMs, one renamed to a name with XML's special characters.
    /// </summary>
    [SkippableTheory]
    [InlineData("Get-VsphereVm's read")]
    [InlineData("the disk UUID read")]
    public async Task A_read_in_halves_gives_what_one_request_gives(string read)
    {
        var connection = await vcsim.ConnectAsync();
        var specs = InventoryIndex.Merge(InventoryIndex.Navigation.Concat(read == "the disk UUID read" ? VmReader.DiskUuidProperties : VmReader.Properties));
        var collector = connection.PropertyCollector;

        var whole = await collector.RetrieveContainerAsync(connection.Content.RootFolder, specs, CancellationToken.None);
        var pagesBefore = collector.Pages;
        var halves = await collector.RetrieveContainerAsync(connection.Content.RootFolder, specs, CancellationToken.None, inHalves: true);

        Assert.Equal(2, collector.Pages - pagesBefore);
        Assert.Equal(whole.Select(o => o.Obj).OrderBy(o => o.Id), halves.Select(o => o.Obj).OrderBy(o => o.Id));
        Assert.Contains(whole, o => o.Obj.Type == "VirtualMachine" && o.Properties.Count > 2);
        var byObj = halves.ToDictionary(o => o.Obj);
        AssertSameProperties(read, whole, reference => byObj.GetValueOrDefault(reference));
    }

    // Each object of one request, read another way: the same paths and, for each, the same property tree.
    private static void AssertSameProperties(string read, IEnumerable<ObjectContent> oneRequest, Func<ManagedObjectReference, ObjectContent?> readOtherwise)
    {
        foreach (var one in oneRequest)
        {
            var other = readOtherwise(one.Obj);
            Assert.True(other is not null, $"{read}: {one.Obj} is missing");
            Assert.Equal(one.Properties.Keys.OrderBy(k => k), other!.Properties.Keys.OrderBy(k => k));
            Assert.All(one.Properties, p => Assert.True(
                PropertyTrees.SameValue(p.Value, other.Properties[p.Key]),
                $"{read}: {one.Obj} {p.Key} is {other.Properties[p.Key]} read otherwise, {p.Value} in one request"));
        }
    }

    /// <summary>
    /// A reader of every VM reads the VMs through a view of their own, in halves, and the other types through a second
    /// view at the same time: the index holds the objects and the property trees one request over one view gives.
    /// </summary>
    [SkippableTheory]
    [InlineData("Get-VsphereVm's read")]
    [InlineData("the disk UUID read")]
    public async Task An_inventory_read_through_two_views_gives_what_one_view_gives(string read)
    {
        var connection = await vcsim.ConnectAsync();
        var extra = read == "the disk UUID read" ? VmReader.DiskUuidProperties : VmReader.Properties;
        var collector = connection.PropertyCollector;

        var whole = await collector.RetrieveContainerAsync(connection.Content.RootFolder, InventoryIndex.Merge(InventoryIndex.Navigation.Concat(extra)), CancellationToken.None);
        var pagesBefore = collector.Pages;
        var index = await InventoryIndex.ReadAsync(connection, extra, CancellationToken.None, inHalves: true);

        Assert.Equal(3, collector.Pages - pagesBefore);
        Assert.Equal(whole.Count, index.Count);
        Assert.Contains(whole, o => o.Obj.Type == "VirtualMachine");
        Assert.Contains(whole, o => o.Obj.Type == "Folder");
        AssertSameProperties(read, whole, index.Get);
    }

    public sealed class Fixture : VcsimFixture
    {
        public Fixture()
            : base(new[]
            {
                "-vm", "3",
                "-rename", "DC0_H0_VM0=" + HostileName,
                "-place", "k8s=DC0_C0_RP0_VM[01]",
                "-place", "k8s/workers=DC0_C0_RP0_VM2",
            })
        {
        }

        private VsphereConnection? connection;

        public async Task<VsphereConnection> ConnectAsync() => connection ??= await Server.ConnectAsync();
    }
}
