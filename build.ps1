#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests and packages VsphereK8sStorage.
.DESCRIPTION
    Each task is a plain dotnet command, listed in README.md for machines without PowerShell.
      Clean    removes build output (bin, obj, out).
      Build    builds the solution; the importable module is staged in out/module/VsphereK8sStorage.
      Test     runs the xunit tests, then the Pester tests when Pester 5 is installed.
      Package  builds in Release, copies the staged module to out/package/VsphereK8sStorage (ready for
               Publish-Module -Path) and packs the vk8s .NET tool into out/package.
.EXAMPLE
    ./build.ps1 -Task Clean, Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Test', 'Package')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'VsphereK8sStorage.slnx'

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Verbose "dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

foreach ($step in $Task) {
    switch ($step) {
        'Clean' {
            Get-ChildItem $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
            Remove-Item (Join-Path $root 'out') -Recurse -Force -ErrorAction SilentlyContinue
        }
        'Build' {
            Invoke-Dotnet build $solution -c $Configuration
        }
        'Test' {
            Invoke-Dotnet test $solution -c $Configuration
            $pester = Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0' | Select-Object -First 1
            if ($pester) {
                Import-Module $pester
                $result = Invoke-Pester -Path (Join-Path $root 'tests/VsphereK8sStorage.Module.Tests/pester') -PassThru -Output Detailed
                if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed" }
            }
            else {
                Write-Warning 'Pester 5 is not installed (Install-Module Pester -MinimumVersion 5.0): the Pester tests were skipped.'
            }
        }
        'Package' {
            Invoke-Dotnet build $solution -c Release
            $package = Join-Path $root 'out/package'
            Remove-Item $package -Recurse -Force -ErrorAction SilentlyContinue
            New-Item -ItemType Directory -Path $package | Out-Null
            Copy-Item (Join-Path $root 'out/module/VsphereK8sStorage') -Destination $package -Recurse
            Invoke-Dotnet pack (Join-Path $root 'src/VsphereK8sStorage.Cli') -c Release -o $package
            Write-Host "Module: $(Join-Path $package 'VsphereK8sStorage') (Publish-Module -Path it); vk8s tool: $package/*.nupkg"
        }
    }
}
