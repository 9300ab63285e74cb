using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Threading;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;
using Xunit;

namespace VsphereK8sStorage.Tests.Vsphere;

/// <summary>
/// PropertyCollector reads against recorded answers: a real vCenter pages (about 100 objects a page, joined by
/// tokens) where vcsim answers at once; both must give the same objects.
/// </summary>
public sealed class PropertyCollectorTests
{
    private static readonly ServiceContent Content = ServiceContent.Parse(
        RecordedRoundTripper.Read(System.IO.File.ReadAllBytes(RecordedRoundTripper.Recorded("RetrieveServiceContent.xml")), new SoapRequest("RetrieveServiceContent", VimMethods.ServiceInstance)).Child("returnval")!);

    private static readonly PropertySpec[] VmSpec = { new("VirtualMachine", new[] { "name", "config.extraConfig" }) };

    [Fact]
    public async Task Paged_answers_are_followed_to_the_end_and_give_what_one_answer_gives()
    {
        var paged = new RecordedRoundTripper()
            .Answer("RetrievePropertiesEx", "Paged.1.RetrievePropertiesEx.xml")
            .Answer("ContinueRetrievePropertiesEx", "Paged.2.ContinueRetrievePropertiesEx.xml")
            .Answer("ContinueRetrievePropertiesEx", "Paged.3.ContinueRetrievePropertiesEx.xml");
        var whole = new RecordedRoundTripper().Answer("RetrievePropertiesEx", "RetrievePropertiesEx.Inventory.xml");
        var pagedCollector = new PropertyCollector(paged, Content);
        var wholeCollector = new PropertyCollector(whole, Content);

        var fromPages = await pagedCollector.RetrieveObjectsAsync(new[] { new ManagedObjectReference("VirtualMachine", "vm-57") }, VmSpec, CancellationToken.None);
        var fromOne = await wholeCollector.RetrieveObjectsAsync(new[] { new ManagedObjectReference("VirtualMachine", "vm-57") }, VmSpec, CancellationToken.None);

        Assert.Equal(3, pagedCollector.Pages);
        Assert.Equal(1, wholeCollector.Pages);
        Assert.Equal(12, fromOne.Count);
        Assert.Equal(fromOne.Select(o => o.Obj), fromPages.Select(o => o.Obj));
        Assert.Equal(new[] { "RetrievePropertiesEx", "ContinueRetrievePropertiesEx", "ContinueRetrievePropertiesEx" }, paged.Methods());
        Assert.Equal(new[] { "1", "2" }, paged.Requests.Skip(1).Select(r => r.Xml.Descendants().Single(e => e.Name.LocalName == "token").Value));
    }

    [Fact]
    public async Task A_read_cancelled_between_pages_frees_the_servers_cursor()
    {
        using var cancel = new CancellationTokenSource();
        var soap = new RecordedRoundTripper()
            .Answer("RetrievePropertiesEx", request =>
            {
                cancel.Cancel();
                return RecordedRoundTripper.Read(System.IO.File.ReadAllBytes(RecordedRoundTripper.Recorded("Paged.1.RetrievePropertiesEx.xml")), request);
            })
            .Answer("CancelRetrievePropertiesEx", "RetrievePropertiesEx.Empty.xml");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PropertyCollector(soap, Content).RetrieveObjectsAsync(new[] { new ManagedObjectReference("VirtualMachine", "vm-57") }, VmSpec, cancel.Token));

        Assert.Equal(new[] { "RetrievePropertiesEx", "CancelRetrievePropertiesEx" }, soap.Methods());
        Assert.Equal("1", soap.Requests.Last().Xml.Descendants().Single(e => e.Name.LocalName == "token").Value);
    }

    [Fact]
    public async Task No_objects_is_an_empty_answer_without_returnval()
    {
        var soap = new RecordedRoundTripper().Answer("RetrievePropertiesEx", "RetrievePropertiesEx.Empty.xml");

        var objects = await new PropertyCollector(soap, Content).RetrieveObjectsAsync(Array.Empty<ManagedObjectReference>(), VmSpec, CancellationToken.None);

        Assert.Empty(objects);
    }

    [Fact]
    public async Task The_request_names_its_property_paths_and_reports_missing_objects_instead_of_failing()
    {
        var soap = new RecordedRoundTripper().Answer("RetrievePropertiesEx", "RetrievePropertiesEx.Empty.xml");

        await new PropertyCollector(soap, Content).RetrieveObjectsAsync(new[] { new ManagedObjectReference("Task", "task-1"), new ManagedObjectReference("Task", "task-2") }, new[] { new PropertySpec("Task", new[] { "info.state" }) }, CancellationToken.None);
        var xml = soap.Requests.Single().Xml;

        Assert.Equal(new[] { "info.state" }, xml.Descendants().Where(e => e.Name.LocalName == "pathSet").Select(e => e.Value));
        Assert.Equal("false", xml.Descendants().Single(e => e.Name.LocalName == "all").Value);
        Assert.Equal(2, xml.Descendants().Count(e => e.Name.LocalName == "objectSet"));
        Assert.Equal("true", xml.Descendants().Single(e => e.Name.LocalName == "reportMissingObjectsInResults").Value);
    }

    [Fact]
    public async Task A_container_read_creates_a_view_traverses_it_and_destroys_it()
    {
        var soap = new RecordedRoundTripper()
            .Answer("CreateContainerView", request => RecordedRoundTripper.Read("""<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><CreateContainerViewResponse xmlns="urn:vim25"><returnval type="ContainerView">session[a]b</returnval></CreateContainerViewResponse></Body></Envelope>""", request))
            .Answer("RetrievePropertiesEx", "RetrievePropertiesEx.Inventory.xml")
            .Answer("DestroyView", "RetrievePropertiesEx.Empty.xml");

        var objects = await new PropertyCollector(soap, Content).RetrieveContainerAsync(Content.RootFolder, InventoryIndex.Merge(InventoryIndex.Navigation.Concat(VmSpec)), CancellationToken.None);
        var requests = soap.Requests.Select(r => r.Xml).ToList();

        Assert.Equal(12, objects.Count);
        Assert.Equal(new[] { "CreateContainerView", "RetrievePropertiesEx", "DestroyView" }, soap.Methods());
        Assert.Equal(new[] { "Folder", "Datacenter", "StoragePod", "ComputeResource", "ClusterComputeResource", "VirtualMachine" }, requests[0].Descendants().Where(e => e.Name.LocalName == "type").Select(e => e.Value));
        Assert.Equal("view", requests[1].Descendants().Single(e => e.Name.LocalName == "path").Value);
        Assert.Equal("session[a]b", requests[2].Descendants().Single(e => e.Name.LocalName == "_this").Value);
    }

    [Fact]
    public async Task A_view_lost_with_a_renewed_session_is_made_again_once()
    {
        var view = """<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><CreateContainerViewResponse xmlns="urn:vim25"><returnval type="ContainerView">v</returnval></CreateContainerViewResponse></Body></Envelope>""";
        var gone = """<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Body><Fault><faultstring>gone</faultstring><detail><ManagedObjectNotFoundFault xsi:type="ManagedObjectNotFound"/></detail></Fault></Body></Envelope>""";
        var soap = new RecordedRoundTripper()
            .Answer("CreateContainerView", r => RecordedRoundTripper.Read(view, r))
            .Answer("RetrievePropertiesEx", r => RecordedRoundTripper.Read(gone, r))
            .Answer("DestroyView", r => RecordedRoundTripper.Read(gone, r))
            .Answer("CreateContainerView", r => RecordedRoundTripper.Read(view, r))
            .Answer("RetrievePropertiesEx", "RetrievePropertiesEx.Inventory.xml")
            .Answer("DestroyView", "RetrievePropertiesEx.Empty.xml");

        var objects = await new PropertyCollector(soap, Content).RetrieveContainerAsync(Content.RootFolder, VmSpec, CancellationToken.None);

        Assert.Equal(12, objects.Count);
        Assert.Equal(6, soap.Requests.Count);
    }

    [Fact]
    public void A_missingSet_entry_is_kept_with_its_fault()
    {
        var response = RecordedRoundTripper.Read(System.IO.File.ReadAllBytes(RecordedRoundTripper.Recorded("RetrievePropertiesEx.MissingSet.xml")), new SoapRequest("RetrievePropertiesEx", Content.PropertyCollector));

        var obj = RetrieveResult.Parse(response).Objects.Single();

        Assert.Equal(VsphereFaultKind.NoPermission, obj.Missing["config.extraConfig"].Kind);
        Assert.Null(obj["config.extraConfig"]);
    }

    /// <summary>Get-VsphereVm's kind of read: many VM paths.</summary>
    private static readonly PropertySpec[] WideVmSpec =
    {
        new("Folder", new[] { "name", "parent" }),
        new("VirtualMachine", new[] { "name", "parent", "config.uuid", "config.extraConfig", "runtime.powerState", "runtime.host", "datastore", "guest.ipAddress" }),
    };

    public static TheoryData<string, string?, string?> SplitCases => new()
    {
        { "both halves see every object", null, null },
        { "a VM removed before the second half was read keeps the first half's properties", null, "vm-57" },
        { "a VM created before the second half was read is left out", "vm-57", null },
    };

    [Theory]
    [MemberData(nameof(SplitCases))]
    public async Task A_read_of_many_paths_is_sent_in_two_halves_and_joined_per_object(string name, string? missingFromFirst, string? missingFromSecond)
    {
        var whole = RetrieveResult.Parse(RecordedRoundTripper.Read(System.IO.File.ReadAllBytes(RecordedRoundTripper.Recorded("RetrievePropertiesEx.Inventory.xml")), new SoapRequest("RetrievePropertiesEx", Content.PropertyCollector))).Objects;
        var soap = new RecordedRoundTripper()
            .Answer("RetrievePropertiesEx", request => AnswerWithRequestedPaths(request, missingFromFirst, missingFromSecond))
            .Answer("RetrievePropertiesEx", request => AnswerWithRequestedPaths(request, missingFromFirst, missingFromSecond));

        var joined = await new PropertyCollector(soap, Content).RetrieveObjectsAsync(whole.Select(o => o.Obj), WideVmSpec, CancellationToken.None, inHalves: true);
        var halves = soap.Requests.Select(r => PathsByType(r.Xml)).OrderBy(h => h["VirtualMachine"][0] == "name" ? 0 : 1).ToList();

        Assert.Equal(new[] { "RetrievePropertiesEx", "RetrievePropertiesEx" }, soap.Methods());
        Assert.Equal(new[] { "name", "parent", "config.uuid", "config.extraConfig" }, halves[0]["VirtualMachine"]);
        Assert.Equal(new[] { "runtime.powerState", "runtime.host", "datastore", "guest.ipAddress" }, halves[1]["VirtualMachine"]);
        Assert.Equal(new[] { "name" }, halves[0]["Folder"]);
        Assert.Equal(new[] { "parent" }, halves[1]["Folder"]);
        var expected = whole.Where(o => o.Obj.Value != missingFromFirst).ToList();
        Assert.True(expected.Select(o => o.Obj).SequenceEqual(joined.Select(o => o.Obj)), name);
        foreach (var (want, got) in expected.Zip(joined))
        {
            var requested = WideVmSpec.Where(s => s.Type == want.Obj.Type).SelectMany(s => s.Paths).ToArray();
            var paths = want.Obj.Value == missingFromSecond ? halves[0][want.Obj.Type] : requested;
            Assert.Equal(paths.Where(want.Properties.ContainsKey).OrderBy(p => p), got.Properties.Keys.OrderBy(p => p));
            Assert.All(got.Properties, p => Assert.True(PropertyTrees.SameValue(want.Properties[p.Key], p.Value), $"{name}: {want.Obj} {p.Key}"));
        }
    }

    [Fact]
    public async Task A_read_not_asked_in_halves_is_one_request_whatever_its_paths()
    {
        var soap = new RecordedRoundTripper().Answer("RetrievePropertiesEx", request => AnswerWithRequestedPaths(request, null, null));

        var objects = await new PropertyCollector(soap, Content).RetrieveObjectsAsync(new[] { new ManagedObjectReference("VirtualMachine", "vm-57") }, WideVmSpec, CancellationToken.None);

        Assert.Equal(new[] { "RetrievePropertiesEx" }, soap.Methods());
        Assert.Equal(WideVmSpec[1].Paths, PathsByType(soap.Requests.Single().Xml)["VirtualMachine"]);
        Assert.Equal(12, objects.Count);
    }

    [Fact]
    public async Task A_half_that_fails_fails_the_read_with_its_own_fault()
    {
        var denied = """<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Body><Fault><faultstring>denied</faultstring><detail><NoPermissionFault xsi:type="NoPermission"><privilegeId>System.Read</privilegeId></NoPermissionFault></detail></Fault></Body></Envelope>""";
        var soap = new RecordedRoundTripper()
            .Answer("RetrievePropertiesEx", "RetrievePropertiesEx.Inventory.xml")
            .Answer("RetrievePropertiesEx", r => RecordedRoundTripper.Read(denied, r));

        var failure = await Assert.ThrowsAsync<VsphereFaultException>(() => new PropertyCollector(soap, Content).RetrieveObjectsAsync(new[] { new ManagedObjectReference("VirtualMachine", "vm-57") }, WideVmSpec, CancellationToken.None, inHalves: true));

        Assert.Equal(VsphereFaultKind.NoPermission, failure.FaultKind);
    }

    /// <summary>What a server answers: the recorded inventory, each object with only the paths the request asks for its type.</summary>
    private static XElement AnswerWithRequestedPaths(SoapRequest request, string? missingFromFirst, string? missingFromSecond)
    {
        var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(SoapEnvelope.Write(request, null)));
        var paths = PathsByType(xml);
        var missing = paths["VirtualMachine"][0] == "name" ? missingFromFirst : missingFromSecond;
        var answer = XDocument.Load(RecordedRoundTripper.Recorded("RetrievePropertiesEx.Inventory.xml"));
        foreach (var objects in answer.Descendants().Where(e => e.Name.LocalName == "objects").ToList())
        {
            var obj = objects.Elements().First(e => e.Name.LocalName == "obj");
            if (obj.Value == missing)
            {
                objects.Remove();
                continue;
            }

            var wanted = paths.TryGetValue(obj.Attribute("type")!.Value, out var p) ? p : Array.Empty<string>();
            objects.Elements().Where(e => e.Name.LocalName == "propSet" && !wanted.Contains(e.Elements().First(n => n.Name.LocalName == "name").Value)).Remove();
        }

        return RecordedRoundTripper.Read(answer.ToString(SaveOptions.DisableFormatting), request);
    }

    private static Dictionary<string, string[]> PathsByType(XDocument request) =>
        request.Descendants().Where(e => e.Name.LocalName == "propSet").ToDictionary(
            e => e.Elements().Single(t => t.Name.LocalName == "type").Value,
            e => e.Elements().Where(t => t.Name.LocalName == "pathSet").Select(t => t.Value).ToArray());
}
