#Requires -Version 7.4
<#
.SYNOPSIS
    Start-up cost of the module and of vk8s, each as a ratio against a baseline measured in the same run.
.DESCRIPTION
    Module: fresh pwsh processes time Import-Module plus the first Get-PvcBinding on the seed example
    (examples/static-pv-with-default-class) with a Stopwatch inside the process, against Import-Module plus the
    first call of a module with one trivial binary cmdlet (compiled here with Add-Type -OutputAssembly). The
    whole process (pwsh start included) is timed too. Then the import stage by stage (the public types assembly,
    the cmdlet assembly, the format files, the first call), each with its milliseconds and the number of methods the
    JIT compiled in it, against the trivial module's import and first call in the same runs.

    vk8s: the NativeAOT executable (build.ps1 -Task Publish, out/vk8s/vk8s), published ReadyToRun
    (dotnet publish -r linux-x64 -p:PublishReadyToRun=true) and without it; each process is timed planning the
    seed example and printing its version, against `kubectl version --client` (the kubectl that
    tests/peers/install-kube.sh builds) and the start of a Go binary, govc-lite with no arguments (built by
    tests/peers/install-vcsim.sh).

    Medians of -Runs runs, after one warm-up run each (file cache warm, no JIT cache: every run is a new process).
.EXAMPLE
    ./tests/benchmarks/startup.ps1 -Runs 7
.EXAMPLE
    ./tests/benchmarks/startup.ps1 -Runs 5 -SkipVk8s   # the module's rows and its import stage by stage
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 50)]
    [int] $Runs = 5,

    # Reuse the published vk8s builds in out/benchmarks from an earlier run.
    [switch] $SkipPublish,

    # Leave out the module (vk8s only).
    [switch] $SkipModule,

    # Leave out vk8s (the module only).
    [switch] $SkipVk8s,

    # The module folder to time: the staged one by default; out/package/VsphereK8sStorage (build.ps1 -Task Package)
    # is the one users get, ReadyToRun-compiled for PowerShell 7.6.
    [string] $ModuleDirectory
)

$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$work = Join-Path $root 'out/benchmarks'
$seed = Join-Path $root 'examples/static-pv-with-default-class'
$module = if ($ModuleDirectory) { Join-Path (Resolve-Path -LiteralPath $ModuleDirectory).ProviderPath 'VsphereK8sStorage.psd1' } else { Join-Path $root 'out/module/VsphereK8sStorage/VsphereK8sStorage.psd1' }
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

# Where the import goes, stage by stage, in fresh processes: the manifest's RequiredAssemblies (the public types),
# the cmdlet assembly (PowerShell reflects over its cmdlets), the format files, the first call (the engine's load
# context, the engine and YamlDotNet loaded, the reader and planner compiled). Each stage reports its milliseconds
# and how many methods the JIT compiled in it (System.Runtime.JitInfo): the count does not move with the machine's
# load, so it shows what a change saves where the times are noisy. The trivial module's import and first call are the
# baseline of the same runs.
Write-Host '== Module import, stage by stage (fresh pwsh process per run; ms and JIT-compiled methods)'
$stagesScript = Join-Path $work 'import-stages.ps1'
Set-Content -LiteralPath $stagesScript -Value @'
param([string] $ModuleDirectory, [string] $TrivialDll, [string] $Path, [switch] $Trivial)
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$last = 0.0
$lastJit = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
# Kept and printed at the end: output written between stages would charge the console's formatting to the next stage.
$lines = [System.Collections.Generic.List[string]]::new()
function Stage([string] $Name) {
    $now = $watch.Elapsed.TotalMilliseconds
    $jit = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
    $lines.Add(('{0}={1}/{2}' -f $Name, ($now - $script:last).ToString('F1', [cultureinfo]::InvariantCulture), ($jit - $script:lastJit)))
    $script:last = $now
    $script:lastJit = $jit
}
# The same warm-up in both runs (a .NET method call, a cmdlet call, a command lookup): the first of each in a process
# compiles PowerShell's own machinery, which would otherwise be charged to whichever stage came first.
$null = [System.IO.Path]::Combine('a', 'b')
$null = Get-Variable -Name watch
$null = Get-Command -Name Get-Variable
Stage 'warm-up (not counted)'
if ($Trivial) {
    Import-Module $TrivialDll
    Stage 'trivial import'
    $null = Get-Trivial $Path
    Stage 'trivial first call'
    $lines
    return
}
# What Import-Module does with the manifest's RequiredAssemblies.
$null = [System.Reflection.Assembly]::LoadFrom((Join-Path $ModuleDirectory 'VsphereK8sStorage.Types.dll'))
Stage 'RequiredAssemblies (public types)'
Import-Module (Join-Path $ModuleDirectory 'VsphereK8sStorage.dll')
Stage 'cmdlet assembly (cmdlet discovery, OnImport)'
Update-FormatData -AppendPath (Get-ChildItem -LiteralPath $ModuleDirectory -Filter *.Format.ps1xml).FullName
Stage 'format files'
$null = Get-PvcBinding -Path $Path
Stage 'first Get-PvcBinding (engine load context, YamlDotNet, read and plan)'
$null = Get-PvcBinding -Path $Path
Stage 'second Get-PvcBinding'
$lines
'@
$moduleDirectory = Split-Path -Parent $module
$stageSamples = [ordered]@{}
$stageJit = @{}
foreach ($i in 0..$Runs) {
    foreach ($trivial in @($true, $false)) {
        $arguments = @('-NoProfile', '-NonInteractive', '-File', $stagesScript, '-ModuleDirectory', $moduleDirectory, '-TrivialDll', $trivialDll, '-Path', $seed)
        if ($trivial) { $arguments += '-Trivial' }
        $run = Measure-Process $pwsh $arguments
        if ($i -eq 0) { continue } # warm-up
        foreach ($line in $run.Output) {
            if ("$line" -match '^(.+)=([0-9.]+)/([0-9]+)$') {
                if (-not $stageSamples.Contains($Matches[1])) { $stageSamples[$Matches[1]] = [System.Collections.Generic.List[double]]::new(); $stageJit[$Matches[1]] = [System.Collections.Generic.List[double]]::new() }
                $stageSamples[$Matches[1]].Add([double]::Parse($Matches[2], [cultureinfo]::InvariantCulture))
                $stageJit[$Matches[1]].Add([double]$Matches[3])
            }
        }
    }
}
$stageRows = foreach ($name in $stageSamples.Keys) {
    [pscustomobject]@{ Stage = $name; 'Median ms' = [Math]::Round((Get-Median $stageSamples[$name]), 1); 'JIT methods' = Get-Median $stageJit[$name] }
}
$stageRows | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
$trivialTotal = ($stageRows | Where-Object Stage -like 'trivial*' | Measure-Object 'Median ms' -Sum).Sum
$oursTotal = ($stageRows | Where-Object { $_.Stage -notlike 'trivial*' -and $_.Stage -notlike 'second*' -and $_.Stage -notlike 'warm-up*' } | Measure-Object 'Median ms' -Sum).Sum
Write-Host ('Sum of the stages up to the first call: {0:N0} ms against the trivial module''s {1:N0} ms: {2:N1}x (goal: 1.5x)' -f $oursTotal, $trivialTotal, ($oursTotal / $trivialTotal))
}

if ($SkipVk8s) { return }

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
