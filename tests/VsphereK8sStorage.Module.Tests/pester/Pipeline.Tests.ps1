#Requires -Version 7.4
<#
    Objects piped into the parameters that name them, against vcsim (two datastores; the VMs use LocalDS_0): each
    object binds to the parameter that takes it, as its name, and a parameter that cannot use what was piped says so
    in one message naming the input and the fix; nothing is bound as the object's record text.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $script:NoVcsim = -not (Get-VcsimPath)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module $StagedManifest -Force -ErrorAction Stop
    if (Get-VcsimPath) {
        $vcsim = Start-Vcsim @('-ds', '2')
        Connect-VsphereServer -Server $vcsim.Server -Credential $vcsim.Credential -SkipCertificateCheck -WarningAction SilentlyContinue | Out-Null
        $vm = Get-VsphereVm -Name DC0_H0_VM0
        $policy = Get-VsphereStoragePolicy | Select-Object -First 1
        $fcd = Get-VsphereDatastore -Name LocalDS_1 | New-VsphereFcd -Name pipeline-existing -Capacity 1Gi
    }

    # Runs a pipeline and returns what it wrote and every error, terminating or not.
    function Invoke-Pipe([scriptblock] $Pipe) {
        $all = @(try { & $Pipe 2>&1 } catch { $_ })
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }
}

AfterAll {
    if (Get-Module VsphereK8sStorage) { Disconnect-VsphereServer -ErrorAction SilentlyContinue | Out-Null }
    Stop-Vcsim $vcsim
    Remove-Module VsphereK8sStorage -Force -ErrorAction SilentlyContinue
}

Describe 'Objects piped into the parameters that name them' -Skip:$NoVcsim {
    It '<Case>' -ForEach @(
        @{ Case = 'VM into Get-VsphereDatastore: the datastores that VM uses'
           Pipe = { Get-VsphereVm -Name DC0_H0_VM0 | Get-VsphereDatastore }
           Expect = { param($out) ($out.Name -join ',') | Should -Be ($vm.Datastores -join ','); $out.Name | Should -Not -Contain 'LocalDS_1' } }
        @{ Case = 'several VMs into Get-VsphereDatastore: each datastore once'
           Pipe = { Get-VsphereVm | Get-VsphereDatastore }
           Expect = { param($out) ($out.Name -join ',') | Should -Be 'LocalDS_0' } }
        @{ Case = 'datastore into New-VsphereFcd -Datastore'
           Pipe = { Get-VsphereDatastore -Name LocalDS_1 | New-VsphereFcd -Name pipeline-fcd -Capacity 1Gi }
           Expect = { param($out) $out.Name | Should -Be 'pipeline-fcd'; $out.Datastore | Should -Be 'LocalDS_1' } }
        @{ Case = 'datastore into New-VsphereVmdk -Datastore'
           Pipe = { Get-VsphereDatastore -Name LocalDS_1 | New-VsphereVmdk -Name volumes/pipeline-vmdk -Capacity 1Gi }
           Expect = { param($out) $out.VolumePath | Should -Be '[LocalDS_1] volumes/pipeline-vmdk.vmdk' } }
        @{ Case = 'datastore into Get-VsphereFcd -Datastore'
           Pipe = { Get-VsphereDatastore -Name LocalDS_1 | Get-VsphereFcd }
           Expect = { param($out) $out.Name | Should -Contain 'pipeline-existing'; @($out | Where-Object Datastore -ne 'LocalDS_1') | Should -BeNullOrEmpty } }
        @{ Case = 'first-class disk into Get-VsphereFcd: by its VolumeHandle'
           Pipe = { $fcd | Get-VsphereFcd }
           Expect = { param($out) $out.VolumeHandle | Should -Be $fcd.VolumeHandle } }
        @{ Case = 'datastore into Get-VsphereDatastore: the same datastore'
           Pipe = { Get-VsphereDatastore -Name LocalDS_1 | Get-VsphereDatastore }
           Expect = { param($out) $out.Name | Should -Be 'LocalDS_1' } }
        @{ Case = 'VM into Get-VsphereVm: by its Id'
           Pipe = { $vm | Get-VsphereVm }
           Expect = { param($out) $out.Id | Should -Be $vm.Id } }
        @{ Case = 'VM into Test-DiskUuid: by its Id'
           Pipe = { $vm | Test-DiskUuid }
           Expect = { param($out) $out.Name | Should -Be 'DC0_H0_VM0' } }
        @{ Case = 'storage policy into New-K8sStorageClass -StoragePolicyName'
           Pipe = { $policy | New-K8sStorageClass -Name gold -Offline }
           Expect = { param($out) $out -join "`n" | Should -Match ('(?m)^  storagepolicyname: ' + [regex]::Escape($policy.Name) + '$') } }
        @{ Case = 'datastore into New-K8sStorageClass: its Url as -DatastoreUrl, and no storage policy'
           Pipe = { Get-VsphereDatastore -Name LocalDS_1 | New-K8sStorageClass -Name by-datastore -Offline -WarningAction SilentlyContinue }
           Expect = { param($out) $out -join "`n" | Should -Match ('(?m)^  datastoreurl: ' + [regex]::Escape((Get-VsphereDatastore -Name LocalDS_1).Url) + '$'); $out -join "`n" | Should -Not -Match 'storagepolicyname' } }
        @{ Case = 'VMDK into New-K8sPersistentVolume: its VolumePath and Capacity'
           Pipe = { New-VsphereVmdk -Path '[LocalDS_0] volumes/pipeline-pv.vmdk' -Capacity 2Gi | New-K8sPersistentVolume -Name pv-vmdk -AccessMode ReadWriteOnce -Offline }
           Expect = { param($out) $out -join "`n" | Should -Match 'volumePath: ''?\[LocalDS_0\] volumes/pipeline-pv\.vmdk'; $out -join "`n" | Should -Match 'storage: 2Gi' } }
        @{ Case = 'first-class disk into New-K8sPersistentVolume: its VolumeHandle'
           Pipe = { $fcd | New-K8sPersistentVolume -Name pv-fcd -AccessMode ReadWriteOnce -Offline }
           Expect = { param($out) $out -join "`n" | Should -Match ('volumeHandle: ' + [regex]::Escape($fcd.VolumeHandle)) } }
    ) {
        $run = Invoke-Pipe $Pipe

        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -BeGreaterThan 0
        & $Expect $run.Output
    }
}

Describe 'A parameter that cannot use what was piped says so' -Skip:$NoVcsim {
    It '<Case>' -ForEach @(
        @{ Case = 'VM into New-VsphereFcd: -Datastore refuses it'; Parameter = 'Datastore'; Input = "VsphereVm 'DC0_H0_VM0'"; Fix = 'Get-VsphereDatastore'
           Pipe = { Get-VsphereVm -Name DC0_H0_VM0 | New-VsphereFcd -Name refused-1 -Capacity 1Gi } }
        @{ Case = 'datastore into New-VsphereFcd without -Name: -Name refuses it'; Parameter = 'Name'; Input = "VsphereDatastore 'LocalDS_1'"; Fix = '-Name <name>'
           Pipe = { Get-VsphereDatastore -Name LocalDS_1 | New-VsphereFcd -Capacity 1Gi } }
        @{ Case = 'datastore into New-VsphereFcd that already has -Datastore: -Name refuses it'; Parameter = 'Name'; Input = "VsphereDatastore 'LocalDS_1'"; Fix = '-Name <name>'
           Pipe = { Get-VsphereDatastore -Name LocalDS_1 | New-VsphereFcd -Capacity 1Gi -Datastore LocalDS_0 } }
        @{ Case = 'datastore into New-VsphereVmdk without -Name: -Path refuses it'; Parameter = 'Path'; Input = "VsphereDatastore 'LocalDS_1'"; Fix = '-Path <name>'
           Pipe = { Get-VsphereDatastore -Name LocalDS_1 | New-VsphereVmdk -Capacity 1Gi } }
        @{ Case = 'storage policy into Get-VsphereDatastore: -Name refuses it'; Parameter = 'Name'; Input = 'VsphereStoragePolicy'; Fix = 'Get-VsphereDatastore'
           Pipe = { $policy | Get-VsphereDatastore } }
        @{ Case = 'first-class disk into Get-VsphereVm: -Name refuses it'; Parameter = 'Name'; Input = "VsphereFcd 'pipeline-existing'"; Fix = '-Name <name>'
           Pipe = { $fcd | Get-VsphereVm } }
        @{ Case = 'datastore into Enable-DiskUuid: -VM refuses it'; Parameter = 'VM'; Input = "VsphereDatastore 'LocalDS_1'"; Fix = '-VM <name>'
           Pipe = { Get-VsphereDatastore -Name LocalDS_1 | Enable-DiskUuid -WhatIf } }
        @{ Case = 'VM into New-K8sStorageClass: -StoragePolicyName refuses it'; Parameter = 'StoragePolicyName'; Input = "VsphereVm 'DC0_H0_VM0'"; Fix = 'Get-VsphereStoragePolicy'
           Pipe = { $vm | New-K8sStorageClass -Name refused -Offline } }
        @{ Case = 'first-class disk into Add-K8sNodeTaint: -Node refuses it'; Parameter = 'Node'; Input = "VsphereFcd 'pipeline-existing'"; Fix = 'Get-VsphereVm'
           Pipe = { $fcd | Add-K8sNodeTaint -Key k -Effect NoSchedule -Kubeconfig (Join-Path $TestDrive 'none') } }
    ) {
        $before = @(Get-VsphereFcd).Count
        $run = Invoke-Pipe $Pipe

        $run.Output | Should -BeNullOrEmpty
        $refusals = @($run.Errors | Where-Object { $_.Exception.Message -match "^Cannot process argument transformation on parameter '$Parameter'" })
        $refusals.Count | Should -Be 1
        $message = $refusals[0].Exception.Message
        $message | Should -BeLike "*$Input*"
        $message | Should -BeLike "*$Fix*"
        $message | Should -Not -Match '\{ Name =|Exception|   at '
        @(Get-VsphereFcd).Count | Should -Be $before
    }
}

Describe 'A result as text is its name' -Skip:$NoVcsim {
    It '<Type> as a string is its <Property>' -ForEach @(
        @{ Type = 'VsphereVm'; Property = 'Name'; Get = { $vm } }
        @{ Type = 'VsphereDatastore'; Property = 'Name'; Get = { Get-VsphereDatastore -Name LocalDS_1 } }
        @{ Type = 'VsphereStoragePolicy'; Property = 'Name'; Get = { $policy } }
        @{ Type = 'VsphereFcd'; Property = 'Name'; Get = { $fcd } }
        @{ Type = 'DiskUuidStatus'; Property = 'Name'; Get = { $vm | Test-DiskUuid } }
        @{ Type = 'DiskUuidResult'; Property = 'Name'; Get = { $vm | Enable-DiskUuid -Confirm:$false } }
        @{ Type = 'PvcBinding'; Property = 'Claim'; Get = { Get-PvcBinding -Path (Join-Path $ExamplesDir 'vsphere-pv-pvc-walkthrough') } }
    ) {
        $object = & $Get

        $object.GetType().Name | Should -Be $Type
        "$object" | Should -Be $object.$Property
        [string] $object | Should -Be $object.$Property
    }
}
