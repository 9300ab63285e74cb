using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Tests.TestSupport;

/// <summary>Connections to a simulator, pinned to its certificate's thumbprint.</summary>
public static class VcsimConnections
{
    public static VsphereConnectOptions Options(this VcsimServer server, string user = "user", string password = "pass") => new()
    {
        Server = server.Server,
        Credential = new NetworkCredential(user, password),
        Thumbprint = VcsimServer.Thumbprint,
    };

    public static Task<VsphereConnection> ConnectAsync(this VcsimServer server, string user = "user", string password = "pass", IOperationHost? host = null) =>
        VsphereConnection.ConnectAsync(server.Options(user, password), host ?? SilentHost.Instance, CancellationToken.None);
}

/// <summary>One simulator shared by a test class; tests that change what others read start their own.</summary>
public class VcsimFixture : IDisposable
{
    private readonly Lazy<VcsimServer> server;

    public VcsimFixture()
        : this(Array.Empty<string>())
    {
    }

    protected VcsimFixture(IEnumerable<string> arguments, string? username = null, string? password = null) =>
        server = new Lazy<VcsimServer>(() => VcsimServer.Start(arguments, username, password), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The running simulator (skips the test when vcsim is not built here).</summary>
    public VcsimServer Server
    {
        get
        {
            VcsimPeer.Require();
            return server.Value;
        }
    }

    public void Dispose()
    {
        if (server.IsValueCreated)
        {
            server.Value.Dispose();
        }
    }
}
