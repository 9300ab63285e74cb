# A fresh session whose module path is only -ModulesPath (plus PowerShell's own): imports VsphereK8sStorage by name,
# as a user who installed it would, and reports what it finds on one JSON line. Run by Package.Tests.ps1.
param([string] $ModulesPath, [string] $Example)
$ErrorActionPreference = 'Stop'
$env:PSModulePath = $ModulesPath + [System.IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')

Import-Module VsphereK8sStorage
$module = Get-Module VsphereK8sStorage
$help = Get-Help Get-PvcBinding
$bindings = @(Get-PvcBinding -Path $Example)

[pscustomobject]@{
    Path                  = $module.ModuleBase
    Version               = $module.Version.ToString()
    Commands              = @(Get-Command -Module VsphereK8sStorage | ForEach-Object Name)
    FormatViews           = @(Get-FormatData -TypeName VsphereK8sStorage.Binding.PvcBinding).Count
    Table                 = ($bindings | Out-String -Width 120)
    Synopsis              = $help.Synopsis
    Claims                = $bindings.Count
} | ConvertTo-Json -Compress
