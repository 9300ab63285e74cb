#Requires -Version 5.1
# The main job for PowerShell users: build the module, import it, and plan the seed guides' manifests.
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot

dotnet build (Join-Path $root 'src/VsphereK8sStorage') -c Release -nologo -v quiet
if ($LASTEXITCODE -ne 0) { throw "dotnet build failed with exit code $LASTEXITCODE" }
Import-Module (Join-Path $root 'out/module/VsphereK8sStorage/VsphereK8sStorage.psd1') -Force

Get-ChildItem (Join-Path $PSScriptRoot '*') -Directory | ForEach-Object {
    Write-Host "Get-PvcBinding -Path $($_.Name)"
    Get-PvcBinding -Path $_.FullName | Format-Table
}

Get-PvcBinding -Path (Join-Path $PSScriptRoot 'local-storage') -Node minikube | Format-Table
Get-PvcBinding -Path (Join-Path $PSScriptRoot 'local-storage') -Node worker-2 -Detailed | Format-List

# Only the claims that will not bind, with the closest volume and why it was rejected.
Get-PvcBinding -Path (Join-Path $PSScriptRoot 'hostpath-dir') |
    Where-Object Phase -ne 'Bound' |
    Select-Object Claim, Reason, @{ Name = 'Closest'; Expression = { $_.Rejections | Select-Object -First 1 } }
