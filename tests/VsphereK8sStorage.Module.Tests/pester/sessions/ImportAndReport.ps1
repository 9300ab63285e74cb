# A fresh session that imports -Module and reports on one JSON line the error if any, and whether the module and
# its cmdlets are there afterwards. Run by Isolation.Tests.ps1.
param([string] $Module)
$errorId = $null
$message = $null
try {
    Import-Module $Module -ErrorAction Stop
}
catch {
    $errorId = $_.FullyQualifiedErrorId
    $message = $_.Exception.Message
}
[pscustomobject]@{
    ErrorId  = $errorId
    Message  = $message
    Imported = [bool](Get-Module -Name VsphereK8sStorage)
    Commands = @(Get-Command -Name Get-PvcBinding -ErrorAction SilentlyContinue).Count
} | ConvertTo-Json -Compress
