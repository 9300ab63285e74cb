using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Vsphere.Soap;
using Xunit;

namespace VsphereK8sStorage.Tests.Vsphere;

/// <summary>
/// The property-value reader gives the tree XNode.ReadFrom gives, less namespace declarations, and leaves the reader
/// where XNode.ReadFrom leaves it: what ObjectContent's readers see must not depend on which one built the tree.
/// </summary>
public sealed class TreeReaderTests
{
    private const string Vim = "xmlns=\"urn:vim25\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"";

    public static TheoryData<string, string> Values => new()
    {
        { "a string", "<val xsi:type=\"xsd:string\">node-1</val>" },
        { "a MoRef, as vcsim declares xsi", "<val xmlns:XMLSchema-instance=\"http://www.w3.org/2001/XMLSchema-instance\" XMLSchema-instance:type=\"ManagedObjectReference\" type=\"Folder\">group-v3</val>" },
        { "an empty element", "<val xsi:type=\"ArrayOfManagedObjectReference\"/>" },
        { "an empty string", "<val xsi:type=\"xsd:string\"></val>" },
        { "an array of OptionValue", "<val xsi:type=\"ArrayOfOptionValue\"><OptionValue xsi:type=\"OptionValue\"><key>disk.enableUUID</key><value xsi:type=\"xsd:string\">TRUE</value></OptionValue><OptionValue><key>k</key><value/></OptionValue></val>" },
        { "nested NICs with whitespace between", "<val xsi:type=\"ArrayOfGuestNicInfo\">\n  <GuestNicInfo>\n    <network>VM Network</network>\n    <ipAddress>10.0.0.1</ipAddress>\n    <ipAddress>fe80::1</ipAddress>\n  </GuestNicInfo>\n</val>" },
        { "escaped text, CDATA and a comment", "<val xsi:type=\"xsd:string\">a &amp; b <![CDATA[<c>]]><!-- left out --> d</val>" },
        { "another namespace and a default one inside", "<val><x:a xmlns:x=\"urn:other\" x:k=\"1\">t</x:a><b xmlns=\"urn:pbm\">u</b></val>" },
        { "non-ASCII", "<val xsi:type=\"xsd:string\">nœud-🙂</val>" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_reads_as_XNode_ReadFrom_reads_it_without_namespace_declarations(string name, string value)
    {
        var document = $"<objects {Vim}><propSet><name>p</name>{value}</propSet><next>after</next></objects>";

        var (expected, expectedNext) = ReadVal(document, reader => (XElement)XNode.ReadFrom(reader));
        var trees = new TreeReader();
        var (actual, actualNext) = ReadVal(document, trees.Read);

        Assert.True(XNode.DeepEquals(PropertyTrees.WithoutNamespaceDeclarations(expected), actual), $"{name}: {actual} is not {expected}");
        Assert.Equal(expected.Value, actual.Value);
        Assert.Equal(expectedNext, actualNext);
    }

    [Fact]
    public void Deep_nesting_is_read_without_recursion()
    {
        const int depth = 200_000;
        var document = new StringBuilder("<val>");
        document.Insert(document.Length, "<a>", depth).Append('x').Insert(document.Length, "</a>", depth).Append("</val>");
        using var reader = XmlReader.Create(new StringReader(document.ToString()), SoapEnvelope.ReaderSettings());
        reader.MoveToContent();

        var tree = new TreeReader().Read(reader);

        Assert.Equal(depth, tree.Descendants().Count());
    }

    [Fact]
    public void A_document_cut_inside_a_value_fails_as_an_XML_error()
    {
        using var reader = XmlReader.Create(new StringReader($"<objects {Vim}><val><OptionValue><key>k"), SoapEnvelope.ReaderSettings());
        reader.MoveToContent();
        reader.ReadToDescendant("val");

        Assert.Throws<XmlException>(() => new TreeReader().Read(reader));
    }

    /// <summary>The tree of the first <c>val</c>, and the node the reader is on after it (type and name).</summary>
    private static (XElement Tree, string Next) ReadVal(string document, System.Func<XmlReader, XElement> read)
    {
        using var reader = XmlReader.Create(new StringReader(document), SoapEnvelope.ReaderSettings());
        reader.ReadToDescendant("val", "urn:vim25");
        var tree = read(reader);
        return (tree, $"{reader.NodeType} {reader.LocalName}");
    }
}
