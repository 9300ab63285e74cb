#Requires -Version 7.4
# The main job for PowerShell users, the twin of main-job.sh: build and import the module, plan the seed
# guides' manifests, then the vSphere rollout as one pipeline against a local vCenter simulator (vcsim,
# built and cached by tests/peers/install-vcsim.sh): disk UUIDs on the node VMs, a VMDK piped into its
# PersistentVolume, a storage policy piped into its StorageClass, rendered offline and planned.
# Throws (exit code 1) when a step does not behave as documented.
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot

& (Join-Path $root 'build.ps1') -Task Build
Import-Module (Join-Path $root 'out/module/VsphereK8sStorage/VsphereK8sStorage.psd1') -Force

Write-Host '### 1. The seed guides'' manifests, planned offline'
Get-ChildItem $PSScriptRoot -Directory | ForEach-Object {
    Write-Host "Get-PvcBinding -Path $($_.Name)"
    Get-PvcBinding -Path $_.FullName | Format-Table | Out-Host
}

Get-PvcBinding -Path (Join-Path $PSScriptRoot 'local-storage') -Node worker-2 -Detailed | Format-List | Out-Host

# Scripts filter on the typed code, not on the prose.
$waiting = Get-PvcBinding -Path (Join-Path $PSScriptRoot 'static-pv-with-default-class') |
    Where-Object ReasonCode -EQ 'ExternalProvisioning'
if ($waiting.Name -ne 'pvc0001') { throw "expected pvc0001 to wait for its provisioner, got '$($waiting.Name)'" }

Write-Host '### 2. The vSphere rollout against a local simulator'
bash (Join-Path $root 'tests/peers/install-vcsim.sh')
if ($LASTEXITCODE -ne 0) {
    # As with the tests: a laptop that cannot build the simulator skips this part visibly; CI fails.
    if ($env:CI -eq 'true') { throw "tests/peers/install-vcsim.sh failed with exit code $LASTEXITCODE" }
    Write-Host 'SKIPPED: the vSphere rollout needs vcsim, and tests/peers/install-vcsim.sh could not build it here (see above).'
    return
}
$cache = $env:PEERS_CACHE ?? (Join-Path $HOME '.cache/vsphere-k8s-storage/peers')
$password = "main-job-$PID"
$start = [System.Diagnostics.ProcessStartInfo]::new((Join-Path $cache 'bin/vcsim'))
foreach ($argument in '-exit-with-stdin', '-place', 'k8s=DC0_C0_RP0_VM*', '-username', 'k8s-admin') { $start.ArgumentList.Add($argument) }
$start.Environment['VCSIM_PASSWORD'] = $password
$start.RedirectStandardInput = $true
$start.RedirectStandardOutput = $true
$vcsim = [System.Diagnostics.Process]::Start($start)
$work = Join-Path ([System.IO.Path]::GetTempPath()) "vk8s-main-job-$PID"
try {
    $server = ([uri]$vcsim.StandardOutput.ReadLine()).Authority
    $credential = [pscredential]::new('k8s-admin', (ConvertTo-SecureString $password -AsPlainText -Force))

    # vcsim's certificate is self-signed. First contact: read its thumbprint (the admin compares it with the
    # one vCenter shows), then pin it; verification stays on for everything after.
    $first = Connect-VsphereServer -Server $server -Credential $credential -SkipCertificateCheck -WarningAction SilentlyContinue
    $thumbprint = $first.CertificateThumbprint
    Disconnect-VsphereServer -Server $first | Out-Null
    Connect-VsphereServer -Server $server -Credential $credential -Thumbprint $thumbprint | Format-Table | Out-Host

    $nodes = Get-VsphereVm -Folder /DC0/vm/k8s
    $nodes | Format-Table | Out-Host
    $nodes | Enable-DiskUuid -WarningAction Continue | Format-Table | Out-Host
    $again = $nodes | Enable-DiskUuid
    if ($again | Where-Object Changed) { throw 'the second Enable-DiskUuid changed a VM again' }
    if (@($again | Where-Object Enabled).Count -ne 2) { throw 'expected both node VMs enabled after the re-run' }

    New-Item -ItemType Directory -Path $work | Out-Null
    New-VsphereVmdk -Path '[LocalDS_0] kubevols/pv0001.vmdk' -Capacity 2Gi |
        New-K8sPersistentVolume -Name pv0001 -AccessMode ReadWriteOnce -ReclaimPolicy Retain -FsType ext4 -Offline |
        Set-Content (Join-Path $work 'pv0001.yaml')
    Get-VsphereStoragePolicy -Name 'vSAN Default Storage Policy' |
        New-K8sStorageClass -Name vsphere-gold -Default -Offline |
        Set-Content (Join-Path $work 'storageclass.yaml')
    New-K8sPersistentVolumeClaim -Name pvc0001 -Namespace default -Capacity 2Gi -AccessMode ReadWriteOnce -StorageClassName '' -Offline |
        Set-Content (Join-Path $work 'pvc0001.yaml')
    Get-Content (Join-Path $work '*.yaml') | Out-Host

    $plan = Get-PvcBinding -Path $work
    $plan | Format-Table | Out-Host
    $claim = $plan | Where-Object Name -EQ 'pvc0001'
    if ($claim.Phase -ne 'Bound' -or $claim.Volume -ne 'pv0001') { throw "pvc0001 should bind pv0001, got $($claim.Phase) $($claim.Volume)" }

    # The CSI driver for this vCenter, rendered offline from the release manifest kept in tests/fixtures/upstream: one file per
    # object, csi-vsphere.conf from the connection, the password redacted unless -IncludeSecrets asks for it.
    $rendered = Join-Path $work 'csi'
    Install-VsphereCsi -Offline -OutputDirectory $rendered -ManifestPath (Join-Path $root 'tests/fixtures/upstream/vsphere-csi-driver-v3.3.1.yaml') -ClusterId main-job -Replicas 1 |
        Format-Table | Out-Host
    if (Select-String -Path (Join-Path $rendered '*') -SimpleMatch $password -Quiet) { throw 'the offline CSI render wrote the password' }
    if (-not (Select-String -Path (Join-Path $rendered '*vsphere-csi-controller*') -Pattern 'replicas: 1' -Quiet)) { throw 'the offline CSI render did not set the controller replicas' }

    Disconnect-VsphereServer | Out-Null
    Write-Host 'main job: every step behaved as documented'
}
finally {
    $vcsim.StandardInput.Close()   # the simulator exits when its standard input closes
    if (-not $vcsim.WaitForExit(5000)) { $vcsim.Kill($true) }
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
