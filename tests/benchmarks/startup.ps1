#Requires -Version 7.4
<#
.SYNOPSIS
    Every row of the start-up and read-speed table (issue 19), each against a baseline measured in the same run, and
    the table itself in markdown at the end: measure, ours, baseline, ratio, goal.
.DESCRIPTION
    Module: fresh pwsh processes time Import-Module plus the first Get-PvcBinding on the seed example
    (examples/static-pv-with-default-class) with a Stopwatch inside the process, against Import-Module plus the
    first call of a module with one trivial binary cmdlet (compiled here with Add-Type -OutputAssembly), and of the
    same cmdlet imported through a manifest with one format file, as a Gallery module is (a second baseline: it pays
    PowerShell's manifest processing and first format-data load, which the bare DLL does not). The
    whole process (pwsh start included) is timed too. Then the import stage by stage (the public types assembly,
    the cmdlet assembly, the format files, the first call), each with its milliseconds and the number of methods the
    JIT compiled in it, against the trivial module's import and first call in the same runs. These rows run in the
    pwsh that runs this script: the pwsh dotnet tool compiles PowerShell itself as it goes, where PowerShell's release
    packages are ReadyToRun; tests/benchmarks/readytorun-pwsh.sh makes such a copy of it to run this script in.

    vk8s: the NativeAOT executable (build.ps1 -Task Publish, out/vk8s/vk8s), published ReadyToRun
    (dotnet publish -r linux-x64 -p:PublishReadyToRun=true) and without it; each process is timed planning the
    seed example and printing its version, against `kubectl version --client` (the kubectl that
    tests/peers/install-kube.sh builds) and the start of a Go binary, govc-lite with no arguments (built by
    tests/peers/install-vcsim.sh).

    vSphere: vk8s get-vsphere-vm -o json over -Vms VMs on a fresh vcsim (NativeAOT, with its session kept between
    runs and with --no-session-cache), against govc-lite ls /DC0/vm (its session kept, as govc keeps it), and against
    govc-lite vm.extra.scan, which reads two of the view's 13 properties (name and config.extraConfig) of every VM in
    one RetrievePropertiesEx, as ours reads all 13.

    Manifests: vk8s get-pvc-binding on -Objects volumes + -Objects claims as one YAML file of documents, as a
    kubectl-style JSON List and as a kubectl-style YAML List (written by the benchmark project's generate command),
    JSON out, against the issue's goals (4 s for YAML and 2 s for JSON at 50,000 + 50,000); then the bytes allocated per object reading, planning and writing each file (the benchmark
    project's allocations command), against the goal of under 2 KB.

    -BeforeVk8s adds the vk8s rows of another executable (one built from the revision to compare with), so a change
    is measured against the code before it in the same run.

    Medians of -Runs runs, after one warm-up run each (file cache warm, no JIT cache: every run is a new process),
    the measures of one section interleaved run by run so load from other processes falls on all of them alike
    (every other round in reverse order, so no measure always follows the same one).
    Process rows are timed from start to exit with their output read by .NET, not by the PowerShell pipeline.
.EXAMPLE
    ./tests/benchmarks/startup.ps1 -Runs 7
.EXAMPLE
    ./tests/benchmarks/startup.ps1 -Quick   # every section once on small inputs: checks that the script runs
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
    [string] $ModuleDirectory,

    # VMs in the simulator for the get-vsphere-vm rows.
    [ValidateRange(1, 100000)]
    [int] $Vms = 1000,

    # Volumes (and as many claims) for the YAML and JSON rows.
    [ValidateRange(1, 1000000)]
    [int] $Objects = 50000,

    # Another vk8s executable (built from the revision to compare with) for "before" rows.
    [string] $BeforeVk8s,

    [switch] $SkipVsphere,

    [switch] $SkipManifests,

    # Leave out the module's stage-by-stage import.
    [switch] $SkipStages,

    # One run of every section on small inputs, without publishing: that the script works, not how fast anything is.
    [switch] $Quick
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
$vcsim = Join-Path $cache 'peers/bin/vcsim'
$nativeVk8s = if ($env:VK8S_BINARY) { $env:VK8S_BINARY } else { Join-Path $root 'out/vk8s/vk8s' }
if ($BeforeVk8s) { $BeforeVk8s = (Resolve-Path -LiteralPath $BeforeVk8s).ProviderPath }
if ($Quick) {
    $Runs = 1; $Vms = 20; $Objects = 200; $SkipPublish = $true; $SkipStages = $true
}
New-Item -ItemType Directory -Path $work -Force | Out-Null
$script:trivialProcess = @()
$script:oursProcess = @()
$script:table = [System.Collections.Generic.List[object]]::new()
$kubectlName = 'kubectl version --client (baseline)'
$govcStartName = 'govc-lite, no arguments (baseline: a Go binary start)'
$govcLsName = 'govc-lite ls /DC0/vm (baseline)'
# The same server-side shape as ours, with fewer properties: one RetrievePropertiesEx of name and config.extraConfig
# over a container view of every VM.
$govcScanName = 'govc-lite vm.extra.scan (second baseline: name and extraConfig of every VM)'

function Get-LoadAverage {
    if (Test-Path -LiteralPath /proc/loadavg) { ((Get-Content -LiteralPath /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { 'n/a' }
}
$loadBefore = Get-LoadAverage

# Wall-clock milliseconds of one process from start to exit, its output read by .NET (a large output read through the
# PowerShell pipeline would time PowerShell's line handling, not the program).
function Measure-Native([string] $FilePath, [string[]] $ArgumentList, [switch] $AnyExitCode) {
    $info = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $ArgumentList) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($info)
    $stderr = $process.StandardError.ReadToEndAsync()
    $null = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    $watch.Stop()
    if (-not $AnyExitCode -and $process.ExitCode -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed ($($process.ExitCode)): $($stderr.Result)" }
    $watch.Elapsed.TotalMilliseconds
}

# One row of the final table: the median of a measure against its baseline's (or against a goal in milliseconds).
function Add-TableRow([string] $Measure, [object[]] $Results, [string] $Name, [string] $Baseline, [double] $GoalRatio, [double] $GoalMilliseconds, [string] $BaselineLabel) {
    $ours = ($Results | Where-Object Name -eq $Name).Median
    if ($Baseline) {
        $base = ($Results | Where-Object Name -eq $Baseline).Median
        $label = if ($BaselineLabel) { $BaselineLabel } else { $Baseline -replace ' \(baseline.*\)$', '' }
        $script:table.Add([pscustomobject]@{ Measure = $Measure; Ours = ('{0:N0} ms' -f $ours); Baseline = ('{0}: {1:N0} ms' -f $label, $base); Ratio = ('{0:N2}x' -f ($ours / $base)); Goal = ('within {0}x' -f $GoalRatio) })
    }
    else {
        $script:table.Add([pscustomobject]@{ Measure = $Measure; Ours = ('{0:N0} ms' -f $ours); Baseline = 'the goal'; Ratio = ('{0:N2}x the goal' -f ($ours / $GoalMilliseconds)); Goal = $(if ($GoalMilliseconds -ge 1000) { 'under {0:N1} s' -f ($GoalMilliseconds / 1000) } else { 'under {0:N0} ms' -f $GoalMilliseconds }) })
    }
}

# A simulator with -Vms VMs on 127.0.0.1 that ends when its standard input closes (Stop-Vcsim), or with this process.
function Start-Vcsim([int] $Count) {
    $info = [System.Diagnostics.ProcessStartInfo]::new($vcsim)
    foreach ($argument in @('-exit-with-stdin', '-vm', "$Count", '-standalone-host', '0')) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $line = $process.StandardOutput.ReadLine()
    if (-not $line) { $process.Kill(); throw 'vcsim did not print its URL' }
    [pscustomobject]@{ Process = $process; Authority = ([uri]$line).Authority }
}

function Stop-Vcsim($Server) {
    $Server.Process.StandardInput.Close()
    if (-not $Server.Process.WaitForExit(5000)) { $Server.Process.Kill() }
}

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
# processes on the machine falls on every measure alike; the median and minimum of each. Every other round runs them
# in reverse order, so no measure always follows the same one: two vk8s builds on the 50k JSON, alternated A B A B,
# gave the one that ran first in each pair about 190 ms more, whichever build it was.
function Measure-Interleaved([System.Collections.Specialized.OrderedDictionary] $Measures) {
    foreach ($measure in $Measures.Values) { $null = & $measure }
    $samples = @{}
    foreach ($name in $Measures.Keys) { $samples[$name] = [System.Collections.Generic.List[double]]::new() }
    $forward = @($Measures.Keys)
    $backward = @($Measures.Keys)
    [array]::Reverse($backward)
    foreach ($i in 1..$Runs) {
        foreach ($name in $(if ($i % 2 -eq 1) { $forward } else { $backward })) { $samples[$name].Add((& $Measures[$name])) }
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

# A second baseline: the same cmdlet imported as a Gallery module is, through a manifest with one format file.
# PowerShell's manifest processing and its first format-data load are costs every such module pays; the issue's
# baseline (the bare DLL) pays neither, so this row shows what is left of ours beyond them.
$trivialManifestDir = Join-Path $work 'TrivialManifestModule'
$trivialManifest = Join-Path $trivialManifestDir 'TrivialManifestModule.psd1'
# The DLL is copied on every run, so the two baselines always import the same build of the cmdlet.
New-Item -ItemType Directory -Path $trivialManifestDir -Force | Out-Null
Copy-Item -LiteralPath $trivialDll -Destination (Join-Path $trivialManifestDir 'TrivialModule.dll') -Force
if (-not (Test-Path -LiteralPath $trivialManifest)) {
    Set-Content -LiteralPath (Join-Path $trivialManifestDir 'TrivialManifestModule.Format.ps1xml') -Value @'
<?xml version="1.0" encoding="utf-8"?>
<Configuration>
  <ViewDefinitions>
    <View>
      <Name>TrivialResult</Name>
      <ViewSelectedBy><TypeName>TrivialResult</TypeName></ViewSelectedBy>
      <TableControl>
        <TableHeaders><TableColumnHeader><Label>Path</Label></TableColumnHeader></TableHeaders>
        <TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Path</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries>
      </TableControl>
    </View>
  </ViewDefinitions>
</Configuration>
'@
    Set-Content -LiteralPath $trivialManifest -Value @'
@{
    RootModule           = 'TrivialModule.dll'
    ModuleVersion        = '1.0.0'
    GUID                 = '0b7c1c6e-2a55-4a43-9d55-2a3c1d6d8e11'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('TrivialManifestModule.Format.ps1xml')
    CmdletsToExport      = @('Get-Trivial')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
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
$trivialManifestRun = @('-NoProfile', '-NonInteractive', '-File', $innerScript, '-Module', $trivialManifest, '-Command', 'Get-Trivial', '-Path', $seed)
$moduleResults = @(Measure-Interleaved ([ordered]@{
            # Each process reports its in-process time and is timed whole; both come from the same runs.
            'trivial'          = { $run = Measure-Process $pwsh $trivialRun; $script:trivialProcess += , $run.Milliseconds; [double]$run.Output[-1].ToString() }
            'ours'             = { $run = Measure-Process $pwsh $moduleRun; $script:oursProcess += , $run.Milliseconds; [double]$run.Output[-1].ToString() }
            'trivial manifest' = { $run = Measure-Process $pwsh $trivialManifestRun; [double]$run.Output[-1].ToString() }
        }))
# The first entry of each list is the warm-up run.
$script:trivialProcess = @($script:trivialProcess | Select-Object -Skip 1)
$script:oursProcess = @($script:oursProcess | Select-Object -Skip 1)
$moduleResults[0].Name = 'Import-Module + first Get-Trivial (baseline), in-process ms'
$moduleResults[1].Name = 'Import-Module + first Get-PvcBinding, in-process ms'
$moduleResults[2].Name = 'Import-Module + first Get-Trivial through a manifest with a format file (second baseline), in-process ms'
$trivialManifestResult = $moduleResults[2]
$moduleResults += [pscustomobject]@{ Name = 'whole pwsh process, baseline ms'; Median = [Math]::Round((Get-Median $script:trivialProcess), 1); Min = [Math]::Round(($script:trivialProcess | Measure-Object -Minimum).Minimum, 1) }
$moduleResults += [pscustomobject]@{ Name = 'whole pwsh process, Get-PvcBinding ms'; Median = [Math]::Round((Get-Median $script:oursProcess), 1); Min = [Math]::Round(($script:oursProcess | Measure-Object -Minimum).Minimum, 1) }
$moduleResults | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
Write-Host ('Ratio in-process (ours / trivial): {0:N1}x; against the trivial module through a manifest: {1:N2}x; whole process: {2:N2}x' -f ($moduleResults[1].Median / $moduleResults[0].Median), ($moduleResults[1].Median / $trivialManifestResult.Median), ($moduleResults[4].Median / $moduleResults[3].Median))
Add-TableRow 'pwsh Import-Module + first Get-PvcBinding, in process' $moduleResults $moduleResults[1].Name $moduleResults[0].Name 1.5 -BaselineLabel 'Import-Module + first call of a one-cmdlet binary module'
Add-TableRow 'the same, against that module imported through a manifest with one format file (not the issue''s baseline)' $moduleResults $moduleResults[1].Name $trivialManifestResult.Name 1.5 -BaselineLabel 'the one-cmdlet module through a manifest with one format file'

# Where the import goes, stage by stage, in fresh processes: the manifest's RequiredAssemblies (the public types),
# the cmdlet assembly (PowerShell reflects over its cmdlets), the format files, the first call (the engine's load
# context, the engine and YamlDotNet loaded, the reader and planner compiled). Each stage reports its milliseconds
# and how many methods the JIT compiled in it (System.Runtime.JitInfo): the count does not move with the machine's
# load, so it shows what a change saves where the times are noisy. The trivial module's import and first call are the
# baseline of the same runs.
if (-not $SkipStages) {
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
# Paths resolved here, so no stage pays for the first Join-Path or Get-ChildItem of the process.
$typesDll = [System.IO.Path]::Combine($ModuleDirectory, 'VsphereK8sStorage.Types.dll')
$cmdletDll = [System.IO.Path]::Combine($ModuleDirectory, 'VsphereK8sStorage.dll')
$formatFiles = [System.IO.Directory]::GetFiles($ModuleDirectory, '*.Format.ps1xml')
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
$null = [System.Reflection.Assembly]::LoadFrom($typesDll)
Stage 'RequiredAssemblies (public types)'
Import-Module $cmdletDll
Stage 'cmdlet assembly (cmdlet discovery, OnImport)'
Update-FormatData -AppendPath $formatFiles
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
}

if (-not $SkipVk8s) {
Write-Host '== vk8s cold start (one process per run)'
$cli = Join-Path $root 'src/VsphereK8sStorage.Cli'
$jitDir = Join-Path $work 'vk8s-jit'
$r2rDir = Join-Path $work 'vk8s-r2r'
if (-not $SkipPublish) {
    Invoke-Dotnet publish $cli -c Release -r linux-x64 --self-contained false '-p:PublishReadyToRun=false' -o $jitDir -nologo -v q
    Invoke-Dotnet publish $cli -c Release -r linux-x64 --self-contained false '-p:PublishReadyToRun=true' -o $r2rDir -nologo -v q
}
if (-not (Test-Path -LiteralPath $nativeVk8s) -and -not $SkipPublish) { & (Join-Path $root 'build.ps1') -Task Publish }

$vk8sArgs = @('get-pvc-binding', '--path', $seed)
$measures = [ordered]@{}
if (Test-Path -LiteralPath $kubectl) {
    $measures[$kubectlName] = { Measure-Native $kubectl @('version', '--client') }
}
else {
    Write-Host "kubectl is not built yet ($kubectl; tests/peers/install-kube.sh builds it): no kubectl baseline in this run."
}
if (Test-Path -LiteralPath $govcLite) {
    $measures[$govcStartName] = { Measure-Native $govcLite @() -AnyExitCode }
}
else {
    Write-Host "govc-lite is not built yet ($govcLite; tests/peers/install-vcsim.sh builds it): no Go start-up baseline in this run."
}
if (Test-Path -LiteralPath $nativeVk8s) {
    $measures['vk8s get-pvc-binding (NativeAOT)'] = { Measure-Native $nativeVk8s $vk8sArgs }
    $measures['vk8s --version (NativeAOT)'] = { Measure-Native $nativeVk8s @('--version') }
}
if ($BeforeVk8s) {
    $measures['before: vk8s get-pvc-binding (NativeAOT)'] = { Measure-Native $BeforeVk8s $vk8sArgs }
    $measures['before: vk8s --version (NativeAOT)'] = { Measure-Native $BeforeVk8s @('--version') }
}
if (Test-Path -LiteralPath (Join-Path $jitDir 'vk8s')) {
    $measures['vk8s get-pvc-binding (JIT)'] = { Measure-Native (Join-Path $jitDir 'vk8s') $vk8sArgs }
}
if (Test-Path -LiteralPath (Join-Path $r2rDir 'vk8s')) {
    $measures['vk8s get-pvc-binding (ReadyToRun)'] = { Measure-Native (Join-Path $r2rDir 'vk8s') $vk8sArgs }
    $measures['vk8s --version (ReadyToRun)'] = { Measure-Native (Join-Path $r2rDir 'vk8s') @('--version') }
}
$cliResults = @(Measure-Interleaved $measures)
$cliResults | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
foreach ($name in @($measures.Keys) -like '*vk8s*') {
    $ratios = @()
    if ($measures.Contains($kubectlName)) { $ratios += '{0:N2}x kubectl version --client' -f (Get-Ratio $cliResults $name $kubectlName) }
    if ($measures.Contains($govcStartName)) { $ratios += '{0:N2}x govc-lite''s start' -f (Get-Ratio $cliResults $name $govcStartName) }
    Write-Host ('{0}: {1}' -f $name, ($ratios -join '; '))
}
foreach ($variant in @('NativeAOT', 'before')) {
    $plan = if ($variant -eq 'before') { 'before: vk8s get-pvc-binding (NativeAOT)' } else { 'vk8s get-pvc-binding (NativeAOT)' }
    $version = if ($variant -eq 'before') { 'before: vk8s --version (NativeAOT)' } else { 'vk8s --version (NativeAOT)' }
    $label = if ($variant -eq 'before') { ' (before)' } else { '' }
    if ($measures.Contains($plan) -and $measures.Contains($kubectlName)) {
        Add-TableRow "vk8s get-pvc-binding on the seed example, cold$label" $cliResults $plan $kubectlName 1
    }
    if ($measures.Contains($version) -and $measures.Contains($govcStartName)) {
        Add-TableRow "vk8s --version, cold$label" $cliResults $version $govcStartName 2
    }
}
}

if (-not $SkipVsphere) {
    Write-Host "== vk8s get-vsphere-vm over $Vms VMs on vcsim against govc-lite ls /DC0/vm (one process per run, session kept by both)"
    if (-not ((Test-Path -LiteralPath $vcsim) -and (Test-Path -LiteralPath $govcLite) -and (Test-Path -LiteralPath $nativeVk8s))) {
        Write-Host "vcsim, govc-lite or the NativeAOT vk8s is missing (tests/peers/install-vcsim.sh, build.ps1 -Task Publish): no vSphere rows in this run."
    }
    else {
        $server = Start-Vcsim $Vms
        $sessions = Join-Path $work ('vk8s-sessions-' + $PID)
        $saved = @{}
        foreach ($name in 'GOVC_URL', 'GOVC_INSECURE', 'VSPHERE_SERVER', 'VSPHERE_USER', 'VSPHERE_PASSWORD', 'VSPHERE_THUMBPRINT', 'VSPHERE_SESSION', 'VK8S_SESSION_CACHE') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        }
        try {
            $env:GOVC_URL = "https://user:pass@$($server.Authority)/sdk"
            $env:GOVC_INSECURE = '1'
            $env:VSPHERE_SERVER = $server.Authority
            $env:VSPHERE_USER = 'user'
            $env:VSPHERE_PASSWORD = 'pass'
            $env:VSPHERE_THUMBPRINT = '2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:B9'
            Remove-Item Env:VSPHERE_SESSION -ErrorAction SilentlyContinue
            $vsphere = [ordered]@{
                $govcLsName                                       = { Measure-Native $govcLite @('ls', '/DC0/vm') }
                $govcScanName                                     = { Measure-Native $govcLite @('vm.extra.scan') }
                'vk8s get-vsphere-vm -o json (session kept)'      = { $env:VK8S_SESSION_CACHE = $sessions; Measure-Native $nativeVk8s @('get-vsphere-vm', '-o', 'json') }
                'vk8s get-vsphere-vm -o json (--no-session-cache)' = { $env:VK8S_SESSION_CACHE = 'off'; Measure-Native $nativeVk8s @('get-vsphere-vm', '-o', 'json') }
            }
            if ($BeforeVk8s) {
                $vsphere['before: vk8s get-vsphere-vm -o json'] = { $env:VK8S_SESSION_CACHE = 'off'; Measure-Native $BeforeVk8s @('get-vsphere-vm', '-o', 'json') }
            }
            $vsphereResults = @(Measure-Interleaved $vsphere)
            $vsphereResults | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
            $env:VK8S_SESSION_CACHE = $sessions
            $verbose = & $nativeVk8s get-vsphere-vm --verbose --name 'no-such-vm-*' 2>&1 | Where-Object { "$_" -match 'round trips' }
            Write-Host "vk8s --verbose, session kept: $verbose"
            Add-TableRow "vk8s get-vsphere-vm, $Vms VMs on vcsim (session kept)" $vsphereResults 'vk8s get-vsphere-vm -o json (session kept)' $govcLsName 2
            Add-TableRow "vk8s get-vsphere-vm, $Vms VMs on vcsim (--no-session-cache: login and logout)" $vsphereResults 'vk8s get-vsphere-vm -o json (--no-session-cache)' $govcLsName 2
            Add-TableRow "the same, session kept, against govc-lite reading extraConfig (not the issue's baseline)" $vsphereResults 'vk8s get-vsphere-vm -o json (session kept)' $govcScanName 2 -BaselineLabel 'govc-lite vm.extra.scan (name and extraConfig of every VM)'
            if ($BeforeVk8s) {
                Add-TableRow "vk8s get-vsphere-vm, $Vms VMs on vcsim (before)" $vsphereResults 'before: vk8s get-vsphere-vm -o json' $govcLsName 2
            }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            Stop-Vcsim $server
            Remove-Item -LiteralPath $sessions -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

if (-not $SkipManifests) {
    Write-Host "== vk8s get-pvc-binding on $Objects volumes + $Objects claims, YAML and JSON in, JSON out (one process per run)"
    if (-not (Test-Path -LiteralPath $nativeVk8s)) {
        Write-Host "no NativeAOT vk8s at $nativeVk8s (build.ps1 -Task Publish): no manifest rows in this run."
    }
    else {
        # The benchmark project's generator writes the same cluster as one multi-document YAML file, as a kubectl-style
        # JSON List and as a kubectl-style YAML List.
        $data = Join-Path $work 'manifests'
        $yaml = Join-Path $data "cluster-$Objects.yaml"
        $json = Join-Path $data "cluster-$Objects.json"
        $yamlList = Join-Path $data "cluster-$Objects-list.yaml"
        if (-not ((Test-Path -LiteralPath $yaml) -and (Test-Path -LiteralPath $json) -and (Test-Path -LiteralPath $yamlList))) {
            Invoke-Dotnet run -c Release --project (Join-Path $root 'tests/VsphereK8sStorage.Benchmarks') -- generate $Objects $data
        }
        $manifests = [ordered]@{
            'vk8s get-pvc-binding, YAML in, JSON out' = { Measure-Native $nativeVk8s @('get-pvc-binding', '--path', $yaml, '-o', 'json') }
            'vk8s get-pvc-binding, JSON in, JSON out' = { Measure-Native $nativeVk8s @('get-pvc-binding', '--path', $json, '-o', 'json') }
            'vk8s get-pvc-binding, YAML List in, JSON out' = { Measure-Native $nativeVk8s @('get-pvc-binding', '--path', $yamlList, '-o', 'json') }
        }
        if ($BeforeVk8s) {
            $manifests['before: vk8s get-pvc-binding, YAML in, JSON out'] = { Measure-Native $BeforeVk8s @('get-pvc-binding', '--path', $yaml, '-o', 'json') }
            $manifests['before: vk8s get-pvc-binding, JSON in, JSON out'] = { Measure-Native $BeforeVk8s @('get-pvc-binding', '--path', $json, '-o', 'json') }
            $manifests['before: vk8s get-pvc-binding, YAML List in, JSON out'] = { Measure-Native $BeforeVk8s @('get-pvc-binding', '--path', $yamlList, '-o', 'json') }
        }
        $manifestResults = @(Measure-Interleaved $manifests)
        $manifestResults | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
        $yamlGoal = 4000 * $Objects / 50000
        $jsonGoal = 2000 * $Objects / 50000
        Add-TableRow "$Objects volumes + $Objects claims, YAML in, JSON out (NativeAOT)" $manifestResults 'vk8s get-pvc-binding, YAML in, JSON out' $null 1 -GoalMilliseconds $yamlGoal
        Add-TableRow "the same, JSON in (kubectl get -o json's List)" $manifestResults 'vk8s get-pvc-binding, JSON in, JSON out' $null 1 -GoalMilliseconds $jsonGoal
        Add-TableRow "the same, YAML List in (kubectl get -o yaml's List)" $manifestResults 'vk8s get-pvc-binding, YAML List in, JSON out' $null 1 -GoalMilliseconds $yamlGoal
        if ($BeforeVk8s) {
            Add-TableRow "the same, YAML in (before)" $manifestResults 'before: vk8s get-pvc-binding, YAML in, JSON out' $null 1 -GoalMilliseconds $yamlGoal
            Add-TableRow "the same, JSON in (before)" $manifestResults 'before: vk8s get-pvc-binding, JSON in, JSON out' $null 1 -GoalMilliseconds $jsonGoal
            Add-TableRow "the same, YAML List in (before)" $manifestResults 'before: vk8s get-pvc-binding, YAML List in, JSON out' $null 1 -GoalMilliseconds $yamlGoal
        }

        # Allocations are counted by the runtime, not timed: one pass of each file, in process (the benchmark project).
        Write-Host "== bytes allocated per object, the same files (benchmark project: allocations)"
        $allocations = @(Invoke-Dotnet run -c Release --project (Join-Path $root 'tests/VsphereK8sStorage.Benchmarks') -- allocations $json $yaml)
        $allocations | Write-Host
        foreach ($line in $allocations) {
            if ("$line" -match '^cluster-\d+\.(?<kind>json|yaml): .*per object: (?<total>\d+) end to end \((?<stages>[^)]*)\)') {
                $script:table.Add([pscustomobject]@{
                    Measure = "allocated per object, end to end, $($Matches.kind.ToUpperInvariant()) in"
                    Ours = ('{0:N0} B ({1})' -f [int]$Matches.total, $Matches.stages)
                    Baseline = 'the goal'
                    Ratio = ('{0:N2}x the goal' -f ([int]$Matches.total / 2048))
                    Goal = 'under 2 KB'
                })
            }
        }
    }
}

Write-Host ''
Write-Host ('## Start-up and read speed, one run ({0:yyyy-MM-dd HH:mm} UTC, {1} cores, load average {2} before, {3} after; medians of {4} interleaved runs)' -f [DateTime]::UtcNow, [Environment]::ProcessorCount, $loadBefore, (Get-LoadAverage), $Runs)
Write-Host ''
Write-Host '| measure | ours | baseline | ratio | goal |'
Write-Host '| --- | ---: | --- | ---: | --- |'
foreach ($row in $script:table) {
    Write-Host ('| {0} | {1} | {2} | {3} | {4} |' -f $row.Measure, $row.Ours, $row.Baseline, $row.Ratio, $row.Goal)
}
Write-Host ''
Write-Host 'Allocated per object: GC.GetTotalAllocatedBytes around each stage, one pass (the JIT build of the same code); BenchmarkDotNet gives the same figure per operation: dotnet run -c Release --project tests/VsphereK8sStorage.Benchmarks -- --filter ''*ReadWrite*''.'
