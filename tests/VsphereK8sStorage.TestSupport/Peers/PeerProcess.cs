using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace VsphereK8sStorage.TestSupport.Peers;

/// <summary>
/// Owns one peer process a test started (vcsim, etcd, kube-apiserver, kube-controller-manager): it ends when
/// the owner is disposed, and at the latest when the test process exits, even if a test froze it (SIGSTOP) or
/// a fixture's cleanup never ran. Every peer a test starts goes through here, so no peer outlives the test run
/// (.ci/run checks that none does). On Linux each peer starts in a process group of its own (setsid), and
/// stopping it kills the whole group with one signal: a tree kill walks the tree one process at a time, and a test
/// host that exits half way through it left a peer's child orphaned (and stopped, as the walk stops each first).
/// </summary>
public sealed class PeerProcess : IDisposable
{
    private const int SigCont = 18;
    private const int SigKill = 9;
    private const string Setsid = "/usr/bin/setsid";
    private static readonly object Gate = new();
    private static readonly HashSet<PeerProcess> Live = new();

    static PeerProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => StopAll();
    }

    private PeerProcess(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>Starts <paramref name="info"/> and owns the process from then on.</summary>
    public static PeerProcess Start(ProcessStartInfo info, string name)
    {
        // setsid execs the program in place (the test host's child is never a group leader), so the pid it
        // returns is the peer's and also its process group's id.
        if (OperatingSystem.IsLinux() && File.Exists(Setsid) && string.IsNullOrEmpty(info.Arguments))
        {
            info.ArgumentList.Insert(0, info.FileName);
            info.FileName = Setsid;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start");
        var owned = new PeerProcess(process);
        lock (Gate)
        {
            Live.Add(owned);
        }

        return owned;
    }

    /// <summary>Ends the process and everything it started (a stopped process is continued first, so it can die).</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            Live.Remove(this);
        }

        Stop(TimeSpan.FromSeconds(10));
        Process.Dispose();
    }

    private void Stop(TimeSpan wait)
    {
        try
        {
            if (Process.HasExited)
            {
                return;
            }

            // The group first, in one signal each: continued (a frozen process cannot die) and killed.
            if ((OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Kill(-Process.Id, SigCont) == 0)
            {
                _ = Kill(-Process.Id, SigKill);
            }
            else if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                _ = Kill(Process.Id, SigCont);
            }

            Process.Kill(entireProcessTree: true);
            Process.WaitForExit((int)wait.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static void StopAll()
    {
        PeerProcess[] left;
        lock (Gate)
        {
            left = new PeerProcess[Live.Count];
            Live.CopyTo(left);
            Live.Clear();
        }

        foreach (var peer in left)
        {
            peer.Stop(TimeSpan.FromSeconds(2));
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
