using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.PowerShell.Tests.Kubernetes;

/// <summary>
/// One Kubernetes control plane for every PowerShell test that needs it (the Kubernetes cmdlet tests and the
/// -WhatIf cases the convention tests run), started on first use and stopped when the test process exits.
/// Test classes run in parallel: each test names its objects uniquely.
/// </summary>
internal static class KubePeer
{
    private static readonly Lazy<KubeControlPlane> Plane = new(() =>
    {
        var plane = new KubeControlPlane();
        plane.InitializeAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => plane.DisposeAsync().GetAwaiter().GetResult();
        return plane;
    });

    private static int counter;

    public static KubeControlPlane Shared => Plane.Value;

    /// <summary>Why the Kubernetes cmdlets cannot be run here (a missing binary), or null.</summary>
    public static string? MissingReason => Shared.Unavailable ?? (Shared.HasKubectl() ? null : $"kubectl not found in {KubeControlPlane.PeersBin}; run tests/peers/install-kube.sh.");

    /// <summary>Skips a test (or fails it when CI is "true") when a peer it needs is missing; <paramref name="alsoMissing"/> adds another peer's reason.</summary>
    public static void Require(string? alsoMissing = null)
    {
        if ((MissingReason ?? alsoMissing) is not { } missing)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException("CI=true and a peer is missing: " + missing);
        }

        Xunit.Skip.If(true, missing);
    }

    /// <summary>A name no other test uses: "ps3-claim".</summary>
    public static string UniqueName(string what) => $"ps{System.Threading.Interlocked.Increment(ref counter)}-{what}";

    /// <summary>The session variables the scripts use: $kubeconfig (admin) and $kubectl.</summary>
    public static Dictionary<string, object?> Variables(params (string Name, object? Value)[] more)
    {
        var variables = new Dictionary<string, object?> { ["kubeconfig"] = Shared.AdminKubeconfig, ["kubectl"] = Shared.Kubectl };
        foreach (var (name, value) in more)
        {
            variables[name] = value;
        }

        return variables;
    }

    /// <summary>kubectl as admin, for arranging objects the cmdlets do not make (Nodes) and for checking results.</summary>
    public static (int Exit, string Out, string Err) Kubectl(string? stdin, params string[] args) =>
        Shared.KubectlAsync(stdin, args).GetAwaiter().GetResult();
}
