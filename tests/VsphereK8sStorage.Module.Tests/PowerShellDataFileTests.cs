using System;
using System.Collections.Generic;
using VsphereK8sStorage.Module.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests;

/// <summary>The .psd1 reader the manifest tests stand on: it must read what PowerShell reads, and refuse the rest.</summary>
public sealed class PowerShellDataFileTests
{
    [Fact]
    public void It_reads_a_manifest_shaped_file()
    {
        const string text = """"
            # comment
            <# block
               comment #>
            @{
                RootModule = 'A.dll'   # trailing comment
                'Quoted Key' = "double `"quoted`" ""twice"""
                Single = 'it''s'
                Number = 42; Decimal = 5.1
                Flags = $true
                Nothing = $null
                Empty = @()
                Inline = @('a', 'b')
                Lines = @(
                    'c'
                    'd',
                    'e'
                )
                Bare = 'x', 'y'
                Nested = @{ Inner = @{ Deep = 'z' } }
            }
            """";

        var table = PowerShellDataFile.ParseHashtable(text);

        Assert.Equal("A.dll", table["rootmodule"]); // keys are case-insensitive, as in PowerShell
        Assert.Equal("double \"quoted\" \"twice\"", table["Quoted Key"]);
        Assert.Equal("it's", table["Single"]);
        Assert.Equal(42, table["Number"]);
        Assert.Equal(5.1, table["Decimal"]);
        Assert.Equal(true, table["Flags"]);
        Assert.Null(table["Nothing"]);
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(table["Empty"]));
        Assert.Equal(new[] { "a", "b" }, PowerShellDataFile.Strings(table["Inline"]));
        Assert.Equal(new[] { "c", "d", "e" }, PowerShellDataFile.Strings(table["Lines"]));
        Assert.Equal(new[] { "x", "y" }, PowerShellDataFile.Strings(table["Bare"]));
        var nested = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(table["Nested"]);
        var inner = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(nested["Inner"]);
        Assert.Equal("z", inner["Deep"]);
        Assert.Equal(12, table.Count);
    }

    [Theory]
    [InlineData("unterminated string", "@{ A = 'x }", "unterminated")]
    [InlineData("duplicate key, any case", "@{ A = 1\n a = 2 }", "duplicate key")]
    [InlineData("variable other than true/false/null", "@{ A = $env }", "$env")]
    [InlineData("expansion in a double-quoted string", "@{ A = \"$x\" }", "expands")]
    [InlineData("two values on one line", "@{ A = 'x' 'y' }", "after the value")]
    [InlineData("missing equals", "@{ A 'x' }", "'='")]
    [InlineData("unclosed hashtable", "@{ A = 'x'", "end of file")]
    [InlineData("command instead of a value", "@{ A = Get-Date }", "a value")]
    [InlineData("trailing comma", "@{ A = 'x', }", "a value")]
    [InlineData("text after the hashtable", "@{ A = 1 } @{ }", "end of file")]
    public void It_refuses_what_a_data_file_cannot_hold(string name, string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PowerShellDataFile.Parse(text));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{name}: {error.Message}");
    }
}
