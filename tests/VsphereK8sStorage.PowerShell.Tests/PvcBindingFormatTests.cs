using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VsphereK8sStorage.Module.Tests.TestSupport;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests;

/// <summary>
/// The format views of module/VsphereK8sStorage.Format.ps1xml as PowerShell renders them at common console widths:
/// one line per claim, headers never wrapped, long reasons truncated rather than folded into a narrow column.
/// </summary>
public sealed class PvcBindingFormatTests : IClassFixture<ModuleSession>
{
    private readonly ModuleSession session;

    public PvcBindingFormatTests(ModuleSession session) => this.session = session;

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(250)]
    public void The_default_table_shows_claim_status_volume_and_reason_one_line_per_claim(int width)
    {
        var lines = Render("Get-PvcBinding -Path $dir | Out-String -Width $width", "static-pv-with-default-class", width);

        Assert.Equal(4, lines.Count); // header, rule, two claims: nothing wrapped
        Assert.Matches("^NAMESPACE +NAME +STATUS +VOLUME +REASON$", lines[0]);
        Assert.Matches("^default +pvc0001 +Pending +waiting for ", lines[2]);
        Assert.Matches("^default +pvc0001-static +Bound +pv0001 +binds pv0001", lines[3]);
        Assert.All(lines, line => Assert.True(line.Length <= width, $"'{line}' is wider than {width}"));
    }

    [Fact]
    public void A_reason_longer_than_the_console_is_cut_with_an_ellipsis_and_a_short_one_is_whole()
    {
        var narrow = Render("Get-PvcBinding -Path $dir | Out-String -Width $width", "static-pv-with-default-class", 80);
        var wide = Render("Get-PvcBinding -Path $dir | Out-String -Width $width", "static-pv-with-default-class", 250);

        Assert.EndsWith("…", narrow[2], StringComparison.Ordinal);
        Assert.EndsWith("binds pv0001: the smallest Available volume without a class that fits 2Gi with RWO", wide[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(120)]
    [InlineData(250)]
    public void The_Wide_view_has_kubectls_columns_and_the_reason(int width)
    {
        var lines = Render("Get-PvcBinding -Path $dir | Format-Table -View Wide | Out-String -Width $width", "static-pv-with-default-class", width);

        Assert.Equal(4, lines.Count);
        Assert.Matches("^NAMESPACE +NAME +STATUS +VOLUME +CAPACITY +ACCESS MODES +STORAGECLASS +REASON$", lines[0]);
        Assert.Matches("^default +pvc0001 +Pending +RWO +vsphere-sc +waiting for ", lines[2]);
        Assert.Matches("^default +pvc0001-static +Bound +pv0001 +2Gi +RWO +binds pv0001", lines[3]);
    }

    [Fact]
    public void Format_List_shows_every_field_with_rejections_one_per_line()
    {
        var lines = Render("Get-PvcBinding -Path $dir -Node worker-2 -Detailed | Format-List | Out-String -Width $width", "local-storage", 120);

        Assert.Contains("Claim        : default/local-storage-claim", lines);
        Assert.Contains("AccessModes  : RWO", lines);
        Assert.Contains(lines, l => l.StartsWith("Rejections   : local-pv: node affinity", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Reason       : no volume fits on node worker-2", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejections_print_as_a_table_of_volumes_and_reasons()
    {
        var lines = Render("(Get-PvcBinding -Path $dir -Node worker-2 -Detailed).Rejections | Out-String -Width $width", "local-storage", 80);

        Assert.Equal(3, lines.Count);
        Assert.Matches("^VOLUME +CAPACITY +STORAGECLASS +REASONS$", lines[0]);
        Assert.Matches("^local-pv +100Gi +local-storage +node affinity", lines[2]);
    }

    // The rendered text's non-empty lines, trailing blanks removed.
    private IReadOnlyList<string> Render(string script, string example, int width)
    {
        var run = session.Run(script, new Dictionary<string, object?> { ["dir"] = Path.Combine(RepoPaths.Examples, example), ["width"] = width })
            .AssertSucceeded();
        return run.Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
    }
}
