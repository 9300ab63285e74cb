#Requires -Version 7.4
<#
.SYNOPSIS
    Start-up cost of the module and of vk8s, each as a ratio against a baseline measured in the same run.
.DESCRIPTION
    Module: fresh pwsh processes time Import-Module plus the first Get-PvcBinding on the seed example
    (examples/static-pv-with-default-class) with a Stopwatch inside the process, against Import-Module plus the
    first call of a module with one trivial binary cmdlet (compiled here with Add-Type -OutputAssembly). The
    whole process (pwsh start included) is timed too.

    vk8s: the NativeAOT executable (build.ps1 -Task Publish, out/vk8s/vk8s), published ReadyToRun
    (dotnet publish -r linux-x64 -p:PublishReadyToRun=true) and without it; each process is timed planning the
    seed example and printing its version, against `kubectl version --client` (the kubectl that
    tests/peers/install-kube.sh builds) and the start of a Go binary, govc-lite with no arguments (built by
    tests/peers/install-vcsim.sh).

    Medians of -Runs runs, after one warm-up run each (file cache warm, no JIT cache: every run is a new process).
.EXAMPLE
    ./tests/benchmarks/startup.ps1 -Runs 7
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 50)]
    [int] $Runs = 5,

    # Reuse the published vk8s builds in out/benchmarks from an earlier run.
    [switch] $SkipPublish,

    # Leave out the module (vk8s only).
    [switch] $SkipModule
)

$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$work = Join-Path $root 'out/benchmarks'
$seed = Join-Path $root 'examples/static-pv-with-default-class'
$module = Join-Path $root 'out/module/VsphereK8sStorage/VsphereK8sStorage.psd1'
$pwsh = Join-Path $PSHOME 'pwsh'
$cache = if ($env:VK8S_CACHE) { $env:VK8S_CACHE } else { Join-Path $HOME '.cache/vsphere-k8s-storage' }
$kubectl = Join-Path $cache 'peers/bin/kubectl'
$govcLite = Join-Path $cache 'peers/bin/govc-lite'
$nativeVk8s = Join-Path $root 'out/vk8s/vk8s'
New-Item -ItemType Directory -Path $work -Force | Out-Null
$script:trivialProcess = @()
$script:oursProcess = @()

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

# Wall-clock milliseconds of one process, and what it printed.
function Measure-Process([string] $FilePath, [string[]] $ArgumentList) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $output = & $FilePath @ArgumentList 2>&1
    $watch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed ($LASTEXITCODE): $($output -join "`n")" }
    [pscustomobject]@{ Milliseconds = $watch.Elapsed.TotalMilliseconds; Output = @($output) }
}

# Runs each measure once to warm the file cache, then all of them in turn -Runs times, so load from other
# processes on the machine falls on every measure alike; the median and minimum of each.
function Measure-Interleaved([System.Collections.Specialized.OrderedDictionary] $Measures) {
    foreach ($measure in $Measures.Values) { $null = & $measure }
    $samples = @{}
    foreach ($name in $Measures.Keys) { $samples[$name] = [System.Collections.Generic.List[double]]::new() }
    foreach ($i in 1..$Runs) {
        foreach ($name in $Measures.Keys) { $samples[$name].Add((& $Measures[$name])) }
    }
    foreach ($name in $Measures.Keys) {
        [pscustomobject]@{ Name = $name; Median = [Math]::Round((Get-Median $samples[$name]), 1); Min = [Math]::Round(($samples[$name] | Measure-Object -Minimum).Minimum, 1) }
    }
}

function Get-Ratio([object[]] $Results, [string] $Name, [string] $Baseline) {
    ($Results | Where-Object Name -eq $Name).Median / ($Results | Where-Object Name -eq $Baseline).Median
}

if (-not $SkipModule) {
Write-Host '== Module start-up (pwsh, fresh process per run)'
if (-not (Test-Path -LiteralPath $module)) { Invoke-Dotnet build (Join-Path $root 'src/VsphereK8sStorage') -c Release -nologo -v q }

# The baseline: a binary module with one trivial cmdlet, compiled against this pwsh.
$trivialDir = Join-Path $work 'TrivialModule'
$trivialDll = Join-Path $trivialDir 'TrivialModule.dll'
if (-not (Test-Path -LiteralPath $trivialDll)) {
    New-Item -ItemType Directory -Path $trivialDir -Force | Out-Null
    Add-Type -OutputAssembly $trivialDll -TypeDefinition @'
using System.Management.Automation;
[Cmdlet(VerbsCommon.Get, "Trivial")]
[OutputType(typeof(string))]
public sealed class GetTrivialCommand : PSCmdlet
{
    [Parameter(Position = 0)]
    public string Path { get; set; }

    protected override void ProcessRecord() => WriteObject("trivial " + Path);
}
'@
}

$inner = @'
param([string] $Module, [string] $Command, [string] $Path)
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $Module
$null = & $Command $Path
$watch.Stop()
$watch.Elapsed.TotalMilliseconds
'@
$innerScript = Join-Path $work 'import-and-first-call.ps1'
Set-Content -LiteralPath $innerScript -Value $inner

$trivialRun = @('-NoProfile', '-NonInteractive', '-File', $innerScript, '-Module', $trivialDll, '-Command', 'Get-Trivial', '-Path', $seed)
$moduleRun = @('-NoProfile', '-NonInteractive', '-File', $innerScript, '-Module', $module, '-Command', 'Get-PvcBinding', '-Path', $seed)
$moduleResults = @(Measure-Interleaved ([ordered]@{
            # Each process reports its in-process time and is timed whole; both come from the same runs.
            'trivial' = { $run = Measure-Process $pwsh $trivialRun; $script:trivialProcess += , $run.Milliseconds; [double]$run.Output[-1].ToString() }
            'ours'    = { $run = Measure-Process $pwsh $moduleRun; $script:oursProcess += , $run.Milliseconds; [double]$run.Output[-1].ToString() }
        }))
# The first entry of each list is the warm-up run.
$script:trivialProcess = @($script:trivialProcess | Select-Object -Skip 1)
$script:oursProcess = @($script:oursProcess | Select-Object -Skip 1)
$moduleResults[0].Name = 'Import-Module + first Get-Trivial (baseline), in-process ms'
$moduleResults[1].Name = 'Import-Module + first Get-PvcBinding, in-process ms'
$moduleResults += [pscustomobject]@{ Name = 'whole pwsh process, baseline ms'; Median = [Math]::Round((Get-Median $script:trivialProcess), 1); Min = [Math]::Round(($script:trivialProcess | Measure-Object -Minimum).Minimum, 1) }
$moduleResults += [pscustomobject]@{ Name = 'whole pwsh process, Get-PvcBinding ms'; Median = [Math]::Round((Get-Median $script:oursProcess), 1); Min = [Math]::Round(($script:oursProcess | Measure-Object -Minimum).Minimum, 1) }
$moduleResults | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
Write-Host ('Ratio in-process (ours / trivial): {0:N1}x; whole process: {1:N2}x' -f ($moduleResults[1].Median / $moduleResults[0].Median), ($moduleResults[3].Median / $moduleResults[2].Median))
}

Write-Host '== vk8s cold start (one process per run)'
$cli = Join-Path $root 'src/VsphereK8sStorage.Cli'
$jitDir = Join-Path $work 'vk8s-jit'
$r2rDir = Join-Path $work 'vk8s-r2r'
if (-not $SkipPublish) {
    Invoke-Dotnet publish $cli -c Release -r linux-x64 --self-contained false '-p:PublishReadyToRun=false' -o $jitDir -nologo -v q
    Invoke-Dotnet publish $cli -c Release -r linux-x64 --self-contained false '-p:PublishReadyToRun=true' -o $r2rDir -nologo -v q
    if (-not (Test-Path -LiteralPath $nativeVk8s)) { & (Join-Path $root 'build.ps1') -Task Publish }
}

$vk8sArgs = @('get-pvc-binding', '--path', $seed)
$measures = [ordered]@{}
if (Test-Path -LiteralPath $kubectl) {
    $measures['kubectl version --client (baseline)'] = { (Measure-Process $kubectl @('version', '--client')).Milliseconds }
}
else {
    Write-Host "kubectl is not built yet ($kubectl; tests/peers/install-kube.sh builds it): no kubectl baseline in this run."
}
if (Test-Path -LiteralPath $govcLite) {
    $measures['govc-lite, no arguments (baseline: a Go binary start)'] = { $watch = [System.Diagnostics.Stopwatch]::StartNew(); $null = & $govcLite 2>&1; $watch.Elapsed.TotalMilliseconds }
}
else {
    Write-Host "govc-lite is not built yet ($govcLite; tests/peers/install-vcsim.sh builds it): no Go start-up baseline in this run."
}
if (Test-Path -LiteralPath $nativeVk8s) {
    $measures['vk8s get-pvc-binding (NativeAOT)'] = { (Measure-Process $nativeVk8s $vk8sArgs).Milliseconds }
    $measures['vk8s --version (NativeAOT)'] = { (Measure-Process $nativeVk8s @('--version')).Milliseconds }
}
$measures['vk8s get-pvc-binding (JIT)'] = { (Measure-Process (Join-Path $jitDir 'vk8s') $vk8sArgs).Milliseconds }
$measures['vk8s get-pvc-binding (ReadyToRun)'] = { (Measure-Process (Join-Path $r2rDir 'vk8s') $vk8sArgs).Milliseconds }
$measures['vk8s --version (ReadyToRun)'] = { (Measure-Process (Join-Path $r2rDir 'vk8s') @('--version')).Milliseconds }
$cliResults = @(Measure-Interleaved $measures)
$cliResults | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
foreach ($name in @($measures.Keys) -like 'vk8s*') {
    $ratios = @()
    if (Test-Path -LiteralPath $kubectl) { $ratios += '{0:N2}x kubectl version --client' -f (Get-Ratio $cliResults $name 'kubectl version --client (baseline)') }
    if (Test-Path -LiteralPath $govcLite) { $ratios += '{0:N2}x govc-lite''s start' -f (Get-Ratio $cliResults $name 'govc-lite, no arguments (baseline: a Go binary start)') }
    Write-Host ('{0}: {1}' -f $name, ($ratios -join '; '))
}
Write-Host ('ReadyToRun / JIT: {0:N2}x' -f (Get-Ratio $cliResults 'vk8s get-pvc-binding (ReadyToRun)' 'vk8s get-pvc-binding (JIT)'))
