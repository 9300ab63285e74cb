# A fresh session that imports -Module, a copy of the module whose engine is missing from dependencies/, waits for the
# import's background warm-up to meet that, then runs a command, and reports on one JSON line. Run by Types.Tests.ps1:
# the session must survive (an exception left on the warm-up's thread would end the process) and the command fail.
param([string] $Module, [string] $Example)
$imported = @(Import-Module $Module 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
Start-Sleep -Milliseconds 1500
$commandError = $null
try {
    $null = Get-PvcBinding -Path $Example -ErrorAction Stop
}
catch {
    $commandError = "$_"
}
[pscustomobject]@{
    ImportErrors = @($imported | ForEach-Object { "$_" })
    CommandError = $commandError
    Alive        = $true
} | ConvertTo-Json -Compress
