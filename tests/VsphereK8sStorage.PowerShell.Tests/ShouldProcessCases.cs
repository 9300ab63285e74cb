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
    };
}
