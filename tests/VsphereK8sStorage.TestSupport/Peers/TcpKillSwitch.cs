using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace VsphereK8sStorage.TestSupport.Peers;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of a peer (TLS passes through untouched, so a pinned thumbprint still
/// matches). <see cref="Kill"/> makes the peer vanish for its clients as a crashed server does: every open connection
/// is reset and new ones are refused, while the peer itself keeps running and can be asked what it holds afterwards.
/// </summary>
public sealed class TcpKillSwitch : IDisposable
{
    private readonly TcpListener listener;
    private readonly IPEndPoint target;
    private readonly List<Socket> sockets = new();
    private readonly object gate = new();
    private bool killed;

    public TcpKillSwitch(string targetHost, int targetPort)
    {
        target = new IPEndPoint(IPAddress.Parse(targetHost), targetPort);
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    /// <summary>The port clients connect to instead of the peer's.</summary>
    public int Port { get; }

    /// <summary>host:port, what -Server and --server take.</summary>
    public string Server => $"127.0.0.1:{Port}";

    public bool Killed
    {
        get
        {
            lock (gate)
            {
                return killed;
            }
        }
    }

    /// <summary>Resets every connection and refuses new ones from now on.</summary>
    public void Kill()
    {
        List<Socket> open;
        lock (gate)
        {
            if (killed)
            {
                return;
            }

            killed = true;
            open = new List<Socket>(sockets);
            sockets.Clear();
        }

        listener.Stop();
        foreach (var socket in open)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0); // close with RST, as a dead peer's host does
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public void Dispose() => Kill();

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        lock (gate)
        {
            if (killed)
            {
                client.Close();
                server.Dispose();
                return;
            }

            sockets.Add(client);
            sockets.Add(server);
        }

        try
        {
            await server.ConnectAsync(target).ConfigureAwait(false);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Close();
            server.Close();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}
