using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Managed;
using Xunit;

namespace VsphereK8sStorage.Tests.Vsphere;

/// <summary>
/// vSphere properties are declared once, in Vsphere/Managed, and read into typed views there; operations see
/// typed models, never the SOAP stack's XML; the SOAP stack is internal but for the errors users catch.
/// </summary>
public sealed class PropertyLayerTests
{
    public static TheoryData<string, string?, string> PowerStates => new()
    {
        // case, as vCenter writes it, as the typed layer reads it
        { "on", "poweredOn", nameof(VirtualMachinePowerState.PoweredOn) },
        { "off", "poweredOff", nameof(VirtualMachinePowerState.PoweredOff) },
        { "suspended", "suspended", nameof(VirtualMachinePowerState.Suspended) },
        { "not read", null, nameof(VirtualMachinePowerState.Unknown) },
        { "a spelling vCenter never writes", "PoweredOn", nameof(VirtualMachinePowerState.Unknown) },
        { "a number", "2", nameof(VirtualMachinePowerState.Unknown) },
        { "a value this module does not know", "hibernated", nameof(VirtualMachinePowerState.Unknown) },
    };

    [Theory]
    [MemberData(nameof(PowerStates))]
    public void Power_states_read_as_the_enum_and_write_back_as_vCenter_spells_them(string name, string? wire, string expected)
    {
        var state = VimEnum.PowerState(wire);

        Assert.True(state.ToString() == expected, name);
        Assert.True(state.ToWire() == (state == VirtualMachinePowerState.Unknown ? "unknown" : wire), name);
    }

    // A vSphere property path in a string literal: "runtime.powerState", "config.extraConfig", "summary.url", "info.state".
    private static readonly Regex PropertyPath = new(@"""(config|runtime|summary|guest|info)\.[a-zA-Z]+""", RegexOptions.CultureInvariant);

    [Fact]
    public void Property_paths_are_spelled_only_in_the_managed_object_layer()
    {
        var found = CoreFiles()
            .Where(f => !f.Relative.StartsWith("Vsphere/Managed/", StringComparison.Ordinal))
            .SelectMany(f => f.Lines.Select((line, i) => (f.Relative, Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && PropertyPath.IsMatch(l.Text))
            .Select(l => $"{l.Relative}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(found.Count == 0, "declare the path on its type in Vsphere/Managed:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Operations_see_typed_models_not_the_soap_stacks_xml()
    {
        var found = CoreFiles()
            .Where(f => f.Relative.StartsWith("Operations/", StringComparison.Ordinal))
            .SelectMany(f => f.Lines.Select((line, i) => (f.Relative, Line: i + 1, Text: line)))
            .Where(l => Regex.IsMatch(l.Text, @"\b(XElement|XName|XDocument|ObjectContent)\b|System\.Xml"))
            .Select(l => $"{l.Relative}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(found.Count == 0, "parse in a Vsphere/Inventory reader (or Vsphere/Managed) and hand the operation a typed model:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_soap_stack_is_internal_but_for_the_errors_users_catch()
    {
        string[] layers = { "Soap", "Types", "Methods", "Property", "Objects", "Inventory", "Managed" };
        var isPublic = typeof(VsphereConnection).Assembly.GetExportedTypes()
            .Where(t => layers.Any(l => t.Namespace == $"VsphereK8sStorage.Vsphere.{l}"))
            .Select(t => t.Name)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(new[] { "SoapTransportException", "SoapTransportFailure", "VsphereFault", "VsphereFaultException", "VsphereFaultKind" }, isPublic);
    }

    private static IEnumerable<(string Relative, string[] Lines)> CoreFiles()
    {
        var core = Fixtures.RepoFile(Path.Combine("src", "VsphereK8sStorage.Core"));
        var obj = $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}";
        return Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(obj, StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(core, f).Replace('\\', '/'), File.ReadAllLines(f)));
    }
}
