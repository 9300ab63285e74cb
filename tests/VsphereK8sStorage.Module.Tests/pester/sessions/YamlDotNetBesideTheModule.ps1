# A fresh session that loads another YamlDotNet (-YamlDotNet) before or after importing the module, uses both,
# and reports on one JSON line. Run by Isolation.Tests.ps1.
param([string] $Module, [string] $YamlDotNet, [string] $Example, [ValidateSet('OtherFirst', 'ModuleFirst')] [string] $Order)
$ErrorActionPreference = 'Stop'

function Read-WithOtherYamlDotNet {
    $deserializer = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build()
    $document = $deserializer.Deserialize([System.IO.StringReader]::new("name: other`nitems: [1, 2]"))
    "$($document['name']) $($document['items'].Count)"
}

if ($Order -eq 'OtherFirst') {
    Add-Type -Path $YamlDotNet
    $null = Read-WithOtherYamlDotNet
}
Import-Module $Module
$claims = @(Get-PvcBinding -Path $Example).Count
if ($Order -eq 'ModuleFirst') {
    Add-Type -Path $YamlDotNet
}
$other = Read-WithOtherYamlDotNet
$claimsAgain = @(Get-PvcBinding -Path $Example).Count

$loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object {
    [pscustomobject]@{ Version = $_.GetName().Version.ToString(); Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
}
$first = @(Get-PvcBinding -Path $Example)[0]
$typed = "$([VsphereK8sStorage.Binding.ReasonCode]::WaitForFirstConsumer) $($first -is [VsphereK8sStorage.Binding.PvcBinding])"
[pscustomobject]@{ Claims = $claims; ClaimsAgain = $claimsAgain; Other = $other; YamlDotNet = @($loaded); Typed = $typed } | ConvertTo-Json -Depth 4 -Compress
