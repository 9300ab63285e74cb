using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.PowerShell.Tests.Vsphere;

/// <summary>
/// The vSphere cmdlets in a real runspace against vcsim: PowerShell's binder, pipelines (ours and PowerCLI-shaped
/// objects), -WhatIf, progress, error records with their ids, and the default connection. Every call names its
/// server explicitly unless the test is about the default connection, so tests sharing the runspace do not meet.
/// </summary>
public sealed class VsphereCmdletTests : IClassFixture<ModuleSession>
{
    private const string Connection = "-Server $server -Credential $credential -Thumbprint $thumbprint";

    private readonly ModuleSession session;

    public VsphereCmdletTests(ModuleSession session) => this.session = session;

    private PowerShellRun Run(string script, Dictionary<string, object?>? extra = null)
    {
        VcsimPeer.Require();
        var variables = Vcsim.Variables(Vcsim.Shared);
        foreach (var (name, value) in extra ?? new Dictionary<string, object?>())
        {
            variables[name] = value;
        }

        var run = session.Run(script, variables);
        var everything = string.Join("\n", run.Output.Select(o => o.ToString()).Concat(run.AllErrors.Select(e => e.ToString())).Concat(run.Warnings.Select(w => w.Message)).Concat(run.Verbose.Select(v => v.Message)).Concat(run.HostLines));
        Assert.DoesNotContain(Vcsim.Password, everything);
        return run;
    }

    [SkippableFact]
    public void Connect_sets_the_default_connection_the_other_cmdlets_use_and_Disconnect_clears_it()
    {
        var run = Run($"""
            $c = Connect-VsphereServer {Connection} -Verbose
            $c
            ($DefaultVsphereServer -eq $c)
            (Get-VsphereVm -Name 'DC0_H0_VM*').Count
            Disconnect-VsphereServer | Out-Null
            Test-Path variable:global:DefaultVsphereServer
            $c.IsConnected
            """).AssertSucceeded();

        Assert.Equal("VsphereK8sStorage.Vsphere.VsphereConnection", run.Output[0].BaseObject.GetType().FullName);
        Assert.Equal(Vcsim.User, run.Output[0].Properties["User"].Value);
        Assert.Equal(new object[] { true, 3, false, false }, run.Objects.Skip(1));
        Assert.Contains(run.Verbose, v => v.Message.Contains("Logged in to", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Several_connections_are_default_connections_reads_run_on_each_and_changes_need_one()
    {
        var second = (string)Vcsim.Variables(Vcsim.WhatIf)["server"]!;

        var run = Run($$"""
            Remove-Variable DefaultVsphereServer, DefaultVsphereServers -Scope Global -ErrorAction Ignore
            $a = Connect-VsphereServer {{Connection}}
            $b = Connect-VsphereServer -Server $second -Credential $credential -Thumbprint $thumbprint
            $DefaultVsphereServers.Count
            $DefaultVsphereServer -eq $b
            @(Get-VsphereDatastore -Name LocalDS_0).Server -join ','
            @(Get-VsphereDatastore -Server $b -Name LocalDS_0).Server -join ','
            @(Get-VsphereDatastore -Server $a, $second -Name LocalDS_0).Count
            try { New-VsphereVmdk -Path '[LocalDS_0] multi/disk.vmdk' -Capacity 1Gi -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
            @(Disconnect-VsphereServer -Server $second).Name
            $DefaultVsphereServers.Count
            $DefaultVsphereServer -eq $a
            $b.IsConnected
            $c = Connect-VsphereServer -Server $second -Credential $credential -Thumbprint $thumbprint
            @(Disconnect-VsphereServer -Server *).Count
            @($DefaultVsphereServers).Count
            Test-Path variable:global:DefaultVsphereServer
            """, new Dictionary<string, object?> { ["second"] = second }).AssertSucceeded();

        var first = Vcsim.Shared.Server;
        Assert.Equal(
            new object[] { 2, true, $"{first},{second}", second, 2, "VsphereServerAmbiguous,VsphereK8sStorage.PowerShell.Commands.NewVsphereVmdkCommand", second, 1, true, false, 2, 0, false },
            run.Objects);
    }

    public static TheoryData<string, string, string> PowerShellSizes => new()
    {
        // name, -Capacity as typed, the disk's capacity
        { "PowerShell's 10GB literal is 10 x 2^30 bytes", "10GB", "10Gi" },
        { "a computed size arrives as bytes", "(3 * 1GB)", "3Gi" },
        { "a Kubernetes quantity", "1536Mi", "1536Mi" },
    };

    [SkippableTheory]
    [MemberData(nameof(PowerShellSizes))]
    public void Capacities_as_PowerShell_writes_them_make_disks_of_that_size(string name, string capacity, string expected)
    {
        var run = Run($"(New-VsphereVmdk {Connection} -Path '[LocalDS_0] sizes/{expected}.vmdk' -Capacity {capacity}).Capacity");

        Assert.True(run.Errors.Count == 0, $"{name}: {string.Join("; ", run.Errors)}");
        Assert.Equal(new object[] { expected }, run.Objects);
    }

    [SkippableFact]
    public void A_disk_under_1_MiB_is_refused_and_nothing_is_created()
    {
        var run = Run($"New-VsphereVmdk {Connection} -Path '[LocalDS_0] tiny/disk.vmdk' -Capacity 1");

        var error = run.AssertSingleError("DiskCapacityTooSmall,VsphereK8sStorage.PowerShell.Commands.NewVsphereVmdkCommand", ErrorCategory.InvalidArgument, "1");
        Assert.Contains("give a unit, such as 1Gi or 1GB", error.Exception.Message);
        Assert.DoesNotContain("?.", error.Exception.Message);
    }

    public static TheoryData<string, string, string> Completions => new()
    {
        // name, command line to complete, the command whose names it must complete to
        { "VM names for -Name", "Get-VsphereVm -Name DC0_H0_", "(Get-VsphereVm -Name 'DC0_H0_*').Name" },
        { "VM names for -VM", "Enable-DiskUuid -VM DC0_C0_", "(Get-VsphereVm -Name 'DC0_C0_*').Name" },
        { "datastore names", "New-VsphereFcd -Datastore Local", "(Get-VsphereDatastore -Name 'Local*').Name" },
        { "storage policy names, quoted when they hold spaces", "Get-VsphereStoragePolicy -Name vSAN", "(Get-VsphereStoragePolicy -Name 'vSAN*').Name | ForEach-Object { \"'$_'\" }" },
    };

    [SkippableTheory]
    [MemberData(nameof(Completions))]
    public void Tab_completes_vSphere_names_from_the_default_connection(string name, string line, string expected)
    {
        var run = Run($$"""
            $c = Connect-VsphereServer {{Connection}}
            $completed = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Sort-Object
            $names = {{expected}} | Sort-Object
            Disconnect-VsphereServer -Server $c | Out-Null
            Remove-Variable DefaultVsphereServer, DefaultVsphereServers -Scope Global -ErrorAction Ignore
            ($completed -join '|')
            ($names -join '|')
            """, new Dictionary<string, object?> { ["line"] = line }).AssertSucceeded();

        Assert.True(run.Objects.Count == 2, $"{name}: {string.Join(", ", run.Objects)}");
        Assert.False(string.IsNullOrEmpty(run.Objects[1] as string), $"{name}: the simulator has no such names");
        Assert.True(Equals(run.Objects[1], run.Objects[0]), $"{name}: completed '{run.Objects[0]}', expected '{run.Objects[1]}'");
    }

    [SkippableFact]
    public void PowerCLI_names_work_on_our_objects()
    {
        var run = Run($$"""
            $ds = Get-VsphereDatastore {{Connection}} -Name LocalDS_0
            $ds.CapacityGB -eq ([decimal]$ds.CapacityBytes / 1GB)
            $ds.FreeSpaceGB -eq ([decimal]$ds.FreeSpaceBytes / 1GB)
            $ds.FreeSpaceGB -gt 0
            (Get-VsphereVm {{Connection}} -Location /DC0/vm -Name DC0_H0_VM1).VMHost -eq (Get-VsphereVm {{Connection}} -Name DC0_H0_VM1).Host
            @(Test-DiskUuid {{Connection}} -Location /DC0/vm).Count -gt 0
            """).AssertSucceeded();

        Assert.Equal(new object[] { true, true, true, true, true }, run.Objects);
    }

    [SkippableFact]
    public void Get_VsphereVm_pipes_into_Enable_DiskUuid_and_a_second_run_changes_nothing()
    {
        var run = Run($"Get-VsphereVm {Connection} -Name 'DC0_C0_*' | Enable-DiskUuid {Connection}").AssertSucceeded();
        var again = Run($"Get-VsphereVm {Connection} -Name 'DC0_C0_*' | Enable-DiskUuid {Connection}").AssertSucceeded();

        Assert.Equal(3, run.Output.Count);
        Assert.All(run.Output, o => Assert.Equal("VsphereK8sStorage.Vsphere.DiskUuidResult", o.BaseObject.GetType().FullName));
        Assert.All(run.Output, o => Assert.Equal((true, true, "Yes"), ((bool)o.Properties["Changed"].Value, (bool)o.Properties["Enabled"].Value, o.Properties["NeedsPowerCycle"].Value.ToString())));
        Assert.Single(run.Warnings, w => w.Message.Contains("powered off and on", StringComparison.Ordinal));
        Assert.All(again.Output, o => Assert.False((bool)o.Properties["Changed"].Value));
        Assert.All(again.Output, o => Assert.Equal("Yes", o.Properties["NeedsPowerCycle"].Value.ToString())); // still running since the change
        Assert.Contains(run.Progress, p => p.Activity == "Enabling disk UUIDs");
        Assert.Contains(run.Progress, p => p.RecordType == ProgressRecordType.Completed);
    }

    [SkippableFact]
    public void Remove_VsphereFcd_takes_Get_VsphereFcd_output_and_storage_map_rows_and_writes_each_deleted_disk()
    {
        var name = "pipe-rm-" + Guid.NewGuid().ToString("N")[..8];
        var run = Run($$"""
            $fcd = New-VsphereFcd {{Connection}} -Name {{name}} -Capacity 1Gi -Datastore LocalDS_0
            $fcd | Remove-VsphereFcd {{Connection}} -Force -WhatIf
            $row = [VsphereK8sStorage.StorageMap.StorageMapRow]@{ Status = 'OrphanDisk'; VolumeId = $fcd.VolumeHandle; DiskKind = 'Fcd'; Datastore = 'LocalDS_0' }
            $file = [VsphereK8sStorage.StorageMap.StorageMapRow]@{ Status = 'OrphanDisk'; Path = '[LocalDS_0] rm/left.vmdk'; DiskKind = 'Vmdk' }
            $row, $file | Where-Object Status -eq OrphanDisk | Remove-VsphereFcd {{Connection}} -Force -Confirm:$false
            [bool](Get-VsphereFcd {{Connection}} -Name '{{name}}*')
            """);

        Assert.Contains(run.HostLines, l => l.StartsWith("What if:", StringComparison.Ordinal) && l.Contains($"first-class disk '{name}'", StringComparison.Ordinal) && l.Contains("freeing 1Gi", StringComparison.Ordinal));
        var removed = Assert.Single(run.Output, o => o.TypeNames[0] == "VsphereK8sStorage.Vsphere.VsphereDiskRemoval");
        Assert.Equal(new object[] { "Fcd", "1Gi", true }, new[] { "Kind", "Capacity", "Forced" }.Select(p => removed.Properties[p].Value));
        Assert.Equal(new object[] { false }, run.Objects.Skip(1).ToArray());
        var error = Assert.Single(run.AllErrors);
        Assert.StartsWith("RemoveVsphereFcdNotAFirstClassDisk,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal("[LocalDS_0] rm/left.vmdk is a VMDK file, not a first-class disk; nothing was deleted. Delete it with Remove-VsphereVmdk (pipe the storage map's Vmdk rows there).", error.Exception.Message);
    }

    [SkippableFact]
    public void WhatIf_names_the_VM_and_leaves_it_unchanged()
    {
        var run = Run($"Enable-DiskUuid {Connection} -VM DC0_H0_VM0 -WhatIf").AssertSucceeded();
        var tested = Run($"(Test-DiskUuid {Connection} -VM DC0_H0_VM0).Enabled").AssertSucceeded();

        Assert.Empty(run.Output);
        Assert.Contains(run.HostLines, l => l.Contains("What if: Performing the operation \"Set disk.enableUUID=TRUE\" on target \"/DC0/vm/DC0_H0_VM0\".", StringComparison.Ordinal));
        Assert.Equal(new object[] { false }, tested.Objects);
    }

    [SkippableFact]
    public void PowerCLI_shaped_VM_objects_bind_by_their_Id()
    {
        var run = Run($$"""
            $id = (Get-VsphereVm {{Connection}} -Name DC0_H0_VM1).Id
            [pscustomobject]@{ Name = 'DC0_H0_VM1'; Id = $id; PowerState = 'PoweredOn' } | Enable-DiskUuid {{Connection}}
            """).AssertSucceeded();

        var result = Assert.Single(run.Output);
        Assert.Equal(("DC0_H0_VM1", true), ((string)result.Properties["Name"].Value, (bool)result.Properties["Changed"].Value));
    }

    [SkippableFact]
    public void Names_piped_as_strings_bind_to_VM()
    {
        var run = Run($"'DC0_H0_VM2', 'DC0_C0_RP0_VM2' | Test-DiskUuid {Connection}").AssertSucceeded();

        Assert.Equal(new[] { "DC0_C0_RP0_VM2", "DC0_H0_VM2" }, run.Output.Select(o => (string)o.Properties["Name"].Value).Order());
    }

    [SkippableFact]
    public void A_PowerCLI_shaped_server_object_is_joined_by_its_ServiceUri_and_SessionSecret()
    {
        var cookie = Vcsim.LoginElsewhere(Vcsim.Shared);

        var run = Run(
            """
            $viServer = [pscustomobject]@{ Name = $server; ServiceUri = [uri]"https://$server/sdk"; SessionSecret = $cookie; User = 'someone' }
            $joined = $viServer | Connect-VsphereServer -Thumbprint $thumbprint
            $joined.User
            $joined.CanRenewSession
            (Get-VsphereDatastore).Name
            Remove-Variable DefaultVsphereServer, DefaultVsphereServers -Scope Global
            """,
            new Dictionary<string, object?> { ["cookie"] = cookie }).AssertSucceeded();

        Assert.Equal(new object[] { Vcsim.User, false, "LocalDS_0" }, run.Objects);
    }

    [SkippableFact]
    public void A_name_that_matches_no_VM_is_a_non_terminating_error_with_its_id_and_target()
    {
        var run = Run($"Get-VsphereVm {Connection} -Name DC0_H0_VM2, nope");
        var stopped = Run($"Get-VsphereVm {Connection} -Name nope -ErrorAction Stop");

        Assert.Equal("DC0_H0_VM2", Assert.Single(run.Output).Properties["Name"].Value);
        run.AssertSingleError("VsphereVmNotFound,VsphereK8sStorage.PowerShell.Commands.GetVsphereVmCommand", ErrorCategory.ObjectNotFound, "nope");
        Assert.NotNull(stopped.Terminating);
        Assert.Equal("VsphereVmNotFound,VsphereK8sStorage.PowerShell.Commands.GetVsphereVmCommand", stopped.Terminating!.FullyQualifiedErrorId);
    }

    [SkippableFact]
    public void A_wrong_password_is_an_authentication_error_that_never_shows_the_password()
    {
        var run = Run(
            "Get-VsphereVm -Server $server -Credential $wrong -Thumbprint $thumbprint",
            new Dictionary<string, object?> { ["wrong"] = Vcsim.Credential("not " + Vcsim.Password) });

        var error = run.AssertSingleError("VsphereInvalidLogin,VsphereK8sStorage.PowerShell.Commands.GetVsphereVmCommand", ErrorCategory.AuthenticationError, Vcsim.Shared.Server);
        Assert.Contains(Vcsim.User, error.Exception.Message);
        Assert.DoesNotContain("not " + Vcsim.Password, error.ToString());
    }

    [SkippableFact]
    public void A_wrong_thumbprint_is_a_security_error_that_shows_the_servers_thumbprint()
    {
        var run = Run("Connect-VsphereServer -Server $server -Credential $credential -Thumbprint '0011223344556677889900112233445566778899'");

        var error = run.AssertSingleError("VsphereThumbprintMismatch,VsphereK8sStorage.PowerShell.Commands.ConnectVsphereServerCommand", ErrorCategory.SecurityError, Vcsim.Shared.Server);
        Assert.Contains(VcsimServer.Thumbprint, error.Exception.Message);
    }

    [SkippableFact]
    public void Without_a_connection_the_error_says_how_to_connect()
    {
        var run = Run("Remove-Variable DefaultVsphereServer, DefaultVsphereServers -Scope Global -ErrorAction Ignore; Get-VsphereVm");

        var error = run.AssertSingleError("VsphereNotConnected,VsphereK8sStorage.PowerShell.Commands.GetVsphereVmCommand", ErrorCategory.InvalidOperation, null);
        Assert.Contains("Connect-VsphereServer", error.Exception.Message);
    }

    [SkippableFact]
    public void New_VsphereVmdk_creates_once_and_an_existing_file_is_an_error_with_the_path_as_target()
    {
        var run = Run($"New-VsphereVmdk {Connection} -Path '[LocalDS_0] ps/disk.vmdk' -Capacity 1Gi -DiskType EagerZeroedThick").AssertSucceeded();
        var again = Run($"New-VsphereVmdk {Connection} -Path '[LocalDS_0] ps/disk.vmdk' -Capacity 1Gi");

        var disk = Assert.Single(run.Output);
        Assert.Equal(("[LocalDS_0] ps/disk.vmdk", "1Gi", "eagerZeroedThick"), ((string)disk.Properties["VolumePath"].Value, (string)disk.Properties["Capacity"].Value, (string)disk.Properties["DiskType"].Value));
        again.AssertSingleError("NewVsphereVmdkFileExists,VsphereK8sStorage.PowerShell.Commands.NewVsphereVmdkCommand", ErrorCategory.ResourceExists, "[LocalDS_0] ps/disk.vmdk");
    }

    [SkippableFact]
    public void First_class_disks_pipe_by_volume_handle_and_policies_and_datastores_read_back()
    {
        var run = Run($"""
            $fcd = New-VsphereFcd {Connection} -Name ps-fcd -Capacity 2Gi -Datastore LocalDS_0
            ($fcd | Get-VsphereFcd {Connection}).VolumeHandle -eq $fcd.VolumeHandle
            (Get-VsphereStoragePolicy {Connection} -Name 'vSAN*').Name
            (Get-VsphereDatastore {Connection} LocalDS_0).Url -eq $fcd.DatastoreUrl
            """).AssertSucceeded();

        Assert.Equal(new object[] { true, "vSAN Default Storage Policy", true }, run.Objects);
    }

    [SkippableTheory]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(250)]
    public void Tables_keep_one_line_per_object_at_common_widths(int width)
    {
        var vms = Lines(Run($"Get-VsphereVm {Connection} | Out-String -Width {width}").AssertSucceeded());
        var datastores = Lines(Run($"Get-VsphereDatastore {Connection} | Out-String -Width {width}").AssertSucceeded());
        var uuids = Lines(Run($"Test-DiskUuid {Connection} | Out-String -Width {width}").AssertSucceeded());

        Assert.Matches("^NAME +POWER +DISKUUID +HOST +PATH$", vms[0]);
        Assert.Equal(2 + 6, vms.Count);
        Assert.Matches("^NAME +TYPE +CAPACITY GIB +FREE GIB +URL$", datastores[0]);
        Assert.Matches("^LocalDS_0 +OTHER +[0-9.]+ +[0-9.]+ +/", datastores[2]);
        Assert.Matches("^NAME +ENABLED +POWER +POWER CYCLE +PATH$", uuids[0]); // Test-DiskUuid changes nothing: no CHANGED
        Assert.Equal(2 + 6, uuids.Count);
        Assert.All(vms.Concat(datastores).Concat(uuids), l => Assert.True(l.Length <= width, $"'{l}' is wider than {width}"));
    }

    private static List<string> Lines(PowerShellRun run) =>
        run.Text.Split('\n').Select(l => l.TrimEnd('\r', ' ')).Where(l => l.Length > 0).ToList();
}
