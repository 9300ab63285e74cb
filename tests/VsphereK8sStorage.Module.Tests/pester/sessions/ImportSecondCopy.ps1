# A fresh session that imports -Module, then a copy of it at -Copy with -Force, and reports on one JSON line every
# error either import wrote and whether the module still works. Run by Types.Tests.ps1.
param([string] $Module, [string] $Copy, [string] $Example)
$first = @(Import-Module $Module 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
$second = @(Import-Module $Copy -Force 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
$again = @(Import-Module $Copy -Force 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
$bindings = @(Get-PvcBinding -Path $Example)
[pscustomobject]@{
    Errors     = @($first + $second + $again | ForEach-Object { "$_" })
    Base       = (Get-Module VsphereK8sStorage).ModuleBase
    Claims     = $bindings.Count
    IsBinding  = $bindings[0] -is [VsphereK8sStorage.Binding.PvcBinding]
    FormatView = ($bindings | Format-Table | Out-String) -match 'REASON'
} | ConvertTo-Json -Compress
