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
        // Kubernetes (issue 13): against the shared control plane (Kubernetes/KubePeer.cs); the Unchanged scripts ask kubectl.
        new ShouldProcessCase(
            "New-K8sPersistentVolume",
            "New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name whatif-pv -Capacity 1Gi -VolumePath '[datastore1] volumes/whatif.vmdk'",
            Target: "PersistentVolume whatif-pv",
            Unchanged: "& $kubectl --kubeconfig $kubeconfig get pv whatif-pv 2>$null | Out-Null; $LASTEXITCODE -ne 0")
        {
            Arrange = () => Kubernetes.KubePeer.Variables(),
            MissingPeer = () => Kubernetes.KubePeer.MissingReason,
        },
        new ShouldProcessCase(
            "New-K8sPersistentVolumeClaim",
            "New-K8sPersistentVolumeClaim -Kubeconfig $kubeconfig -Name whatif-pvc -Namespace default -Capacity 1Gi",
            Target: "PersistentVolumeClaim default/whatif-pvc",
            Unchanged: "& $kubectl --kubeconfig $kubeconfig get pvc whatif-pvc -n default 2>$null | Out-Null; $LASTEXITCODE -ne 0")
        {
            Arrange = () => Kubernetes.KubePeer.Variables(),
            MissingPeer = () => Kubernetes.KubePeer.MissingReason,
        },
        new ShouldProcessCase(
            "New-K8sStorageClass",
            "New-K8sStorageClass -Kubeconfig $kubeconfig -Name whatif-sc -StoragePolicyName Gold",
            Target: "StorageClass whatif-sc",
            Unchanged: "& $kubectl --kubeconfig $kubeconfig get storageclass whatif-sc 2>$null | Out-Null; $LASTEXITCODE -ne 0")
        {
            Arrange = () => Kubernetes.KubePeer.Variables(),
            MissingPeer = () => Kubernetes.KubePeer.MissingReason,
        },
        new ShouldProcessCase(
            "Add-K8sNodeTaint",
            "Add-K8sNodeTaint -Kubeconfig $kubeconfig -Node whatif-node -Key whatif-key -Value v -Effect NoSchedule",
            Target: "node/whatif-node",
            Unchanged: "(& $kubectl --kubeconfig $kubeconfig get node whatif-node -o 'jsonpath={.spec.taints[*].key}') -notmatch 'whatif-key'")
        {
            Arrange = () =>
            {
                Kubernetes.KubePeer.Kubectl("apiVersion: v1\nkind: Node\nmetadata:\n  name: whatif-node\n", "apply", "-f", "-");
                return Kubernetes.KubePeer.Variables();
            },
            MissingPeer = () => Kubernetes.KubePeer.MissingReason,
        },
        new ShouldProcessCase(
            "Remove-K8sNodeTaint",
            "Remove-K8sNodeTaint -Kubeconfig $kubeconfig -Node whatif-tainted -Key whatif-key",
            Target: "node/whatif-tainted",
            Unchanged: "(& $kubectl --kubeconfig $kubeconfig get node whatif-tainted -o 'jsonpath={.spec.taints[*].key}') -match 'whatif-key'")
        {
            Arrange = () =>
            {
                Kubernetes.KubePeer.Kubectl("apiVersion: v1\nkind: Node\nmetadata:\n  name: whatif-tainted\n", "apply", "-f", "-");
                Kubernetes.KubePeer.Kubectl(null, "taint", "node", "whatif-tainted", "whatif-key=v:NoSchedule", "--overwrite");
                return Kubernetes.KubePeer.Variables();
            },
            MissingPeer = () => Kubernetes.KubePeer.MissingReason,
        },
        // The rollout: vCenter (the -WhatIf simulator) and the shared control plane; -Force passes the simulator's
        // failing readiness rows (vCenter 6.5, hardware version 13), -NoWait skips the wait for pods no kubelet runs.
        new ShouldProcessCase(
            "Install-VsphereCpi",
            "Install-VsphereCpi -Server $server -Credential $credential -Thumbprint $thumbprint -Kubeconfig $kubeconfig -ManifestPath $manifest -Force -NoWait",
            Target: "Secret kube-system/vsphere-cloud-secret",
            Unchanged: "& $kubectl --kubeconfig $kubeconfig get secret vsphere-cloud-secret -n kube-system 2>$null | Out-Null; $LASTEXITCODE -ne 0")
        {
            Arrange = () => RolloutCase(Kubernetes.InstallCmdletTests.Upstream("cloud-provider-vsphere", "v1.30-vsphere-cloud-controller-manager.yaml")),
            MissingPeer = () => Kubernetes.KubePeer.MissingReason ?? Vsphere.Vcsim.MissingReason ?? Kubernetes.InstallCmdletTests.MissingUpstream,
        },
        new ShouldProcessCase(
            "Install-VsphereCsi",
            "Install-VsphereCsi -Server $server -Credential $credential -Thumbprint $thumbprint -Kubeconfig $kubeconfig -ManifestPath $manifest -Force -NoWait",
            Target: "Secret vmware-system-csi/vsphere-config-secret",
            Unchanged: "& $kubectl --kubeconfig $kubeconfig get csidriver csi.vsphere.vmware.com 2>$null | Out-Null; $LASTEXITCODE -ne 0")
        {
            Arrange = () => RolloutCase(Kubernetes.InstallCmdletTests.Upstream("vsphere-csi-driver", "v3.3.1-vsphere-csi-driver.yaml")),
            MissingPeer = () => Kubernetes.KubePeer.MissingReason ?? Vsphere.Vcsim.MissingReason ?? Kubernetes.InstallCmdletTests.MissingUpstream,
        },
        // The uninstalls find what an install labelled: a labelled ConfigMap stands in for an installed driver.
        new ShouldProcessCase(
            "Uninstall-VsphereCpi",
            "Uninstall-VsphereCpi -Kubeconfig $kubeconfig",
            Target: "ConfigMap default/whatif-cpi",
            Unchanged: "& $kubectl --kubeconfig $kubeconfig get configmap whatif-cpi -n default 2>$null | Out-Null; $LASTEXITCODE -eq 0")
        {
            Arrange = () => Labelled("whatif-cpi", "vsphere-cpi"),
            MissingPeer = () => Kubernetes.KubePeer.MissingReason,
        },
        new ShouldProcessCase(
            "Uninstall-VsphereCsi",
            "Uninstall-VsphereCsi -Kubeconfig $kubeconfig -Force",
            Target: "ConfigMap default/whatif-csi",
            Unchanged: "& $kubectl --kubeconfig $kubeconfig get configmap whatif-csi -n default 2>$null | Out-Null; $LASTEXITCODE -eq 0")
        {
            Arrange = () => Labelled("whatif-csi", "vsphere-csi"),
            MissingPeer = () => Kubernetes.KubePeer.MissingReason,
        },
    };

    private static IReadOnlyDictionary<string, object?> RolloutCase(string manifest)
    {
        var variables = new Dictionary<string, object?>(VsphereCase(new() { ["manifest"] = manifest }));
        foreach (var (name, value) in Kubernetes.KubePeer.Variables())
        {
            variables[name] = value;
        }

        return variables;
    }

    private static IReadOnlyDictionary<string, object?> Labelled(string name, string partOf)
    {
        Kubernetes.KubePeer.Kubectl($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: default\n  labels:\n    app.kubernetes.io/managed-by: vk8s\n    app.kubernetes.io/part-of: {partOf}\n", "apply", "-f", "-");
        return Kubernetes.KubePeer.Variables();
    }

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
