using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.PowerShell.Tests;

/// <summary>
/// The format views of module/VsphereK8sStorage.Format.ps1xml as PowerShell renders them at common console widths:
/// one line per claim, headers never wrapped, long reasons truncated rather than folded into a narrow column.
/// </summary>
public sealed class PvcBindingFormatTests : IClassFixture<ModuleSession>, IDisposable
{
    // Three volumes of one size (so the first claim's pick is arbitrary and decides the second's), a CSI class
    // with no volume for it, and a claim nothing fits: every outcome field has something to show.
    private const string TiesAndWaits = """
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv-a}
        spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /mnt/a}}
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv-b}
        spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /mnt/b}}
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv-c}
        spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /mnt/c}}
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: csi}
        provisioner: csi.example.com
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: first, namespace: default, creationTimestamp: "2024-01-01T00:00:01Z"}
        spec: {storageClassName: "", accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: second, namespace: default, creationTimestamp: "2024-01-01T00:00:02Z"}
        spec: {storageClassName: "", accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: waiting, namespace: default, creationTimestamp: "2024-01-01T00:00:03Z"}
        spec: {storageClassName: csi, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: too-big, namespace: default, creationTimestamp: "2024-01-01T00:00:04Z"}
        spec: {storageClassName: "", accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
        """;

    private readonly ModuleSession session;
    private readonly string scratch = Directory.CreateTempSubdirectory("vk8s-format-").FullName;

    public PvcBindingFormatTests(ModuleSession session) => this.session = session;

    /// <summary>Claim, list label, and the whole value Format-List prints for it (one line; empty when there is none).</summary>
    public static TheoryData<string, string, string, string> OutcomeFields => new()
    {
        { "an arbitrary pick shows its code", "default/first", "ReasonCode", "BestMatch" },
        { "an arbitrary pick lists the other volumes, comma-joined", "default/first", "Alternatives", "pv-b, pv-c" },
        { "an arbitrary pick depends on nothing", "default/first", "DependsOn", "" },
        { "a bound claim has no event", "default/first", "Event", "" },
        { "a claim an earlier arbitrary pick decides names that claim", "default/second", "DependsOn", "default/first" },
        { "a claim waiting for a CSI driver shows its code", "default/waiting", "ReasonCode", "ExternalProvisioning" },
        {
            "a claim waiting for a CSI driver shows the controller's event as reason: message",
            "default/waiting", "Event",
            "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'csi.example.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."
        },
        { "a Pending claim has no alternatives", "default/waiting", "Alternatives", "" },
        { "a claim nothing fits shows its code", "default/too-big", "ReasonCode", "NoMatchingVolume" },
        { "a claim nothing fits shows the controller's event", "default/too-big", "Event", "FailedBinding: no persistent volumes available for this claim and no storage class is set" },
    };

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

    [Theory]
    [MemberData(nameof(OutcomeFields))]
    public void Format_List_shows_the_reason_code_event_alternatives_and_dependency(string name, string claim, string label, string value)
    {
        File.WriteAllText(Path.Combine(scratch, "ties-and-waits.yaml"), TiesAndWaits);
        var run = session.Run("Get-PvcBinding -Path $dir | Format-List | Out-String -Width $width", new Dictionary<string, object?> { ["dir"] = scratch, ["width"] = 400 })
            .AssertSucceeded();

        var entries = ListEntries(run.Text);
        var entry = Assert.Single(entries, e => e.TryGetValue("Claim", out var c) && c == claim);
        Assert.True(entry.ContainsKey(label), $"{name}: no '{label}' in the list view of {claim}");
        Assert.True(value == entry[label], $"{name}: {label} is '{entry[label]}', expected '{value}'");
    }

    [Fact]
    public void Rejections_print_as_a_table_of_volumes_and_reasons()
    {
        var lines = Render("(Get-PvcBinding -Path $dir -Node worker-2 -Detailed).Rejections | Out-String -Width $width", "local-storage", 80);

        Assert.Equal(3, lines.Count);
        Assert.Matches("^VOLUME +CAPACITY +STORAGECLASS +REASONS$", lines[0]);
        Assert.Matches("^local-pv +100Gi +local-storage +node affinity", lines[2]);
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    // Format-List's text as one dictionary per object, label to value; a line that is not "Label : value"
    // continues the value above it (as Rejections does, one volume per line).
    private static List<Dictionary<string, string>> ListEntries(string text)
    {
        var entries = new List<Dictionary<string, string>>();
        foreach (var block in Regex.Split(text.Replace("\r", string.Empty, StringComparison.Ordinal).Trim('\n'), @"\n\s*\n"))
        {
            var entry = new Dictionary<string, string>(StringComparer.Ordinal);
            string? last = null;
            foreach (var line in block.Split('\n').Select(l => l.TrimEnd()))
            {
                var field = Regex.Match(line, @"^(\w+) *: ?(.*)$");
                if (field.Success)
                {
                    last = field.Groups[1].Value;
                    entry[last] = field.Groups[2].Value;
                }
                else if (last is not null)
                {
                    entry[last] += "\n" + line.Trim();
                }
            }

            entries.Add(entry);
        }

        return entries;
    }

    // The rendered text's non-empty lines, trailing blanks removed.
    private IReadOnlyList<string> Render(string script, string example, int width)
    {
        var run = session.Run(script, new Dictionary<string, object?> { ["dir"] = Path.Combine(RepoPaths.Examples, example), ["width"] = width })
            .AssertSucceeded();
        return run.Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
    }
}
