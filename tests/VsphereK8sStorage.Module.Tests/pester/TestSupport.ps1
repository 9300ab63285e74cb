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

# The Kubernetes peers built by tests/peers/install-kube.sh (kube-apiserver, kubectl) and Debian's etcd, or $null
# when one is missing (in CI a missing one is a failure).
function Get-KubePeerPaths {
    $peers = if ($env:PEERS_CACHE) { $env:PEERS_CACHE } else { Join-Path $TestToolsCache 'peers' }
    $paths = @{
        Apiserver = Join-Path $peers 'bin/kube-apiserver'
        Kubectl   = Join-Path $peers 'bin/kubectl'
        Etcd      = (Get-Command etcd -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        Openssl   = (Get-Command openssl -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    }
    $missing = @($paths.Keys | Where-Object { -not $paths[$_] -or -not (Test-Path -LiteralPath $paths[$_]) })
    if ($missing.Count -eq 0) { return [pscustomobject]$paths }
    if ($env:CI -eq 'true') { throw "CI: $($missing -join ', ') missing; tests/peers/install-kube.sh builds them." }
    $null
}

# Starts etcd and a real kube-apiserver on 127.0.0.1 (a CA and server certificate made by openssl for the run, an
# admin token) and returns the kubeconfig and kubectl to use. Each process runs in a process group of its own under a
# watchdog that ends it when this pwsh does; Stop-KubeApiserver kills the groups and removes the folder.
function Start-KubeApiserver($Paths) {
    $dir = Join-Path ([System.IO.Path]::GetTempPath()) "vk8s-pester-kube-$PID"
    New-Item -ItemType Directory -Path $dir -Force | Out-Null
    $openssl = {
        param([string[]] $Arguments)
        $out = & $Paths.Openssl @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "openssl $($Arguments -join ' ') failed: $out" }
    }
    Push-Location $dir
    try {
        & $openssl @('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=vk8s-pester-ca',
            '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
        Set-Content -LiteralPath server.ext -Value "subjectAltName=IP:127.0.0.1`nextendedKeyUsage=serverAuth`nkeyUsage=critical,digitalSignature,keyEncipherment"
        & $openssl @('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=kube-apiserver')
        & $openssl @('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext')
        & $openssl @('genrsa', '-out', 'sa.key', '2048')
        & $openssl @('rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub')
    }
    finally { Pop-Location }
    $token = "pester-$PID-$([guid]::NewGuid().ToString('N'))"
    Set-Content -LiteralPath (Join-Path $dir 'tokens.csv') -Value "$token,admin,uid-admin,`"system:masters`""

    $freePort = {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop(); $port
    }
    $etcdClient = & $freePort; $etcdPeer = & $freePort; $port = & $freePort
    $watchdog = '"$0" "$@" > "$PEER_LOG" 2>&1 & child=$!; while kill -0 "$PEER_PARENT" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; kill -KILL $child 2>/dev/null'
    $start = {
        param([string] $Name, [string] $File, [string[]] $Arguments)
        $info = [System.Diagnostics.ProcessStartInfo]::new('/usr/bin/setsid')
        foreach ($argument in @('/bin/sh', '-c', $watchdog, $File) + $Arguments) { $info.ArgumentList.Add($argument) }
        $info.Environment['PEER_LOG'] = Join-Path $dir "$Name.log"
        $info.Environment['PEER_PARENT'] = [string]$PID
        $info.UseShellExecute = $false
        [System.Diagnostics.Process]::Start($info)
    }
    $processes = @(
        & $start 'etcd' $Paths.Etcd @('--name', 'pester', '--data-dir', (Join-Path $dir 'etcd'),
            '--listen-client-urls', "http://127.0.0.1:$etcdClient", '--advertise-client-urls', "http://127.0.0.1:$etcdClient",
            '--listen-peer-urls', "http://127.0.0.1:$etcdPeer", '--initial-advertise-peer-urls', "http://127.0.0.1:$etcdPeer",
            '--initial-cluster', "pester=http://127.0.0.1:$etcdPeer", '--log-level', 'error')
        & $start 'kube-apiserver' $Paths.Apiserver @('--etcd-servers', "http://127.0.0.1:$etcdClient", '--bind-address', '127.0.0.1',
            '--advertise-address', '127.0.0.1', '--secure-port', "$port", '--insecure-port', '0',
            '--tls-cert-file', (Join-Path $dir 'server.crt'), '--tls-private-key-file', (Join-Path $dir 'server.key'),
            '--token-auth-file', (Join-Path $dir 'tokens.csv'), '--service-account-key-file', (Join-Path $dir 'sa.pub'),
            '--service-account-signing-key-file', (Join-Path $dir 'sa.key'), '--service-account-issuer', 'https://kubernetes.default.svc',
            '--authorization-mode', 'RBAC', '--service-cluster-ip-range', '10.0.0.0/24', '--endpoint-reconciler-type', 'none', '--v', '0')
    )
    $apiserver = [pscustomobject]@{ Directory = $dir; Processes = $processes; Kubectl = $Paths.Kubectl; Kubeconfig = (Join-Path $dir 'admin.kubeconfig') }
    Set-Content -LiteralPath $apiserver.Kubeconfig -Value @"
apiVersion: v1
kind: Config
clusters:
- name: pester
  cluster:
    server: https://127.0.0.1:$port
    certificate-authority: $(Join-Path $dir 'ca.crt')
users:
- name: admin
  user:
    token: $token
contexts:
- name: pester
  context: {cluster: pester, user: admin}
current-context: pester
"@
    $deadline = [DateTime]::UtcNow.AddSeconds(90)
    while ($true) {
        $ready = & $Paths.Kubectl --kubeconfig $apiserver.Kubeconfig get --raw /readyz 2>$null
        if ($LASTEXITCODE -eq 0 -and $ready -eq 'ok') { return $apiserver }
        if ([DateTime]::UtcNow -gt $deadline -or @($processes | Where-Object HasExited).Count -gt 0) {
            $log = Get-Content -LiteralPath (Join-Path $dir 'kube-apiserver.log') -Tail 20 -ErrorAction SilentlyContinue
            Stop-KubeApiserver $apiserver
            throw "kube-apiserver did not become ready: $($log -join "`n")"
        }
        Start-Sleep -Milliseconds 250
    }
}

function Stop-KubeApiserver($Apiserver) {
    if (-not $Apiserver) { return }
    foreach ($process in $Apiserver.Processes) {
        & kill -KILL -- "-$($process.Id)" 2>$null
        $null = $process.WaitForExit(5000)
    }
    Remove-Item -LiteralPath $Apiserver.Directory -Recurse -Force -ErrorAction SilentlyContinue
}
