using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests;

/// <summary>
/// Hostile manifests through vk8s, each beside a good file in the same run. Every one is held to the
/// same standard: exit code 2 (or 0 where the input is valid after all), a bounded number of lines on
/// stderr, no exception type names and no stack trace, no hang, bounded memory, and the good file's
/// claim planned on stdout.
/// </summary>
public sealed class ManifestFuzzCliTests : IDisposable
{
    private const string GoodClaim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: always-planned, namespace: fuzz}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, storageClassName: ''}\n";
    private const string Pv = "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec: {capacity: {storage: CAPACITY}, accessModes: [ReadWriteOnce], hostPath: {path: /a}}\n";
    private const long MemoryBound = 512L * 1024 * 1024;
    private static readonly Regex ExceptionTypeName = new(@"\b[A-Z]\w*Exception\b", RegexOptions.CultureInvariant);

    private readonly string scratch = Directory.CreateTempSubdirectory("vk8s-fuzz-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static string Quantity(string capacity) => Pv.Replace("CAPACITY", capacity);

    /// <summary>Name, the file's bytes, and whether the input is invalid (exit 2) or may be valid (0 or 2).</summary>
    public static TheoryData<string, byte[], bool> Inputs
    {
        get
        {
            var random = new Random(11);
            var garbage = new byte[4096];
            random.NextBytes(garbage);
            var billionLaughs = new StringBuilder("apiVersion: v1\nkind: List\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for (var i = 1; i < 9; i++)
            {
                billionLaughs.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
            }

            billionLaughs.Append("items: [*a8]\n");
            return new TheoryData<string, byte[], bool>
            {
                { "unclosed bracket, then a block key", Utf8("a: [b\nc: d\n"), true },
                { "unclosed bracket at the end", Utf8("a: [b"), true },
                { "unclosed double quote", Utf8("a: \"b\n"), true },
                { "unclosed single quote", Utf8("a: 'b"), true },
                { "tab as indentation", Utf8("apiVersion: v1\nkind: Node\nmetadata:\n\tname: node-a\n"), true },
                { "duplicate keys", Utf8("apiVersion: v1\nkind: Node\nkind: Node\nmetadata: {name: node-a}\n"), true },
                { "alias bomb", Utf8(billionLaughs.ToString()), true },
                { "alias inside its own anchor", Utf8("apiVersion: v1\nkind: List\nitems: &l [{apiVersion: v1, kind: List, items: *l}]\n"), true },
                { "unknown alias", Utf8("apiVersion: v1\nkind: Node\nmetadata: *nope\n"), true },
                { "merge key of a scalar", Utf8("apiVersion: v1\nkind: Node\nx: &x 1\nmetadata: {<<: *x, name: node-a}\n"), true },
                { "complex key", Utf8("? [a]\n: b\n"), true },
                { "NUL bytes only", new byte[64], true },
                { "NUL after a key", Utf8("apiVersion: v1\0kind: Node\n"), true },
                { "UTF-16 without byte order mark", Encoding.Unicode.GetBytes("apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n"), true },
                { "UTF-16 with byte order mark", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n")).ToArray(), false },
                { "UTF-8 byte order mark", Encoding.UTF8.GetPreamble().Concat(Utf8("apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n")).ToArray(), false },
                { "byte order mark in the middle", Utf8("apiVersion: v1\n\uFEFFkind: Node\nmetadata: {name: node-a}\n"), false },
                { "invalid UTF-8", new byte[] { (byte)'a', (byte)':', (byte)' ', 0xC3, 0x28, (byte)'\n' }, true },
                { "binary garbage", garbage, true },
                { "30,000 nested brackets", Utf8(Repeat("[", 30_000)), true },
                { "100,000 nested braces", Utf8(Repeat("{a: ", 100_000) + "b" + Repeat("}", 100_000)), true },
                { "8,000 nested Lists", Utf8(Repeat("{apiVersion: v1, kind: List, items: [", 8_000) + Repeat("]}", 8_000)), true },
                { "1 MB name", Utf8($"apiVersion: v1\nkind: Node\nmetadata: {{name: {new string('a', 1 << 20)}}}\n"), true },
                { "1 MB quantity", Utf8(Quantity(new string('9', 1 << 20))), true },
                { "1 MB scalar in a field nobody reads", Utf8($"apiVersion: v1\nkind: Node\nmetadata: {{name: node-a}}\nnote: {new string('x', 1 << 20)}\n"), false },
                { "1 MB line of spaces", Utf8(new string(' ', 1 << 20) + "\nkind: Node\n"), true },
                { "huge exponent quantity", Utf8(Quantity("1e999999999")), true },
                { "huge binary quantity", Utf8(Quantity("99999999999999999999999999999Ei")), false },
                { "a lone point quantity", Utf8(Quantity("'.'")), true },
                { "a sign as quantity", Utf8(Quantity("'+'")), true },
                { "hex quantity", Utf8(Quantity("0x10")), true },
                { "underscored quantity", Utf8(Quantity("1_000")), true },
                { "NaN quantity", Utf8(Quantity(".nan")), true },
                { "negative quantity", Utf8(Quantity("-1Gi")), true },
                { "spec as a list", Utf8("apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec: []\n"), true },
                { "metadata as a number", Utf8("apiVersion: v1\nkind: Node\nmetadata: 5\n"), true },
                { "items as a string", Utf8("apiVersion: v1\nkind: List\nitems: x\n"), true },
                { "access modes as a mapping", Utf8("apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec: {capacity: {storage: 1Gi}, accessModes: {a: b}, hostPath: {path: /a}}\n"), true },
                { "capacity as a list", Utf8("apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec: {capacity: [1], accessModes: [ReadWriteOnce], hostPath: {path: /a}}\n"), true },
                { "empty file", Array.Empty<byte>(), false },
                { "document markers only", Utf8("---\n---\n...\n"), false },
                { "mistyped kind", Utf8("apiVersion: v1\nkind: node\nmetadata: {name: node-a}\n"), false },
            };
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Hostile_input_is_held_to_the_standard(string name, byte[] content, bool invalid)
    {
        var good = Path.Combine(scratch, "good.yaml");
        var bad = Path.Combine(scratch, "hostile.yaml");
        File.WriteAllText(good, GoodClaim);
        File.WriteAllBytes(bad, content);

        var (exit, output, error, allocated) = RunOnOwnThread("get-pvc-binding", "--path", good, "--path", bad, "-o", "json");

        Assert.True(invalid ? exit == 2 : exit is 0 or 2, $"{name}: exit {exit}: {error}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length <= 30, $"{name}: {lines.Length} lines on stderr");
        Assert.All(lines, line => Assert.True(line.StartsWith("vk8s: ", StringComparison.Ordinal) && line.Length < 4_000, $"{name}: {line}"));
        Assert.False(ExceptionTypeName.IsMatch(error), $"{name}: {error}");
        Assert.DoesNotContain("   at ", error);
        Assert.True(allocated < MemoryBound, $"{name}: {allocated / (1 << 20)} MB allocated");
        using var planned = JsonDocument.Parse(output);
        Assert.Contains(planned.RootElement.EnumerateArray(), c => c.GetProperty("claim").GetString() == "fuzz/always-planned");
    }

    [Fact]
    public void Recursing_through_symlink_loops_ends_and_plans_each_file_once()
    {
        File.WriteAllText(Path.Combine(scratch, "good.yaml"), GoodClaim);
        Directory.CreateDirectory(Path.Combine(scratch, "sub"));
        File.CreateSymbolicLink(Path.Combine(scratch, "sub", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(scratch, "sub", "up-again"), scratch);
        File.CreateSymbolicLink(Path.Combine(scratch, "gone.yaml"), "nowhere.yaml");

        var (exit, output, error, _) = RunOnOwnThread("get-pvc-binding", "--path", scratch, "--recurse", "-o", "json");

        Assert.Equal(2, exit);
        Assert.DoesNotContain("defined twice", error);
        Assert.Contains("gone.yaml: file: cannot be read: it is a symbolic link to 'nowhere.yaml'", error);
        using var planned = JsonDocument.Parse(output);
        Assert.Equal("fuzz/always-planned", Assert.Single(planned.RootElement.EnumerateArray().ToList()).GetProperty("claim").GetString());
    }

    // vk8s in-process on a thread of its own, so the bytes it allocates can be counted and a hang caught.
    private static (int Exit, string Out, string Err, long Allocated) RunOnOwnThread(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = -1;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            exit = CliApp.RunAsync(args, new ConsoleIO(TextReader.Null, output, error, ErrorIsTerminal: false)).GetAwaiter().GetResult();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, maxStackSize: 1 << 20);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromMinutes(2)), $"vk8s {string.Join(' ', args)} hangs");
        return (exit, output.ToString(), error.ToString(), allocated);
    }
}
