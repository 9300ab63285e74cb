<#
    The module shares the process with every other module a user imports. Its engine and dependencies
    (YamlDotNet 18, KubernetesClient 21, ...) load into the module's own AssemblyLoadContext, so another
    YamlDotNet - here 11.2.1, the one powershell-yaml 0.4 ships - can be loaded before or after it, and both
    keep working. Each case runs in a fresh pwsh process, as a user's session would.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $otherYamlDotNet = Get-TestPackagePath 'yamldotnet/11.2.1/lib/netstandard2.1/YamlDotNet.dll'
    $session = Join-Path $PSScriptRoot 'sessions/YamlDotNetBesideTheModule.ps1'
}

Describe 'Another module''s YamlDotNet in the same session' {
    It 'works when it was loaded <Order>' -ForEach @(
        @{ Order = 'before Import-Module'; Mode = 'OtherFirst' }
        @{ Order = 'after Import-Module'; Mode = 'ModuleFirst' }
    ) {
        if (-not $otherYamlDotNet) {
            Set-ItResult -Skipped -Because 'YamlDotNet 11.2.1 is not fetched (run tests/tools/install-test-tools.sh)'
            return
        }

        $result = Invoke-FreshPwsh $session @{
            Module = $StagedManifest; YamlDotNet = $otherYamlDotNet; Example = (Join-Path $ExamplesDir 'static-pv-with-default-class'); Order = $Mode
        }

        # Get-PvcBinding reads YAML with its own YamlDotNet, before and after the other one is used.
        $result.Claims | Should -Be 2
        # The types users see resolve by name beside the other YamlDotNet.
        $result.Typed | Should -Be 'WaitForFirstConsumer True'
        $result.ClaimsAgain | Should -Be 2
        # The other YamlDotNet deserializes through its own type names, as powershell-yaml does.
        $result.Other | Should -Be 'other 2'
        # Two YamlDotNet assemblies, each in its own load context.
        @($result.YamlDotNet | Sort-Object Context | ForEach-Object { "$($_.Context) $($_.Version)" }) |
            Should -Be @('Default 11.0.0.0', 'VsphereK8sStorage 18.0.0.0')
    }
}

Describe 'The PowerShell versions the module declares' {
    # Windows PowerShell 5.1 checks the manifest's PowerShellVersion before it loads anything, so '7.4' stops it
    # with "requires a minimum ... version of '7.4'" rather than a load failure of the net8.0 engine; 5.1 ignores
    # CompatiblePSEditions (documentation only there), so PowerShellVersion is the guard. That refusal is
    # PowerShell's own; what the module owns is the declaration.
    It 'is declared as 7.4 for the Core edition only in the staged manifest' {
        $data = Import-PowerShellDataFile -LiteralPath $StagedManifest
        $data.PowerShellVersion | Should -Be '7.4'
        $data.CompatiblePSEditions | Should -Be @('Core')
    }
}
