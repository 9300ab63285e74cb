using System.Linq;
using VsphereK8sStorage.Kubernetes;
using Xunit;

namespace VsphereK8sStorage.Tests.Kubernetes;

/// <summary>Access-mode names as kubectl and the API server write them: what messages, completion and the plan's output name.</summary>
public sealed class AccessModeNamesTests
{
    [Fact]
    public void Every_mode_is_a_valid_name_in_Kubernetes_order()
    {
        Assert.Equal(new[] { "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod" }, AccessModeNames.ValidNames);
    }

    public static TheoryData<string, AccessModes, string[], string> Sets => new()
    {
        // case, set, API names, kubectl's short form
        { "none", AccessModes.None, new string[0], "" },
        { "one mode", AccessModes.ReadOnlyMany, new[] { "ReadOnlyMany" }, "ROX" },
        { "two, named in Kubernetes' order whatever the bits were set in", AccessModes.ReadWriteOncePod | AccessModes.ReadWriteOnce, new[] { "ReadWriteOnce", "ReadWriteOncePod" }, "RWO,RWOP" },
        { "all four", (AccessModes)15, new[] { "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod" }, "RWO,ROX,RWX,RWOP" },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void A_set_is_named_mode_by_mode_in_Kubernetes_order(string name, AccessModes modes, string[] names, string shortForm)
    {
        Assert.True(names.SequenceEqual(modes.ToNames()), name);
        Assert.Equal(shortForm, modes.ToShortString());
    }
}
