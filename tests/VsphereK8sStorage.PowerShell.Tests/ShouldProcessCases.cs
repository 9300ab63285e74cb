using System;
using System.Collections.Generic;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;

namespace VsphereK8sStorage.PowerShell.Tests;

/// <summary>
/// One -WhatIf invocation of a state-changing cmdlet, run by <see cref="CmdletConventionTests"/> with -WhatIf and
/// with -Confirm answered No. <paramref name="Invocation"/> is the command as a user types it, without -WhatIf or
/// -Confirm (the test appends them), and it must be able to change something for real: the target must exist, the
/// connection must be up. <paramref name="Target"/> is what the "What if:" line must name, as a person recognises it
/// ("[LocalDS_0] volumes/disk1.vmdk"). <paramref name="Unchanged"/> is a script that returns $true when the run left
/// everything as it was (for example: Test-Path of the file it would have created is $false).
/// </summary>
public sealed record ShouldProcessCase(string Cmdlet, string Invocation, string Target, string Unchanged)
{
    /// <summary>Session variables the invocation uses (a server URL, a credential), made when the case runs.</summary>
    public Func<IReadOnlyDictionary<string, object?>>? Arrange { get; init; }

    /// <summary>Why the case cannot run here, or null; the reason names the tests/peers/install-*.sh that fixes it.</summary>
    public Func<string?>? MissingPeer { get; init; }

    public override string ToString() => Cmdlet;
}

/// <summary>
/// The register of -WhatIf invocations: every exported cmdlet with a state-changing verb needs one entry here,
/// or the convention tests fail naming it. Add yours when you add the cmdlet, next to the others, e.g.
/// <code>
/// new ShouldProcessCase(
///     "New-VmdkDisk",
///     "New-VmdkDisk -Server $server -Credential $credential -Datastore LocalDS_0 -Path volumes/whatif.vmdk -SizeGB 1",
///     Target: "[LocalDS_0] volumes/whatif.vmdk",
///     Unchanged: "-not (Test-VmdkDisk -Server $server -Credential $credential -Path '[LocalDS_0] volumes/whatif.vmdk')")
/// {
///     Arrange = () => new Dictionary&lt;string, object?&gt; { ["server"] = Vcsim.Shared.Url, ["credential"] = Vcsim.Shared.Credential },
///     MissingPeer = () => Vcsim.MissingReason,
/// },
/// </code>
/// </summary>
public static class ShouldProcessCases
{
    // Each vSphere case logs in to the shared vcsim first (Connect-VsphereServer without -WhatIf), then runs the
    // cmdlet under test; the check appends -WhatIf or -Confirm to that last command.
    private const string Connect = "$null = Connect-VsphereServer -Server $server -Credential $credential -Thumbprint $thumbprint; ";

    public static IReadOnlyList<ShouldProcessCase> All { get; } = new ShouldProcessCase[]
    {
        Vsphere(new ShouldProcessCase(
            "Connect-VsphereServer",
            "$global:DefaultVsphereServer = $null; Connect-VsphereServer -Server $server -Credential $credential -Thumbprint $thumbprint",
            Target: "127.0.0.1",
            Unchanged: "$null -eq $global:DefaultVsphereServer")),
        Vsphere(new ShouldProcessCase(
            "Disconnect-VsphereServer",
            Connect + "Disconnect-VsphereServer",
            Target: "user@127.0.0.1",
            Unchanged: "$null -ne $global:DefaultVsphereServer -and @(Get-VsphereDatastore -Name LocalDS_0).Count -eq 1")),
        Vsphere(new ShouldProcessCase(
            "Enable-DiskUuid",
            Connect + "Enable-DiskUuid -VM DC0_H0_VM0",
            Target: "DC0_H0_VM0",
            Unchanged: "-not (Test-DiskUuid -VM DC0_H0_VM0).Enabled")),
        Vsphere(new ShouldProcessCase(
            "New-VsphereVmdk",
            Connect + "New-VsphereVmdk -Path '[LocalDS_0] whatif-disk.vmdk' -Capacity 1Gi",
            Target: "[LocalDS_0] whatif-disk.vmdk",
            Unchanged: "-not (Test-Path -LiteralPath (Join-Path (Get-VsphereDatastore -Name LocalDS_0).Url 'whatif-disk.vmdk'))")),
        Vsphere(new ShouldProcessCase(
            "New-VsphereFcd",
            Connect + "New-VsphereFcd -Name whatif-fcd -Capacity 1Gi -Datastore LocalDS_0",
            Target: "whatif-fcd on [LocalDS_0]",
            Unchanged: "@(Get-VsphereFcd -Name whatif-fcd).Count -eq 0")),
    };

    private static ShouldProcessCase Vsphere(ShouldProcessCase @case) => @case with
    {
        Arrange = () => new Dictionary<string, object?>
        {
            ["server"] = VcsimPeer.Server,
            ["credential"] = VcsimPeer.Credential,
            ["thumbprint"] = VcsimPeer.Thumbprint,
        },
        MissingPeer = () => VcsimPeer.MissingReason,
    };
}
