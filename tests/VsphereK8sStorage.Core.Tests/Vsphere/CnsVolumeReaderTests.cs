using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Soap;
using Xunit;

namespace VsphereK8sStorage.Tests.Vsphere;

/// <summary>
/// CnsQueryVolume's cursor, on recorded answers: the simulator never pages (it answers everything with cursor
/// {0, 0}), so paging is tested on its answer split into the pages a paging vCenter returns.
/// </summary>
public sealed class CnsVolumeReaderTests
{
    private static readonly CnsQueryFilterSpec ClusterA = new() { ContainerClusterIds = new[] { "clusterA" } };

    private static IReadOnlyDictionary<string, string> NoNames => new Dictionary<string, string>();

    [Fact]
    public async Task Paged_answers_are_followed_by_their_cursor_and_give_what_one_answer_gives()
    {
        var paged = new RecordedRoundTripper()
            .Answer("CnsQueryVolume", "CnsQueryVolume.Paged.1.xml")
            .Answer("CnsQueryVolume", "CnsQueryVolume.Paged.2.xml")
            .Answer("CnsQueryVolume", "CnsQueryVolume.Paged.3.xml");
        var whole = new RecordedRoundTripper().Answer("CnsQueryVolume", "CnsQueryVolume.IgnoredFilter.xml");

        var fromPages = await CnsVolumeReader.QueryAllAsync(paged, ClusterA, "vcenter.test", CancellationToken.None, pageSize: 2);
        var fromOne = await CnsVolumeReader.QueryAllAsync(whole, ClusterA, "vcenter.test", CancellationToken.None, pageSize: 2);

        Assert.Equal(5, fromOne.Count);
        Assert.Equal(Ids(fromOne).Order(), Ids(fromPages).Order());
        Assert.Equal(new[] { "0", "2", "4" }, paged.Requests.Select(r => Text(r.Xml, "offset")));
        Assert.All(paged.Requests, r => Assert.Equal("2", Text(r.Xml, "limit")));
        Assert.All(paged.Requests, r => Assert.Equal("clusterA", Text(r.Xml, "containerClusterIds")));
        Assert.Single(whole.Requests);
    }

    [Fact]
    public async Task The_request_goes_to_the_CNS_endpoint_in_its_namespace()
    {
        var soap = new RecordedRoundTripper().Answer("CnsQueryVolume", "CnsQueryVolume.IgnoredFilter.xml");

        await CnsVolumeReader.QueryAllAsync(soap, new CnsQueryFilterSpec { VolumeIds = new[] { "a-b" } }, "vcenter.test", CancellationToken.None);

        var (request, xml) = Assert.Single(soap.Requests);
        Assert.Equal(("/vsanHealth", "urn:vsan", "urn:vim25"), (request.Endpoint.Path, request.Endpoint.Namespace, request.Endpoint.ActionNamespace));
        Assert.Equal("urn:vsan", xml.Descendants().Single(e => e.Name.LocalName == "CnsQueryVolume").Name.NamespaceName);
        Assert.Equal("a-b", xml.Descendants().Single(e => e.Name.LocalName == "volumeIds").Value);
        Assert.Equal(("CnsVolumeManager", "cns-volume-manager"), (request.Target.Type, request.Target.Value));
    }

    [Fact]
    public async Task A_volume_is_read_with_the_Kubernetes_metadata_the_driver_recorded()
    {
        var soap = new RecordedRoundTripper().Answer("CnsQueryVolume", "CnsQueryVolume.Paged.2.xml").Answer("CnsQueryVolume", "CnsQueryVolume.Paged.3.xml");

        var raw = await CnsVolumeReader.QueryAllAsync(soap, ClusterA, "vcenter.test", CancellationToken.None, pageSize: 2);
        var volumes = raw.Select(v => CnsVolumeReader.ToVolume(v, new Dictionary<string, string> { ["/tmp/govcsim-DC0-LocalDS_0-2933277973"] = "LocalDS_0" }, "vcenter.test")).ToList();

        var db = volumes.Single(v => v.Name == "pvc-3");
        Assert.Equal(("Block", "5Gi", 5120L, "clusterA", "pvc-3", "shop/db-0"), (db.Type, db.Capacity, db.CapacityMB, db.ClusterId, db.Pv, db.Claim));
        Assert.Equal(new[] { "shop/db-0" }, db.Pods);
        Assert.Equal(("LocalDS_0", "green"), (db.Datastore, db.HealthStatus));
        var plain = volumes.Single(v => v.Name == "pvc-4");
        Assert.Equal(("512Mi", "pvc-4", (string?)null), (plain.Capacity, plain.Pv, plain.Claim));
        Assert.Empty(plain.Pods);
    }

    /// <summary>Cursors a broken or hostile server might send; each read ends, with the volumes or a bounded error.</summary>
    public static TheoryData<string, string, string?> Cursors => new()
    {
        { "no cursor: everything in one answer", string.Empty, null },
        { "total reached", "<cursor><offset>2</offset><limit>2</limit><totalRecords>2</totalRecords></cursor>", null },
        { "cursor that stays put", "<cursor><offset>0</offset><limit>2</limit><totalRecords>9</totalRecords></cursor>", "does not move forward (offset 0 after 0, of 9 volumes)" },
        { "cursor that goes back", "<cursor><offset>-5</offset><limit>2</limit><totalRecords>9</totalRecords></cursor>", "does not move forward" },
        { "cursor that is not a number", "<cursor><offset>two</offset><limit>2</limit><totalRecords>9</totalRecords></cursor>", "does not move forward" },
        { "a total no server holds, one volume a page", "<cursor><offset>{next}</offset><limit>2</limit><totalRecords>9223372036854775807</totalRecords></cursor>", "more than 10,000 pages" },
    };

    [Theory]
    [MemberData(nameof(Cursors))]
    public async Task Every_cursor_ends_the_read(string name, string cursor, string? error)
    {
        _ = name;
        var soap = new EndlessCns(cursor);

        var read = CnsVolumeReader.QueryAllAsync(soap, ClusterA, "vcenter.test", CancellationToken.None, pageSize: 2);

        if (error is null)
        {
            Assert.Single(await read);
            return;
        }

        var ex = await Assert.ThrowsAsync<VsphereK8sException>(() => read);
        Assert.Equal(("CnsQueryInvalid", ErrorKind.InvalidData), (ex.ErrorId, ex.Kind));
        Assert.Contains(error, ex.Message);
        Assert.StartsWith("vcenter.test answered CnsQueryVolume with ", ex.Message);
        Assert.True(soap.Calls <= CnsVolumeReader.MaxPages);
    }

    /// <summary>Truncated and malformed answers are one bounded error, never a stack trace or a hang.</summary>
    public static TheoryData<string, string> Broken => new()
    {
        { "cut in the middle", "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><CnsQueryVolumeResponse xmlns=\"urn:vsan\"><returnval><volumes><volumeId><id>x" },
        { "a DTD", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>&a;</soapenv:Body></soapenv:Envelope>" },
        { "not XML", "{\"volumes\": []}" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_broken_answer_is_one_bounded_error(string name, string answer)
    {
        _ = name;
        var soap = new RecordedRoundTripper().Answer("CnsQueryVolume", request => RecordedRoundTripper.Read(answer, request));

        var ex = await Assert.ThrowsAsync<SoapTransportException>(() => CnsVolumeReader.QueryAllAsync(soap, ClusterA, "vcenter.test", CancellationToken.None));

        Assert.Equal("VsphereResponseInvalid", ex.ErrorId);
        Assert.True(ex.Message.Length < 400, ex.Message);
    }

    [Fact]
    public void Hostile_text_in_a_volume_is_made_printable_and_bounded_and_missing_fields_are_empty()
    {
        var volume = XElement.Parse($"<volumes><volumeId><id>v1</id></volumeId><name>evil\u009b31m\u0085{new string('x', 5000)}</name><backingObjectDetails><capacityInMb>9223372036854775807</capacityInMb></backingObjectDetails></volumes>");

        var model = CnsVolumeReader.ToVolume(volume, NoNames, "vcenter.test");

        Assert.DoesNotContain(model.Name, char.IsControl);
        Assert.True(model.Name.Length <= 301);
        Assert.Equal((string.Empty, string.Empty, (string?)null, string.Empty), (model.Capacity, model.ClusterId, model.Pv, model.Datastore));
    }

    private static IEnumerable<string> Ids(IEnumerable<XElement> volumes) => volumes.Select(v => v.Descendants().First(e => e.Name.LocalName == "id").Value);

    private static string Text(XDocument xml, string name) => xml.Descendants().First(e => e.Name.LocalName == name).Value;

    /// <summary>Answers every page with one new volume and the given cursor (<c>{next}</c> is the offset that follows).</summary>
    private sealed class EndlessCns : ISoapRoundTripper
    {
        private readonly string cursor;

        public EndlessCns(string cursor) => this.cursor = cursor;

        public int Calls { get; private set; }

        public Task<XElement> RoundTripAsync(SoapRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            var text = $"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><CnsQueryVolumeResponse xmlns=\"urn:vsan\"><returnval><volumes><volumeId><id>v{Calls}</id></volumeId></volumes>{cursor.Replace("{next}", Calls.ToString(System.Globalization.CultureInfo.InvariantCulture))}</returnval></CnsQueryVolumeResponse></soapenv:Body></soapenv:Envelope>";
            return Task.FromResult(RecordedRoundTripper.Read(text, request));
        }
    }
}
