using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Cli.Output;
using Xunit;
using static VsphereK8sStorage.Tests.TestSupport.Objects;

namespace VsphereK8sStorage.Cli.Tests.Output;

/// <summary>What vk8s prints of a plan: JSON and YAML carry the typed outcome, the table keeps kubectl's columns plus REASON.</summary>
public sealed class PvcBindingOutputTests
{
    private const string NoClassMessage = "no persistent volumes available for this claim and no storage class is set";

    [Fact]
    public void Json_and_yaml_carry_the_code_the_event_the_alternatives_and_the_dependency()
    {
        var plan = BindingPlanner.Plan(Cluster(
            new[] { Pv("pv-a", "1Gi"), Pv("pv-b", "1Gi") },
            new[] { Pvc("first", "1Gi").Created(1), Pvc("second", "1Gi").Created(2), Pvc("third", "1Gi").Created(3) }));
        var json = new StringWriter();
        ResultView.Write(json, plan.Claims, OutputFormat.Json);
        var yaml = new StringWriter();
        ResultView.Write(yaml, plan.Claims, OutputFormat.Yaml);

        using var document = JsonDocument.Parse(json.ToString());
        var byName = document.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Equal("BestMatch", byName["first"].GetProperty("reasonCode").GetString());
        Assert.Equal("pv-b", byName["first"].GetProperty("alternatives")[0].GetString());
        Assert.Equal(JsonValueKind.Null, byName["first"].GetProperty("event").ValueKind);
        Assert.Equal("default/first", byName["second"].GetProperty("dependsOn").GetString());
        var pendingEvent = byName["third"].GetProperty("event");
        Assert.Equal("Normal", pendingEvent.GetProperty("type").GetString());
        Assert.Equal("FailedBinding", pendingEvent.GetProperty("reason").GetString());
        Assert.Equal(NoClassMessage, pendingEvent.GetProperty("message").GetString());
        Assert.Contains("reasonCode: NoMatchingVolume", yaml.ToString(), StringComparison.Ordinal);
        Assert.Contains("dependsOn: default/first", yaml.ToString(), StringComparison.Ordinal);
        Assert.Contains("reason: FailedBinding", yaml.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_keeps_its_columns()
    {
        var table = new StringWriter();
        ResultView.Write(table, BindingPlanner.Plan(Cluster(new[] { Pv("pv", "1Gi") }, new[] { Pvc("claim", "1Gi") })).Claims, OutputFormat.Table);
        Assert.StartsWith("NAMESPACE   NAME    STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   REASON", table.ToString(), StringComparison.Ordinal);
    }
}
