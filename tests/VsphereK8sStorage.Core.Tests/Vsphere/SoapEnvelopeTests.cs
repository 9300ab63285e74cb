using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;
using Xunit;

namespace VsphereK8sStorage.Tests.Vsphere;

/// <summary>The envelope: requests escape every value, responses are read without DTDs and within bounds, faults become typed errors.</summary>
public sealed class SoapEnvelopeTests
{
    private static readonly SoapRequest Probe = new("Probe", new ManagedObjectReference("Folder", "group-d1"));

    public static TheoryData<string, string> HostileNames => new()
    {
        { "angle brackets", "k8s<node>-1" },
        { "a closing tag and an element", "a</name><password>x</password><name>" },
        { "ampersand and entities", "R&D &amp; &lt;ops&gt;" },
        { "quotes", "node \"one\" 'two'" },
        { "CDATA end", "x]]>y" },
        { "a DOCTYPE", "<!DOCTYPE x [<!ENTITY e \"boom\">]>&e;" },
        { "non-ASCII", "nœud-ü-🙂" },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void A_value_is_escaped_so_it_reads_back_as_the_same_text(string name, string value)
    {
        var request = new SoapRequest("CreateFolder", new ManagedObjectReference("Folder", value), w => w.Value("name", value).MoRef("parent", new ManagedObjectReference("Folder", value)));

        var xml = XDocument.Parse(Encoding.UTF8.GetString(SoapEnvelope.Write(request, headerCookie: value)));
        var method = xml.Descendants().Single(e => e.Name.LocalName == "CreateFolder");

        Assert.True(value == method.Elements().Single(e => e.Name.LocalName == "name").Value, name);
        Assert.Equal(value, method.Elements().Single(e => e.Name.LocalName == "parent").Value);
        Assert.Equal(value, method.Elements().Single(e => e.Name.LocalName == "_this").Value);
        Assert.Equal(value, xml.Descendants().Single(e => e.Name.LocalName == "vcSessionCookie").Value);
        Assert.Equal(3, method.Elements().Count()); // nothing injected beside the arguments
        Assert.Null(xml.DocumentType);
    }

    [Fact]
    public void Arguments_are_in_the_method_namespace_and_concrete_types_carry_xsi_type()
    {
        var request = new SoapRequest("ReconfigVM_Task", new ManagedObjectReference("VirtualMachine", "vm-42"), w =>
            w.Start("spec").Start("extraConfig", "OptionValue").Value("key", "disk.enableUUID").TypedValue("value", "xsd:string", "TRUE").End().End());

        var xml = XDocument.Parse(Encoding.UTF8.GetString(SoapEnvelope.Write(request, null)));
        var value = xml.Descendants().Single(e => e.Name.LocalName == "value");
        XNamespace vim = "urn:vim25";

        Assert.Equal(vim + "value", value.Name);
        Assert.Equal("OptionValue", value.Parent!.XsiType());
        Assert.Equal("string", value.XsiType());
        Assert.Equal("VirtualMachine", xml.Descendants(vim + "_this").Single().Attribute("type")!.Value);
        Assert.DoesNotContain(xml.Descendants(), e => e.Name.LocalName == "vcSessionCookie");
    }

    // Built at run time: attribute strings are stored as UTF-8, which would turn a lone surrogate into U+FFFD.
    public static TheoryData<string, string> Unsendable => new()
    {
        { "NUL", "a\0b" },
        { "escape", "a\u001bb" },
        { "lone high surrogate", "a" + (char)0xD800 + "b" },
        { "lone low surrogate at the end", "a" + (char)0xDC00 },
    };

    [Theory]
    [MemberData(nameof(Unsendable), DisableDiscoveryEnumeration = true)]
    public void A_value_XML_cannot_carry_is_refused_with_the_argument_named(string name, string value)
    {
        var request = new SoapRequest("CreateFolder", new ManagedObjectReference("Folder", "group-d1"), w => w.Value("name", value));

        var error = Assert.Throws<VsphereK8sException>(() => SoapEnvelope.Write(request, null));

        Assert.True(error.ErrorId == "VsphereValueNotRepresentable", name);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("name", error.Message);
    }

    [Fact]
    public void A_recorded_answer_is_the_method_response_element()
    {
        var response = RecordedRoundTripper.Read(File.ReadAllBytes(RecordedRoundTripper.Recorded("RetrieveServiceContent.xml")), Probe);
        var content = ServiceContent.Parse(response.Child("returnval")!);

        Assert.Equal("RetrieveServiceContentResponse", response.Name.LocalName);
        Assert.Equal(new ManagedObjectReference("PropertyCollector", "propertyCollector"), content.PropertyCollector);
        Assert.Equal(new ManagedObjectReference("VcenterVStorageObjectManager", "VStorageObjectManager"), content.VStorageObjectManager);
        Assert.Equal("VirtualCenter", content.ApiType);
        Assert.Equal("6.5", content.ApiVersion);
    }

    [Theory]
    [InlineData("Login.InvalidLogin.xml", "InvalidLogin", VsphereFaultKind.InvalidLogin, ErrorKind.AuthenticationFailed, "Login failure")]
    [InlineData("CreateContainerView.NotAuthenticated.xml", "NotAuthenticated", VsphereFaultKind.NotAuthenticated, ErrorKind.AuthenticationFailed, "")]
    public void A_recorded_fault_becomes_a_typed_error(string file, string type, VsphereFaultKind kind, ErrorKind errorKind, string message)
    {
        var error = Assert.Throws<VsphereFaultException>(() => RecordedRoundTripper.Read(File.ReadAllBytes(RecordedRoundTripper.Recorded(file)), Probe));

        Assert.Equal(type, error.Fault.TypeName);
        Assert.Equal(kind, error.FaultKind);
        Assert.Equal(errorKind, error.Kind);
        Assert.Equal("Vsphere" + type, error.ErrorId);
        Assert.Equal(message, error.Fault.Message);
        Assert.StartsWith("Probe failed: " + type, error.Message);
    }

    [Fact]
    public void A_fault_detail_keeps_its_properties()
    {
        const string fault = """
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault>
            <faultcode>ServerFaultCode</faultcode><faultstring>The object has already been deleted or has not been completely created</faultstring>
            <detail><ManagedObjectNotFoundFault xmlns="urn:vim25" xsi:type="ManagedObjectNotFound"><obj type="ContainerView">session[1]2</obj></ManagedObjectNotFoundFault></detail>
            </soapenv:Fault></soapenv:Body></soapenv:Envelope>
            """;

        var error = Assert.Throws<VsphereFaultException>(() => RecordedRoundTripper.Read(fault, Probe));

        Assert.Equal(VsphereFaultKind.ManagedObjectNotFound, error.FaultKind);
        Assert.Equal("session[1]2", error.Fault.Property("obj"));
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
    }

    [Fact]
    public void A_fault_without_xsi_type_is_named_after_its_element()
    {
        const string fault = """<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><Fault><faultstring>x</faultstring><detail><TaskInProgressFault xmlns="urn:vim25"/></detail></Fault></Body></Envelope>""";

        var error = Assert.Throws<VsphereFaultException>(() => RecordedRoundTripper.Read(fault, Probe));

        Assert.Equal("TaskInProgress", error.Fault.TypeName);
        Assert.Equal(VsphereFaultKind.TaskInProgress, error.FaultKind);
    }

    public static TheoryData<string, string> HostileResponses => new()
    {
        { "an internal DTD with an entity", """<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x "expanded">]><e>&x;</e>""" },
        { "billion laughs", """<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><l>&d;&d;&d;&d;&d;&d;&d;&d;</l>""" },
        { "an external entity", """<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><e>&x;</e>""" },
        { "an HTML error page", "<html><body><h1>502 Bad Gateway</h1><hr></body></html>" },
        { "not XML at all", "{\"error\":\"not soap\"}" },
        { "an envelope without a body", """<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>""" },
        { "a truncated answer", """<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><RetrieveServiceContentResponse""" },
    };

    [Theory]
    [MemberData(nameof(HostileResponses))]
    public void A_response_that_is_not_plain_SOAP_is_a_short_protocol_error(string name, string body)
    {
        var error = Assert.Throws<SoapTransportException>(() => RecordedRoundTripper.Read(body, Probe));

        Assert.True(error.ErrorId == "VsphereResponseInvalid", name);
        Assert.Equal(ErrorKind.ConnectionFailed, error.Kind);
        Assert.DoesNotContain("expanded", error.Message);
        Assert.DoesNotContain("root:", error.Message);
        Assert.True(error.Message.Length < 400, $"{name}: {error.Message.Length} characters");
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_response_beyond_the_size_limit_is_refused()
    {
        var huge = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><R>" + new string('x', 5000) + "</R></soapenv:Body></soapenv:Envelope>";

        var error = Assert.Throws<SoapTransportException>(() => SoapEnvelope.ReadResponse(new MemoryStream(Encoding.UTF8.GetBytes(huge)), Probe, "vc", maxCharacters: 1000));

        Assert.Equal("VsphereResponseInvalid", error.ErrorId);
    }

    [Fact]
    public void Server_text_in_a_fault_is_cleaned_of_control_characters_and_bounded()
    {
        // \u009b is the terminal's one-character CSI: valid in XML, harmful on a console.
        var message = "line one\nline two\u009b31m\t" + new string('x', 2000);
        var fault = $"""<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><Fault><faultstring>{System.Security.SecurityElement.Escape(message)}</faultstring><detail/></Fault></Body></Envelope>""";

        var error = Assert.Throws<VsphereFaultException>(() => RecordedRoundTripper.Read(fault, Probe));

        Assert.DoesNotContain(error.Message, c => char.IsControl(c));
        Assert.True(error.Message.Length < 600);
        Assert.Equal("SystemError", error.Fault.TypeName);
    }
}
