#
# Module manifest for VsphereK8sStorage.
# ModuleVersion is stamped at build from <Version> in Directory.Build.props, the one place the version lives;
# the built module is staged in out/module/VsphereK8sStorage.
#
@{
    RootModule           = 'VsphereK8sStorage.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0f3f0e-7d0c-4f0e-9a59-2a7f6f4e1c3b'
    Author               = 'VsphereK8sStorage contributors'
    CompanyName          = 'VsphereK8sStorage contributors'
    Copyright            = '(c) VsphereK8sStorage contributors. All rights reserved.'
    Description          = 'Kubernetes persistent storage on VMware vSphere, scripted end to end: VMDKs and first-class disks, disk.enableUUID, node taints, the vSphere CPI and CSI driver, StorageClasses, PersistentVolumes and claims, and Get-PvcBinding, which shows which claim binds to which volume and why.'
    # PowerShell 7.4 and later only: the engine is built on KubernetesClient 21, which targets .NET 8 and
    # later and has no netstandard2.0 build, so Windows PowerShell 5.1 (.NET Framework) cannot load it.
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    # The types users see (what the commands return, the enums they name), in PowerShell's default context so
    # scripts can name them; the engine and its dependencies load in the module's own context (ModuleInitializer).
    RequiredAssemblies   = @('VsphereK8sStorage.Types.dll')
    FormatsToProcess     = @('VsphereK8sStorage.Format.ps1xml', 'VsphereK8sStorage.Vsphere.Format.ps1xml', 'VsphereK8sStorage.Kubernetes.Format.ps1xml')
    CmdletsToExport      = @(
        'Get-PvcBinding',
        'Connect-VsphereServer',
        'Disconnect-VsphereServer',
        'Get-VsphereVm',
        'Get-VsphereDatastore',
        'New-VsphereVmdk',
        'New-VsphereFcd',
        'Get-VsphereFcd',
        'Get-CnsVolume',
        'Get-VsphereK8sStorageMap',
        'Enable-DiskUuid',
        'Test-DiskUuid',
        'Get-VsphereStoragePolicy',
        'New-K8sPersistentVolume',
        'New-K8sPersistentVolumeClaim',
        'New-K8sStorageClass',
        'Add-K8sNodeTaint',
        'Remove-K8sNodeTaint',
        'Test-VsphereK8sReadiness',
        'Install-VsphereCpi',
        'Install-VsphereCsi',
        'Uninstall-VsphereCpi',
        'Uninstall-VsphereCsi'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    # Filled in by build.ps1 -Task Package with every file of the package.
    FileList             = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('vSphere', 'VMware', 'Kubernetes', 'Storage', 'CSI', 'PersistentVolume', 'PVC', 'StorageClass', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/vsphere-k8s-storage/VsphereK8sStorage'
            LicenseUri   = 'https://github.com/vsphere-k8s-storage/VsphereK8sStorage/blob/main/LICENSE'
            ReleaseNotes = 'First release: Get-PvcBinding plans PersistentVolumeClaim bindings from manifests with Kubernetes PV controller semantics and explains every Pending claim.'
        }
    }
}
