using System;
using System.Collections.Generic;

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
    public static IReadOnlyList<ShouldProcessCase> All { get; } = new ShouldProcessCase[]
    {
        // vSphere (issue 12): each case runs on its own simulator, which nothing else changes. The server's port is
        // chosen at start, so targets that include it are matched by their fixed part.
        new ShouldProcessCase(
            "Connect-VsphereServer",
            "Connect-VsphereServer -Server $server -Credential $credential -Thumbprint $thumbprint",
            Target: "127.0.0.1:",
            Unchanged: "$global:DefaultVsphereServer -eq 'untouched'")
        {
            Arrange = () => VsphereCase(new() { ["DefaultVsphereServer"] = "untouched" }),
            MissingPeer = () => Vsphere.Vcsim.MissingReason,
        },
        new ShouldProcessCase(
            "Disconnect-VsphereServer",
            "$vc = Connect-VsphereServer -Server $server -Credential $credential -Thumbprint $thumbprint; Disconnect-VsphereServer -Server $vc",
            Target: "@127.0.0.1:",
            Unchanged: "$vc.IsConnected")
        {
            Arrange = () => VsphereCase(),
            MissingPeer = () => Vsphere.Vcsim.MissingReason,
        },
        new ShouldProcessCase(
            "Enable-DiskUuid",
            "Enable-DiskUuid -Server $server -Credential $credential -Thumbprint $thumbprint -VM DC0_H0_VM0",
            Target: "/DC0/vm/DC0_H0_VM0",
            Unchanged: "-not (Test-DiskUuid -Server $server -Credential $credential -Thumbprint $thumbprint -VM DC0_H0_VM0).Enabled")
        {
            Arrange = () => VsphereCase(),
            MissingPeer = () => Vsphere.Vcsim.MissingReason,
        },
        new ShouldProcessCase(
            "New-VsphereVmdk",
            "New-VsphereVmdk -Server $server -Credential $credential -Thumbprint $thumbprint -Path '[LocalDS_0] whatif/disk.vmdk' -Capacity 1Gi",
            Target: "[LocalDS_0] whatif/disk.vmdk",
            Unchanged: "-not (Test-Path (Join-Path (Get-VsphereDatastore -Server $server -Credential $credential -Thumbprint $thumbprint -Name LocalDS_0).Url 'whatif'))")
        {
            Arrange = () => VsphereCase(),
            MissingPeer = () => Vsphere.Vcsim.MissingReason,
        },
        new ShouldProcessCase(
            "New-VsphereFcd",
            "New-VsphereFcd -Server $server -Credential $credential -Thumbprint $thumbprint -Name pv-whatif -Capacity 1Gi -Datastore LocalDS_0",
            Target: "pv-whatif on [LocalDS_0]",
            Unchanged: "-not (Get-VsphereFcd -Server $server -Credential $credential -Thumbprint $thumbprint -Name 'pv-whatif*')")
        {
            Arrange = () => VsphereCase(),
            MissingPeer = () => Vsphere.Vcsim.MissingReason,
        },
    };

    // $server, $credential and $thumbprint of the -WhatIf simulator, plus any variables the case needs.
    private static IReadOnlyDictionary<string, object?> VsphereCase(Dictionary<string, object?>? extra = null)
    {
        var variables = Vsphere.Vcsim.Variables(Vsphere.Vcsim.WhatIf);
        foreach (var (name, value) in extra ?? new Dictionary<string, object?>())
        {
            variables[name] = value;
        }

        return variables;
    }
}
