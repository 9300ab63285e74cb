<#
.SYNOPSIS
The seed guide's whole day (vsphere-cpi-csi-install-guide.txt) as one re-runnable pipeline: readiness, disk UUIDs,
taints, the CPI, the CSI driver, a default StorageClass from a storage policy, a test claim, readiness again.

.DESCRIPTION
Run it again at any time: every step leaves alone what is already as asked (Enable-DiskUuid reports Changed=False,
the installs report every object Unchanged, the StorageClass and claim are applied by server-side apply).
The installs refuse to change anything while a readiness check fails; -Force goes on anyway (a lab, a simulator),
repeating each failure as a warning. Returns one object with each step's results.

.EXAMPLE
./examples/rollout.ps1 -Server vcenter.example.com -Credential (Get-Credential) -Thumbprint $tp -Folder /DC/vm/k8s `
    -CpiManifest ./vsphere-cloud-controller-manager.yaml -CsiManifest ./vsphere-csi-driver.yaml -ClusterId prod-east
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Server,
    [Parameter(Mandatory)] [pscredential] $Credential,
    [string] $Thumbprint,
    [string] $Kubeconfig,
    # The folder of the node VMs (the guide's /cPod-VCN/vm/k8s).
    [Parameter(Mandatory)] [string] $Folder,
    # The nodes to taint for the CPI (wildcards; every node by default, as the guide does).
    [string[]] $Node = '*',
    [Parameter(Mandatory)] [string] $CpiManifest,
    [Parameter(Mandatory)] [string] $CsiManifest,
    [string] $ClusterId = 'cluster01',
    [string] $StoragePolicy = 'vSAN Default Storage Policy',
    [string] $StorageClass = 'vsphere-sc',
    [string] $ClaimNamespace = 'default',
    [switch] $SkipVersionCheck,
    [switch] $Force,
    # Return once the objects are applied (where no kubelet runs, nothing would ever become ready).
    [switch] $NoWait
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module VsphereK8sStorage)) {
    Import-Module (Join-Path $PSScriptRoot '../out/module/VsphereK8sStorage/VsphereK8sStorage.psd1')
}

$kube = @{}
if ($Kubeconfig) { $kube.Kubeconfig = $Kubeconfig }
$connect = @{ Server = $Server; Credential = $Credential }
if ($Thumbprint) { $connect.Thumbprint = $Thumbprint }
$vc = Connect-VsphereServer @connect
$install = @{ Server = $vc; Force = $Force; SkipVersionCheck = $SkipVersionCheck; NoWait = $NoWait } + $kube

try {
    Write-Host '== 1. Readiness before the rollout (what is wrong, and how to fix it)'
    $before = @(Test-VsphereK8sReadiness -Server $vc -SkipVersionCheck:$SkipVersionCheck @kube)
    $before | Where-Object Status -ne Pass | Format-Table Node, Check, Status, Detail -AutoSize | Out-Host

    Write-Host "== 2. disk.enableUUID on every VM in $Folder"
    $disks = @(Get-VsphereVm -Server $vc -Folder $Folder | Enable-DiskUuid -Server $vc)
    $disks | Format-Table Name, Changed, NeedsPowerCycle -AutoSize | Out-Host

    Write-Host '== 3. Nodes tainted uninitialized, for the CPI to initialise them'
    $taints = @(Add-K8sNodeTaint -Node $Node -Key node.cloudprovider.kubernetes.io/uninitialized -Value true -Effect NoSchedule @kube)

    Write-Host '== 4. The vSphere cloud provider (CPI)'
    $cpi = @(Install-VsphereCpi -ManifestPath $CpiManifest @install)
    $cpi | Format-Table -AutoSize | Out-Host

    Write-Host '== 5. The vSphere CSI driver (controller replicas fit to the control-plane nodes)'
    $csi = @(Install-VsphereCsi -ManifestPath $CsiManifest -ClusterId $ClusterId @install)
    $csi | Format-Table -AutoSize | Out-Host

    Write-Host "== 6. StorageClass $StorageClass (default) from storage policy '$StoragePolicy'"
    $class = Get-VsphereStoragePolicy -Server $vc -Name $StoragePolicy | New-K8sStorageClass -Name $StorageClass -Default @kube

    Write-Host '== 7. A test claim, and how it binds'
    $claim = New-K8sPersistentVolumeClaim -Name vsphere-pvc -Namespace $ClaimNamespace -Capacity 5Gi -StorageClassName $StorageClass @kube
    $binding = @(Get-PvcBinding -Namespace $ClaimNamespace -Name vsphere-pvc @kube)
    $binding | Format-Table -AutoSize | Out-Host

    Write-Host '== 8. Readiness after the rollout'
    $after = @(Test-VsphereK8sReadiness -Server $vc -SkipVersionCheck:$SkipVersionCheck @kube)
    $after | Where-Object Status -ne Pass | Format-Table Node, Check, Status, Detail -AutoSize | Out-Host

    [pscustomobject]@{
        Before       = $before
        DiskUuid     = $disks
        Taints       = $taints
        Cpi          = $cpi
        Csi          = $csi
        StorageClass = $class
        Claim        = $claim
        Binding      = $binding
        After        = $after
    }
}
finally {
    Disconnect-VsphereServer -Server $vc -Confirm:$false | Out-Null
}
