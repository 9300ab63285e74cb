using System;
using System.Collections.Generic;
using Xunit;

namespace VsphereK8sStorage.TestSupport.Peers;

/// <summary>The contract for tests that need vcsim: skip with the install hint on a machine without it, fail in CI.</summary>
public static class VcsimPeer
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Require()
    {
        var binary = VcsimServer.Binary;
        if (binary is null && InCi)
        {
            throw new InvalidOperationException("vcsim is missing in CI: tests/peers/install-vcsim.sh must run before the tests.");
        }

        Skip.If(binary is null, VcsimServer.MissingHint);
        return binary!;
    }

    /// <summary>Starts a simulator for one test, or skips it (see <see cref="Require"/>).</summary>
    public static VcsimServer Start(IEnumerable<string>? arguments = null, string? username = null, string? password = null)
    {
        Require();
        return VcsimServer.Start(arguments, username, password);
    }
}
