using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.Vsphere;
using Xunit;

namespace VsphereK8sStorage.Module.Tests;

/// <summary>
/// A result's table is declared twice, once per host: vk8s's columns ([TableColumn], or ResultView's own for the
/// connection) and the PowerShell table view in module/*.Format.ps1xml. PowerShell's default view may be narrower
/// (Format-List and Select-Object show the rest), but every column it shows is one vk8s prints: a column added to
/// one host only fails here.
/// </summary>
public sealed class TableColumnAgreementTests
{
    public static TheoryData<string, string> TableViews()
    {
        var data = new TheoryData<string, string>();
        // VolumeRejection prints only inside a PvcBinding (its Rejections), never as a vk8s table of its own.
        foreach (var (file, view) in Views().Where(v => v.View.Element("Name")!.Value != "VolumeRejection"))
        {
            data.Add(file, view.Element("Name")!.Value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TableViews))]
    public void The_PowerShell_table_view_shows_the_columns_vk8s_prints(string file, string viewName)
    {
        var view = Views().Single(v => v.File == file && v.View.Element("Name")!.Value == viewName).View;
        var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
        // The results live in the types assembly; the connection, the core's own session, in the core.
        var type = typeof(VsphereVm).Assembly.GetType(typeName) ?? typeof(VsphereConnection).Assembly.GetType(typeName)
            ?? throw new InvalidOperationException($"module/{file}: view {viewName} selects {typeName}, which neither the types nor the core have.");
        var table = view.Element("TableControl")!;
        var labels = table.Element("TableHeaders")!.Elements("TableColumnHeader").Select(h => h.Element("Label")?.Value).ToList();
        var properties = table.Descendants("TableColumnItem").Select(PropertyOf).ToList();

        var vk8s = ResultView.Columns(type).Select(c => c.Property).ToList();

        Assert.Equal(properties.Count, labels.Count);
        Assert.True(vk8s.Count > 0, $"{type.Name} has a PowerShell table view but no vk8s table columns.");
        Assert.Equal(Array.Empty<string>(), properties.Except(vk8s).ToArray());
    }

    [Theory]
    [MemberData(nameof(TableViews))]
    public void A_column_the_PowerShell_view_leaves_out_is_named_with_the_reason(string file, string viewName)
    {
        var view = Views().Single(v => v.File == file && v.View.Element("Name")!.Value == viewName).View;
        var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
        var type = typeof(VsphereVm).Assembly.GetType(typeName) ?? typeof(VsphereConnection).Assembly.GetType(typeName)!;
        var shown = view.Element("TableControl")!.Descendants("TableColumnItem").Select(PropertyOf).ToHashSet(StringComparer.Ordinal);
        var explained = string.Join(" ", view.Nodes().OfType<XComment>().Select(c => c.Value));

        var unexplained = ResultView.Columns(type).Select(c => c.Property)
            .Where(p => !shown.Contains(p) && !Regex.IsMatch(explained, $@"\b{p}\b"))
            .ToArray();

        // The rule (README, "Columns in the two hosts"): a column left out names itself and why in a comment in the view.
        Assert.True(unexplained.Length == 0, $"module/{file}: view {viewName} leaves out vk8s's {string.Join(", ", unexplained)} without a comment saying why.");
    }

    // A column shows a property, or a script block over one ($_.CompatibleDatastores -join ', ').
    private static string PropertyOf(XElement item) =>
        item.Element("PropertyName")?.Value
        ?? Regex.Match(item.Element("ScriptBlock")?.Value ?? string.Empty, @"\$_\.(\w+)").Groups[1].Value;

    // The default table view of each type: the first TableControl view that selects it, as PowerShell picks it.
    private static IEnumerable<(string File, XElement View)> Views()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(RepoPaths.ModuleSources, "*.Format.ps1xml").Order(StringComparer.Ordinal))
        {
            foreach (var view in XDocument.Load(path).Descendants("View").Where(v => v.Element("TableControl") is not null))
            {
                var typeName = view.Element("ViewSelectedBy")?.Element("TypeName")?.Value;
                if (typeName is not null && seen.Add(typeName))
                {
                    yield return (Path.GetFileName(path), view);
                }
            }
        }
    }
}
