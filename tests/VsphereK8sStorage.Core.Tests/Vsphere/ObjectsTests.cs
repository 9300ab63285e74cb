using System;
using System.IO;
using System.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Threading;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;
using Xunit;

namespace VsphereK8sStorage.Tests.Vsphere;

/// <summary>The friendly-object layer on recorded answers: inventory paths, names, datastore paths, extraConfig, task faults, policies.</summary>
public sealed class ObjectsTests
{
    private static RetrieveResult Recorded(string file) =>
        RetrieveResult.Parse(RecordedRoundTripper.Read(File.ReadAllBytes(RecordedRoundTripper.Recorded(file)), new SoapRequest("RetrievePropertiesEx", default)));

    [Theory]
    [InlineData("exact name", "k8s-node-1", "k8s-node-1", true)]
    [InlineData("names ignore case", "K8S-Node-1", "k8s-node-1", true)]
    [InlineData("star", "k8s-*", "k8s-node-1", true)]
    [InlineData("question mark", "k8s-node-?", "k8s-node-12", false)]
    [InlineData("set", "k8s-node-[12]", "k8s-node-2", true)]
    [InlineData("range", "k8s-node-[a-c]", "k8s-node-d", false)]
    [InlineData("escaped star is literal", "a`*b", "a*b", true)]
    [InlineData("escaped star matches only a star", "a`*b", "axb", false)]
    [InlineData("regex characters are literal", "node.(1)+$", "node.(1)+$", true)]
    [InlineData("regex characters do not act", "node.1", "nodex1", false)]
    [InlineData("path star stays in its segment", "/DC0/vm/k8s/*", "/DC0/vm/k8s/sub/node-1", false)]
    [InlineData("path star matches a child", "/DC0/vm/k8s/*", "/DC0/vm/k8s/node-1", true)]
    [InlineData("unclosed bracket is literal", "node[1", "node[1", true)]
    public void Wildcards_follow_PowerShell_and_stay_within_a_path_segment(string name, string pattern, string candidate, bool matches)
    {
        Assert.True(matches == NamePattern.Create(pattern).IsMatch(candidate), name);
    }

    [Fact]
    public void A_pattern_built_to_backtrack_ends_at_once()
    {
        var pattern = NamePattern.Create(string.Concat(Enumerable.Repeat("*a", 50)) + "b");

        Assert.False(pattern.IsMatch(new string('a', 5000)));
    }

    [Theory]
    [InlineData("[datastore1] volumes/myDisk.vmdk", "datastore1", "volumes/myDisk.vmdk", "volumes")]
    [InlineData("[vsanDatastore] a/b/c.vmdk", "vsanDatastore", "a/b/c.vmdk", "a/b")]
    [InlineData("[ds with space] disk.vmdk", "ds with space", "disk.vmdk", "")]
    [InlineData("  [ds]   x.VMDK ", "ds", "x.VMDK", "")]
    public void Datastore_paths_parse_into_datastore_folder_and_file(string text, string datastore, string path, string folder)
    {
        var parsed = DatastorePath.ParseVmdk(text, "Path");

        Assert.Equal((datastore, path, folder), (parsed.Datastore, parsed.Path, parsed.Folder));
        Assert.Equal($"[{datastore}] {path}", parsed.ToString());
    }

    [Theory]
    [InlineData("no brackets", "datastore1/volumes/a.vmdk")]
    [InlineData("empty datastore", "[] a.vmdk")]
    [InlineData("no file", "[ds]")]
    [InlineData("absolute path", "[ds] /vmfs/a.vmdk")]
    [InlineData("parent folder", "[ds] volumes/../../etc/a.vmdk")]
    [InlineData("empty folder", "[ds] volumes//a.vmdk")]
    [InlineData("not a vmdk", "[ds] volumes/a.txt")]
    [InlineData("only an extension", "[ds] volumes/.vmdk")]
    [InlineData("the data file's name", "[ds] volumes/a-flat.vmdk")]
    public void Datastore_paths_that_cannot_name_a_new_disk_are_refused_with_the_form(string name, string text)
    {
        var error = Assert.Throws<InvalidParameterException>(() => DatastorePath.ParseVmdk(text, "Path"));

        Assert.True(error.ErrorId == "DatastorePathInvalid", name);
        Assert.Contains("\"[datastore1] volumes/myDisk.vmdk\"", error.Message);
    }

    [Theory]
    [InlineData("ds1", "pv-a", "[ds1] pv-a.vmdk")]
    [InlineData("ds1", "volumes/pv-a.vmdk", "[ds1] volumes/pv-a.vmdk")]
    public void A_disk_name_on_a_datastore_becomes_a_datastore_path(string datastore, string name, string expected)
    {
        Assert.Equal(expected, DatastorePath.ForDisk(datastore, name, "Name").ToString());
    }

    [Fact]
    public void The_last_extraConfig_value_wins_as_vcsim_appends_where_vCenter_replaces()
    {
        var vm = Recorded("RetrievePropertiesEx.ExtraConfigAppended.xml").Objects.Single();
        var options = VirtualMachineMo.From(vm).ExtraConfigValues;

        Assert.Equal(2, options.Count(o => o.Key == ExtraConfig.DiskEnableUuid));
        Assert.Equal("TRUE", ExtraConfig.LastValue(options, ExtraConfig.DiskEnableUuid));
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("true", true)]
    [InlineData(" True ", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("FALSE", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("enabled", false)]
    public void VMX_booleans_read_as_the_VMX_parser_reads_them(string? value, bool expected)
    {
        Assert.Equal(expected, ExtraConfig.IsTrue(value));
    }

    [Fact]
    public void Inventory_paths_and_datacenters_come_from_one_read()
    {
        var index = new InventoryIndex(new ManagedObjectReference("Folder", "group-d1"), Recorded("RetrievePropertiesEx.Inventory.xml").Objects);
        var vms = index.OfType("VirtualMachine").ToDictionary(v => index.NameOf(v.Obj), v => v.Obj);

        Assert.Equal("/DC0/vm/k8s/DC0_C0_RP0_VM0", index.PathOf(vms["DC0_C0_RP0_VM0"]));
        Assert.Equal("/DC0/vm/DC0_H0_VM0", index.PathOf(vms["DC0_H0_VM0"]));
        Assert.Equal("DC0", index.NameOf(index.DatacenterOf(vms["DC0_H0_VM0"])!.Value));
    }

    [Fact]
    public void A_parent_cycle_in_a_broken_answer_ends()
    {
        var a = new ManagedObjectReference("Folder", "a");
        var b = new ManagedObjectReference("Folder", "b");
        ObjectContent Folder(ManagedObjectReference self, ManagedObjectReference parent) => new(self,
            new System.Collections.Generic.Dictionary<string, System.Xml.Linq.XElement>
            {
                ["name"] = new("val", self.Value),
                ["parent"] = new("val", new System.Xml.Linq.XAttribute("type", "Folder"), parent.Value),
            },
            new System.Collections.Generic.Dictionary<string, VsphereFault>());

        var index = new InventoryIndex(new ManagedObjectReference("Folder", "root"), new[] { Folder(a, b), Folder(b, a) });

        Assert.Equal("/a/b", index.PathOf(b));
        Assert.Null(index.DatacenterOf(a));
    }

    [Theory]
    [InlineData("a%2fb", "a/b")]
    [InlineData("100%25", "100%")]
    [InlineData("c%5Cd", "c\\d")]
    [InlineData("plain", "plain")]
    public void Names_vSphere_escaped_are_shown_as_people_typed_them(string raw, string shown)
    {
        Assert.Equal(shown, InventoryIndex.DisplayName(raw));
    }

    [Fact]
    public void Task_outcomes_recorded_from_the_simulator_carry_the_typed_fault()
    {
        var tasks = Recorded("RetrievePropertiesEx.Tasks.xml").Objects;
        var failed = tasks.Single(t => t.Text("info.state") == "error");

        var fault = VsphereFault.FromLocalizedMethodFault(failed["info.error"]!);

        Assert.Single(tasks, t => t.Text("info.state") == "success");
        Assert.Equal(VsphereFaultKind.FileAlreadyExists, fault.Kind);
        Assert.EndsWith("-flat.vmdk", fault.Property("file"));
        Assert.Equal(ErrorKind.ResourceExists, VsphereFaultException.ErrorKindOf(fault.Kind));
    }

    [Theory]
    [InlineData("FileAlreadyExists", VsphereFaultKind.FileAlreadyExists)]
    [InlineData("FileNotFound", VsphereFaultKind.FileNotFound)]
    [InlineData("InvalidLogin", VsphereFaultKind.InvalidLogin)]
    [InlineData("NotAuthenticated", VsphereFaultKind.NotAuthenticated)]
    [InlineData("InvalidDatastore", VsphereFaultKind.InvalidDatastore)]
    [InlineData("CannotCreateFile", VsphereFaultKind.FileFault)]
    [InlineData("NoDiskSpace", VsphereFaultKind.FileFault)]
    [InlineData("SomethingNew", VsphereFaultKind.Other)]
    [InlineData("Other", VsphereFaultKind.Other)]
    public void Fault_type_names_map_to_kinds(string typeName, VsphereFaultKind kind)
    {
        Assert.Equal(kind, VsphereFault.KindOf(typeName));
    }

    [Fact]
    public void Storage_policies_and_their_compatible_hubs_parse_from_recorded_answers()
    {
        var request = new SoapRequest("Pbm", default, null, SoapEndpoint.Pbm);
        var content = RecordedRoundTripper.Read(File.ReadAllBytes(RecordedRoundTripper.Recorded("PbmRetrieveContent.xml")), request).Child("returnval")!;
        var placement = RecordedRoundTripper.Read(File.ReadAllBytes(RecordedRoundTripper.Recorded("PbmCheckRequirements.xml")), request).Child("returnval")!;

        Assert.Equal("vSAN Default Storage Policy", content.ChildText("name"));
        Assert.Equal("PbmCapabilityProfile", content.XsiType());
        Assert.Equal("Datastore", placement.Child("hub")!.ChildText("hubType"));
        Assert.Empty(placement.Children("error"));
    }

    public static TheoryData<string, string, long, long, bool> Capacities => new()
    {
        // name, capacity, unit, expected units, warned about rounding
        { "Kubernetes binary units", "2Gi", 1024L, 2L * 1024 * 1024, false },
        { "Kubernetes decimal units round up", "1G", 1024L, 976563L, true },
        { "Kubernetes fractions", "1.5Gi", 1024L * 1024, 1536L, false },
        { "a number of bytes", "10737418240", 1024L * 1024, 10240L, false },
        { "PowerShell's 10GB is 10 x 2^30 bytes", "10GB", 1024L, 10L * 1024 * 1024, false },
        { "PowerShell's units in any case", "2gb", 1024L * 1024, 2048L, false },
        { "PowerShell's fractions", "1.5TB", 1024L * 1024, 1536L * 1024, false },
        { "GiB is GB", "3GiB", 1024L * 1024, 3072L, false },
        { "MB", "512MB", 1024L, 512L * 1024, false },
        { "exactly 1 MiB", "1Mi", 1024L * 1024, 1L, false },
        { "exactly 62 TB", "62Ti", 1024L * 1024, 62L * 1024 * 1024, false },
    };

    [Theory]
    [MemberData(nameof(Capacities))]
    public void Capacities_round_up_to_whole_units_and_say_so(string name, string capacity, long unit, long expected, bool warned)
    {
        var host = new RecordingHost();

        Assert.True(expected == DiskCapacity.ToUnits(capacity, unit, "units", "Capacity", host), name);
        Assert.True(warned == (host.Warnings.Count == 1), name);
    }

    public static TheoryData<string, string, string> RefusedCapacities => new()
    {
        // name, capacity, error id
        { "zero", "0", "DiskCapacityInvalid" },
        { "negative", "-1Gi", "DiskCapacityInvalid" },
        { "empty", "", "DiskCapacityInvalid" },
        { "not a size", "big", "DiskCapacityInvalid" },
        { "a byte unit without a number", "GB", "DiskCapacityInvalid" },
        { "one byte, the unit forgotten", "1", "DiskCapacityTooSmall" },
        { "just under 1 MiB", "1048575", "DiskCapacityTooSmall" },
        { "1 KiB", "1Ki", "DiskCapacityTooSmall" },
        { "just over 62 TB", "68169720922113", "DiskCapacityTooLarge" },
        { "63 TB", "63TB", "DiskCapacityTooLarge" },
        { "beyond any number", "99999999999999999999999Ei", "DiskCapacityTooLarge" },
    };

    [Theory]
    [MemberData(nameof(RefusedCapacities))]
    public void Capacities_that_are_no_disk_size_are_refused(string name, string capacity, string errorId)
    {
        var error = Assert.Throws<InvalidParameterException>(() => DiskCapacity.ToUnits(capacity, 1024, "KiB", "Capacity", new RecordingHost()));

        Assert.True(errorId == error.ErrorId, $"{name}: {error.ErrorId}: {error.Message}");
        Assert.Equal("Capacity", error.ParameterName);
        Assert.DoesNotContain("?.", error.Message);
        Assert.EndsWith(".", error.Message);
    }

    [Fact]
    public void A_quantity_error_that_asks_a_question_ends_with_the_question()
    {
        var error = Assert.Throws<InvalidParameterException>(() => DiskCapacity.ToUnits("10EB", 1024, "KiB", "Capacity", new RecordingHost()));

        Assert.EndsWith("(powers of 1024)?", error.Message);
        var kubernetes = Assert.Throws<InvalidParameterException>(() => KubernetesInput.Capacity("10GB"));
        Assert.EndsWith("(powers of 1024)?", kubernetes.Message);
    }

    [Fact]
    public void A_disk_larger_than_the_free_space_is_refused()
    {
        DiskCapacity.CheckFreeSpace(2L << 30, 2L << 30, "LocalDS_0", "[LocalDS_0] a.vmdk", "Capacity");

        var error = Assert.Throws<InvalidParameterException>(() => DiskCapacity.CheckFreeSpace((2L << 30) + 1, 2L << 30, "LocalDS_0", "[LocalDS_0] a.vmdk", "Capacity"));

        Assert.Equal("DiskCapacityExceedsFreeSpace", error.ErrorId);
        Assert.Contains("2Gi free on datastore LocalDS_0", error.Message);
    }

    [Theory]
    [InlineData(2L * 1024 * 1024 * 1024, "2Gi")]
    [InlineData(1536L * 1024 * 1024, "1536Mi")]
    public void Sizes_print_as_Kubernetes_quantities(long bytes, string expected)
    {
        Assert.Equal(expected, DiskCapacity.ToQuantity(bytes));
    }

    [Theory]
    [InlineData("VirtualMachine-vm-42", "VirtualMachine", "vm-42")]
    [InlineData("Datastore-datastore-1", "Datastore", "datastore-1")]
    public void PowerCLI_ids_parse_into_MoRefs(string id, string type, string value)
    {
        Assert.True(ManagedObjectReference.TryParseId(id, out var reference));
        Assert.Equal(new ManagedObjectReference(type, value), reference);
        Assert.Equal(id, reference.Id);
    }
}
