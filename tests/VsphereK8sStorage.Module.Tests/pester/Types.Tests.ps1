#Requires -Version 7.4
<#
    The types users see (what the commands return, the enums they name) can be named in a script: they live in
    VsphereK8sStorage.Types, loaded in PowerShell's default context, while the engine and its dependencies stay
    in the module's own load context. A second copy of the module imported with -Force writes no error.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module $StagedManifest -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module VsphereK8sStorage -Force -ErrorAction SilentlyContinue
}

Describe 'The types users see' {
    It 'names an enum value: <Expression>' -ForEach @(
        @{ Expression = '[VsphereK8sStorage.Binding.ReasonCode]::WaitForFirstConsumer'; Text = 'WaitForFirstConsumer' }
        @{ Expression = '[VsphereK8sStorage.Kubernetes.ClaimPhase]::Bound'; Text = 'Bound' }
        @{ Expression = '[VsphereK8sStorage.Kubernetes.TaintEffect]::NoExecute'; Text = 'NoExecute' }
        @{ Expression = '[VsphereK8sStorage.Vsphere.VsphereDiskType]::Thin'; Text = 'Thin' }
        @{ Expression = '[VsphereK8sStorage.Vsphere.DiskRemovalRefusal]::AttachedToVm'; Text = 'AttachedToVm' }
    ) {
        "$(Invoke-Expression $Expression)" | Should -Be $Text
    }

    It 'makes -is and typed filters work on Get-PvcBinding output' {
        $result = @(Get-PvcBinding -Path (Join-Path $ExamplesDir 'static-pv-with-default-class'))

        $result[0] -is [VsphereK8sStorage.Binding.PvcBinding] | Should -BeTrue
        @($result | Where-Object ReasonCode -eq ([VsphereK8sStorage.Binding.ReasonCode]::ExternalProvisioning)).Name | Should -Be 'pvc0001'
        $result[0].ReasonCode.GetType() | Should -Be ([VsphereK8sStorage.Binding.ReasonCode])
    }

    It 'loads them once, in the default context, from the module folder; the engine stays in its own' {
        $types = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'VsphereK8sStorage.Types' })
        $core = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'VsphereK8sStorage.Core' })

        $types.Count | Should -Be 1
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($types[0]).Name | Should -Be 'Default'
        $types[0].Location | Should -Be (Join-Path $StagedModule 'VsphereK8sStorage.Types.dll')
        @($core | ForEach-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }) | Should -Be @('VsphereK8sStorage')
        @($types[0].GetReferencedAssemblies().Name | Where-Object { $_ -in 'YamlDotNet', 'KubernetesClient', 'VsphereK8sStorage.Core' }) | Should -BeNullOrEmpty
    }
}

Describe 'A second copy of the module imported with -Force' {
    It 'writes no error, and the module keeps working' {
        $copy = Join-Path $TestDrive 'other/VsphereK8sStorage'
        New-Item -ItemType Directory -Path (Split-Path $copy) | Out-Null
        Copy-Item -LiteralPath $StagedModule -Destination $copy -Recurse

        $result = Invoke-FreshPwsh (Join-Path $PSScriptRoot 'sessions/ImportSecondCopy.ps1') @{
            Module = $StagedManifest; Copy = (Join-Path $copy 'VsphereK8sStorage.psd1'); Example = (Join-Path $ExamplesDir 'static-pv-with-default-class')
        }

        @($result.Errors) | Should -BeNullOrEmpty
        @($result.Base) | Should -Contain $copy
        $result.Claims | Should -Be 2
        $result.IsBinding | Should -BeTrue
        $result.FormatView | Should -BeTrue
    }
}

Describe 'A damaged install (the engine missing from dependencies/)' {
    # The import starts a warm-up plan on a thread-pool thread; with no engine to load it must fail quietly, leaving
    # the failure to the first command, not end the session.
    It 'imports, keeps the session alive, and leaves the failure to the first command' {
        $copy = Join-Path $TestDrive 'damaged/VsphereK8sStorage'
        New-Item -ItemType Directory -Path (Split-Path $copy) | Out-Null
        Copy-Item -LiteralPath $StagedModule -Destination $copy -Recurse
        Remove-Item -LiteralPath (Join-Path $copy 'dependencies/VsphereK8sStorage.Core.dll')

        $result = Invoke-FreshPwsh (Join-Path $PSScriptRoot 'sessions/ImportDamaged.ps1') @{
            Module = (Join-Path $copy 'VsphereK8sStorage.psd1'); Example = (Join-Path $ExamplesDir 'static-pv-with-default-class')
        }

        $result.Alive | Should -BeTrue
        @($result.ImportErrors) | Should -BeNullOrEmpty
        $result.CommandError | Should -Match 'VsphereK8sStorage\.Core'
    }
}
