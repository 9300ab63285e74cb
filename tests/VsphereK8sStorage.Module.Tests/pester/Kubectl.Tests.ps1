#Requires -Version 7.4
<#
    What kubectl prints about a real cluster, piped into Get-PvcBinding in a real pwsh session: the plan must be the one
    Get-PvcBinding makes reading the cluster itself. The cluster is etcd and a real kube-apiserver started for this file
    (no controller manager: the claims stay as created, and both plans start from the same objects).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module $StagedManifest -Force -ErrorAction Stop
    $paths = Get-KubePeerPaths
    $apiserver = if ($paths) { Start-KubeApiserver $paths }

    # One line per claim, order-independent: claim, phase, volume, reason code.
    function Get-Plan([object[]] $Bindings) {
        @($Bindings | ForEach-Object { "$($_.Claim) $($_.Phase) $(if ($_.Volume) { $_.Volume } else { '-' }) $($_.ReasonCode)" } | Sort-Object)
    }

    if ($apiserver) {
        $kubectl = $apiserver.Kubectl
        $kubeconfig = $apiserver.Kubeconfig
        $objects = @'
apiVersion: v1
kind: Namespace
metadata: {name: piped}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: piped-gold}
provisioner: csi.vsphere.vmware.com
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: piped-pv}
spec:
  capacity: {storage: 2Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: piped-static
  vsphereVolume: {volumePath: "[datastore1] volumes/piped.vmdk", fsType: ext4}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: bound, namespace: piped}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: piped-static
  resources: {requests: {storage: 2Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: waiting, namespace: piped}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: piped-gold
  resources: {requests: {storage: 5Gi}}
'@
        $created = $objects | & $kubectl --kubeconfig $kubeconfig create -f - 2>&1
        if ($LASTEXITCODE -ne 0) { throw "kubectl create failed: $created" }
    }
}

AfterAll {
    Stop-KubeApiserver $apiserver
    Remove-Module VsphereK8sStorage -Force -ErrorAction SilentlyContinue
}

Describe 'kubectl get … piped into Get-PvcBinding' {
    BeforeAll {
        if ($apiserver) {
            $live = Get-Plan (Get-PvcBinding -Kubeconfig $kubeconfig -Namespace piped -WarningAction SilentlyContinue)
        }
    }

    It 'plans the cluster itself as expected' {
        if (-not $apiserver) { Set-ItResult -Skipped -Because 'kube-apiserver, kubectl or etcd is missing (run tests/peers/install-kube.sh)'; return }

        $live | Should -Be @('piped/bound Bound piped-pv BestMatch', 'piped/waiting Pending - ExternalProvisioning')
    }

    It 'gives the same plan from <Format>' -ForEach @(
        @{ Format = 'kubectl get -o yaml'; Pipeline = { & $kubectl --kubeconfig $kubeconfig get pv,pvc,sc -A -o yaml | Get-PvcBinding -Namespace piped -KubernetesVersion 1.20 -WarningAction SilentlyContinue } }
        @{ Format = 'kubectl get -o json'; Pipeline = { & $kubectl --kubeconfig $kubeconfig get pv,pvc,sc -A -o json | Get-PvcBinding -Namespace piped -KubernetesVersion 1.20 -WarningAction SilentlyContinue } }
        @{ Format = 'kubectl get -o json | ConvertFrom-Json'; Pipeline = { & $kubectl --kubeconfig $kubeconfig get pv,pvc,sc -A -o json | ConvertFrom-Json | Get-PvcBinding -Namespace piped -KubernetesVersion 1.20 -WarningAction SilentlyContinue } }
    ) {
        if (-not $apiserver) { Set-ItResult -Skipped -Because 'kube-apiserver, kubectl or etcd is missing (run tests/peers/install-kube.sh)'; return }

        $piped = Get-Plan (& $Pipeline)

        $piped | Should -Be $live
    }
}
