#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages VsphereK8sStorage.
.DESCRIPTION
    Each task is a plain dotnet command, listed in README.md for machines without PowerShell.
      Clean    removes build output (bin, obj, out).
      Build    builds the solution; the importable module, with its generated help, is staged in
               out/module/VsphereK8sStorage.
      Publish  writes the NativeAOT vk8s, a native executable that needs no .NET runtime, to out/vk8s/vk8s
               (dotnet publish src/VsphereK8sStorage.Cli -c Release -r <this machine's RID> -p:VsphereK8sAot=true).
      Test     runs the xunit tests, then Publish and the CLI tests again against that native vk8s
               (VK8S_BINARY), then the Pester suite (tests/VsphereK8sStorage.Module.Tests/pester)
               against the staged module. Pester 5 comes from tests/tools/install-test-tools.sh (or any
               installed Pester 5); without it the Pester suite is skipped with a warning, and fails when
               the environment variable CI is 'true'.
      Package  builds in Release, copies the staged module to <PackagePath>/VsphereK8sStorage with its
               FileList filled in (ready for Publish-PSResource -Path), its own assemblies ReadyToRun-compiled
               for PowerShell 7.6 on this platform, and packs the vk8s .NET tool into <PackagePath>.
.EXAMPLE
    ./build.ps1 -Task Clean, Build, Test
.EXAMPLE
    ./build.ps1 -Task Package -PackagePath /tmp/vk8s-package
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Publish', 'Test', 'Package')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where Package puts the module folder and the vk8s tool package.
    [string] $PackagePath = (Join-Path $PSScriptRoot 'out/package'),

    # Package what the last Release build staged, without building (the packaging test uses this).
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'VsphereK8sStorage.slnx'
$moduleName = 'VsphereK8sStorage'
$stagedModule = Join-Path $root "out/module/$moduleName"
$inCi = $env:CI -eq 'true'
$nativeVk8s = Join-Path $root 'out/vk8s/vk8s'

# A simple function (no param block) on purpose: an advanced one would bind dotnet's '-o' to its own
# -OutVariable/-OutBuffer common parameters.
function Invoke-Dotnet {
    Write-Verbose "dotnet $($args -join ' ')"
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Find-Pester {
    $cache = if ($env:VK8S_CACHE) { $env:VK8S_CACHE } else { Join-Path $HOME '.cache/vsphere-k8s-storage' }
    $fetched = Join-Path $cache 'packages/pester/5.7.1/tools/Pester.psd1'
    if (Test-Path -LiteralPath $fetched) { return $fetched }
    Get-Module -ListAvailable Pester | Where-Object { $_.Version.Major -eq 5 } | Sort-Object Version -Descending |
        Select-Object -First 1 -ExpandProperty Path
}

function Invoke-PesterSuite {
    $pester = Find-Pester
    if (-not $pester) {
        $message = 'Pester 5 is not installed (run tests/tools/install-test-tools.sh): the Pester suite did not run.'
        if ($inCi) { throw "CI: $message" }
        Write-Warning "SKIPPED: $message"
        return
    }

    Import-Module $pester -Force
    $configuration = New-PesterConfiguration
    $configuration.Run.Path = Join-Path $root 'tests/VsphereK8sStorage.Module.Tests/pester'
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $configuration
    if ($result.FailedCount -gt 0 -or $result.FailedBlocksCount -gt 0 -or $result.FailedContainersCount -gt 0) {
        throw "Pester: $($result.FailedCount) test(s), $($result.FailedBlocksCount) block(s) and $($result.FailedContainersCount) file(s) failed"
    }
    if ($result.PassedCount -eq 0) { throw 'Pester ran no test.' }
    if ($inCi -and $result.SkippedCount -gt 0) { throw "CI: $($result.SkippedCount) Pester test(s) were skipped." }
}

# The staged module as users install it: the same files, with every one listed in the manifest's FileList.
function New-ModulePackage([string] $Destination) {
    $module = Join-Path $Destination $moduleName
    Remove-Item $module -Recurse -Force -ErrorAction SilentlyContinue
    Copy-Item $stagedModule -Destination $module -Recurse
    Add-ReadyToRun $module
    $files = Get-ChildItem $module -File -Recurse | ForEach-Object {
        [System.IO.Path]::GetRelativePath($module, $_.FullName).Replace('\', '/')
    } | Sort-Object
    $manifestPath = Join-Path $module "$moduleName.psd1"
    $list = ($files | ForEach-Object { "        '$_'" }) -join [Environment]::NewLine
    $text = [System.IO.File]::ReadAllText($manifestPath)
    $filled = [regex]::Replace($text, 'FileList\s*=\s*@\(\s*\)', { "FileList             = @(`n$list`n    )" })
    if ($filled -eq $text) { throw "$manifestPath has no 'FileList = @()' to fill in." }
    [System.IO.File]::WriteAllText($manifestPath, $filled)
    Test-ModuleManifest -Path $manifestPath | Out-Null
    $module
}

# The module's own assemblies and YamlDotNet, ReadyToRun-compiled for PowerShell 7.6's runtime (.NET 10) on this
# machine's platform, replace the IL-only ones in the package (tools/VsphereK8sStorage.ModuleReadyToRun says why).
function Add-ReadyToRun([string] $Module) {
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $compiled = Join-Path $root 'out/module-readytorun'
    Invoke-Dotnet publish (Join-Path $root 'tools/VsphereK8sStorage.ModuleReadyToRun') -c Release -r $rid -o $compiled | Out-Host
    foreach ($file in Get-ChildItem -LiteralPath $Module -Filter *.dll -Recurse) {
        $candidate = Join-Path $compiled $file.Name
        if ($file.Name -ne 'KubernetesClient.dll' -and (Test-Path -LiteralPath $candidate)) {
            Copy-Item -LiteralPath $candidate -Destination $file.FullName -Force
        }
    }
}

# The NativeAOT vk8s for this machine. The trim and AOT analysis warnings are errors, as every warning is.
function Publish-NativeVk8s {
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    Invoke-Dotnet publish (Join-Path $root 'src/VsphereK8sStorage.Cli') -c Release -r $rid '-p:VsphereK8sAot=true' -o (Split-Path $nativeVk8s)
    Write-Host "NativeAOT vk8s: $nativeVk8s"
}

$done = [System.Collections.Generic.List[string]]::new()
foreach ($step in $Task) {
    switch ($step) {
        'Clean' {
            Get-ChildItem $root -Directory -Recurse -Include bin, obj, bin-aot, obj-aot | Remove-Item -Recurse -Force
            Remove-Item (Join-Path $root 'out') -Recurse -Force -ErrorAction SilentlyContinue
        }
        'Build' {
            Invoke-Dotnet build $solution -c $Configuration
        }
        'Publish' {
            Publish-NativeVk8s
        }
        'Test' {
            Invoke-Dotnet test $solution -c $Configuration
            # The CLI suite again, every vk8s run being the NativeAOT executable in a process of its own.
            if (-not $done.Contains('Publish')) { Publish-NativeVk8s }
            $env:VK8S_BINARY = $nativeVk8s
            try {
                Invoke-Dotnet test (Join-Path $root 'tests/VsphereK8sStorage.Cli.Tests') -c $Configuration --no-build
            }
            finally {
                Remove-Item Env:VK8S_BINARY
            }
            Invoke-PesterSuite
        }
        'Package' {
            if (-not $NoBuild -and -not ($done.Contains('Build') -and $Configuration -eq 'Release')) {
                Invoke-Dotnet build $solution -c Release
            }
            New-Item -ItemType Directory -Path $PackagePath -Force | Out-Null
            $module = New-ModulePackage $PackagePath
            Invoke-Dotnet pack (Join-Path $root 'src/VsphereK8sStorage.Cli') -c Release -o $PackagePath --no-build
            Write-Host "Module: $module (Publish-PSResource -Path it); vk8s tool: $(Join-Path $PackagePath '*.nupkg')"
        }
    }
    $done.Add($step)
}
