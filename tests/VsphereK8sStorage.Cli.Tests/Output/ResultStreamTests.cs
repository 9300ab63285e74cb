using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Vsphere;
using Xunit;

namespace VsphereK8sStorage.Cli.Tests.Output;

/// <summary>
/// Results printed one at a time as a run finishes them: what is on stdout after each one is usable, and once the
/// stream is completed (however the run ended) the output is what the whole list prints.
/// </summary>
public sealed class ResultStreamTests
{
    private static readonly DiskUuidResult[] Results =
    {
        new() { Name = "node-1", Path = "/DC0/vm/node-1", Id = "VirtualMachine-vm-1", Changed = true, Enabled = true, PowerState = "poweredOn", NeedsPowerCycle = PowerCycleNeed.Yes, PowerCycleReason = PowerCycleReason.NotBootedSinceChange },
        new() { Name = "node-2", Path = "/DC0/vm/node-2", Id = "VirtualMachine-vm-2", Changed = false, Enabled = true, PowerState = "poweredOff", NeedsPowerCycle = PowerCycleNeed.No, PowerCycleReason = PowerCycleReason.PoweredOff },
        new() { Name = "a-much-longer-node-name-3", Path = "/DC0/vm/x/a-much-longer-node-name-3", Id = "VirtualMachine-vm-3", Enabled = true, PowerState = "poweredOn", NeedsPowerCycle = PowerCycleNeed.Unknown, PowerCycleReason = PowerCycleReason.NoChangeEvent },
    };

    public static TheoryData<string, int> Cuts() => new() { { "none finished", 0 }, { "one finished", 1 }, { "all finished", 3 } };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Json_is_one_valid_array_of_the_finished_results_however_many_finished(string name, int finished)
    {
        var writer = new StringWriter();
        var stream = new ResultStream<DiskUuidResult>(writer, OutputFormat.Json);
        foreach (var result in Results.Take(finished))
        {
            stream.Write(result);
        }

        stream.Complete();
        stream.Complete();

        var whole = new StringWriter();
        ResultView.Write(whole, Results.Take(finished).ToList(), OutputFormat.Json);
        using var json = JsonDocument.Parse(writer.ToString());
        Assert.Equal(finished, json.RootElement.GetArrayLength());
        Assert.True(whole.ToString() == writer.ToString(), name);
    }

    [Fact]
    public void Json_carries_the_power_cycle_verdict_as_a_word_and_its_reason_code()
    {
        var writer = new StringWriter();
        var stream = new ResultStream<DiskUuidResult>(writer, OutputFormat.Json);
        stream.Write(Results[2]);
        stream.Complete();

        var element = JsonDocument.Parse(writer.ToString()).RootElement[0];
        Assert.Equal(("Unknown", "NoChangeEvent"), (element.GetProperty("needsPowerCycle").GetString(), element.GetProperty("powerCycleReason").GetString()));
    }

    [Fact]
    public void Yaml_items_printed_one_by_one_are_the_sequence_of_all()
    {
        var writer = new StringWriter();
        var stream = new ResultStream<DiskUuidResult>(writer, OutputFormat.Yaml);
        foreach (var result in Results)
        {
            stream.Write(result);
        }

        stream.Complete();

        var whole = new StringWriter();
        ResultView.Write(whole, Results, OutputFormat.Yaml);
        Assert.Equal(whole.ToString(), writer.ToString());
    }

    [Fact]
    public void A_table_row_is_printed_as_soon_as_its_result_is_written()
    {
        var writer = new StringWriter();
        var stream = new ResultStream<DiskUuidResult>(writer, OutputFormat.Table, new ResultViewOptions { EmptyMessage = "none" });

        stream.Write(Results[0]);
        var afterOne = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        stream.Write(Results[2]);
        stream.Complete();
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, afterOne.Length);
        Assert.Matches("^NAME +CHANGED +ENABLED +POWER +POWER CYCLE +ERROR +PATH$", afterOne[0].TrimEnd());
        Assert.Matches("^node-1 +true +true +poweredOn +Yes +/DC0/vm/node-1$", afterOne[1].TrimEnd());
        Assert.Matches("^a-much-longer-node-name-3 +false +true +poweredOn +Unknown +/DC0/vm/x/", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void A_table_of_nothing_says_so()
    {
        var writer = new StringWriter();
        new ResultStream<DiskUuidStatus>(writer, OutputFormat.Table, new ResultViewOptions { EmptyMessage = "No virtual machines matched." }).Complete();

        Assert.Equal("No virtual machines matched.", writer.ToString().Trim());
    }
}
