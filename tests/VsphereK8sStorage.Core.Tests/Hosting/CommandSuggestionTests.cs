using VsphereK8sStorage.Hosting;
using Xunit;

namespace VsphereK8sStorage.Tests.Hosting;

public sealed class CommandSuggestionTests
{
    private static readonly string[] Cmdlets = { "Get-PvcBinding", "Get-VsphereVm", "Get-VsphereFcd", "New-VsphereFcd", "Enable-DiskUuid", "Test-DiskUuid" };

    public static TheoryData<string, string, string?> Cases => new()
    {
        // name, typed, suggested cmdlet
        { "a prefix", "get-pvc-bindin", "Get-PvcBinding" },
        { "one letter wrong", "get-vsphere-fcx", "Get-VsphereFcd" },
        { "two letters swapped", "enalbe-disk-uuid", "Enable-DiskUuid" },
        { "other case", "GET-PVC-BINDING", "Get-PvcBinding" },
        { "the cmdlet name", "Test-DiskUuid", "Test-DiskUuid" },
        { "nothing close", "foo", null },
        { "a shorter prefix", "get-pvc", "Get-PvcBinding" },
        { "three edits away", "tset-disk-uuuid", null },
        { "empty", "", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_nearest_command_is_suggested_when_one_is_close(string name, string typed, string? expected)
    {
        Assert.True(expected == CommandSuggestion.Nearest(typed, Cmdlets), name);
    }

    [Fact]
    public void The_message_names_the_command_in_the_hosts_syntax()
    {
        var message = CommandSuggestion.UnknownCommand("get-pvc-bindin", Cmdlets);

        Assert.Equal("unknown command 'get-pvc-bindin'; did you mean 'vk8s get-pvc-binding'?", Param.Render(message, ParameterSyntax.Cli));
        Assert.Equal("unknown command 'foo'.", Param.Render(CommandSuggestion.UnknownCommand("foo", Cmdlets), ParameterSyntax.Cli));
    }
}
