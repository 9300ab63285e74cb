# A fresh session whose module path is only -ModulesPath (plus PowerShell's own): imports VsphereK8sStorage by name,
# as a user who installed it would, and reports what it finds on one JSON line. Run by Package.Tests.ps1.
param([string] $ModulesPath, [string] $Example)
$ErrorActionPreference = 'Stop'
$env:PSModulePath = $ModulesPath + [System.IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')

Import-Module VsphereK8sStorage
$module = Get-Module VsphereK8sStorage
$help = Get-Help Get-PvcBinding -Full
$declared = (Get-Command Get-PvcBinding).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters }
$described = @($help.Parameters.Parameter | Where-Object { ($_.Description.Text -join '').Trim() } | ForEach-Object Name)
$bindings = @(Get-PvcBinding -Path $Example)

[pscustomobject]@{
    Path                  = $module.ModuleBase
    Version               = $module.Version.ToString()
    Commands              = @(Get-Command -Module VsphereK8sStorage | ForEach-Object Name)
    FormatViews           = @(Get-FormatData -TypeName VsphereK8sStorage.Binding.PvcBinding).Count
    Table                 = ($bindings | Out-String -Width 120)
    Synopsis              = $help.Synopsis
    UndescribedParameters = @($declared | Where-Object { $_ -notin $described })
    Examples              = @($help.Examples.Example).Count
    Claims                = $bindings.Count
} | ConvertTo-Json -Compress
