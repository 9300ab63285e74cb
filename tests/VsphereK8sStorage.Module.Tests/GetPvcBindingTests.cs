using System.Linq;
using VsphereK8sStorage.Module.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Module.Tests;

/// <summary>Get-PvcBinding's parameters as its help, README and examples promise them.</summary>
public sealed class GetPvcBindingTests
{
    private static CmdletType Cmdlet => ModuleMetadata.Instance.Cmdlet("Get-PvcBinding");

    [Fact]
    public void It_outputs_PvcBinding_objects()
    {
        // The format file's views and Select-Object/Where-Object pipelines depend on this type.
        Assert.Equal(new[] { "VsphereK8sStorage.Binding.PvcBinding" }, Cmdlet.OutputTypes);
    }

    [Fact]
    public void It_has_the_Path_and_LiteralPath_sets_with_Path_the_default()
    {
        Assert.Equal(new[] { "LiteralPath", "Path" }, Cmdlet.ParameterSetNames.Order());
        Assert.Equal("Path", Cmdlet.DefaultParameterSetName);
        Assert.False(Cmdlet.SupportsShouldProcess);
    }

    [Fact]
    public void Path_is_the_first_positional_wildcard_parameter_and_takes_pipeline_input()
    {
        var path = Cmdlet.Parameter("Path");
        var binding = Assert.Single(path.Bindings);

        Assert.Equal("Path", binding.SetName);
        Assert.True(binding.Mandatory);
        Assert.Equal(0, binding.Position);
        Assert.True(binding.ValueFromPipeline, "'./manifests' | Get-PvcBinding binds -Path by value");
        Assert.True(binding.ValueFromPipelineByPropertyName);
        Assert.True(path.SupportsWildcards, "-Path expands wildcards, so it carries [SupportsWildcards] (Get-Help shows 'Accept wildcard characters: true')");
        Assert.Equal("System.String[]", path.TypeFullName);
    }

    [Fact]
    public void LiteralPath_binds_Get_ChildItem_output_through_its_PSPath_alias()
    {
        var literalPath = Cmdlet.Parameter("LiteralPath");
        var binding = Assert.Single(literalPath.Bindings);

        Assert.Equal("LiteralPath", binding.SetName);
        Assert.True(binding.Mandatory);
        Assert.Null(binding.Position);
        Assert.True(binding.ValueFromPipelineByPropertyName);
        Assert.False(binding.ValueFromPipeline, "by value, strings must go to -Path");
        Assert.Equal(new[] { "LP", "PSPath" }, literalPath.Aliases.Order());
        Assert.False(literalPath.SupportsWildcards);
    }

    [Fact]
    public void Node_completes_node_names()
    {
        var node = Cmdlet.Parameter("Node");

        Assert.NotNull(node.Completer);
        Assert.Equal("VsphereK8sStorage.Completers.NodeNameCompleter", node.Completer!.TypeFullName);
        Assert.Equal("System.String", node.TypeFullName);
    }

    [Theory]
    [InlineData("Recurse")]
    [InlineData("Detailed")]
    public void Optional_switches_are_in_every_set(string name)
    {
        var parameter = Cmdlet.Parameter(name);

        Assert.True(parameter.IsSwitch);
        Assert.Equal(CmdletType.AllSets, Assert.Single(parameter.Bindings).SetName);
        Assert.False(parameter.Bindings.Single().Mandatory);
    }

    [Fact]
    public void It_declares_exactly_the_documented_parameters()
    {
        Assert.Equal(new[] { "Detailed", "LiteralPath", "Node", "Path", "Recurse" }, Cmdlet.Parameters.Select(p => p.Name).Order());
    }
}
