# Shared by the Pester suite: dot-source it in BeforeAll. Paths, the staged module, and fresh pwsh processes.

$script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../../..')).ProviderPath
$script:StagedModule = Join-Path $RepoRoot 'out/module/VsphereK8sStorage'
$script:StagedManifest = Join-Path $StagedModule 'VsphereK8sStorage.psd1'
$script:ExamplesDir = Join-Path $RepoRoot 'examples'
$script:FixturesDir = Join-Path $RepoRoot 'tests/fixtures'
$script:TestToolsCache = if ($env:VK8S_CACHE) { $env:VK8S_CACHE } else { Join-Path $HOME '.cache/vsphere-k8s-storage' }

if (-not (Test-Path -LiteralPath $StagedManifest)) {
    throw "The staged module is missing ($StagedManifest): run 'dotnet build VsphereK8sStorage.slnx -c Release' first."
}

# A test package fetched by tests/tools/install-test-tools.sh, or $null. In CI a missing one is a failure.
function Get-TestPackagePath([string] $RelativePath) {
    $path = Join-Path $TestToolsCache "packages/$RelativePath"
    if (Test-Path -LiteralPath $path) { return $path }
    if ($env:CI -eq 'true') { throw "CI: $path is missing; tests/tools/install-test-tools.sh fetches it." }
    $null
}

# Runs a script file in a new pwsh process (no profile, nothing of this session), with named arguments;
# returns its last output line parsed from JSON. Fails with the process's error output if it fails.
function Invoke-FreshPwsh([string] $ScriptPath, [hashtable] $Arguments = @{}, [hashtable] $Environment = @{}) {
    $pwsh = Join-Path $PSHOME 'pwsh'
    $argumentList = @('-NoProfile', '-NonInteractive', '-File', $ScriptPath)
    foreach ($name in $Arguments.Keys) { $argumentList += "-$name"; $argumentList += [string] $Arguments[$name] }
    $saved = @{}
    foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
    try {
        $output = & $pwsh @argumentList 2>&1
        $exitCode = $LASTEXITCODE
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
    if ($exitCode -ne 0) { throw "pwsh $ScriptPath exited with $exitCode`n$($output -join "`n")" }
    ($output | Select-Object -Last 1) | ConvertFrom-Json
}

# The vCenter simulator built by tests/peers/install-vcsim.sh, or $null (in CI a missing one is a failure).
function Get-VcsimPath {
    $peers = if ($env:PEERS_CACHE) { $env:PEERS_CACHE } else { Join-Path $TestToolsCache 'peers' }
    $path = Join-Path $peers 'bin/vcsim'
    if (Test-Path -LiteralPath $path) { return $path }
    if ($env:CI -eq 'true') { throw "CI: $path is missing; tests/peers/install-vcsim.sh builds it." }
    $null
}

# Starts vcsim on 127.0.0.1 with -Arguments; it exits when Stop-Vcsim closes its standard input (or this process ends).
function Start-Vcsim([string[]] $Arguments = @()) {
    $password = "pester-$PID"
    $start = [System.Diagnostics.ProcessStartInfo]::new((Get-VcsimPath))
    foreach ($argument in @('-exit-with-stdin', '-username', 'k8s-admin') + $Arguments) { $start.ArgumentList.Add($argument) }
    $start.Environment['VCSIM_PASSWORD'] = $password
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($start)
    [pscustomobject]@{
        Process    = $process
        Server     = ([uri]$process.StandardOutput.ReadLine()).Authority
        Credential = [pscredential]::new('k8s-admin', (ConvertTo-SecureString $password -AsPlainText -Force))
    }
}

function Stop-Vcsim($Vcsim) {
    if (-not $Vcsim) { return }
    $Vcsim.Process.StandardInput.Close()
    if (-not $Vcsim.Process.WaitForExit(5000)) { $Vcsim.Process.Kill($true) }
}
